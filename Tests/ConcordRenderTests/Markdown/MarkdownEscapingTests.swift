@testable import ConcordRender
import Foundation
import Testing
import TestSupport

/// Escaped text reads back, through a real CommonMark reader (pandoc), as the text itself;
/// and what Markdown would not read as syntax is left as it is written.
@Suite struct MarkdownEscapingTests {
    static let alphabet = Array("abcdeéèô XYZ 0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ «»–")

    /// A line as a member writes one: no tab, no run of spaces, none at either end (Markdown
    /// folds those, as HTML does), often starting as a list item, a heading or a rule would.
    static func line(using rng: inout SplitMix64) -> String {
        let starts = ["", "# ", "- ", "+ ", "1. ", "12) ", "---", "===", "1.2 ", "  - ", "#hash ", "-x "]
        var text = starts.randomElement(using: &rng)!
        for _ in 0 ..< Int.random(in: 0 ... 24, using: &rng) { text.append(alphabet.randomElement(using: &rng)!) }
        text = text.split(separator: " ").joined(separator: " ")
        return text.isEmpty ? "x" : text
    }

    @Test func escapedTextReadsBackAsItselfThroughPandoc() throws {
        var rng = SplitMix64(seed: 26)
        let lines = (0 ..< 600).map { _ in Self.line(using: &rng) }
        let document = lines.map(markdownEscaped).joined(separator: "\n\n") + "\n"
        let scratch = ScratchDirectory("markdown-escaping")
        let input = scratch.file("lines.md")
        try Data(document.utf8).write(to: URL(fileURLWithPath: input))
        let read = try run("/usr/bin/pandoc", ["-f", "commonmark+pipe_tables+strikeout", "-t", "plain", "--wrap=none", input])
        #expect(read.status == 0, "\(read.stderr)")
        let paragraphs = read.stdout.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .newlines) }
        #expect(paragraphs.count == lines.count, "a line was read as more or less than one paragraph")
        for (line, paragraph) in zip(lines, paragraphs) where line != paragraph {
            Issue.record("\(line.debugDescription) was escaped as \(markdownEscaped(line).debugDescription) and read back as \(paragraph.debugDescription)")
        }
    }

    @Test func whatMarkdownWouldNotReadIsLeftAsWritten() {
        for text in ["d'utiliser", "1.2 du Règlement", "resolves 3 (b), \"instructs\"; 50% + 2 = ?", "ITU-D: a/b!", "#5 in the list"] {
            #expect(markdownEscaped(text) == text)
        }
        #expect(markdownEscaped("1. item") == "1\\. item")
        #expect(markdownEscaped("- item") == "\\- item")
        #expect(markdownEscaped("## title") == "\\## title")
        #expect(markdownEscaped("a *b* <c>") == "a \\*b\\* &lt;c&gt;")
    }
}
