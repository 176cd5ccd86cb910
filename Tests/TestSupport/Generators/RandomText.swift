/// Random multilingual texts and word-level mutations of texts, deterministic by generator.
public enum RandomText {
    /// `words` words from `vocabulary` joined by random separators.
    public static func text(
        words: Int, vocabulary: [String] = Vocabulary.allWords, using rng: inout some RandomNumberGenerator
    ) -> String {
        var text = ""
        for index in 0 ..< words {
            if index > 0 { text += Vocabulary.separators.randomElement(using: &rng)! }
            text += vocabulary.randomElement(using: &rng)!
        }
        return text
    }

    /// `text` with `edits` word-level changes: a word inserted, deleted or replaced, or a
    /// separator swapped (space for NBSP, `-` for U+2011, …) — the mix real amendments and
    /// real editors produce.
    public static func mutated(
        _ text: String, edits: Int, vocabulary: [String] = Vocabulary.allWords,
        using rng: inout some RandomNumberGenerator
    ) -> String {
        var pieces = pieces(of: text)
        for _ in 0 ..< edits {
            let index = pieces.isEmpty ? 0 : Int.random(in: 0 ..< pieces.count, using: &rng)
            let word = vocabulary.randomElement(using: &rng)!
            switch Int.random(in: 0 ..< 4, using: &rng) {
            case 0:
                pieces.insert(contentsOf: [word, " "], at: index)
            case 1 where !pieces.isEmpty:
                pieces.remove(at: index)
            case 2 where !pieces.isEmpty:
                pieces[index] = word
            default:
                pieces.insert(Vocabulary.separators.randomElement(using: &rng)!, at: index)
            }
        }
        return pieces.joined()
    }

    /// Splits at spaces, keeping them as their own pieces, so mutations act on words.
    static func pieces(of text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for character in text {
            if character == " " {
                if !current.isEmpty { pieces.append(current) }
                pieces.append(" ")
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}
