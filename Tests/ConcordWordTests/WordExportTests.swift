import ConcordText
import Foundation
import PropertyBased
import Testing
import TestSupport
@testable import ConcordWord

/// What Concord writes, Concord reads back: the clean text a member edits in Word gives the
/// draft again, paragraph for paragraph, id for id.
@Suite struct WordExportTests {
    static let pieces = ["a", "word", "l’UIT", " ", " ", "\t", "\u{00A0}", "\u{2011}", "&", "<b>", "\"", "国", "1.1", "é", "  ", "[x]"]

    @Test func aCleanExportReadsBackAsTheDraft() async throws {
        await propertyCheck(count: 60, input: Gen.element(of: Self.pieces).map { $0! }.array(of: 1 ... 12).map { $0.joined() }.array(of: 1 ... 8)) { texts in
            let lines = texts.enumerated().map { index, text in
                "{#p\(String(format: "%08x", index + 1))} " + (text.trimmingCharacters(in: .whitespaces).isEmpty ? "x" + text : text)
            }
            let draft = try! DraftText(parsing: Array((lines.joined(separator: "\n") + "\n").utf8))
            let docx = try! WordExport.docx(WordExport.clean(draft, date: Date(timeIntervalSince1970: 0)))
            let back = try! DraftText(parsing: WordText(reading: WordPackage(reading: [UInt8](docx), named: "x.docx")).bytes)
            #expect(back.paragraphs.map(\.id) == draft.paragraphs.map(\.id))
            #expect(back.paragraphs.map(\.line) == draft.paragraphs.map(\.line))
        }
    }

    /// Every change written is a tracked change with an id, an author and a date, the author
    /// being the proposers; ids are not repeated.
    @Test func trackedChangesCarryIdAuthorAndDate() throws {
        var document = WordDocument(date: "2026-01-01T00:00:00Z")
        document.append(WordDocument.Paragraph([WordDocument.Run("kept "), WordDocument.Run("new", .inserted(by: "CEPT, F")),
                                                WordDocument.Run("old", .deleted(by: "RUS"))], mark: .inserted(by: "CEPT, F")))
        let package = try WordPackage(reading: [UInt8](try WordExport.docx(document)), named: "x.docx")
        let xml = String(decoding: try package.parts([WordPackage.documentPath])[WordPackage.documentPath]!, as: UTF8.self)
        #expect(xml.contains("<w:ins w:author=\"CEPT, F\" w:date=\"2026-01-01T00:00:00Z\" w:id=\"1\"/>"))
        #expect(xml.contains("<w:ins w:author=\"CEPT, F\" w:date=\"2026-01-01T00:00:00Z\" w:id=\"2\"><w:r><w:t>new</w:t></w:r></w:ins>"))
        #expect(xml.contains("<w:del w:author=\"RUS\" w:date=\"2026-01-01T00:00:00Z\" w:id=\"3\"><w:r><w:delText>old</w:delText></w:r></w:del>"))
        // Edge spaces are kept where there are some.
        #expect(xml.contains("<w:r><w:t xml:space=\"preserve\">kept </w:t></w:r>"))
        // Read back: insertions accepted, the deletion gone.
        #expect(String(decoding: try WordText(reading: package).bytes, as: UTF8.self) == "kept new\n")
    }
}
