import PropertyBased
import TestSupport

/// Property-test inputs for the text core. Built from pieces, so PropertyBased can shrink a
/// failing text by dropping pieces.
enum TextGen {
    /// Scalars that stress the tokeniser: every class, combining marks, joiners, emoji,
    /// the space and hyphen variants, and an apostrophe of each kind.
    static let awkwardPieces: [String] = [
        "a", "É", "é", "e\u{0301}", "œ", "Œ", "1", "٣", "'", "’", "ʼ", "-", "‑", "‐", ".", ",", " ", "\t", "\n",
        "\u{00A0}", "\u{202F}", "\u{3000}", "\u{200D}", "\u{FE0F}", "👍🏽", "国", "か", "ア", "한", "Я", "ж", "ب", "\u{064E}",
        "l'", "qu’", "、", "。", "¿", "«", "\u{0301}", "\u{FEFF}", "\r\n",
    ]

    /// Random strings of awkward scalars, up to 40 pieces.
    static let awkward = Gen.element(of: awkwardPieces).map { $0! }.array(of: 0 ... 40).map { $0.joined() }

    /// Multilingual prose: words of the six UN languages with space, NBSP, tab and hyphen
    /// variants between them.
    static let prose = Gen.element(of: Vocabulary.allWords + Vocabulary.separators).map { $0! }
        .array(of: 0 ... 40).map { $0.joined() }

    /// Prose over a tiny vocabulary, so that two texts share many tokens in many orders —
    /// the inputs where a diff can be suboptimal.
    static let repetitive = Gen.element(of: ["a", "b", "c", " ", " ", "l'", "l’", "\u{00A0}", "国", "à"]).map { $0! }
        .array(of: 0 ... 24).map { $0.joined() }

    /// A pair (text, an edited copy of it) derived by seed from the real French document.
    static let seedEdits = Gen.uint64().map { seed -> (String, String) in
        var rng = SplitMix64(seed: seed)
        let paragraph = SeedCorpus.paragraphs.randomElement(using: &rng)!
        let edited = RandomText.mutated(paragraph, edits: Int.random(in: 0 ... 6, using: &rng), using: &rng)
        return (paragraph, edited)
    }
}

/// Byte-for-byte equality: `String ==` would also accept canonically equivalent text
/// (`é` vs `e` + U+0301), which is exactly what Concord must not confuse.
func sameBytes(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }
