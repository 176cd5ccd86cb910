import PropertyBased
import Testing
@testable import ConcordText
import TestSupport

@Suite struct TokeniserTests {
    /// The run of ASCII letters is measured eight bytes at a time: it ends where the byte loop
    /// ends it, for every byte value, wherever the run starts and ends within a word and near
    /// the end of the buffer.
    @Test func asciiLetterRunsEndWhereTheByteLoopEndsThem() {
        func byByte(_ bytes: [UInt8], _ start: Int) -> Int {
            var index = start
            while index < bytes.count, (bytes[index] | 0x20) &- 0x61 < 26 { index += 1 }
            return index
        }
        for stop in 0 ... 255 {
            for length in 0 ... 19 {
                for start in 0 ... 3 {
                    let bytes = Array(repeating: UInt8(ascii: "q"), count: start) + (0 ..< length).map { UInt8(ascii: $0 % 2 == 0 ? "a" : "Z") }
                        + [UInt8(stop)] + Array("bc".utf8)
                    let found = bytes.withUnsafeBufferPointer { Tokeniser.Scanner.endOfASCIILetters($0, from: start) }
                    #expect(found == byByte(bytes, start), "byte \(stop), \(length) letters from \(start)")
                }
            }
        }
    }

    static let examples: [(String, [String])] = [
        // French elision, with both apostrophes; other apostrophes stay inside their word.
        ("l'UIT", ["l'", "UIT"]),
        ("d’évaluer", ["d’", "évaluer"]),
        ("L'Union", ["L'", "Union"]),
        ("qu'il", ["qu'", "il"]),
        ("jusqu’à", ["jusqu’", "à"]),
        ("aujourd'hui", ["aujourd'hui"]),
        ("s'appuient sur", ["s'", "appuient", " ", "sur"]),
        ("l'", ["l", "'"]),
        ("'UIT'", ["'", "UIT", "'"]),
        // Spaces and hyphens of every kind kept as they are.
        ("rapport\u{00A0}:", ["rapport", "\u{00A0}", ":"]),
        ("1\u{202F}000", ["1", "\u{202F}", "000"]),
        ("GTC‑SMSI/ODD", ["GTC", "‑", "SMSI", "/", "ODD"]),
        ("GT-SMSI", ["GT", "-", "SMSI"]),
        ("1.1\tLe", ["1.1", "\t", "Le"]),
        ("a \u{00A0}\tb", ["a", " \u{00A0}\t", "b"]),
        ("mise en œuvre", ["mise", " ", "en", " ", "œuvre"]),
        // Numbers.
        ("4.1.3", ["4.1.3"]),
        ("2018, 2019", ["2018", ",", " ", "2019"]),
        ("37ème", ["37ème"]),
        // English and Spanish.
        ("ITU's", ["ITU's"]),
        ("Member States'", ["Member", " ", "States", "'"]),
        ("¿Qué?", ["¿", "Qué", "?"]),
        // Russian, with the Cyrillic с) of labels.
        ("Союз МСЭ, с)", ["Союз", " ", "МСЭ", ",", " ", "с", ")"]),
        // Arabic words, harakat inside them, Arabic-Indic digits, Arabic comma.
        ("الاتحاد الدولي", ["الاتحاد", " ", "الدولي"]),
        ("كَتَبَ", ["كَتَبَ"]),
        ("قرار ١٤٠،", ["قرار", " ", "١٤٠", "،"]),
        // Chinese and Japanese by character.
        ("国际电信联盟。", ["国", "际", "电", "信", "联", "盟", "。"]),
        ("ITU的决议", ["ITU", "的", "决", "议"]),
        ("です。カタ", ["で", "す", "。", "カ", "タ"]),
        // Combining marks and variation selectors stay with their base.
        ("e\u{0301}te\u{0301}", ["e\u{0301}te\u{0301}"]),
        ("国\u{FE00}家", ["国\u{FE00}", "家"]),
        ("", []),
    ]

    @Test(arguments: examples)
    func tokenisesExample(_ text: String, _ expected: [String]) {
        let tokens = Tokeniser.tokens(in: text).map(\.text)
        #expect(tokens.count == expected.count && zip(tokens, expected).allSatisfy { sameBytes($0, $1) },
                "\(tokens) != \(expected)")
    }

    @Test func kindsFollowTheScript() {
        let kinds = Tokeniser.tokens(in: "l'UIT 2018 国。\u{00A0}").map(\.kind)
        #expect(kinds == [.word, .word, .whitespace, .number, .whitespace, .ideograph, .punctuation, .whitespace])
    }

    @Test func tokensConcatenateBackToAwkwardInput() async {
        await propertyCheck(count: 300, input: TextGen.awkward) { text in
            let tokens = Tokeniser.tokens(in: text)
            #expect(sameBytes(tokens.map(\.text).joined(), text))
            #expect(tokens.allSatisfy { !$0.text.isEmpty })
        }
    }

    @Test func tokensConcatenateBackToProse() async {
        await propertyCheck(count: 200, input: TextGen.prose) { text in
            #expect(sameBytes(Tokeniser.tokens(in: text).map(\.text).joined(), text))
        }
    }

    @Test func whitespaceTokensHoldOnlyWhitespace() async {
        await propertyCheck(count: 200, input: TextGen.awkward) { text in
            for token in Tokeniser.tokens(in: text) where token.kind == .whitespace {
                #expect(token.text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }, "\(token)")
            }
        }
    }

    @Test func wholeSeedDocumentRoundTrips() {
        let tokens = Tokeniser.tokens(in: SeedCorpus.text)
        #expect(sameBytes(tokens.map(\.text).joined(), SeedCorpus.text))
        #expect(tokens.contains { sameBytes($0.text, "l'") })
        #expect(tokens.contains { sameBytes($0.text, "\u{2011}") })
    }

    /// Two-byte Latin (U+00C0–U+027F) and Cyrillic (U+0400–U+047F) letters take a shortcut
    /// past the block table; every scalar there must still be classed as the table classes
    /// it, whether it stands inside a word or alone.
    @Test func theTwoByteLetterShortcutAgreesWithTheBlockTable() {
        for range in [0x00C0 ... 0x027F, 0x0400 ... 0x047F] {
            for value in range {
                let scalar = Unicode.Scalar(UInt32(value))!
                let isLetter = ScalarClass(nonASCII: scalar.value) == .letter
                #expect(isLetter == !["\u{D7}", "\u{F7}"].contains(scalar), "U+\(String(value, radix: 16))")
                let tokens = Tokeniser.tokens(in: "a\(scalar)b")
                #expect(tokens.count == (isLetter ? 1 : 3), "U+\(String(value, radix: 16))")
            }
        }
    }
}

