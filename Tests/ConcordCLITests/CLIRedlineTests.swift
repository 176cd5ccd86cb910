import Foundation
import Testing
import TestSupport

/// `concord redline OLD NEW` with the real binary, in every format.
@Suite struct CLIRedlineTests {
    let scratch = ScratchDirectory("concord-redline")

    func concord(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try run(Fixtures.concordExecutable, arguments, in: scratch.path, environment: environment)
    }

    func files(_ old: String, _ new: String) -> (String, String) {
        (scratch.write("old.txt", old), scratch.write("new.txt", new))
    }

    @Test func textMarksInsertionsAndDeletionsWithoutColourOffATerminal() throws {
        let (old, new) = files("1\tLe Groupe a pris note du rapport de l'UIT.\n2\tInchangé.\n",
                               "1\tLe Groupe a pris note avec satisfaction du rapport de l'Union.\n2\tInchangé.\n")
        let result = try concord(["redline", old, new])
        #expect(result.status == 0)
        #expect(result.stdout.contains("MOD 1 {#"))
        #expect(result.stdout.contains("a pris note [+avec satisfaction +]du rapport de l'[-UIT-][+Union+]."))
        #expect(!result.stdout.contains("\u{1B}["), "colour off a terminal")
        #expect(!result.stdout.contains("Inchangé"), "unchanged paragraphs are not printed")
        #expect(result.stdout.hasSuffix("1 MOD, 0 ADD, 0 SUP, 0 MOVE; 1 unchanged\n"))
    }

    @Test func jsonGivesEveryParagraphWithSpansThatRebuildBothSides() throws {
        let (old, new) = files(String(decoding: Fixtures.seedBytes, as: UTF8.self),
                               String(decoding: Fixtures.seedBytes, as: UTF8.self).replacingOccurrences(of: "Vladimir Minkin", with: "V. Minkin"))
        let result = try concord(["redline", old, new, "--format", "json"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let paragraphs = json["paragraphs"] as! [[String: Any]]
        let modified = paragraphs.filter { $0["op"] as? String == "MOD" }
        #expect(modified.count == 1)
        let spans = modified[0]["spans"] as! [[String: Any]]
        let oldText = spans.filter { $0["change"] as? String != "insert" }.map { $0["text"] as! String }.joined()
        let newText = spans.filter { $0["change"] as? String != "delete" }.map { $0["text"] as! String }.joined()
        #expect(oldText.contains("Vladimir Minkin") && newText.contains("V. Minkin"))
        #expect(spans.allSatisfy { ($0["by"] as? [String])?.isEmpty == true })
        #expect(modified[0]["label"] as? String == "1.3")
        let nonBlankLines = String(decoding: Fixtures.seedBytes, as: UTF8.self).split(separator: "\n")
            .filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
        #expect(paragraphs.count == nonBlankLines.count)
    }

    @Test func htmlAndMarkdownEscapeEveryCharacterOfMemberText() throws {
        let (old, new) = files("1\tPlain text.\n", "1\tPlain <script>alert('x')</script> & *text*.\n")
        let html = try concord(["redline", old, new, "--format", "html"]).stdout
        #expect(!html.contains("<script>"))
        #expect(html.contains("<ins>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; </ins>") || html.contains("&lt;script&gt;"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        let markdown = try concord(["redline", old, new, "--format", "markdown"]).stdout
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("<ins>"))
        #expect(markdown.contains("\\*text\\*"))
    }

    /// `concord redline OLD NEW` starts reading both files before its arguments are parsed;
    /// with options before or between the paths it reads after parsing. Either way, the output
    /// is the same, and errors name the file as before (`badInputsAreOneLineAndExitTwo`).
    @Test func readingAheadNeverChangesTheOutput() throws {
        let (old, new) = files("1\tLe Groupe a pris note du rapport.\n", "1\tLe Groupe a pris note avec satisfaction du rapport.\n")
        let plain = try concord(["redline", old, new])
        #expect(plain.stdout.contains("[+avec satisfaction +]"))
        #expect(try concord(["redline", "--format", "text", old, new]).stdout == plain.stdout)
        #expect(try concord(["redline", old, "--format", "text", new]).stdout == plain.stdout)
        #expect(try concord(["redline", new, old]).stdout.contains("[-avec satisfaction -]"))
    }

    @Test func emptyFilesAreFine() throws {
        let (old, new) = files("", "1\tNew.\n")
        let result = try concord(["redline", old, new])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ADD 1"))
    }

    @Test func badInputsAreOneLineAndExitTwo() throws {
        let good = scratch.write("good.txt", "1\tOne\n")
        let bad = scratch.write("bad.txt", bytes: [0x31, 0x09, 0xC3, 0x28, 0x0A])
        for (arguments, naming) in [(["redline", good, bad], "bad.txt: line 1 is not valid UTF-8"),
                                    (["redline", good, scratch.file("none.txt")], "none.txt: no such file"),
                                    (["redline", good], "Missing expected argument"),
                                    (["redline", good, good, "--format", "pdf"], "pdf")] {
            let result = try concord(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.hasPrefix("concord: ") && result.stderr.contains(naming), "\(result.stderr)")
            #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
        }
    }
}
