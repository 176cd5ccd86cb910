/// The stable name of a paragraph. It survives renumbering, insertions, deletions and moves,
/// so it never derives from the label alone.
///
/// Spelling: 1 to 64 ASCII letters, digits, `_`, `-` or `.`, not starting with `-` or `.`:
/// the characters Word allows in bookmark names plus the two that `p-…` ids use, and none
/// that could be a path or a reference trick.
public struct ParagraphID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(rawValue: String) {
        let bytes = rawValue.utf8
        guard (1...64).contains(bytes.count), let first = bytes.first, first != UInt8(ascii: "-"),
              first != UInt8(ascii: "."), bytes.allSatisfy(Self.isAllowed) else { return nil }
        self.rawValue = rawValue
    }

    /// An id read straight off a file's bytes: validated there, so that a draft's thousands
    /// of `{#id}` prefixes cost no `String` walk (the `String` is built only for a valid id).
    init?(validating bytes: UnsafeBufferPointer<UInt8>) {
        guard (1...64).contains(bytes.count), bytes[0] != UInt8(ascii: "-"), bytes[0] != UInt8(ascii: ".") else { return nil }
        for byte in bytes where !Self.isAllowed(byte) { return nil }
        rawValue = String(decoding: bytes, as: UTF8.self)
    }

    /// The id made from `number` (`ParagraphIdentity`): `p` and its eight lower-case
    /// hexadecimal digits, nine ASCII bytes, which `String` keeps inline without allocating.
    init(madeFrom number: UInt32) {
        // Written in place: decoding a buffer of the name took twice as long, and a base
        // without ids makes one for each of its paragraphs.
        rawValue = String(unsafeUninitializedCapacity: Self.madeNameLength) { Self.writeMadeName(number, into: $0) }
    }

    /// The number a made id spells (`init(madeFrom:)`); nil for an id of any other shape.
    var madeNumber: UInt32? {
        var name = rawValue
        return name.withUTF8 { bytes in
            guard bytes.count == 9, bytes[0] == UInt8(ascii: "p") else { return nil }
            var number: UInt32 = 0
            for byte in bytes[1...] {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
                default: return nil
                }
                number = number << 4 | UInt32(digit)
            }
            return number
        }
    }

    /// `p` and eight hexadecimal digits.
    private static let madeNameLength = 9

    /// The bytes of the made id of `number`, on the stack.
    static func withMadeName<Result>(_ number: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: madeNameLength) { name in
            body(UnsafeBufferPointer(rebasing: name[..<writeMadeName(number, into: name)]))
        }
    }

    /// Writes the made id of `number` at the start of `name`, which has room for it; returns its length.
    private static func writeMadeName(_ number: UInt32, into name: UnsafeMutableBufferPointer<UInt8>) -> Int {
        name[0] = UInt8(ascii: "p")
        for position in 0..<8 {
            let digit = UInt8(truncatingIfNeeded: number >> UInt32(28 - 4 * position)) & 0xF
            name[1 + position] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
        }
        return madeNameLength
    }

    public var description: String { rawValue }

    public static func < (a: ParagraphID, b: ParagraphID) -> Bool { a.rawValue < b.rawValue }

    static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }
}
