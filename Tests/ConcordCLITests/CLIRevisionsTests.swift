import Foundation
import Testing
import TestSupport

/// Revisions have names: publishing Rev.N tags it `<draft>/Rev.N`, and every option that takes
/// a revision takes `Rev.N`; only the chair or the secretariat run a round, and who did is recorded.
@Suite struct CLIRevisionsTests {
    func publishRev1(_ scenario: DraftingScenario) throws {
        let rus = try scenario.editedDraft("rus.txt") { $0.replace("continue to take", with: "continue to play") }
        try scenario.expectSuccess(["submit", "res140", rus, "--as", "RUS"])
        try scenario.expectSuccess(["round", "close", "res140", "--publish", "--as", "CHAIR"])
    }

    @Test func publishingTagsTheRevisionAndRevNNamesIt() throws {
        let scenario = try DraftingScenario()
        let imported = try git(["rev-parse", "main"], in: scenario.repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try publishRev1(scenario)
        #expect(try git(["cat-file", "-t", "res140/Rev.1"], in: scenario.repo).stdout == "tag\n")
        #expect(try git(["rev-parse", "res140/Rev.1^{commit}"], in: scenario.repo).stdout == (try git(["rev-parse", "main"], in: scenario.repo).stdout))
        let message = try git(["tag", "-l", "--format=%(contents)", "res140/Rev.1"], in: scenario.repo).stdout
        #expect(message.contains("res140 Rev.1: the consolidated text of round 1"))

        let current = try scenario.concord(["draft", "show", "res140"]).stdout
        for name in ["Rev.1", "rev.1", "res140/Rev.1"] {
            #expect(try scenario.concord(["draft", "show", "res140", "--at", name]).stdout == current, "\(name)")
        }
        let missing = try scenario.concord(["draft", "show", "res140", "--at", "Rev.2"])
        #expect(missing.status == 2 && missing.stderr == "concord: Rev.2: draft res140 has no Rev.2 (published: Rev.1)\n", "\(missing.stderr)")

        let diff = try scenario.concord(["diff", "res140", "--from", imported, "--to", "Rev.1"])
        #expect(diff.status == 0 && diff.stdout.contains("[-take-]") && diff.stdout.contains("[+play+]"), "\(diff.stdout)\(diff.stderr)")
        let blame = try scenario.concord(["blame", "res140", "--at", "Rev.1", "--format", "json"])
        #expect(blame.status == 0 && blame.stdout.contains("\"RUS\""), "\(blame.stderr)")

        try scenario.expectSuccess(["round", "open", "res140", "--deadline", "2022-06-01T12:00:00Z", "--as", "CHAIR"])
        let rounds = try scenario.concord(["round", "list", "res140"]).stdout.split(separator: "\n")
        #expect(rounds.count == 2 && rounds[0].contains("published as Rev.1") && rounds[1].contains("base Rev.1 ("), "\(rounds)")
        let json = try JSONSerialization.jsonObject(with: Data(try scenario.concord(["round", "list", "res140", "--format", "json"]).stdout.utf8)) as! [[String: Any]]
        #expect(json.map { $0["baseRevision"] as? String } == [nil, "Rev.1"])
    }

    @Test func onlyTheChairOrTheSecretariatRunARoundAndWhoDidIsRecorded() throws {
        let scenario = try DraftingScenario(openRound: false)
        let refused = try scenario.concord(["round", "open", "res140", "--deadline", DraftingScenario.deadline, "--as", "RUS"])
        #expect(refused.status == 1 && refused.stderr == "concord: member RUS is not the chair or the secretariat; only they open rounds\n", "\(refused.stderr)")
        #expect(try scenario.concord(["round", "open", "res140", "--deadline", DraftingScenario.deadline]).status == 2, "--as is required")
        try scenario.expectSuccess(["round", "open", "res140", "--deadline", DraftingScenario.deadline, "--as", "CHAIR"])
        let closing = try scenario.concord(["round", "close", "res140", "--as", "USA"])
        #expect(closing.status == 1 && closing.stderr.contains("only they close rounds"))
        let publishing = try scenario.concord(["round", "close", "res140", "--publish", "--as", "USA"])
        #expect(publishing.status == 1 && publishing.stderr.contains("only they publish revisions"))
        try scenario.expectSuccess(["round", "close", "res140", "--as", "CHAIR"])
        let ledger = try git(["show", "main:Drafts/res140.rounds.toml"], in: scenario.repo).stdout
        #expect(ledger.contains("opened-by = 'CHAIR'") || ledger.contains("opened-by = \"CHAIR\""), "\(ledger)")
        #expect(ledger.contains("closed-by = 'CHAIR'") || ledger.contains("closed-by = \"CHAIR\""), "\(ledger)")
        #expect(try git(["log", "-2", "--format=%B", "main"], in: scenario.repo).stdout.contains("Opened-by: CHAIR"))
    }
}
