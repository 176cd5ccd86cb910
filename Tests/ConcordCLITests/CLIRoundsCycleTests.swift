import Foundation
import Testing
import TestSupport

/// A group's year, end to end with the real binary: a seed-derived draft, ten members, three
/// rounds published with whatever conflicts remain, stale files submitted again, and blame at
/// the end. After every command that writes, `git fsck --strict` stays clean.
@Suite struct CLIRoundsCycleTests {
    @Test func threeRoundsOfTenMembers() throws {
        let scratch = ScratchDirectory("concord-cycle")
        let repo = scratch.file("drafts")
        func concord(_ arguments: [String]) throws -> CommandResult {
            try run(Fixtures.concordExecutable, arguments, in: repo, environment: ["CONCORD_NOW": DraftingScenario.beforeDeadline])
        }
        func must(_ arguments: [String], allowing codes: Set<Int32> = [0]) throws -> CommandResult {
            let result = try concord(arguments)
            #expect(codes.contains(result.status), "\(arguments.joined(separator: " ")): \(result.stderr)")
            if result.status == 0 { #expect(try fsckComplaints(in: repo).isEmpty, "after \(arguments.joined(separator: " "))") }
            return result
        }
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        _ = try must(["init", repo])
        let base = scratch.write("base.txt", SeedCorpus.draft(bytes: 12_000, seed: 140))
        _ = try must(["draft", "import", "wsis", base])
        _ = try must(["member", "add", "CHAIR", "--name", "Chair", "--kind", "chair"])
        let members = (0 ..< 10).map { "M\($0)" }
        for member in members { _ = try must(["member", "add", member, "--name", "Member \(member)"]) }

        var roundOneFiles: [String: String] = [:]
        for round in 1 ... 3 {
            _ = try must(["round", "open", "wsis", "--deadline", DraftingScenario.deadline, "--as", "CHAIR"])
            let current = try concord(["draft", "show", "wsis"]).stdout
            for (index, member) in members.enumerated() {
                // In rounds 2 and 3, M0 submits the file it edited in round 1 again.
                if round > 1, member == "M0", let stale = roundOneFiles[member] {
                    let again = try must(["submit", "wsis", stale, "--as", member], allowing: [0, 1])
                    #expect(again.status == 0 ? again.stdout.contains("The text was edited from")
                            : again.stderr.contains("changed the same words") || again.stderr.contains("already in"), "\(again.stdout)\(again.stderr)")
                    continue
                }
                let edited = SeedCorpus.edit(current, fraction: 0.08, seed: UInt64(round * 100 + index))
                let file = scratch.write("r\(round)-\(member).txt", edited)
                if round == 1 { roundOneFiles[member] = file }
                _ = try must(["submit", "wsis", file, "--as", member], allowing: [0, 1])
            }
            let published = try must(["round", "close", "wsis", "--publish", "--as", "CHAIR"])
            #expect(published.stdout.contains("published Rev.\(round)"))
        }
        for revision in 1 ... 3 { _ = try must(["draft", "show", "wsis", "--at", "Rev.\(revision)"]) }

        // Blame at Rev.3: every span credited to members (or nobody for imported text), in a
        // round from 0 to 3, and the kept and inserted spans rebuild each paragraph's text.
        let blame = try must(["blame", "wsis", "--at", "Rev.3", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(blame.stdout.utf8)) as? [String: Any])
        let shown = try concord(["draft", "show", "wsis", "--at", "Rev.3"]).stdout
        var rounds = Set<Int>()
        for paragraph in report["paragraphs"] as! [[String: Any]] {
            let spans = paragraph["spans"] as! [[String: Any]]
            for span in spans {
                let by = span["by"] as! [String], round = span["round"] as! Int
                rounds.insert(round)
                #expect((0 ... 3).contains(round) && Set(by).isSubset(of: members) && (round == 0) == by.isEmpty)
            }
            guard paragraph["status"] as? String != "deleted", paragraph["status"] as? String != "conflict" else { continue }
            let text = spans.filter { $0["change"] as? String != "delete" }.map { $0["text"] as! String }.joined()
            #expect(shown.contains(text), "the spans of \(paragraph["id"]!) rebuild a paragraph of Rev.3")
        }
        #expect(rounds.isSuperset(of: [0, 3]), "imported text and round 3's words are both credited: \(rounds)")
    }
}
