/// A paragraph's numbering as printed: `1`, `4.1.3.1`, `a)`, `bb)`, `xiv)`, `1bis`, `2 ter`,
/// `•`, `–`. Labels are reassigned between revisions and repeat within real documents (a
/// report can number two paragraphs 9.1), so they are shown, compared and searched, but never
/// used as identity.
public struct Label: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
