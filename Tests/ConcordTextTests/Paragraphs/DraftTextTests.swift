import ConcordText
import PropertyBased
import Testing
import TestSupport

@Suite struct DraftTextTests {
    @Test func theSeedKeepsEveryByte() throws {
        let bytes = Fixtures.seedBytes
        let text = try DraftText(parsing: bytes)
        #expect(Array(text.plainForm().utf8) == bytes)
        let stored = text.withMissingIDsAssigned().storedForm()
        let reread = try DraftText(parsing: Array(stored.utf8))
        #expect(Array(reread.plainForm().utf8) == bytes)
        #expect(reread.paragraphs.count == text.paragraphs.count)
        #expect(reread.paragraphs.allSatisfy { $0.id != nil })
        #expect(reread == text.withMissingIDsAssigned())
    }

    /// Blank lines, CRLF, a missing final line break, ids and bookmarks: the plain form gives
    /// the file back byte for byte (where no line carries an `{#id}` prefix, which the plain
    /// form leaves out by design, and where its line endings are all LF or all CRLF: mixed
    /// ones come back as LF), and the stored form reads back as the same text.
    @Test func randomDraftsAreWrittenBackByteForByte() async {
        let endings = Gen.element(of: ["\n", "\r\n"]).map { $0! }, last = Gen.element(of: ["", "\n", "\r\n"]).map { $0! }
        await propertyCheck(count: 300, input: DraftGen.lines, endings, last) { lines, ending, last in
            let bytes = Array((lines.joined(separator: ending) + last).utf8)
            guard let text = try? DraftText(parsing: bytes) else { return }
            let uniform = lines.count == 1 || last.isEmpty || last == ending
            let expected = uniform ? bytes : Array((lines.joined(separator: "\n") + "\n").utf8)
            if !lines.contains(where: { $0.hasPrefix("{#") }) { #expect(Array(text.plainForm().utf8) == expected) }
            let identified = text.withMissingIDsAssigned()
            // The ids the stored form adds change nothing of the text itself.
            #expect((try? DraftText(parsing: identified.storedBytes()))?.plainForm() == text.plainForm())
            #expect((try? DraftText(parsing: identified.storedBytes())) == identified)
        }
    }

    @Test func theSeedsBookmarksBecomeIDsAndLabelsAreRead() throws {
        let text = try DraftText(parsing: Fixtures.seedBytes).withMissingIDsAssigned()
        let bookmarked = try #require(text.paragraph(withID: ParagraphID(rawValue: "lt_pId038")!))
        #expect(bookmarked.label?.rawValue == "2.11")
        #expect(bookmarked.text.hasPrefix("Évolutions en matière"))
        #expect(bookmarked.text.contains("Nations\u{00A0}Unies"), "NBSP kept")
        // Labels repeat in real documents; ids never do.
        let ids = text.paragraphs.compactMap(\.id)
        #expect(Set(ids).count == ids.count)
        // Blank lines are kept, not paragraphs.
        #expect(text.paragraphs.allSatisfy { !$0.line.isEmpty })
        #expect(text.paragraphs.contains { $0.gapBefore == ["", ""] })
    }

    @Test func storedFormWritesIDsOnlyWhereNoBookmarkNamesThem() throws {
        let text = try DraftText(parsing: Array("[bookmark: keep]1\tOne\n2\tTwo\n".utf8)).withMissingIDsAssigned()
        let lines = text.storedForm().split(separator: "\n")
        #expect(lines[0] == "[bookmark: keep]1\tOne")
        #expect(lines[1].hasPrefix("{#p"))
        #expect(lines[1].hasSuffix("} 2\tTwo"))
    }

    @Test func keepsLineEndingsAndFinalNewline() throws {
        for source in ["a\r\nb\r\n", "a\r\nb", "a\nb", "\n\n", "\r\n", "", "only\n\n \t\n", "x\u{00A0}\u{2011}\ty\n"] {
            let text = try DraftText(parsing: Array(source.utf8))
            #expect(text.plainForm() == source, "\(source.debugDescription)")
            let stored = try DraftText(parsing: Array(text.withMissingIDsAssigned().storedForm().utf8))
            #expect(stored.plainForm() == source, "\(source.debugDescription) through the stored form")
        }
        // No one ending to keep: CR-only and mixed line endings are written as LF.
        for (source, written) in [("a\r\nb\n", "a\nb\n"), ("a\rb\r", "a\nb\n"), ("a\rb\r\nc", "a\nb\nc"), ("\u{FEFF}a\r\n", "a\r\n")] {
            #expect(try DraftText(parsing: Array(source.utf8)).plainForm() == written, "\(source.debugDescription)")
        }
    }

    @Test func refusesBadBytesNamingTheLine() throws {
        #expect(throws: DraftTextError.invalidUTF8(line: 2, byte: 0xC3)) { try DraftText(parsing: Array("ok\n".utf8) + [0xC3, 0x28]) }
        #expect(throws: DraftTextError.binary(line: 1)) { try DraftText(parsing: [0x41, 0x00, 0x42]) }
        #expect(throws: DraftTextError.self) {
            try DraftText(parsing: Array("[bookmark: x]1\tOne\n[bookmark: x]2\tTwo\n".utf8))
        }
        // Braces around something that is not an id are the text's own.
        let braces = try DraftText(parsing: Array("{#../x} text\n{#} more\n".utf8))
        #expect(braces.paragraphs.map(\.id) == [nil, nil])
        #expect(braces.plainForm() == "{#../x} text\n{#} more\n")
    }

    @Test func duplicateIDsNameBothLines() {
        do {
            _ = try DraftText(parsing: Array("{#a} One\nTwo\n{#a} Three\n".utf8))
            Issue.record("accepted a duplicated id")
        } catch {
            #expect(error.description == "paragraph id a appears twice (lines 1 and 3)")
        }
    }

    @Test func markdownJoinsWrappedLinesAndKeepsBlocks() throws {
        let source = "# Title\n\nFirst paragraph\nwrapped here.\n\n- item one\n- item two\n1. numbered\n"
        let text = try DraftText(parsingMarkdown: Array(source.utf8))
        #expect(text.paragraphs.map(\.line) == ["# Title", "First paragraph wrapped here.", "- item one", "- item two", "1. numbered"])
        #expect(text.paragraphs.map { $0.label?.rawValue } == ["#", nil, "-", "-", "1."])
        #expect(text.paragraphs[1].gapBefore == [""])
    }

    @Test func randomDraftsRoundTripThroughTheStoredForm() async {
        await propertyCheck(count: 300, input: DraftGen.lines) { lines in
            let source = lines.joined(separator: "\n") + "\n"
            let text: DraftText
            do {
                text = try DraftText(parsing: Array(source.utf8))
            } catch let error as DraftTextError {
                // The one refusal random lines can earn: the same bookmark on two lines.
                guard case .duplicateID = error else { Issue.record("\(source.debugDescription): \(error)"); return }
                return
            } catch {
                Issue.record("\(error)")
                return
            }
            #expect(text.plainForm() == source)
            let identified = text.withMissingIDsAssigned()
            let reread = try? DraftText(parsing: Array(identified.storedForm().utf8))
            #expect(reread == identified)
        }
    }
}

/// Random lines built from the pieces drafts are made of: labels, bookmarks, NBSP, U+2011,
/// tabs, CJK, Arabic, Cyrillic, blank lines.
enum DraftGen {
    static let pieces = ["1.1\t", "a)\t", "•\t", "[bookmark: _Hlk1]", " ", "\t", "\u{00A0}", "\u{2011}", "l'UIT ", "Groupe ",
                         "信息社会", "مجتمع ", "общество ", "2 ter ", "{", "}", "#", "(", ")", "x", ""]
    static let line = Gen.element(of: pieces).array(of: 0...8).map { $0.map { $0 ?? "" }.joined() }
    static let lines = line.array(of: 1...12)
}
