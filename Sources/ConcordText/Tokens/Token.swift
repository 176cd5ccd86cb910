/// One unit of comparison in a paragraph: a word, a number, one ideograph, one punctuation
/// mark, or a run of whitespace.
///
/// Tokens partition their text: every byte belongs to exactly one token, so the tokens of
/// a text concatenate back to it byte for byte. That is what lets a diff over tokens
/// rebuild both sides exactly.
public struct Token: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Letters (any script but CJK), digits and combining marks; `l'` of a French
        /// elision is a word of its own.
        case word
        /// Digits, with `.` or `,` between digits (`2018`, `4.1.3`, `1,5`).
        case number
        /// One Han ideograph, kana or Hangul syllable (see `Tokeniser+Scripts.swift`).
        case ideograph
        /// One punctuation mark or symbol.
        case punctuation
        /// A run of spaces, tabs, line breaks and non-breaking spaces.
        case whitespace
    }

    /// The token's text exactly as it appears in the input.
    public var text: String
    public var kind: Kind

    public init(text: String, kind: Kind) {
        self.text = text
        self.kind = kind
    }

    /// The form the diff compares (see `FoldedKey`).
    public var foldedKey: String { FoldedKey.fold(text) }
}
