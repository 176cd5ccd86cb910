import Foundation
@testable import ConcordRender
import Testing
import TestSupport

/// `PrettyJSONWriter` promises `JSONEncoder`'s bytes with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]`; the encoder is the oracle, on random trees of every kind of
/// value the reports write, with keys and strings that need escaping.
@Suite struct PrettyJSONWriterTests {
    indirect enum Value: Encodable {
        case string(String), int(Int), bool(Bool), strings([String]), dictionary([String: String])
        case array([Value]), object([String: Value])

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let value): try container.encode(value)
            case .int(let value): try container.encode(value)
            case .bool(let value): try container.encode(value)
            case .strings(let value): try container.encode(value)
            case .dictionary(let value): try container.encode(value)
            case .array(let value): try container.encode(value)
            case .object(let value): try container.encode(value)
            }
        }

        func write(to json: inout PrettyJSONWriter) {
            switch self {
            case .string(let value): json.string(value)
            case .int(let value): json.int(value)
            case .bool(let value): json.bool(value)
            case .strings(let value): json.strings(value)
            case .dictionary(let value): json.stringDictionary(value)
            case .array(let values): json.array(values) { json, value in value.write(to: &json) }
            case .object(let members):
                json.beginObject()
                // The writer's callers give keys in UTF-8 order, as `.sortedKeys` sorts them.
                for key in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                    json.key(key)
                    members[key]!.write(to: &json)
                }
                json.endObject()
            }
        }
    }

    static let pieces = ["a", "B", "é", "中", "\"", "\\", "/", "\n", "\t", "\r", "\u{1}", "\u{1F}", "\u{7F}", "\u{2028}", "👍🏽", " ", "ab"]
    static func text(using rng: inout SplitMix64) -> String {
        (0 ..< Int.random(in: 0 ... 6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    static func value(depth: Int, using rng: inout SplitMix64) -> Value {
        func text() -> String { Self.text(using: &rng) }
        switch Int.random(in: 0 ..< (depth > 2 ? 5 : 7), using: &rng) {
        case 0: return .string(text())
        case 1: return .int(Int.random(in: Int.min ... Int.max, using: &rng) >> Int.random(in: 0 ... 63, using: &rng))
        case 2: return .bool(Bool.random(using: &rng))
        case 3: return .strings((0 ..< Int.random(in: 0 ... 3, using: &rng)).map { _ in text() })
        case 4: return .dictionary(Dictionary((0 ..< Int.random(in: 0 ... 3, using: &rng)).map { _ in (text(), text()) }, uniquingKeysWith: { a, _ in a }))
        case 5: return .array((0 ..< Int.random(in: 0 ... 3, using: &rng)).map { _ in value(depth: depth + 1, using: &rng) })
        default:
            return .object(Dictionary((0 ..< Int.random(in: 0 ... 4, using: &rng)).map { _ in (text(), value(depth: depth + 1, using: &rng)) },
                                      uniquingKeysWith: { a, _ in a }))
        }
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let seed = UInt64.random(in: 0 ... .max)
        var rng = SplitMix64(seed: seed)
        for _ in 0 ..< 500 {
            let tree = Self.value(depth: 0, using: &rng)
            var json = PrettyJSONWriter()
            tree.write(to: &json)
            let expected = try encoder.encode(tree)
            guard json.bytes == Array(expected) else {
                Issue.record("seed \(seed): \(String(decoding: json.bytes, as: UTF8.self)) != \(String(decoding: expected, as: UTF8.self))")
                return
            }
        }
    }

    /// Strings are scanned eight bytes at a time for what must be escaped: every ASCII byte,
    /// at every place around and across those words, among plain and multi-byte text, is
    /// quoted as the encoder quotes it.
    @Test func quotesEveryByteAtEveryPlaceAsJSONEncoderDoes() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for filler in ["a", "é"] {
            for byte in UInt8(0) ... 0x7F {
                for place in 0 ..< 20 {
                    let text = String(repeating: filler, count: place) + String(UnicodeScalar(byte)) + String(repeating: filler, count: 19 - place)
                    var json = PrettyJSONWriter()
                    json.string(text)
                    #expect(json.bytes == Array(try encoder.encode(text)), "byte \(byte) after \(place) × \(filler)")
                }
            }
        }
    }

    /// Indentation deeper than one step of spaces appends is still two spaces a level.
    @Test func indentsDeepNestingAsJSONEncoderDoes() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var tree = Value.string("deep")
        for _ in 0 ..< 40 { tree = .array([tree]) }
        var json = PrettyJSONWriter()
        tree.write(to: &json)
        #expect(json.bytes == Array(try encoder.encode(tree)))
    }
}
