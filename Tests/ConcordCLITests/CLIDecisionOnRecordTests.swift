import Foundation
import Testing
import TestSupport

/// `decide` amends the consolidation recorded last when the round's inputs are still those
/// it was merged from (`DraftingRepository.decideOnRecord`): only the decided paragraphs are
/// merged again, from the members who touch them. Each record it writes must be the one
/// merging the whole round writes: `consolidate --commit` after it finds nothing new.
@Suite struct CLIDecisionOnRecordTests {
    /// Every file edited in place (`submitCompetingEditsInPlace`), the consolidation recorded.
    func submitted() throws -> DraftingScenario {
        let scenario = try DraftingScenario()
        try scenario.submitCompetingEditsInPlace()
        try record(scenario)
        return scenario
    }

    /// Records the consolidation (exit 1: conflicts remain).
    func record(_ scenario: DraftingScenario) throws {
        let recorded = try scenario.concord(["consolidate", "res140", "--commit"])
        guard recorded.status <= 1 else { throw DraftingScenario.ScenarioError(message: recorded.stderr) }
    }

    /// The record as merging the whole round writes it.
    func expectRecordIsAsMerged(_ scenario: DraftingScenario, _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let again = try scenario.concord(["consolidate", "res140", "--commit"])
        #expect(again.stdout.contains("Nothing new to record"), comment, sourceLocation: sourceLocation)
    }

    /// The cached line patch of `member`'s file, which reading its changes needs.
    func patchFile(of member: String, in scenario: DraftingScenario) throws -> String {
        let blob = try git(["rev-parse", "comments/res140/\(member):Drafts/res140.txt"], in: scenario.repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let folder = scenario.repo + "/.git/concord/line-patches"
        let bases = try FileManager.default.contentsOfDirectory(atPath: folder)
        return try #require(bases.map { "\(folder)/\($0)/\(blob)" }.first { FileManager.default.fileExists(atPath: $0) })
    }

    @Test func eachDecisionAmendsTheRecordAsMergingTheRoundWritesIt() throws {
        let scenario = try submitted()
        // RUS does not touch the paragraph decided: its changes are not read again.
        let rusPatch = try patchFile(of: "RUS", in: scenario)
        try FileManager.default.removeItem(atPath: rusPatch)
        let accepted = try scenario.concord(["decide", "res140", "instructs the Secretary-General 2", "--accept", "CITEL", "--as", "CHAIR", "--reason", "ITU-D leads"])
        #expect(accepted.status == 0 && accepted.stdout.contains("No conflict remains"), "\(accepted.stderr)")
        #expect(!FileManager.default.fileExists(atPath: rusPatch), "the decision read the members who touch its paragraph only")
        let stored = try git(["show", "consolidation/res140:Drafts/res140.txt"], in: scenario.repo).stdout
        #expect(stored.contains("(UNGIS) and ITU-D,") && stored.contains("play a leading role") && stored.contains("to keep aligning"))
        try expectRecordIsAsMerged(scenario, "accepting a member")

        for decision in [["instructs the Secretary-General 2", "--keep-base"], ["instructs the Secretary-General 2", "--text", "to coordinate with UNGIS and UNESCO,"],
                         ["resolves 1", "resolves 2", "--keep-base"], ["resolves 1", "--accept", "RUS"]] {
            let result = try scenario.concord(["decide", "res140"] + decision + ["--as", "CHAIR"])
            #expect(result.status == 0, "\(decision): \(result.stderr)")
            try expectRecordIsAsMerged(scenario, "\(decision)")
        }
        let report = try git(["show", "consolidation/res140:Drafts/res140.consolidation.json"], in: scenario.repo).stdout
        #expect(report.contains("\"conflicts\" : 0,"))
    }

    /// A conflict left open, then settled: the count of conflicts in the record follows.
    @Test func theRecordCountsTheConflictsLeft() throws {
        let scenario = try submitted()
        let merged = try git(["show", "consolidation/res140:Drafts/res140.consolidation.json"], in: scenario.repo).stdout
        #expect(merged.contains("\"conflicts\" : 1,"))
        let kept = try scenario.concord(["decide", "res140", "resolves 1", "--keep-base", "--as", "CHAIR"])
        #expect(kept.stdout.contains("1 conflict(s) remain"), "\(kept.stdout)")
        try expectRecordIsAsMerged(scenario, "a conflict still open")
    }

    /// A member who submits after the record was merged makes it stale: the decision merges
    /// the round whole, the new submission in it.
    @Test func aSubmissionSinceTheRecordIsMergedWithTheDecision() throws {
        let scenario = try submitted()
        let usa = try scenario.editedDraft("usa.txt") { $0.replace("to invite Member States", with: "to urge Member States") }
        try scenario.expectSuccess(["submit", "res140", usa, "--as", "USA"])
        let decided = try scenario.concord(["decide", "res140", "instructs the Secretary-General 2", "--accept", "CEPT", "--as", "CHAIR"])
        #expect(decided.status == 0, "\(decided.stderr)")
        let stored = try git(["show", "consolidation/res140:Drafts/res140.txt"], in: scenario.repo).stdout
        #expect(stored.contains("to urge Member States") && stored.contains("(UNGIS) and UNESCO,"))
        try expectRecordIsAsMerged(scenario, "a submission after the record")
    }

    /// A renumbering gives a paragraph another's label: named by that label, the paragraph
    /// is ambiguous as merging the round finds it, and not the base's only one with the label.
    @Test func aLabelNamesTheParagraphsMergingWouldFind() throws {
        let scenario = try submitted()
        let france = try scenario.editedDraft("f.txt") { $0.replace("3bis\tto strengthen", with: "4\tto strengthen") }
        try scenario.expectSuccess(["submit", "res140", france, "--as", "F"])
        try record(scenario)
        let ambiguous = try scenario.concord(["decide", "res140", "resolves 4", "--keep-base", "--as", "CHAIR"])
        #expect(ambiguous.status == 2 && ambiguous.stderr.contains("several paragraphs"), "\(ambiguous.stdout)\(ambiguous.stderr)")
        let decided = try scenario.concord(["decide", "res140", "instructs the Secretary-General 2", "--accept", "CEPT", "--as", "CHAIR"])
        #expect(decided.status == 0, "\(decided.stderr)")
        try expectRecordIsAsMerged(scenario, "with a renumbering in the round")
    }
}
