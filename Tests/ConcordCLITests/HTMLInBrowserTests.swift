import Foundation
import Testing
import TestSupport

/// The HTML pages Concord writes, opened in a real headless browser (Chromium): the DOM it
/// builds holds member text as text — a member's `<script>` or `onerror` never runs — and
/// the redline mark-up is there.
@Suite struct HTMLInBrowserTests {
    static let hostile = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"

    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// The DOM of `file` after the browser loaded it and ran whatever scripts it would.
    func dom(_ file: String) throws -> String {
        let browser = try #require(Self.chromium, "Chromium is not installed: `scripts/setup --tests` installs it")
        let result = try run(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=2000",
                                       "--dump-dom", URL(fileURLWithPath: file).absoluteString])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    func expectInert(_ dom: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!dom.contains("pwned</title>"), "a member's script ran", sourceLocation: sourceLocation)
        #expect(!dom.contains("<script"), "a script element reached the page", sourceLocation: sourceLocation)
        #expect(!dom.contains("<img"), "an element from member text reached the page", sourceLocation: sourceLocation)
        #expect(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"), "the member's text is shown as text",
                sourceLocation: sourceLocation)
    }

    @Test func consolidationCompareAndRedlinePagesShowMemberTextAsText() throws {
        let scenario = try DraftingScenario()
        let cept = try scenario.editedDraft("cept.txt") { $0.replace("Information Society (UNGIS),", with: "Information Society (UNGIS) " + Self.hostile + ",") }
        let citel = try scenario.editedDraft("citel.txt") { $0.replace("to report annually", with: "to report every year") }
        #expect(try scenario.concord(["submit", "res140", cept, "--as", "CEPT"]).status == 0)
        #expect(try scenario.concord(["submit", "res140", citel, "--as", "CITEL"]).status == 0)

        let consolidated = scenario.scratch.write("consolidated.html", try scenario.concord(["consolidate", "res140", "--format", "html"]).stdout)
        let consolidatedDOM = try dom(consolidated)
        expectInert(consolidatedDOM)
        #expect(consolidatedDOM.contains("<ins class=\"m"), "insertions coloured per member")
        #expect(consolidatedDOM.contains("class=\"legend\""))

        let compared = scenario.scratch.write("compare.html", try scenario.concord(["compare", "res140", "--format", "html"]).stdout)
        let comparedDOM = try dom(compared)
        expectInert(comparedDOM)
        #expect(comparedDOM.contains(">CEPT (F)</th>") && comparedDOM.contains(">CITEL</th>"))

        let base = scenario.scratch.write("base.txt", try scenario.concord(["draft", "show", "res140"]).stdout)
        let redline = scenario.scratch.write("redline.html", try scenario.concord(["redline", base, cept, "--format", "html"]).stdout)
        let redlineDOM = try dom(redline)
        expectInert(redlineDOM)
        #expect(redlineDOM.contains("<ins>"))
    }
}
