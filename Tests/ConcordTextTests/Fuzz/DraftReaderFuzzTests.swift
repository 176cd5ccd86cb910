@testable import ConcordText
import Foundation
import Testing
import TestSupport

/// A fuzz target for the draft reader: seeded mutations of a committed corpus
/// (`Fuzz/Corpus/`: drafts from `Drafts/`, a stored draft with ids, bookmarks, BOMs, CRLF,
/// CR-only and mixed endings, UTF-16 and UTF-32, a mangled id, Latin-1), read every way the
/// commands read a file (and as Markdown, and as an edit of the file it was mutated from).
/// The reader must never crash; it either throws a
/// `DraftTextError` or returns paragraphs that the three ways of reading agree on and that
/// the stored form gives back.
///
/// Bounded by time (`CONCORD_FUZZ_SECONDS`, 10 s by default, so CI stays well under 20 s) and
/// by seed (`CONCORD_FUZZ_SEED`, random by default): the seed and the number of inputs are
/// printed, and the same seed replays the same inputs in the same order. A crash ends the
/// test process; run it again with the printed seed to find the input.
@Suite struct DraftReaderFuzzTests {
    static let corpusDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static func corpus() throws -> [(name: String, bytes: [UInt8])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: corpusDirectory.path).sorted()
        return try names.map { name in
            (name, [UInt8](try Data(contentsOf: corpusDirectory.appendingPathComponent(name))))
        }
    }

    /// What a mutation inserts besides random bytes: the bytes the reader treats specially.
    static let tokens: [[UInt8]] = [
        Array("{#".utf8), Array("}".utf8), Array("{#p4d8d94e6} ".utf8), Array("{# p4d8d94e6}".utf8), Array("#p0000000a}".utf8),
        Array("[bookmark: ".utf8), Array("]".utf8), [0x0D], [0x0A], [0x0D, 0x0A], [0x00], [0xFF], [0x09], [0x20],
        [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00], [0x00, 0x00, 0xFE, 0xFF],
        [0xD8, 0x00], [0xDC, 0x00], [0xC3], [0xA9], [0xE2, 0x80], Array("é".utf8), Array("1.1\t".utf8), Array("с)\t".utf8),
    ]

    /// One to four mutations of `input`, or a splice with `other`.
    static func mutated(_ input: [UInt8], splicing other: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0 ..< Int.random(in: 1 ... 4, using: &rng) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0 ... bytes.count, using: &rng)
            switch Int.random(in: 0 ..< 7, using: &rng) {
            case 0 where at < bytes.count: bytes[at] ^= UInt8(1) << UInt8.random(in: 0 ..< 8, using: &rng)   // flip a bit
            case 1: bytes.insert(UInt8.random(in: 0 ... 255, using: &rng), at: at)                          // insert a byte
            case 2 where !bytes.isEmpty:                                                                      // delete a run
                let start = Int.random(in: 0 ..< bytes.count, using: &rng)
                bytes.removeSubrange(start ..< min(bytes.count, start + Int.random(in: 1 ... 8, using: &rng)))
            case 3: bytes.insert(contentsOf: tokens.randomElement(using: &rng)!, at: at)                      // insert a token
            case 4: bytes.insert(contentsOf: tokens.randomElement(using: &rng)!, at: 0)                       // a mark up front
            case 5 where !other.isEmpty:                                                                      // splice
                let start = Int.random(in: 0 ..< other.count, using: &rng)
                let piece = other[start ..< min(other.count, start + Int.random(in: 1 ... 200, using: &rng))]
                bytes = Array(bytes[..<at]) + piece + (Bool.random(using: &rng) ? Array(bytes[at...]) : [])
            case 6 where at < bytes.count: bytes[at] = UInt8.random(in: 0 ... 255, using: &rng)              // overwrite
            default: bytes.insert(0x0A, at: at)
            }
        }
        return Array(bytes.prefix(1 << 16))
    }

    static func read(_ bytes: [UInt8], _ body: ([UInt8]) throws(DraftTextError) -> DraftText) -> Result<DraftText, DraftTextError> {
        do throws(DraftTextError) { return .success(try body(bytes)) } catch { return .failure(error) }
    }

    /// Reads `bytes` the three ways the commands do and checks what they give; returns whether
    /// the text was read (false: refused with a `DraftTextError`).
    /// `original`: the corpus file `bytes` were mutated from; read as a base, the mutated text
    /// is read against it as a member's edit is, sharing the lines it repeats.
    @discardableResult
    static func check(_ bytes: [UInt8], original: [UInt8]? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let plain = read(bytes) { bytes throws(DraftTextError) in try DraftText(parsing: bytes) }
        let hashed = read(bytes) { bytes throws(DraftTextError) in try DraftText(parsing: SourceBytes(bytes), hashingKeys: true) }
        #expect(plain == hashed, "\(bytes)", sourceLocation: sourceLocation)
        if let original, case .success(let base) = read(original, { bytes throws(DraftTextError) in try DraftText(parsing: bytes) }) {
            let edit = read(bytes) { bytes throws(DraftTextError) in try DraftText(parsing: bytes, reusingParagraphsOf: DiffBase(base)) }
            #expect(edit == plain, "\(bytes) against \(original)", sourceLocation: sourceLocation)
        }
        // Markdown is read as plain lines first, then joined: it fails exactly when they do.
        let markdown = read(bytes) { bytes throws(DraftTextError) in try DraftText(parsingMarkdown: bytes) }
        #expect(markdown.map { _ in true } == plain.map { _ in true }, "\(bytes)", sourceLocation: sourceLocation)
        guard case .success(let text) = plain else { return false }
        // Read again as a member's edit of itself: every line shared with the base.
        let base = DiffBase(text)
        let reread = read(bytes) { bytes throws(DraftTextError) in try DraftText(parsing: bytes, reusingParagraphsOf: base) }
        #expect(reread == plain, "\(bytes)", sourceLocation: sourceLocation)
        // The stored form reads back as the same paragraphs, ids and all.
        let identified = text.withMissingIDsAssigned()
        let stored = read(identified.storedBytes()) { bytes throws(DraftTextError) in try DraftText(parsing: bytes) }
        #expect(stored == .success(identified), "\(bytes)", sourceLocation: sourceLocation)
        return true
    }

    @Test func theCorpusReadsAsExpected() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 12)
        let refused = Set(corpus.filter { !Self.check($0.bytes) }.map(\.name))
        #expect(refused == ["latin1.txt", "mangled-id.txt"])
    }

    @Test func mutatedInputsNeverCrashTheReader() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["CONCORD_FUZZ_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 0 ... UInt64.max)
        let seconds = min(environment["CONCORD_FUZZ_SECONDS"].flatMap { Double($0) } ?? 10, 600)
        let corpus = try Self.corpus().map(\.bytes)
        var rng = SplitMix64(seed: seed)
        let clock = ContinuousClock()
        let end = clock.now + .milliseconds(Int(seconds * 1000))
        var inputs = 0, read = 0
        print("draft reader fuzz: seed \(seed) (CONCORD_FUZZ_SEED=\(seed) replays it), \(seconds) s")
        // The time is looked at every 64 inputs; the inputs depend on the seed alone.
        while inputs % 64 != 0 || clock.now < end {
            let original = corpus.randomElement(using: &rng)!
            let input = Self.mutated(original, splicing: corpus.randomElement(using: &rng)!, using: &rng)
            if Self.check(input, original: original) { read += 1 }
            inputs += 1
        }
        print("draft reader fuzz: seed \(seed): \(inputs) inputs, \(read) read as drafts, \(inputs - read) refused, 0 crashes")
    }
}
