import ConcordDrafting
import Foundation
import Testing
@testable import ConcordWord

/// Reading a Word document as the text Word shows with every tracked change accepted.
@Suite struct WordTextTests {
    typealias F = WordFixture

    @Test func trackedChangesAreAcceptedWhoeverMadeThem() throws {
        let (lines, word) = try F.text(body: F.paragraph(F.run("The Council ") + F.deleted("shall") + F.inserted("should") + F.run(" act.")))
        #expect(lines == ["The Council should act."])
        #expect(word.authors == ["Jane Doe", "John Roe"])
        #expect(word.trackedChanges == 2)
    }

    @Test func aMoveIsReadAtItsNewPlace() throws {
        let from = "<w:moveFrom w:id=\"3\" w:author=\"A\" w:date=\"2026-01-01T00:00:00Z\"><w:r><w:t>moved </w:t></w:r></w:moveFrom>"
        let to = "<w:moveTo w:id=\"4\" w:author=\"A\" w:date=\"2026-01-01T00:00:00Z\"><w:r><w:t xml:space=\"preserve\"> moved</w:t></w:r></w:moveTo>"
        #expect(try F.lines(body: F.paragraph(from + F.run("words stay")) + F.paragraph(F.run("here") + to)) == ["words stay", "here moved"])
    }

    @Test func formattingChangesAreIgnored() throws {
        let runWithChange = "<w:r><w:rPr><w:b/><w:rPrChange w:id=\"5\" w:author=\"A\" w:date=\"2026-01-01T00:00:00Z\"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>bold</w:t></w:r>"
        // The old paragraph properties in pPrChange carry a list that no longer applies.
        let properties = "<w:pPrChange w:id=\"6\" w:author=\"A\" w:date=\"2026-01-01T00:00:00Z\"><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:pPrChange>"
        let numbering = "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
        #expect(try F.lines(body: F.paragraph(runWithChange, properties: properties), numbering: numbering) == ["bold"])
    }

    @Test func aDeletedParagraphMarkJoinsTheNextParagraph() throws {
        let body = F.paragraph(F.run("First half,"), properties: F.deletedMark) + F.paragraph(F.run(" second half."))
        #expect(try F.lines(body: body) == ["First half, second half."])
    }

    @Test func aWhollyDeletedParagraphGoesWithItsID() throws {
        let gone = "<w:bookmarkStart w:id=\"0\" w:name=\"p00000001\"/><w:bookmarkEnd w:id=\"0\"/>" + F.deleted("Gone entirely.")
        let kept = "<w:bookmarkStart w:id=\"1\" w:name=\"p00000002\"/><w:bookmarkEnd w:id=\"1\"/>" + F.run("Kept.")
        #expect(try F.lines(body: F.paragraph(gone, properties: F.deletedMark) + F.paragraph(kept)) == ["{#p00000002} Kept."])
    }

    @Test func bookmarksGiveIDsButNotGoBackOrOneInsideTheText() throws {
        func bookmark(_ name: String, _ id: Int) -> String { "<w:bookmarkStart w:id=\"\(id)\" w:name=\"\(name)\"/><w:bookmarkEnd w:id=\"\(id)\"/>" }
        let body = F.paragraph(bookmark("_GoBack", 0) + bookmark("lt_pId123", 1) + F.run("One."))
            + F.paragraph(bookmark("_Hlk4711", 2) + F.run("Two."))
            + F.paragraph(F.run("Three ") + bookmark("_Hlk999", 3) + F.run("words."))
            + bookmark("between", 4) + F.paragraph(F.run("Four."))
        #expect(try F.lines(body: body) == ["{#lt_pId123} One.", "{#_Hlk4711} Two.", "Three words.", "{#between} Four."])
    }

    @Test func everyCharacterIsKept() throws {
        let body = F.paragraph(F.run("1.1") + "<w:r><w:tab/></w:r>" + F.run("l’UIT\u{00A0}:") + "<w:r><w:noBreakHyphen/></w:r>"
            + F.run("x &amp; &lt;y&gt; \"q\" 国") + "<w:r><w:sym w:font=\"Symbol\" w:char=\"03A9\"/></w:r>")
        #expect(try F.lines(body: body) == ["1.1\tl’UIT\u{00A0}:\u{2011}x & <y> \"q\" 国Ω"])
    }

    @Test func pageBreaksAreLayoutAndEmptyParagraphsBlankLines() throws {
        let body = F.paragraph(F.run("Before") + "<w:r><w:br w:type=\"page\"/></w:r>" + F.run(" after")) + F.paragraph("") + F.paragraph(F.run("Next"))
        #expect(try F.lines(body: body) == ["Before after", "", "Next"])
    }

    @Test func alternateContentIsReadOnce() throws {
        let body = F.paragraph("<mc:AlternateContent><mc:Choice Requires=\"w14\">\(F.run("chosen"))</mc:Choice><mc:Fallback>\(F.run("fallback"))</mc:Fallback></mc:AlternateContent>")
        #expect(try F.lines(body: body) == ["chosen"])
    }

    @Test func strictOOXMLReadsAsTransitional() throws {
        let body = F.paragraph(F.run("Strict ") + F.inserted("text"))
        #expect(try F.lines(body: body, namespace: F.strictNamespace) == ["Strict text"])
    }

    @Test func wordNumberingBecomesTypedLabels() throws {
        let numbering = """
            <w:abstractNum w:abstractNumId="7">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
              <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1.%3"/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\u{F0B7}"/></w:lvl></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="8"/></w:num>
            """
        func item(_ text: String, list: Int, level: Int) -> String {
            F.paragraph(F.run(text), properties: "<w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"\(list)\"/></w:numPr>")
        }
        let body = item("One", list: 1, level: 0) + item("Sub a", list: 1, level: 1) + item("Sub b", list: 1, level: 1)
            + item("Deep", list: 1, level: 2) + item("Two", list: 1, level: 0) + item("Sub again", list: 1, level: 1)
            + item("Five", list: 2, level: 0) + item("Bullet", list: 3, level: 0) + F.paragraph(F.run("Plain"))
        #expect(try F.lines(body: body, numbering: numbering) == [
            "1.\tOne", "a)\tSub a", "b)\tSub b", "1.i\tDeep", "2.\tTwo", "a)\tSub again", "5.\tFive", "•\tBullet", "Plain",
        ])
    }

    @Test func aListStyleNumbersItsParagraphsUnlessOneSaysOtherwise() throws {
        let numbering = """
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>
            <w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>
            """
        let styles = """
            <w:style w:type="paragraph" w:styleId="Enumlev1"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Enumlev1Bold"><w:basedOn w:val="Enumlev1"/></w:style>
            <w:style w:type="paragraph" w:styleId="Normal"/>
            """
        func styled(_ text: String, _ style: String, own: String = "") -> String {
            F.paragraph(F.run(text), properties: "<w:pStyle w:val=\"\(style)\"/>" + own)
        }
        let body = styled("first", "Enumlev1") + styled("second, inherited", "Enumlev1Bold") + styled("plain", "Normal")
            + styled("switched off", "Enumlev1", own: "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"0\"/></w:numPr>") + styled("third", "Enumlev1")
        #expect(try F.text(body: body, numbering: numbering, styles: styles).lines == ["a)\tfirst", "b)\tsecond, inherited", "plain", "switched off", "c)\tthird"])
    }

    /// A hostile numbering part: a start value at the top of `Int`, and a letter format asked
    /// for a huge count, are neither a crash nor a label of millions of letters.
    @Test func hostileNumberingStaysSmall() throws {
        let numbering = """
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="9223372036854775807"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
            """
        let item = F.paragraph(F.run("item"), properties: "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>")
        #expect(try F.lines(body: item + item, numbering: numbering) == ["1000000)\titem", "1000000)\titem"])
    }

    @Test func commentsBecomeReasonsOfTheirParagraphs() throws {
        let body = F.paragraph(F.run("Unchanged.")) + F.paragraph("<w:commentRangeStart w:id=\"4\"/>" + F.run("Changed ")
            + "<w:commentRangeEnd w:id=\"4\"/><w:r><w:commentReference w:id=\"4\"/></w:r>" + F.inserted("words"))
        let comments = "<w:comment w:id=\"4\" w:author=\"Jane\"><w:p>\(F.run("Clearer."))</w:p><w:p>\(F.run("Second line."))</w:p></w:comment>"
        let (lines, word) = try F.text(body: body, comments: comments)
        #expect(lines == ["Unchanged.", "Changed words"])
        #expect(word.reasons == [1: "Clearer.\nSecond line."])
    }

    @Test func rangeMarkersCountInsideADeletion() throws {
        let body = F.paragraph("<w:del w:id=\"2\" w:author=\"A\" w:date=\"2026-01-01T00:00:00Z\"><w:commentRangeStart w:id=\"1\"/><w:r><w:delText>old</w:delText></w:r></w:del>"
            + F.run("new") + "<w:commentRangeEnd w:id=\"1\"/>")
        let (_, word) = try F.text(body: body, comments: "<w:comment w:id=\"1\" w:author=\"A\"><w:p>\(F.run("Why."))</w:p></w:comment>")
        #expect(word.reasons == [0: "Why."])
    }

    @Test(arguments: [
        ("<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>", "paragraph 2 of word/document.xml holds a table"),
        (F.paragraph(F.run("x") + "<w:r><w:footnoteReference w:id=\"1\"/></w:r>"), "paragraph 2 of word/document.xml holds a footnote"),
        (F.paragraph("<w:r><w:drawing/></w:r>"), "paragraph 2 of word/document.xml holds a picture"),
        (F.paragraph(F.run("line") + "<w:r><w:br/></w:r>" + F.run("next")), "paragraph 2 of word/document.xml holds a line break"),
        // A raw line break in a text would split the paragraph's line; a symbol can name a control.
        (F.paragraph(F.run("line\nnext")), "paragraph 2 of word/document.xml holds a line break"),
        (F.paragraph(F.run("x") + "<w:r><w:sym w:font=\"Symbol\" w:char=\"001B\"/></w:r>"),
         "paragraph 2 of word/document.xml holds the control character U+001B"),
    ])
    func contentADraftCannotHoldIsRefusedWithItsPlace(body: String, message: String) throws {
        let error = try #require(throws: DraftingError.self) { try F.lines(body: F.paragraph(F.run("First.")) + body) }
        #expect(error.kind == .badInput)
        #expect(error.message.hasPrefix("test.docx: \(message)"), "\(error.message)")
    }
}
