@testable import ConcordText
import Testing

/// A paragraph read from a file keeps its head in the file's bytes until its text changes.
@Suite struct ParagraphStorageTests {
    /// The head must be copied out while the old text still holds the file: a text set after
    /// the draft it was read from is gone once read the head from freed memory (found by
    /// AddressSanitizer, which `make test` runs on this target).
    @Test func aNewTextAfterTheDraftIsGoneKeepsTheHead() throws {
        func onlyParagraph() throws -> Paragraph {
            let draft = try DraftText(parsing: SourceBytes(Array("{#p0000aaaa} 4.1.3\tto report annually to the Council\n".utf8)))
            return draft.paragraphs[0]
        }
        var paragraph = try onlyParagraph()
        paragraph.text = "to report every year to the Council"
        #expect(paragraph.head == "4.1.3\t")
        #expect(paragraph.label?.rawValue == "4.1.3")
        #expect(paragraph.text == "to report every year to the Council")
    }
}
