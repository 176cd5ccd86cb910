/// The name of a draft, e.g. `res140`. It names the file `Drafts/<id>.txt` and appears in
/// branch names, so it is limited to what is safe in both: 1 to 64 ASCII letters, digits,
/// `-`, `_` and `.`, starting with a letter or digit, with no `..` and no `.lock` ending.
public struct DraftID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ rawValue: String) {
        let bytes = Array(rawValue.utf8)
        guard (1...64).contains(bytes.count), let first = bytes.first, Self.isLetterOrDigit(first),
              bytes.allSatisfy({ Self.isLetterOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
                  || $0 == UInt8(ascii: ".") }),
              !rawValue.contains(".."), !rawValue.hasSuffix(".lock"), !rawValue.hasSuffix(".") else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (a: DraftID, b: DraftID) -> Bool { a.rawValue < b.rawValue }

    /// Where the draft's base text lives on the main branch.
    public var path: String { "\(DraftingRepository.draftsFolder)/\(rawValue).txt" }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
