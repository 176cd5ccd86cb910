import PropertyBased
import Testing
@testable import ConcordText

@Suite struct FoldedKeyTests {
    static let examples: [(String, String)] = [
        ("\u{00A0}", " "), ("\u{202F}", " "), ("\u{2009}", " "), ("\u{3000}", " "), (" \u{00A0} ", " "),
        ("\t", "\t"), (" \t ", " \t "),
        ("‑", "-"), ("‐", "-"), ("-", "-"), ("–", "–"), ("—", "—"),
        ("l’", "l'"), ("ʼ", "'"), ("œuvre", "oeuvre"), ("Œuvre", "OEuvre"),
        ("Union", "Union"), ("UNION", "UNION"), ("国际", "国际"),
    ]

    @Test(arguments: examples)
    func folds(_ text: String, _ expected: String) {
        #expect(sameBytes(FoldedKey.fold(text), expected))
    }

    @Test func foldingATextFoldsEachOfItsTokens() async {
        await propertyCheck(count: 200, input: TextGen.awkward) { text in
            let byToken = Tokeniser.tokens(in: text).map(\.foldedKey).joined()
            #expect(sameBytes(FoldedKey.fold(text), byToken))
        }
    }

    @Test func foldingIsIdempotent() async {
        await propertyCheck(count: 200, input: TextGen.awkward) { text in
            let once = FoldedKey.fold(text)
            #expect(sameBytes(FoldedKey.fold(once), once))
        }
    }
}
