import Foundation
import Testing
import TestSupport

/// `compare` with the real binary, in every format, on a multi-member repository.
@Suite struct CLICompareTests {
    func scenario() throws -> DraftingScenario {
        let scenario = try DraftingScenario()
        let cept = try scenario.editedDraft("cept.txt") { lines in
            lines.replace("Information Society (UNGIS),", with: "Information Society (UNGIS) and \"UNESCO\", <i>now</i>,")
            lines.replace("to report annually", with: "to report every year")
        }
        let citel = try scenario.editedDraft("citel.txt") { lines in
            lines.replace("Information Society (UNGIS),", with: "Information Society (UNGIS) and ITU-D,")
            lines.replace("to report annually", with: "to report every year")
        }
        for (file, member) in [(cept, "CEPT"), (citel, "CITEL")] {
            let result = try scenario.concord(["submit", "res140", file, "--as", member])
            guard result.status == 0 else { throw DraftingScenario.ScenarioError(message: result.stderr) }
        }
        return scenario
    }

    @Test func jsonGivesEachMembersOpAndTextAndTheAgreement() throws {
        let scenario = try scenario()
        let result = try scenario.concord(["compare", "res140", "--members", "CEPT,CITEL,USA", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let paragraphs = report["paragraphs"] as! [[String: Any]]
        #expect(paragraphs.count == 26)
        let contested = paragraphs.filter { $0["agreement"] as? String == "contested" }
        let consensual = paragraphs.filter { $0["agreement"] as? String == "consensual" }
        #expect(contested.count == 1 && consensual.count == 1)
        #expect(consensual[0]["groups"] as? [[String]] == [["CEPT", "CITEL"]])
        let cells = contested[0]["members"] as! [[String: Any]]
        #expect(cells.map { $0["member"] as! String } == ["CEPT", "CITEL", "USA"])
        #expect(cells.map { $0["op"] as! String } == ["MOD", "MOD", "NOC"])
        #expect((cells[1]["text"] as? String)?.hasSuffix("and ITU-D,") == true)
        // An unchanged cell names the member and NOC only, unless the text is asked for.
        #expect(cells[2].keys.sorted() == ["member", "op"])
        let full = try scenario.concord(["compare", "res140", "--members", "CEPT,CITEL,USA", "--format", "json", "--unchanged-text"])
        let fullReport = try #require(JSONSerialization.jsonObject(with: Data(full.stdout.utf8)) as? [String: Any])
        let fullCells = ((fullReport["paragraphs"] as! [[String: Any]]).first { $0["agreement"] as? String == "contested" }!["members"]) as! [[String: Any]]
        #expect(fullCells[2]["text"] as? String == contested[0]["base"] as? String)
        let summary = report["summary"] as! [String: Int]
        #expect(summary == ["untouched": 24, "uncontested": 0, "consensual": 1, "contested": 1])
        // One member alone proposing a change is uncontested, not consensual: agreement takes two.
        let alone = try scenario.concord(["compare", "res140", "--members", "CEPT", "--format", "json"])
        let aloneReport = try #require(JSONSerialization.jsonObject(with: Data(alone.stdout.utf8)) as? [String: Any])
        #expect(aloneReport["summary"] as? [String: Int] == ["untouched": 24, "uncontested": 2, "consensual": 0, "contested": 0])
        let aloneText = try scenario.concord(["compare", "res140", "--members", "CEPT"]).stdout
        #expect(aloneText.contains("0 consensual, 2 uncontested, 0 contested, 24 untouched") && aloneText.contains("uncontested (CEPT [F])"), "\(aloneText)")
        let matrix = report["agreementMatrix"] as! [String: [String: Double]]
        // Over the two paragraphs someone changed, not the 24 nobody did: CEPT and CITEL
        // agree on one.
        #expect(report["agreementParagraphs"] as? Int == 2)
        #expect(abs((matrix["CEPT"]?["CITEL"] ?? 0) - 0.5) < 1e-9)
        let members = report["members"] as! [[String: Any]]
        #expect(members.first { $0["id"] as? String == "CEPT" }?["signatories"] as? [String] == ["F"])
    }

    @Test func textHTMLMarkdownAndCSV() throws {
        let scenario = try scenario()
        let text = try scenario.concord(["compare", "res140", "--changed-only", "--chair"]).stdout
        #expect(text.contains("CEPT (F), CITEL"))
        #expect(text.contains("contested: 2 proposals (CEPT [F] | CITEL)"))
        #expect(text.contains("consensual (CEPT [F], CITEL)"))
        #expect(text.contains("chair (conflict)"))
        #expect(!text.contains("} untouched"), "--changed-only leaves untouched paragraphs out")

        let html = try scenario.concord(["compare", "res140", "--format", "html"]).stdout
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("@media print"))
        #expect(!html.contains("<i>now</i>") && html.contains("&lt;i&gt;now&lt;/i&gt;"))

        let markdown = try scenario.concord(["compare", "res140", "--format", "markdown", "--changed-only"]).stdout
        #expect(markdown.contains("| Paragraph | Base | CEPT (F) | CITEL | Agreement |"))
        #expect(!markdown.contains("<i>"))

        let csv = try scenario.concord(["compare", "res140", "--format", "csv", "--changed-only"]).stdoutBytes
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]), "a byte-order mark, for Excel to read UTF-8")
        let textCSV = String(decoding: csv.dropFirst(3), as: UTF8.self)
        let lines = textCSV.components(separatedBy: "\r\n")
        #expect(lines[0] == "id,label,base,CEPT op,CEPT changes,CITEL op,CITEL changes,agreement")
        #expect(lines.count == 4 && lines[3].isEmpty, "two rows, CRLF after each: \(lines)")
        #expect(textCSV.contains("\"to coordinate with the United Nations Group on the Information Society (UNGIS)[+ and \"\"UNESCO\"\", <i>now</i>+],\""),
                "the change marked, quotes doubled, field quoted")
        #expect(!textCSV.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends with CRLF")
    }

    @Test func unknownMembersAndEmptyRoundsAreClearErrors() throws {
        let scenario = try DraftingScenario()
        let none = try scenario.concord(["compare", "res140"])
        #expect(none.status == 1 && none.stderr.contains("nobody has submitted on res140"))
        let unknown = try scenario.concord(["compare", "res140", "--members", "CEPT,XX"])
        #expect(unknown.status == 2 && unknown.stderr.contains("member XX: not in the registry"))
        let bad = try scenario.concord(["compare", "res140", "--members", "CEPT,../x"])
        #expect(bad.status == 2 && bad.stderr.contains("not a valid member id"))
    }
}
