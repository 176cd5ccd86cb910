import ConcordDrafting
import Foundation
import Testing
@testable import ConcordWord

/// What an upload can be instead of a Word document, each refused in one line naming the file.
@Suite struct WordPackageTests {
    func refusal(_ bytes: [UInt8], _ parts: [String] = [WordPackage.documentPath]) -> String? {
        do {
            _ = try WordPackage(reading: bytes, named: "up.docx").parts(parts)
            return nil
        } catch let error as DraftingError {
            return error.kind == .badInput ? error.message : "not bad input: \(error.message)"
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func notAZipIsRefused() {
        #expect(refusal(Array("plain text\n".utf8))?.hasPrefix("up.docx: not a Word document") == true)
        #expect(refusal([0x50, 0x4B, 0x03, 0x04, 0, 0, 0])?.hasPrefix("up.docx: not a readable ZIP package") == true)
    }

    @Test func oleFilesAreNamedForWhatTheyAre() {
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504)
        #expect(refusal(ole)?.contains("Word 97-2003 document (.doc); save it as a Word Document (.docx)") == true)
        let encrypted = ole + Array("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(refusal(encrypted)?.contains("encrypted") == true)
    }

    @Test func aPackageWithoutTheDocumentIsRefused() throws {
        let bytes = [UInt8](try WordPackage.write([("word/other.xml", Data("<x/>".utf8))]))
        #expect(refusal(bytes) == "up.docx: the package has no word/document.xml, so it is not a Word document")
    }

    @Test(arguments: ["<!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><d>&e;</d>", "<!ENTITY x \"y\"><d/>"])
    func aDocumentTypeOrEntityIsRefused(xml: String) throws {
        let bytes = [UInt8](try WordPackage.write([(WordPackage.documentPath, Data(("<?xml version=\"1.0\"?>" + xml).utf8))]))
        #expect(refusal(bytes) == "up.docx: word/document.xml declares a document type or entities, which Word never writes; refused")
    }

    /// In UTF-16 a document type would not be seen by a search over UTF-8 bytes: a part in any
    /// encoding but UTF-8 is refused before it is parsed.
    @Test(arguments: [
        Data([0xFF, 0xFE]) + "<!DOCTYPE d [<!ENTITY e \"x\">]><d>&e;</d>".data(using: .utf16LittleEndian)!,
        Data("<?xml version=\"1.0\" encoding=\"UTF-7\"?><d>+ADw-!DOCTYPE</d>".utf8),
        Data("<d>\u{0}</d>".utf8),
    ])
    func aPartNotInUTF8IsRefused(part: Data) throws {
        let bytes = [UInt8](try WordPackage.write([(WordPackage.documentPath, part)]))
        #expect(refusal(bytes) == "up.docx: word/document.xml is not encoded in UTF-8, as Word writes every part; refused")
    }

    /// 80 MB of zeros deflate to well under a megabyte; the cap counts what comes out.
    @Test func aZipBombStopsAtTheCap() throws {
        let size = WordPackage.maximumPartBytes + (16 << 20)
        let bytes = [UInt8](try WordPackage.write([(WordPackage.documentPath, Data(count: size))]))
        #expect(bytes.count < 1 << 20)
        #expect(refusal(bytes)?.contains("word/document.xml unpacks to more than 64 MB") == true)
    }

    @Test func malformedXMLIsNamed() throws {
        let bytes = [UInt8](try WordPackage.write([(WordPackage.documentPath, Data("<w:document><w:body>".utf8))]))
        let error = try #require(throws: DraftingError.self) { try WordText(reading: WordPackage(reading: bytes, named: "up.docx")) }
        #expect(error.message.hasPrefix("up.docx: word/document.xml is not well-formed XML"))
    }
}
