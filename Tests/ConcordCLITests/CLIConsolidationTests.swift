import Foundation
import Testing
import TestSupport

/// The chair's job with the real binary: consolidate, decide, commit, blame.
@Suite struct CLIConsolidationTests {
    func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    }

    /// RUS (with ARM) and CEPT edit neighbouring words of `resolves 1`; CEPT and CITEL
    /// compete on `instructs 2`; CITEL adds a paragraph.
    func submitted() throws -> DraftingScenario {
        let scenario = try DraftingScenario()
        let rus = try scenario.editedDraft("rus.txt") { $0.replace("to take a leading role", with: "to play a leading role") }
        let cept = try scenario.editedDraft("cept.txt") { lines in
            lines.replace("in the implementation of the WSIS outcomes within", with: "in implementing the WSIS outcomes within")
            lines.replace("Information Society (UNGIS),", with: "Information Society (UNGIS) and <b>UNESCO</b>,")
        }
        let citel = try scenario.editedDraft("citel.txt") { lines in
            lines.replace("Information Society (UNGIS),", with: "Information Society (UNGIS) and ITU-D,")
            lines.insert("{#citel-1} •\tto contribute to the stocktaking database.", at: lines.count - 1)
        }
        for (file, member, extra) in [(rus, "RUS", ["--with", "ARM", "--reason", "resolves 1=Plainer"]), (cept, "CEPT", []), (citel, "CITEL", [])] {
            let result = try scenario.concord(["submit", "res140", file, "--as", member] + extra)
            guard result.status == 0 else { throw DraftingScenario.ScenarioError(message: result.stderr) }
        }
        return scenario
    }

    @Test func consolidateGivesTheContractedJSON() throws {
        let scenario = try submitted()
        let result = try scenario.concord(["consolidate", "res140", "--format", "json"])
        #expect(result.status == 1, "conflicts remain: exit 1")
        let report = try json(result)
        #expect(report["draft"] as? String == "res140")
        #expect(report["round"] as? Int == 1)
        #expect((report["base"] as? String)?.count == 40)
        let paragraphs = report["paragraphs"] as! [[String: Any]]
        for paragraph in paragraphs {
            let spans = paragraph["spans"] as! [[String: Any]]
            let text = spans.filter { $0["change"] as? String != "delete" }.map { $0["text"] as! String }.joined()
            #expect(text == paragraph["text"] as? String, "spans rebuild the text of \(paragraph["id"] ?? "")")
            for span in spans { #expect((span["change"] as? String == "same") == (span["by"] as? [String])?.isEmpty) }
        }
        let amended = try #require(paragraphs.first { ($0["text"] as? String)?.contains("play a leading role in implementing") == true })
        #expect(amended["status"] as? String == "amended")
        let credits = (amended["spans"] as! [[String: Any]]).compactMap { $0["by"] as? [String] }.filter { !$0.isEmpty }
        #expect(credits.contains(["RUS", "ARM"]) && credits.contains(["CEPT"]))
        let conflict = try #require(paragraphs.first { $0["status"] as? String == "conflict" })
        let alternatives = conflict["alternatives"] as! [[String: Any]]
        #expect(alternatives.map { $0["by"] as! [String] } == [["CEPT"], ["CITEL"]])
        let added = try #require(paragraphs.first { $0["id"] as? String == "citel-1" })
        #expect(added["status"] as? String == "added")
    }

    @Test func textAndHTMLShowAttributionAndEscapeMemberText() throws {
        let scenario = try submitted()
        let text = try scenario.concord(["consolidate", "res140"]).stdout
        #expect(text.contains("[-take-]{RUS, ARM}[+play+]{RUS, ARM}"))
        #expect(text.contains("[ALT 1 (CEPT): "))
        #expect(text.contains(" | ALT 2 (CITEL): "))
        #expect(text.contains("Reason (RUS): Plainer"))
        let html = try scenario.concord(["consolidate", "res140", "--format", "html"]).stdout
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<b>UNESCO</b>") && html.contains("&lt;b&gt;UNESCO&lt;/b&gt;"))
        #expect(html.contains("class=\"legend\""))
    }

    @Test func theChairDecidesAndTheResultIsCommittedWithProvenance() throws {
        let scenario = try submitted()
        let notChair = try scenario.concord(["decide", "res140", "instructs the Secretary-General 2", "--accept", "CEPT", "--as", "RUS"])
        #expect(notChair.status == 1 && notChair.stderr.contains("only they decide"))
        let nobody = try scenario.concord(["decide", "res140", "instructs the Secretary-General 2", "--accept", "USA", "--as", "CHAIR"])
        #expect(nobody.status == 2 && nobody.stderr.contains("USA proposes nothing on it"))
        let both = try scenario.concord(["decide", "res140", "resolves 1", "--keep-base", "--accept", "RUS", "--as", "CHAIR"])
        #expect(both.status == 2)

        let decided = try scenario.concord(["decide", "res140", "instructs the Secretary-General 2", "--accept", "CITEL",
                                            "--as", "CHAIR", "--reason", "ITU-D leads"])
        #expect(decided.status == 0, "\(decided.stderr)")
        #expect(decided.stdout.contains("No conflict remains"))
        let log = try git(["log", "-1", "--format=%P%n%B", "consolidation/res140"], in: scenario.repo).stdout
        #expect(log.split(separator: "\n")[0].split(separator: " ").count == 4, "parents: the round's base and three submissions")
        #expect(log.contains("Decided-by: CHAIR") && log.contains("Concord-Submission: CITEL"))
        let stored = try git(["show", "consolidation/res140:Drafts/res140.txt"], in: scenario.repo).stdout
        #expect(stored.contains("(UNGIS) and ITU-D,") && stored.contains("play a leading role"))
        let decisions = try git(["show", "consolidation/res140:Drafts/res140.decisions.toml"], in: scenario.repo).stdout
        #expect(decisions.contains("CITEL") && decisions.contains("ITU-D leads"))
        #expect(try scenario.concord(["consolidate", "res140"]).status == 0)
        let complaints = try fsckComplaints(in: scenario.repo)
        #expect(complaints.isEmpty, "\(complaints)")

        let blame = try scenario.concord(["blame", "res140", "--at", "consolidation/res140"])
        let citelCommit = try git(["rev-parse", "--short=10", "comments/res140/CITEL"], in: scenario.repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(blame.stdout.contains("+ \" and ITU-D\"  ← round 1: CITEL \(citelCommit)"), "\(blame.stdout)")
        let rusCommit = try git(["rev-parse", "--short=10", "comments/res140/RUS"], in: scenario.repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(blame.stdout.contains("ARM \(rusCommit)"), "a co-sponsor is traced to the submission it co-sponsors")
    }

    /// Several paragraphs settled alike in one call: one commit naming each, or, when one of
    /// them cannot be decided, nothing recorded at all.
    @Test func severalParagraphsAreDecidedInOneCommitOrNotAtAll() throws {
        let scenario = try submitted()
        let tipBefore = try git(["rev-parse", "consolidation/res140"], in: scenario.repo)
        #expect(tipBefore.status != 0, "nothing recorded yet")
        let refused = try scenario.concord(["decide", "res140", "resolves 1", "resolves 2", "--keep-base", "--as", "CHAIR"])
        #expect(refused.status == 1 && refused.stderr.contains("resolves 2") && refused.stderr.contains("nothing was decided"),
                "\(refused.stderr)")
        #expect(try git(["rev-parse", "consolidation/res140"], in: scenario.repo).status != 0, "a refusal records no decision")
        let twice = try scenario.concord(["decide", "res140", "resolves 1", "resolves 1", "--keep-base", "--as", "CHAIR"])
        #expect(twice.status == 2 && twice.stderr.contains("named twice"))
        let compromise = try scenario.concord(["decide", "res140", "resolves 1", "instructs the Secretary-General 2", "--text", "x", "--as", "CHAIR"])
        #expect(compromise.status == 2 && compromise.stderr.contains("name only one"))

        let decided = try scenario.concord(["decide", "res140", "resolves 1", "instructs the Secretary-General 2", "--keep-base", "--as", "CHAIR"])
        #expect(decided.status == 0, "\(decided.stderr)")
        #expect(decided.stdout.contains("paragraphs resolves 1 ({#") && decided.stdout.contains("No conflict remains"), "\(decided.stdout)")
        let log = try git(["log", "--format=%B%x00", "consolidation/res140"], in: scenario.repo).stdout
        let commits = log.split(separator: "\0").filter { $0.contains("Decide") }
        #expect(commits.count == 1)
        #expect(commits.first.map { $0.components(separatedBy: "Concord-Decided: ").count - 1 } == 2, "\(log)")
        let decisions = try git(["show", "consolidation/res140:Drafts/res140.decisions.toml"], in: scenario.repo).stdout
        #expect(decisions.components(separatedBy: "keep-base").count - 1 == 2)
        let consolidated = try json(try scenario.concord(["consolidate", "res140", "--format", "json"]))
        let decided2 = (consolidated["paragraphs"] as! [[String: Any]]).filter { $0["decision"] != nil }
        #expect(decided2.count == 2)
    }

    /// Rev.1 leaves a conflict open (`res140.open-proposals.toml`); the chair settles it in
    /// round 2, and Rev.2 has no such file: the checked-out work tree follows, file removed,
    /// where it had kept the file and reported it as the chair's own change (exit 1).
    @Test func aRevisionThatLeavesNothingOpenTakesTheOpenProposalsFileFromTheWorkTree() throws {
        let scenario = try submitted()
        try scenario.expectSuccess(["round", "close", "res140", "--publish", "--as", "CHAIR"])
        #expect(FileManager.default.fileExists(atPath: scenario.repo + "/Drafts/res140.open-proposals.toml"))
        try scenario.expectSuccess(["round", "open", "res140", "--as", "CHAIR", "--deadline", DraftingScenario.deadline])
        try scenario.expectSuccess(["decide", "res140", "instructs the Secretary-General 2", "--keep-base", "--as", "CHAIR"])
        let published = try scenario.concord(["round", "close", "res140", "--publish", "--as", "CHAIR"])
        #expect(published.status == 0, "\(published.stderr)")
        #expect(try git(["ls-tree", "main", "Drafts/res140.open-proposals.toml"], in: scenario.repo).stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: scenario.repo + "/Drafts/res140.open-proposals.toml"))
        #expect(try git(["status", "--porcelain"], in: scenario.repo).stdout.isEmpty)
    }

    @Test func aDecisionIsFlaggedWhenTheParagraphGetsNewProposals() throws {
        let scenario = try submitted()
        #expect(try scenario.concord(["decide", "res140", "instructs the Secretary-General 2", "--keep-base", "--as", "CHAIR"]).status == 0)
        let usa = try scenario.editedDraft("usa.txt") { $0.replace("to coordinate with the United Nations", with: "to cooperate with the United Nations") }
        #expect(try scenario.concord(["submit", "res140", usa, "--as", "USA"]).status == 0)
        let result = try scenario.concord(["consolidate", "res140"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("OUTDATED: the proposals changed since; decide again"))
    }

    @Test func consolidateCommitRecordsOnceAndBlameNamesMissingRevisions() throws {
        let scenario = try submitted()
        #expect(try scenario.concord(["consolidate", "res140", "--commit"]).status == 1)
        #expect(try scenario.concord(["consolidate", "res140", "--commit"]).status == 1)
        #expect(try git(["rev-list", "--count", "--first-parent", "consolidation/res140", "^main~1"], in: scenario.repo).stdout == "1\n",
                "an unchanged consolidation is not committed twice")
        let blame = try scenario.concord(["blame", "res140", "--at", "main"])
        #expect(blame.status == 2 && blame.stderr.contains("main: holds no consolidation of res140"))
        let nowhere = try scenario.concord(["blame", "res140", "--at", "no-such-revision"])
        #expect(nowhere.status == 2 && nowhere.stderr.contains("no-such-revision: not a revision"))
    }

    @Test func closingPublishesTheConsolidatedTextAsTheNextRevision() throws {
        let scenario = try submitted()
        #expect(try scenario.concord(["decide", "res140", "instructs the Secretary-General 2", "--accept", "CEPT", "--as", "CHAIR"]).status == 0)
        let published = try scenario.concord(["round", "close", "res140", "--as", "CHAIR", "--publish"])
        #expect(published.status == 0, "\(published.stderr)")
        #expect(published.stdout.contains("published Rev.1 on main"))
        let main = try scenario.concord(["draft", "show", "res140", "--plain"]).stdout
        #expect(main.contains("to play a leading role in implementing the WSIS outcomes"))
        #expect(main.contains("to contribute to the stocktaking database."))
        #expect(try git(["log", "-1", "--format=%P", "main"], in: scenario.repo).stdout.split(separator: " ").count == 2,
                "the publishing commit merges the consolidation")
        #expect(try scenario.concord(["round", "list", "res140"]).stdout.contains("published as Rev.1"))

        // Round 2 amends Rev.1: proposals are diffs against it.
        #expect(try scenario.concord(["round", "open", "res140", "--as", "CHAIR", "--deadline", "2022-06-01T12:00:00Z"]).status == 0)
        let usa = try scenario.editedDraft("usa.txt") { $0.replace("stocktaking database.", with: "stocktaking database and portal.") }
        #expect(try scenario.concord(["submit", "res140", usa, "--as", "USA"]).status == 0)
        let diff = try scenario.concord(["diff", "res140", "--member", "USA"]).stdout
        #expect(diff.contains("1 MOD, 0 ADD, 0 SUP"))
        let complaints = try fsckComplaints(in: scenario.repo)
        #expect(complaints.isEmpty, "\(complaints)")
    }

    @Test func theSameIDAddedAtTwoPlacesStandsOnceAndPublishes() throws {
        let scenario = try DraftingScenario()
        let rus = try scenario.editedDraft("rus.txt") { lines in
            let index = lines.firstIndex { $0.contains("b)\tthe resolutions of the United Nations") }!
            lines.insert("{#shared-1} x)\tA new recital.", at: index)
        }
        let france = try scenario.editedDraft("f.txt") { lines in
            let index = lines.firstIndex { $0.contains("c)\tthe relevant resolutions") }!
            lines.insert("{#shared-1} x)\tA new recital.", at: index)
        }
        #expect(try scenario.concord(["submit", "res140", rus, "--as", "RUS"]).status == 0)
        #expect(try scenario.concord(["submit", "res140", france, "--as", "F"]).status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(try scenario.concord(["consolidate", "res140", "--format", "json"]).stdout.utf8)) as! [String: Any]
        let added = (report["paragraphs"] as! [[String: Any]]).filter { $0["id"] as? String == "shared-1" }
        #expect(added.count == 1)
        #expect((added.first?["spans"] as? [[String: Any]])?.first?["by"] as? [String] == ["F", "RUS"])
        #expect(try scenario.concord(["round", "close", "res140", "--as", "CHAIR", "--publish"]).status == 0)
        #expect(try scenario.concord(["draft", "show", "res140"]).status == 0, "the published draft reads back")
    }

    /// A member who inserts a provision and renumbers the ones after it, as Word does, has the
    /// renumbering applied with the insertion: the published revision has no label twice.
    @Test func anInsertionWithItsRenumberingIsAppliedWhole() throws {
        let scenario = try DraftingScenario()
        let rus = try scenario.editedDraft("rus.txt") { lines in
            let third = lines.firstIndex { $0.contains("3\tthat the Council Working Group") }!
            lines.insert("3\tto publish an annual WSIS report;", at: third)
            for (old, new) in [("3\tthat the Council", "4\tthat the Council"), ("3bis\tto strengthen", "4bis\tto strengthen"),
                               ("4\tto invite Member States", "5\tto invite Member States")] {
                lines.replace(old, with: new)
            }
        }
        #expect(try scenario.concord(["submit", "res140", rus, "--as", "RUS"]).status == 0)
        let text = try scenario.concord(["consolidate", "res140"]).stdout
        #expect(text.contains("Relabelled 3 → 4 on the proposal of RUS"), "\(text)")
        try scenario.expectSuccess(["round", "close", "res140", "--publish", "--as", "CHAIR"])
        let labels = try scenario.concord(["draft", "show", "res140", "--plain"]).stdout.split(separator: "\n")
            .drop { !$0.hasPrefix("resolves") }.dropFirst().prefix { !$0.hasPrefix("instructs") }.map { String($0.prefix { $0 != "\t" }) }
        #expect(labels == ["1", "2", "3", "4", "4bis", "5"], "\(labels)")
    }

    @Test func publishingNeverLabelsTwoParagraphsAlike() throws {
        let scenario = try DraftingScenario()
        for (member, text) in [("RUS", "3ter\tto publish an annual report;"), ("USA", "3ter\tto hold an annual forum;")] {
            let file = try scenario.editedDraft("\(member).txt") { lines in
                lines.insert(text, at: lines.firstIndex { $0.contains("3bis\tto strengthen") }! + 1)
            }
            try scenario.expectSuccess(["submit", "res140", file, "--as", member])
        }
        let refused = try scenario.concord(["round", "close", "res140", "--publish", "--as", "CHAIR"])
        #expect(refused.status == 1 && refused.stderr.contains("would label two paragraphs alike (resolves: 3ter)"), "\(refused.stderr)")
        #expect(try scenario.concord(["round", "list", "res140"]).stdout.contains("open"), "nothing was published")
    }

    @Test func renumberingsThatDisagreeAreListedNotApplied() throws {
        let scenario = try DraftingScenario()
        let rus = try scenario.editedDraft("rus.txt") { $0.replace("3bis\tto strengthen", with: "4\tto strengthen") }
        let usa = try scenario.editedDraft("usa.txt") { $0.replace("3bis\tto strengthen", with: "3ter\tto strengthen") }
        #expect(try scenario.concord(["submit", "res140", rus, "--as", "RUS"]).status == 0)
        #expect(try scenario.concord(["submit", "res140", usa, "--as", "USA"]).status == 0)
        let text = try scenario.concord(["consolidate", "res140"]).stdout
        #expect(text.contains("Renumbering proposed by RUS: 4, USA: 3ter (label kept as in the base)"), "\(text)")
    }

    @Test func compareStillShowsAMemberRemovedAfterSubmitting() throws {
        let scenario = try submitted()
        #expect(try scenario.concord(["member", "remove", "CITEL"]).status == 0)
        let result = try scenario.concord(["compare", "res140"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("CITEL"))
    }
}
