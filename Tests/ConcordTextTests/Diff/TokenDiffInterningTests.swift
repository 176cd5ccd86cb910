import Testing
@testable import ConcordText

@Suite struct TokenDiffInterningTests {
    @Test func internerGrowsAndKeepsIDsStable() {
        var interner = TokenInterner(expectedTokens: 1)
        defer { interner.deallocate() }
        let keys = (0 ..< 20_000).map { Array("clé\($0)".utf8) }
        let ids = keys.map { key in key.withUnsafeBufferPointer { interner.intern($0) } }
        #expect(Set(ids).count == keys.count)
        #expect(interner.count == keys.count)
        let again = keys.map { key in key.withUnsafeBufferPointer { interner.intern($0) } }
        #expect(again == ids)
    }

    @Test func foldedVariantsShareAnIDAndOthersDoNot() {
        var interner = TokenInterner(expectedTokens: 8)
        defer { interner.deallocate() }
        let ids = interner.ids(of: TokenisedText("l'UIT l’UIT L'UIT"))
        #expect(ids[0] == ids[3] && ids[1] == ids[4])
        #expect(ids[0] != ids[6])
        #expect(ids[2] == ids[5])
    }
}
