/// A member's short id, as ITU writes it: `F`, `USA`, `RUS`, `B`, `CEPT`, `APT`.
///
/// It names the member's comment branches, so it is held to what is safe there: 1 to 16 ASCII
/// letters, digits, `-` or `_`, starting with a letter. `../x`, `refs/heads/main`, spaces and
/// the empty string are refused before anything is read or written.
public struct MemberID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ rawValue: String) {
        let bytes = Array(rawValue.utf8)
        guard (1...16).contains(bytes.count), Self.isLetter(bytes[0]),
              bytes.allSatisfy({ Self.isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                  || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (a: MemberID, b: MemberID) -> Bool { a.rawValue < b.rawValue }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
