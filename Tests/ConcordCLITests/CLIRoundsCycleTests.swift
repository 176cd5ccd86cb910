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
        var compromise: (paragraph: String, proposers: [String], commit: String)?
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
            if round == 2 { compromise = try settleAConflictWithACompromise(in: repo) { try must($0, allowing: $1) } }
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
                #expect((0 ... 3).contains(round) && Set(by).isSubset(of: members + ["CHAIR"]) && (round == 0) == by.isEmpty)
            }
            guard paragraph["status"] as? String != "deleted", paragraph["status"] as? String != "conflict" else { continue }
            let text = spans.filter { $0["change"] as? String != "delete" }.map { $0["text"] as! String }.joined()
            #expect(shown.contains(text), "the spans of \(paragraph["id"]!) rebuild a paragraph of Rev.3")
        }
        #expect(rounds.isSuperset(of: [0, 3]), "imported text and round 3's words are both credited: \(rounds)")

        // Rev.2's compromise: the proposers keep the credit of their words, the chair has only
        // its own, named by the commit of its decision.
        let settled = try #require(compromise)
        let atRev2 = try JSONSerialization.jsonObject(with: Data(try must(["blame", "wsis", "--at", "Rev.2", "--format", "json"]).stdout.utf8)) as! [String: Any]
        let spans = try #require((atRev2["paragraphs"] as! [[String: Any]]).first { $0["id"] as? String == settled.paragraph }?["spans"] as? [[String: Any]])
        let chairs = spans.filter { ($0["by"] as! [String]) == ["CHAIR"] }
        #expect(chairs.map { $0["text"] as! String }.joined().contains("as agreed"), "\(spans)")
        #expect(chairs.allSatisfy { ($0["commits"] as! [String: String])["CHAIR"] == settled.commit && $0["round"] as? Int == 2 })
        #expect(spans.contains { span in settled.proposers.contains { (span["by"] as! [String]).contains($0) } }, "\(spans)")

        // What changed since Rev.1, and on whose proposal: every change credited.
        for (from, to) in [("Rev.1", "Rev.2"), ("Rev.1", "Rev.3")] {
            let diff = try JSONSerialization.jsonObject(with: Data(try must(["diff", "wsis", "--from", from, "--to", to, "--format", "json"]).stdout.utf8)) as! [String: Any]
            let changed = (diff["paragraphs"] as! [[String: Any]]).flatMap { $0["spans"] as! [[String: Any]] }.filter { $0["change"] as? String != "same" }
            let uncredited = changed.filter { ($0["by"] as! [String]).isEmpty }
            #expect(!changed.isEmpty && uncredited.isEmpty, "\(from) → \(to): \(uncredited.count) of \(changed.count) changes credited to nobody: \(uncredited.prefix(3))")
            #expect(changed.allSatisfy { Set($0["by"] as! [String]).isSubset(of: members + ["CHAIR"]) })
            if to == "Rev.2" {
                let compromise = (diff["paragraphs"] as! [[String: Any]]).first { $0["id"] as? String == settled.paragraph }
                let agreed = (compromise?["spans"] as? [[String: Any]] ?? []).first { ($0["text"] as! String).contains("agreed") }
                #expect(agreed?["by"] as? [String] == ["CHAIR"], "\(String(describing: compromise))")
            }
        }
    }

    /// The chair settles round 2's first conflict with the first alternative and words of its
    /// own: the paragraph, the alternative's proposers and the decision's commit.
    func settleAConflictWithACompromise(in repo: String, _ must: ([String], Set<Int32>) throws -> CommandResult) throws -> (String, [String], String) {
        let open = try must(["consolidate", "wsis", "--format", "json"], [0, 1])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(open.stdout.utf8)) as? [String: Any])
        let conflict = try #require((report["paragraphs"] as! [[String: Any]]).first { paragraph in
            paragraph["status"] as? String == "conflict" && !(((paragraph["alternatives"] as! [[String: Any]]).first?["text"] as? String) ?? "").isEmpty
        }, "round 2 has a conflict to settle")
        let chosen = (conflict["alternatives"] as! [[String: Any]])[0]
        let id = conflict["id"] as! String
        _ = try must(["decide", "wsis", id, "--text", (chosen["text"] as! String) + " as agreed", "--as", "CHAIR"], [0, 1])
        let commit = try git(["rev-parse", "consolidation/wsis"], in: repo).stdout
        return (id, chosen["by"] as! [String], commit.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
