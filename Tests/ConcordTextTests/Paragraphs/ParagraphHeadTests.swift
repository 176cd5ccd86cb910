import ConcordText
import Testing

@Suite struct ParagraphHeadTests {
    /// line → (label, text): the label forms of ITU documents, and look-alikes that are not labels.
    static let examples: [(String, String?, String)] = [
        ("1.1\tLe Groupe de travail", "1.1", "Le Groupe de travail"),
        ("4.1.3.1\ta demandé des précisions", "4.1.3.1", "a demandé des précisions"),
        (" 1\tIntroduction", "1", "Introduction"),
        (" \tRésumé", nil, "Résumé"),
        ("a)\tthe outcomes", "a)", "the outcomes"),
        ("bb) later items", "bb)", "later items"),
        ("xiv)\tfourteenth", "xiv)", "fourteenth"),
        ("с)\tCyrillic es", "с)", "Cyrillic es"),
        ("(iv)\tfourth", "(iv)", "fourth"),
        ("•\tto participate", "•", "to participate"),
        ("–\tdash item", "–", "dash item"),
        ("1bis\tinserted", "1bis", "inserted"),
        ("2 ter\tinserted", "2 ter", "inserted"),
        ("3bis to strengthen", "3bis", "to strengthen"),
        ("1. Introduction", "1.", "Introduction"),
        ("1 Introduction", "1", "Introduction"),
        ("## 4.1 Heading", "##", "4.1 Heading"),
        ("25 États Membres", "25", "États Membres"),
        ("25 membres ont participé", nil, "25 membres ont participé"),
        ("2022 was a year", nil, "2022 was a year"),
        ("12345\tfive digits", nil, "12345\tfive digits"),
        ("Le Groupe a noté", nil, "Le Groupe a noté"),
        ("resolves", nil, "resolves"),
        ("a)", nil, "a)"),
        ("", nil, ""),
    ]

    @Test(arguments: examples)
    func splitsLabelFromText(_ example: (String, String?, String)) {
        let (line, label, text) = example
        let paragraph = Paragraph(id: nil, line: line)
        #expect(paragraph.label?.rawValue == label, "label of \(line.debugDescription)")
        #expect(paragraph.text == text, "text of \(line.debugDescription)")
        #expect(paragraph.line == line, "bytes of \(line.debugDescription)")
    }

    @Test func readsBookmarksBeforeTheLabel() {
        let paragraph = Paragraph(id: nil, line: "[bookmark: lt_pId097][bookmark: _Hlk98505345]4.4.2\tIl a été demandé")
        #expect(paragraph.bookmarks == ["lt_pId097", "_Hlk98505345"])
        #expect(paragraph.label?.rawValue == "4.4.2")
        #expect(paragraph.text == "Il a été demandé")
        #expect(paragraph.head == "[bookmark: lt_pId097][bookmark: _Hlk98505345]4.4.2\t")
    }

    @Test func aBookmarkWithoutALabelLeavesTheTextAlone() {
        let paragraph = Paragraph(id: nil, line: "[bookmark: lt_pId043]Le représentant de l'UNESCO")
        #expect(paragraph.bookmarks == ["lt_pId043"])
        #expect(paragraph.label == nil)
        #expect(paragraph.text == "Le représentant de l'UNESCO")
    }
}
