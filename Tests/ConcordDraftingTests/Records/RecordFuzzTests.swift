@testable import ConcordDrafting
import ConcordText
import Foundation
import Testing
import TestSupport

/// A seeded mutation fuzzer for the record readers: every byte string a pushed branch could
/// hold is either read, and then reads back the same after writing, or refused with a
/// `DraftingError` naming the file. A crash ends the test process, which the runner reports.
///
/// The corpus (`Corpus/`) holds one record of each kind, a hand-written one with literal
/// strings, and the attack strings that broke literal-string writing. Each input is a corpus
/// file with a few mutations: bytes flipped, TOML's special characters and bad UTF-8
/// inserted, lines dropped, doubled or spliced from another record. Every input goes through
/// all four readers, so each reader also sees the others' shapes. `CONCORD_FUZZ_SEED` replays
/// a run; `CONCORD_FUZZ_DUMP=FILE` keeps the input being read in FILE, so that the one that
/// crashed is there afterwards.
@Suite struct RecordFuzzTests {
    static let corpus: [[UInt8]] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
        return names.compactMap { FileManager.default.contents(atPath: folder.appendingPathComponent($0).path).map { Array($0) } }
    }()

    static let inserts: [[UInt8]] = ["'", "\"", "'''", "\"\"\"", "\\", "\\u", "\\U0010FFFF", "\n", "\r", "[", "]", "[[", "=", "#", ".",
                                     "{", "}", ",", " = ", "\n[members.X]\n", "99999999999999999999", "-", "1979-05-27T07:32:00Z",
                                     "inf", "nan", "true", "é", "\u{FEFF}", "\u{2028}"].map { Array($0.utf8) }
        + [[0x00], [0xFF], [0xC3], [0xE2, 0x80], [0xED, 0xA0, 0x80]]

    static func mutated(_ input: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0 ..< Int.random(in: 1 ... 4, using: &rng) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0 ... bytes.count, using: &rng)
            switch Int.random(in: 0 ..< 5, using: &rng) {
            case 0 where at < bytes.count: bytes[at] ^= UInt8(1 << Int.random(in: 0 ..< 8, using: &rng))
            case 1: bytes.insert(contentsOf: inserts.randomElement(using: &rng)!, at: at)
            case 2 where at < bytes.count: bytes.removeSubrange(at ..< min(bytes.count, at + Int.random(in: 1 ... 40, using: &rng)))
            case 3:
                let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                let line = lines.randomElement(using: &rng).map(Array.init) ?? []
                bytes.insert(contentsOf: line + [UInt8(ascii: "\n")], at: at)
            default:
                let other = corpus.randomElement(using: &rng)!
                let lines = other.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                bytes.insert(contentsOf: Array(lines.randomElement(using: &rng) ?? []) + [UInt8(ascii: "\n")], at: at)
            }
        }
        return bytes
    }

    enum Outcome { case read, refused }

    /// Reads `text` as each record; a read value must write and read back the same.
    static func readEveryWay(_ text: String) throws -> [Outcome] {
        func attempt(_ body: () throws -> Void) throws -> Outcome {
            do { try body(); return .read } catch is DraftingError { return .refused }
        }
        return try [
            attempt {
                let registry = try MemberRegistry(toml: text)
                #expect(try MemberRegistry(toml: registry.toml()) == registry, "\(text.debugDescription)")
            },
            attempt {
                let record = try ProposalRecord(toml: text, path: "p.toml")
                #expect(try ProposalRecord(toml: record.toml(), path: "p.toml") == record, "\(text.debugDescription)")
            },
            attempt {
                let ledger = try RoundLedger(toml: text, path: "r.toml")
                #expect(try RoundLedger(toml: ledger.toml(), path: "r.toml") == ledger, "\(text.debugDescription)")
            },
            attempt {
                let ledger = try DecisionLedger(toml: text, path: "d.toml")
                let again = try DecisionLedger(toml: ledger.toml(), path: "d.toml")
                #expect(again.decisions.map(\.decision) == ledger.decisions.map(\.decision), "\(text.debugDescription)")
            },
        ]
    }

    @Test func theCorpusReadsAsItsOwnKind() throws {
        #expect(Self.corpus.count >= 5, "the corpus is in the repository beside this file")
        for bytes in Self.corpus {
            let outcomes = try Self.readEveryWay(String(decoding: bytes, as: UTF8.self))
            #expect(outcomes.contains(.read), "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func mutatedRecordsAreReadOrRefusedNeverCrash() throws {
        let seed = ProcessInfo.processInfo.environment["CONCORD_FUZZ_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0 ... .max)
        var rng = SplitMix64(seed: seed)
        let inputs = 4_000
        var read = 0, refused = 0, notUTF8 = 0
        for _ in 0 ..< inputs {
            let bytes = Self.mutated(Self.corpus.randomElement(using: &rng)!, using: &rng)
            // The repository refuses a record that is not UTF-8 before TOML sees it.
            guard let text = String(validating: bytes, as: UTF8.self) else { notUTF8 += 1; continue }
            if let dump = ProcessInfo.processInfo.environment["CONCORD_FUZZ_DUMP"] {
                FileManager.default.createFile(atPath: dump, contents: Data(bytes))
            }
            for outcome in try Self.readEveryWay(text) {
                if outcome == .read { read += 1 } else { refused += 1 }
            }
        }
        print("record fuzz: seed \(seed) (CONCORD_FUZZ_SEED), \(inputs) inputs, \(notUTF8) not UTF-8, "
              + "\(read) reads that round-trip, \(refused) refusals, no crash")
        #expect(read > 0 && refused > 0, "the mutations reach both outcomes")
    }
}
