import Foundation
import Testing
import TestSupport

/// Commands racing for the same branch: each lands (rebuilt on the tip another one moved),
/// or says truthfully why it did not, never a write silently lost.
@Suite struct CLIConcurrencyTests {
    func concurrently(_ scenario: DraftingScenario, _ commands: [[String]]) -> [CommandResult] {
        runAtOnce(Fixtures.concordExecutable, commands, in: scenario.repo,
                  environment: ["CONCORD_NOW": DraftingScenario.beforeDeadline]).compactMap { $0 }
    }

    /// Prints how many of `results` landed, for the record of what concurrency costs.
    func report(_ name: String, _ results: [CommandResult], landed: Int) {
        print("concurrency: \(name): \(landed) of \(results.count) landed, \(results.count - landed) refused"
              + results.filter { !$0.stderr.isEmpty }.prefix(3).map { " [\($0.stderr.trimmingCharacters(in: .whitespacesAndNewlines))]" }.joined())
    }

    /// RUS and F each append their own words to the same ten paragraphs: ten conflicts to decide.
    static let contested = ["recalling a)", "recalling b)", "recalling c)", "considering a)", "considering b)",
                            "considering c)", "noting a)", "noting b)", "resolves 1", "resolves 2"]

    func contestedScenario() throws -> DraftingScenario {
        let scenario = try DraftingScenario()
        for member in ["RUS", "F"] {
            let file = try scenario.editedDraft("\(member).txt") { lines in
                var edited = 0
                for index in lines.indices where lines[index].contains("\t") && edited < Self.contested.count {
                    lines[index] += " as \(member) proposes"
                    edited += 1
                }
            }
            let submitted = try scenario.concord(["submit", "res140", file, "--as", member])
            #expect(submitted.status == 0, "\(submitted.stderr)")
        }
        return scenario
    }

    @Test func registryUpdatesRacingOnMainAllLand() throws {
        let scenario = try DraftingScenario(openRound: false)
        let ids = (1...20).map { "M\($0)" }
        let results = concurrently(scenario, ids.map { ["member", "add", $0, "--name", "Member \($0)"] })
        #expect(results.count == ids.count)
        let listed = try scenario.concord(["member", "list"]).stdout
        let landed = results.filter { $0.status == 0 }
        report("member add", results, landed: landed.count)
        for result in results where result.status != 0 { Issue.record("refused: \(result.stderr)") }
        for id in ids { #expect(listed.contains("\(id)\t"), "\(id) is not in the registry") }
        #expect(try fsckComplaints(in: scenario.repo, allowingDangling: true).isEmpty)
        #expect(try git(["status", "--porcelain"], in: scenario.repo).stdout.isEmpty, "the work tree followed main")
    }

    @Test func decisionsAndCommitsRacingOnTheConsolidationBranchAllLand() throws {
        let scenario = try contestedScenario()
        let decides = Self.contested.map { ["decide", "res140", $0, "--accept", "RUS", "--as", "CHAIR"] }
        let commits = Array(repeating: ["consolidate", "res140", "--commit", "--format", "json"], count: 10)
        var commands: [[String]] = []
        for (decide, commit) in zip(decides, commits) { commands += [decide, commit] }
        let results = concurrently(scenario, commands)
        #expect(results.count == commands.count)
        // consolidate exits 1 while conflicts remain, having recorded the text: only a line on stderr is a refusal.
        let refused = results.filter { !$0.stderr.isEmpty }
        report("decide + consolidate --commit", results, landed: results.count - refused.count)
        for result in refused { Issue.record("refused: \(result.stderr)") }
        let decisions = try git(["show", "consolidation/res140:Drafts/res140.decisions.toml"], in: scenario.repo).stdout
        #expect(decisions.components(separatedBy: "[[decisions]]").count - 1 == Self.contested.count, "every decision is in the ledger")
        let final = try scenario.concord(["consolidate", "res140"])
        #expect(final.status == 0, "no conflict is left once all ten are decided: \(final.stdout)")
        #expect(try fsckComplaints(in: scenario.repo, allowingDangling: true).isEmpty)
    }

    @Test func supportsRacingOnOneCommentBranchAllLand() throws {
        let scenario = try contestedScenario()
        let results = concurrently(scenario, Self.contested.map { ["support", "res140", $0, "--as", "ARM", "--proposal", "RUS"] })
        let landed = results.filter { $0.status == 0 }
        report("support", results, landed: landed.count)
        for result in results where result.status != 0 { Issue.record("refused: \(result.stderr)") }
        let record = try git(["show", "comments/res140/ARM:Drafts/res140.proposal.toml"], in: scenario.repo).stdout
        #expect(record.components(separatedBy: "[[supports]]").count - 1 == Self.contested.count, "\(record)")
    }

    @Test func aDecisionRacingAnotherOnTheSameParagraphIsKeptAsRunningItAfterwardsWould() throws {
        let scenario = try contestedScenario()
        let results = concurrently(scenario, ["RUS", "F"].map { ["decide", "res140", "resolves 1", "--accept", $0, "--as", "CHAIR"] })
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
        let decisions = try git(["show", "consolidation/res140:Drafts/res140.decisions.toml"], in: scenario.repo).stdout
        #expect(decisions.components(separatedBy: "[[decisions]]").count - 1 == 1, "the later decision replaces the earlier: \(decisions)")
    }
}
