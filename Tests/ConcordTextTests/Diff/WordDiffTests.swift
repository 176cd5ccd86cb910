import PropertyBased
import Testing
import ConcordText
import TestSupport

@Suite struct WordDiffTests {
    /// Every contract of `WordDiff.spans` that holds for any input.
    static func expectContract(_ spans: [Span], old: String, new: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sameBytes(spans.oldText, old), "same+delete must rebuild the old text", sourceLocation: sourceLocation)
        #expect(sameBytes(spans.newText, new), "same+insert must rebuild the new text", sourceLocation: sourceLocation)
        #expect(spans.allSatisfy { !$0.text.isEmpty }, "no empty spans", sourceLocation: sourceLocation)
        for (left, right) in zip(spans, spans.dropFirst()) {
            #expect(left.change != right.change || left.isFormattingOnly != right.isFormattingOnly,
                    "adjacent spans of one kind are merged", sourceLocation: sourceLocation)
        }
        for (index, span) in spans.enumerated() where span.isFormattingOnly {
            #expect(span.change != .same, sourceLocation: sourceLocation)
            if span.change == .delete {
                let partner = spans.indices.contains(index + 1) ? spans[index + 1] : nil
                #expect(partner?.change == .insert && partner?.isFormattingOnly == true, sourceLocation: sourceLocation)
                if let partner {
                    #expect(sameBytes(FoldedKey.fold(span.text), FoldedKey.fold(partner.text)),
                            "a formatting-only pair differs only under the folded key", sourceLocation: sourceLocation)
                }
            }
        }
    }

    static func rendered(_ spans: [Span]) -> [String] {
        spans.map { span in
            let mark = span.isFormattingOnly ? "~" : ""
            switch span.change {
            case .same: return span.text
            case .delete: return "[-\(mark)\(span.text)-]"
            case .insert: return "{+\(mark)\(span.text)+}"
            }
        }
    }

    // MARK: Properties

    @Test func spansRebuildBothSidesOfRandomTexts() async {
        await propertyCheck(count: 300, input: TextGen.prose, TextGen.prose) { old, new in
            Self.expectContract(WordDiff.spans(from: old, to: new), old: old, new: new)
        }
    }

    @Test func spansRebuildBothSidesOfAwkwardTexts() async {
        await propertyCheck(count: 300, input: TextGen.awkward, TextGen.awkward) { old, new in
            Self.expectContract(WordDiff.spans(from: old, to: new), old: old, new: new)
        }
    }

    @Test func spansRebuildBothSidesOfEditedSeedParagraphs() async {
        await propertyCheck(count: 150, input: TextGen.seedEdits) { pair in
            Self.expectContract(WordDiff.spans(from: pair.0, to: pair.1), old: pair.0, new: pair.1)
        }
    }

    @Test func aTextAgainstItselfHasNoChange() async {
        await propertyCheck(count: 200, input: TextGen.awkward) { text in
            let spans = WordDiff.spans(from: text, to: text)
            #expect(spans.allSatisfy { $0.change == .same })
            #expect(spans.count == (text.isEmpty ? 0 : 1))
        }
    }

    @Test func editsOfSeedParagraphsAreFound() async {
        await propertyCheck(count: 100, input: TextGen.seedEdits) { pair in
            let spans = WordDiff.spans(from: pair.0, to: pair.1)
            #expect(spans.contains { $0.change != .same } == !sameBytes(pair.0, pair.1))
        }
    }

    // MARK: Examples, per language

    static let examples: [(old: String, new: String, expected: [String])] = [
        // French: the elided article stays, only the word after it changes.
        ("mise en œuvre par l'UIT des résultats", "mise en œuvre par l'Union des résultats",
         ["mise en œuvre par l'", "[-UIT-]", "{+Union+}", " des résultats"]),
        ("d'évaluer les travaux", "d'examiner les travaux", ["d'", "[-évaluer-]", "{+examiner+}", " les travaux"]),
        // Formatting-only: NBSP, apostrophe, non-breaking hyphen, œ.
        ("Le Groupe de travail\u{00A0}: rapport", "Le Groupe de travail : rapport",
         ["Le Groupe de travail", "[-~\u{00A0}-]", "{+~ +}", ": rapport"]),
        ("l'UIT", "l’UIT", ["[-~l'-]", "{+~l’+}", "UIT"]),
        ("GTC‑SMSI/ODD", "GTC-SMSI/ODD", ["GTC", "[-~‑-]", "{+~-+}", "SMSI/ODD"]),
        ("mise en œuvre", "mise en oeuvre", ["mise en ", "[-~œuvre-]", "{+~oeuvre+}"]),
        // A tab is not a space.
        ("1.1\tLe Groupe", "1.1 Le Groupe", ["1.1", "[-\t-]", "{+ +}", "Le Groupe"]),
        // Chinese and Japanese by character.
        ("国际电信联盟决议", "国际电信联盟新决议", ["国际电信联盟", "{+新+}", "决议"]),
        ("これはひらがなです", "これはカタカナです", ["これは", "[-ひらがな-]", "{+カタカナ+}", "です"]),
        // Arabic and Russian by word.
        ("قرار الاتحاد الدولي للاتصالات", "قرار الدول الدولي للاتصالات",
         ["قرار ", "[-الاتحاد-]", "{+الدول+}", " الدولي للاتصالات"]),
        ("Союз решает поручить", "Союз постановляет поручить", ["Союз ", "[-решает-]", "{+постановляет+}", " поручить"]),
        // Spanish and English.
        ("los Estados Miembros de la Unión", "los Estados Miembros de la UIT",
         ["los Estados Miembros de la ", "[-Unión-]", "{+UIT+}"]),
        // Insertions and deletions start at a word and end on a space.
        ("the cat sat", "the big cat sat", ["the ", "{+big +}", "cat sat"]),
        ("the big cat sat", "the cat sat", ["the ", "[-big -]", "cat sat"]),
        ("Le Conseil", "Le Conseil est invité", ["Le Conseil", "{+ est invité+}"]),
        // A short equality between two changes is absorbed into one replacement.
        ("Le rapport du Conseil a approuvé les résultats du SMSI", "Le rapport du Secrétariat a noté les résultats du SMSI",
         ["Le rapport du ", "[-Conseil a approuvé-]", "{+Secrétariat a noté+}", " les résultats du SMSI"]),
        // A paragraph rewritten for the most part is one deletion and one insertion.
        ("Le Groupe a salué le rapport du Conseil.", "La Commission examinera ce document du Secrétariat.",
         ["[-Le Groupe a salué le rapport du Conseil.-]", "{+La Commission examinera ce document du Secrétariat.+}"]),
        ("", "Nouveau paragraphe.", ["{+Nouveau paragraphe.+}"]),
        ("Paragraphe supprimé.", "", ["[-Paragraphe supprimé.-]"]),
    ]

    @Test(arguments: examples)
    func diffsExample(_ example: (old: String, new: String, expected: [String])) {
        let spans = WordDiff.spans(from: example.old, to: example.new)
        Self.expectContract(spans, old: example.old, new: example.new)
        let rendered = Self.rendered(spans)
        #expect(rendered.count == example.expected.count && zip(rendered, example.expected).allSatisfy { sameBytes($0, $1) },
                "\(rendered)")
    }

    @Test func realSeedSentenceWithWordAndNBSPChanges() throws {
        // From section 1.1 of Drafts/wsis-report.txt.
        let old = try #require(SeedCorpus.text.split(separator: "\n").first { $0.hasPrefix("1.1\t") }).description
        let new = old.replacingOccurrences(of: "par l'UIT", with: "par l'Union")
            .replacingOccurrences(of: "Résolution\u{00A0}1196", with: "Résolution 1196")
        let spans = WordDiff.spans(from: old, to: new)
        Self.expectContract(spans, old: old, new: new)
        let changes = spans.filter { $0.change != .same }
        // The seed has an NBSP in "Résolution 1196"; it comes first in the sentence.
        #expect(changes.map(\.text) == ["\u{00A0}", " ", "UIT", "Union"])
        #expect(changes.map(\.isFormattingOnly) == [true, true, false, false])
    }
}
