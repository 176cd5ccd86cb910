import Foundation
import Testing
import TestSupport

/// Commands racing for the same branch: each either lands or says it did not, never a
/// write silently lost.
@Suite struct CLIConcurrencyTests {
    func concurrently(_ scenario: DraftingScenario, _ commands: [[String]]) async -> [CommandResult] {
        await withTaskGroup(of: CommandResult?.self) { group in
            for arguments in commands { group.addTask { try? scenario.concord(arguments) } }
            return await group.reduce(into: []) { if let result = $1 { $0.append(result) } }
        }
    }

    @Test func registryUpdatesRacingOnMainAreNeverLost() async throws {
        let scenario = try DraftingScenario(openRound: false)
        let ids = (1...12).map { "M\($0)" }
        let results = await concurrently(scenario, ids.map { ["member", "add", $0, "--name", $0] })
        #expect(results.count == ids.count)
        let listed = try scenario.concord(["member", "list"]).stdout
        for result in results where result.status != 0 {
            #expect(result.status == 1 && result.stderr.contains("main branch moved"), "\(result.stderr)")
        }
        let landed = results.filter { $0.status == 0 }.compactMap { $0.stdout.split(separator: " ").dropFirst(2).first.map { String($0.dropLast()) } }
        #expect(!landed.isEmpty)
        for id in landed { #expect(listed.contains("\(id)\t"), "\(id) said it was added but is not in the registry") }
    }

    @Test func decisionsRacingOnTheConsolidationBranchAreNeverLost() async throws {
        let scenario = try DraftingScenario()
        let rus = try scenario.editedDraft("rus.txt") { lines in
            lines.replace("a)\tthat ITU has a leading role", with: "a)\tthat ITU has the leading role")
            lines.replace("the need for close coordination", with: "the need for closer coordination")
            lines.replace("the annual WSIS Forum organized", with: "the yearly WSIS Forum organized")
        }
        let france = try scenario.editedDraft("f.txt") { lines in
            lines.replace("a)\tthat ITU has a leading role", with: "a)\tthat ITU has an essential role")
            lines.replace("the need for close coordination", with: "the need for tight coordination")
            lines.replace("the annual WSIS Forum organized", with: "the WSIS Forum held annually and organized")
        }
        #expect(try scenario.concord(["submit", "res140", rus, "--as", "RUS"]).status == 0)
        #expect(try scenario.concord(["submit", "res140", france, "--as", "F"]).status == 0)
        let paragraphs = ["considering a)", "considering c)", "noting b)"]
        let results = await concurrently(scenario, paragraphs.map { ["decide", "res140", $0, "--accept", "RUS", "--as", "CHAIR"] })
        let decisions = try git(["show", "consolidation/res140:Drafts/res140.decisions.toml"], in: scenario.repo).stdout
        let recorded = decisions.components(separatedBy: "[[decisions]]").count - 1
        #expect(recorded == results.filter { $0.status == 0 }.count, "every decision reported recorded is in the ledger")
        for result in results where result.status != 0 {
            #expect(result.status == 1 && result.stderr.contains("moved while this command ran"), "\(result.stderr)")
        }
    }
}
