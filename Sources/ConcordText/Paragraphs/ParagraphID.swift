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

    /// For ids built from characters known to be allowed (`ParagraphIdentity`'s `p` and hex).
    init(uncheckedRawValue: String) {
        assert(ParagraphID(rawValue: uncheckedRawValue) != nil, "not an id: \(uncheckedRawValue)")
        rawValue = uncheckedRawValue
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
