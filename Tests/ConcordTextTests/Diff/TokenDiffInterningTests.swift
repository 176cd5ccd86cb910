import PropertyBased
import Testing
@testable import ConcordText
import TestSupport

@Suite struct TokenDiffInterningTests {
    @Test func internerGrowsAndKeepsIDsStable() {
        var interner = TokenInterner(expectedTokens: 1)
        // Short keys are kept as two words, longer ones (every third here) as bytes.
        let keys = (0 ..< 20_000).map { Array(($0 % 3 == 0 ? "clé assez longue pour ses octets \($0)" : "clé\($0)").utf8) }
        let ids = keys.map { key in key.withUnsafeBufferPointer { interner.intern($0) } }
        #expect(Set(ids).count == keys.count)
        #expect(interner.count == keys.count)
        let again = keys.map { key in key.withUnsafeBufferPointer { interner.intern($0) } }
        #expect(again == ids)
    }

    /// Tokenising and interning in one pass gives the tokens and ids of the two passes, for a
    /// whole text and for its stretches either side of a token boundary (where windows are
    /// cut), after other texts were interned.
    @Test func internedInOnePassAsInTwo() async {
        await propertyCheck(count: 300, input: TextGen.awkward, TextGen.prose) { first, second in
            var onePass = TokenInterner(expectedTokens: 4), twoPasses = TokenInterner(expectedTokens: 4)
            for text in [first, second] {
                let whole = TokenisedText(text), bytes = text.utf8.count
                let cut = whole.count == 0 ? 0 : whole.end(whole.count / 3)
                for range in [0 ..< bytes, cut ..< bytes, 0 ..< cut] {
                    let (tokenised, ids) = TokenisedText.interned(.string(text), range, by: &onePass)
                    let reference = TokenisedText(.string(text), range)
                    #expect((0 ..< reference.count).map(reference.end) == (0 ..< tokenised.count).map(tokenised.end))
                    #expect((0 ..< reference.count).map(reference.kind) == (0 ..< tokenised.count).map(tokenised.kind))
                    #expect(ids == twoPasses.ids(of: reference), "\(text.debugDescription) \(range)")
                }
            }
        }
    }

    @Test func foldedVariantsShareAnIDAndOthersDoNot() {
        var interner = TokenInterner(expectedTokens: 8)
        let ids = interner.ids(of: TokenisedText("l'UIT l’UIT L'UIT"))
        #expect(ids[0] == ids[3] && ids[1] == ids[4])
        #expect(ids[0] != ids[6])
        #expect(ids[2] == ids[5])
    }

    /// The hash reads a key in overlapping words (1–3 bytes, 4–7, 8–16, longer): a byte
    /// changed at any position of any length must still give another id, and the ASCII flag
    /// that the same loads give must see a non-ASCII byte wherever it stands.
    @Test func everyByteOfEveryLengthCounts() {
        var interner = TokenInterner(expectedTokens: 64)
        for length in 1 ... 40 {
            let base = (0 ..< length).map { UInt8(0x61 + $0 % 26) }
            let baseID = base.withUnsafeBufferPointer { interner.intern($0) }
            #expect(base.withUnsafeBufferPointer { TokenInterner.digest($0).isASCII })
            for position in 0 ..< length {
                var changed = base
                changed[position] = 0x41
                #expect(changed.withUnsafeBufferPointer { interner.intern($0) } != baseID, "length \(length), byte \(position)")
                changed[position] = 0xC3
                #expect(!changed.withUnsafeBufferPointer { TokenInterner.digest($0).isASCII }, "length \(length), byte \(position)")
            }
            #expect(base.withUnsafeBufferPointer { interner.intern($0) } == baseID)
        }
    }

    /// A single space takes a shortcut to its id; other runs of white space fold to it.
    @Test func spacesShareTheirIDHoweverTheyCome() {
        var interner = TokenInterner(expectedTokens: 8)
        let ids = interner.ids(of: TokenisedText("a\u{00A0}b c  d\u{202F}e f"))
        #expect(ids[1] == ids[3] && ids[3] == ids[5] && ids[5] == ids[7] && ids[7] == ids[9])
        var other = TokenInterner(expectedTokens: 8)
        let first = other.ids(of: TokenisedText("x  y")), second = other.ids(of: TokenisedText("x y"))
        #expect(first == second)
    }

    /// An interner emptied for reuse interns as a new one does, after any text, long or
    /// short (a long one grows its table first); and one used within the reused one's turn
    /// is a separate interner.
    @Test func aReusedInternerIsANewOne() async {
        let texts = Gen.element(of: SeedCorpus.paragraphs).map { $0! }.array(of: 1 ... 40).map { $0.joined(separator: " ") }
        await propertyCheck(count: 100, input: texts, texts) { first, second in
            let fresh: [Int32] = {
                var interner = TokenInterner(expectedTokens: 8)
                return interner.ids(of: TokenisedText(second))
            }()
            TokenInterner.withReused { _ = $0.ids(of: TokenisedText(first)) }
            let reused = TokenInterner.withReused { interner in
                let inner = TokenInterner.withReused { $0.ids(of: TokenisedText(first)) }
                #expect(inner == TokenInterner.withReused { $0.ids(of: TokenisedText(first)) })
                return interner.ids(of: TokenisedText(second))
            }
            #expect(reused == fresh)
            // A call within the turn neither sees the keys the reused interner holds nor
            // empties it: the reused one has `first`, the inner one starts empty.
            TokenInterner.withReused { interner in
                let outer = interner.ids(of: TokenisedText(first))
                #expect(TokenInterner.withReused { $0.ids(of: TokenisedText(second)) } == fresh)
                #expect(interner.ids(of: TokenisedText(first)) == outer)
                #expect(interner.count == Set(outer).count)
            }
        }
    }
}
