import Foundation
import Testing
import TestSupport

/// What a chair reads first, saying exactly what happened: `status` names paragraphs as the
/// document does and gives times on the deadline's clock; `consolidate --commit` says what
/// it recorded, and where.
@Suite struct CLISmallTruthsTests {
    func submitCEPT(_ scenario: DraftingScenario) throws {
        let cept = try scenario.editedDraft("cept.txt") { $0.replace("to take a leading role", with: "to play a leading role") }
        try scenario.expectSuccess(["submit", "res140", cept, "--as", "CEPT"])
    }

    @Test func statusShowsLabelsBesideIdsAndTimesOnTheDeadlinesClock() throws {
        let scenario = try DraftingScenario()
        try submitCEPT(scenario)
        let json = try JSONSerialization.jsonObject(with: Data(try scenario.concord(["status", "res140", "--format", "json"]).stdout.utf8)) as? [String: Any]
        let cept = (json?["members"] as? [[String: Any]])?.first { $0["member"] as? String == "CEPT" }
        let touched = cept?["touched"] as? [[String: Any]]
        #expect(touched?.count == 1)
        let id = touched?.first?["id"] as? String, label = touched?.first?["label"] as? String
        #expect(label == "1" && id?.hasPrefix("p") == true && touched?.first?["op"] as? String == "MOD", "\(String(describing: touched))")
        // Submitted at 10:00 UTC: 11:00 in Geneva, where the deadline is 23:59 (+01:00).
        let text = try scenario.concord(["status", "res140"]).stdout
        let line = text.split(separator: "\n").first { $0.hasPrefix("CEPT\t") }.map(String.init) ?? ""
        #expect(line == "CEPT\tsubmitted 2022-02-01T11:00:00+01:00, 1 paragraph: 1 {#\(id ?? "?")}", "\(text)")
    }

    @Test func consolidateCommitSaysWhatItRecordedAndWhere() throws {
        let scenario = try DraftingScenario()
        try submitCEPT(scenario)
        let first = try scenario.concord(["consolidate", "res140", "--commit"])
        #expect(first.status == 0 && first.stderr.isEmpty, "\(first.stderr)")
        let tip = try git(["rev-parse", "consolidation/res140"], in: scenario.repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // The text report, then what was recorded.
        let report = try scenario.concord(["consolidate", "res140"]).stdout
        #expect(first.stdout == report + "\nRecorded round 1 of res140 on consolidation/res140 at \(tip.prefix(10)): the consolidated text "
                + "(Drafts/res140.txt), 0 decision(s) (Drafts/res140.decisions.toml) and this report (Drafts/res140.consolidation.json); "
                + "1 submission(s) merged, 0 conflict(s) open.\n")
        let again = try scenario.concord(["consolidate", "res140", "--commit"])
        #expect(again.stdout == report + "\nNothing new to record: consolidation/res140 at \(tip.prefix(10)) already holds this consolidation.\n")
        // In JSON, the report alone: it is what a script reads, and what the commit stores.
        let json = try scenario.concord(["consolidate", "res140", "--commit", "--format", "json"])
        let plainJSON = try scenario.concord(["consolidate", "res140", "--format", "json"]).stdout
        #expect(json.stderr.isEmpty && json.stdout == plainJSON)
        #expect(try git(["rev-parse", "consolidation/res140"], in: scenario.repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == tip)
    }
}
