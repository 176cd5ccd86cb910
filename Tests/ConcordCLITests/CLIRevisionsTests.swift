import Foundation
import Testing
import TestSupport

/// Revisions have names: publishing Rev.N tags it `<draft>/Rev.N`, and every option that takes
/// a revision takes `Rev.N`; only the chair or the secretariat run a round, and who did is recorded.
@Suite struct CLIRevisionsTests {
    /// Publishes Rev.1 and opens round 2 on it.
    func publishAndOpenRound2(_ scenario: DraftingScenario) throws {
        try scenario.expectSuccess(["round", "close", "res140", "--publish", "--as", "CHAIR"])
        try scenario.expectSuccess(["round", "open", "res140", "--deadline", "2022-06-01T12:00:00Z", "--as", "CHAIR"])
    }

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

    /// A member who submits in round 2 the file it edited in round 1 proposes only its own
    /// changes, carried onto Rev.1; it never undoes what Rev.1 adopted.
    @Test func aStaleFileIsCarriedOntoTheNewBaseOrRefusedOnAClash() throws {
        let scenario = try DraftingScenario()
        let rus = try scenario.editedDraft("rus.txt") { $0.replace("continue to take", with: "continue to play") }
        let usa = try scenario.editedDraft("usa.txt") { $0.replace("remain open to all Member States", with: "remain open to all Member States and Academia") }
        // Files edited in round 1 and kept for later.
        let arm = try scenario.editedDraft("arm.txt") { $0.replace("in Geneva and in Tunis", with: "in Geneva (2003) and in Tunis (2005)") }
        let france = try scenario.editedDraft("f.txt") { $0.replace("continue to take", with: "continue to assume") }
        try scenario.expectSuccess(["submit", "res140", rus, "--as", "RUS"])
        try scenario.expectSuccess(["submit", "res140", usa, "--as", "USA"])
        try publishAndOpenRound2(scenario)

        // Everything USA's old file changes is in Rev.1 already.
        let again = try scenario.concord(["submit", "res140", usa, "--as", "USA"])
        #expect(again.status == 1 && again.stderr.contains("was edited from round 1's base, and everything it changes is already in round 2's base"), "\(again.stderr)")

        // ARM's change is carried; RUS's adopted "play" stands.
        let carried = try scenario.concord(["submit", "res140", arm, "--as", "ARM"])
        #expect(carried.status == 0, "\(carried.stderr)")
        #expect(carried.stdout.contains("The text was edited from round 1's base"), "\(carried.stdout)")
        let diff = try scenario.concord(["diff", "res140", "--member", "ARM", "--format", "json"])
        let proposals = ((try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as! [String: Any])["paragraphs"] as! [[String: Any]])
            .filter { $0["op"] as? String != "NOC" }
        #expect(proposals.count == 1)
        let armText = try git(["show", "comments/res140/ARM:Drafts/res140.txt"], in: scenario.repo).stdout
        #expect(armText.contains("continue to play") && armText.contains("in Geneva (2003) and in Tunis (2005)") && armText.contains("and Academia"))

        // F's change clashes with Rev.1's in the same words: refused, nothing recorded.
        let clash = try scenario.concord(["submit", "res140", france, "--as", "F"])
        let lines = clash.stderr.split(separator: "\n")
        #expect(clash.status == 1 && lines.count == 2, "\(clash.stderr)")
        #expect(lines.first?.contains("F's text was edited from round 1's base, and Rev.1 changed the same words in 1 paragraph(s); nothing was recorded") == true, "\(clash.stderr)")
        #expect(lines.last?.contains("paragraph 1 {#") == true && lines.last?.contains("F's change clashes with Rev.1's") == true, "\(clash.stderr)")
        #expect(try git(["rev-parse", "--verify", "--quiet", "comments/res140/F"], in: scenario.repo).status != 0)
        #expect(try fsckComplaints(in: scenario.repo).isEmpty)
    }

    /// A move nobody contests is applied, credited, published, and tracked in the chair's
    /// Word document as a move: accepted it reads as the consolidated text, rejected as the base.
    @Test func anUncontestedMoveIsAppliedPublishedAndTrackedInWord() throws {
        let scenario = try DraftingScenario()
        let rus = try scenario.editedDraft("rus.txt") { lines in
            let moved = lines.firstIndex { $0.contains("to strengthen cooperation") }!
            let line = lines.remove(at: moved)
            lines.insert(line, at: lines.firstIndex { $0.contains("to continue aligning the WSIS") }!)
        }
        try scenario.expectSuccess(["submit", "res140", rus, "--as", "RUS"])
        let report = try JSONSerialization.jsonObject(with: Data(try scenario.concord(["consolidate", "res140", "--format", "json"]).stdout.utf8)) as! [String: Any]
        let paragraphs = report["paragraphs"] as! [[String: Any]]
        let moved = try #require(paragraphs.first { ($0["text"] as? String)?.contains("to strengthen cooperation") == true })
        #expect(moved["moved"] as? Bool == true && moved["movedBy"] as? [String] == ["RUS"])
        let labels = paragraphs.compactMap { $0["label"] as? String }
        #expect(labels.firstIndex(of: "3bis")! < labels.firstIndex(of: "2")!, "\(labels)")
        let text = try scenario.concord(["consolidate", "res140"]).stdout
        #expect(text.contains("MOVE: moved here on the proposal of RUS"), "\(text)")

        let docx = scenario.scratch.file("moved.docx")
        try scenario.expectSuccess(["export", "res140", "--docx", docx])
        func pandoc(_ changes: String) throws -> [String] {
            try run("/usr/bin/env", ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", "--track-changes=\(changes)", docx]).stdout
                .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        }
        func plain(_ draft: String) -> [String] {
            draft.split(separator: "\n").map { line -> String in
                let text = line.hasPrefix("{#") ? String(line[line.index(after: line.firstIndex(of: "}")!)...].dropFirst()) : String(line)
                return text.replacingOccurrences(of: "\t", with: " ")
            }
        }
        try scenario.expectSuccess(["round", "close", "res140", "--publish", "--as", "CHAIR"])
        let published = try scenario.concord(["draft", "show", "res140", "--at", "Rev.1"]).stdout
        #expect(published.components(separatedBy: "to strengthen cooperation")[0].contains("to continue aligning") == false, "Rev.1 has the new order")
        #expect(try pandoc("accept").map { $0.replacingOccurrences(of: "  ", with: " ") } == plain(published).map { $0.replacingOccurrences(of: "  ", with: " ") })
        let base = try git(["show", "main~1:Drafts/res140.txt"], in: scenario.repo).stdout
        #expect(try pandoc("reject").map { $0.replacingOccurrences(of: "  ", with: " ") } == plain(base).map { $0.replacingOccurrences(of: "  ", with: " ") })
    }

    /// A conflict the chair did not settle is published with the base text, and its
    /// alternatives stand again in the next round, credited, until withdrawn or resubmitted.
    @Test func openConflictsCarryIntoTheNextRoundUntilWithdrawn() throws {
        let scenario = try DraftingScenario()
        let rus = try scenario.editedDraft("rus.txt") { $0.replace("continue to take", with: "continue to play") }
        let usa = try scenario.editedDraft("usa.txt") { $0.replace("continue to take", with: "continue to assume") }
        let cept = try scenario.editedDraft("cept.txt") { $0.replace("in Geneva and in Tunis", with: "in Geneva (2003) and in Tunis (2005)") }
        for (file, member) in [(rus, "RUS"), (usa, "USA"), (cept, "CEPT")] { try scenario.expectSuccess(["submit", "res140", file, "--as", member]) }
        let published = try scenario.concord(["round", "close", "res140", "--publish", "--as", "CHAIR"])
        #expect(published.status == 0 && published.stdout.contains("1 paragraph(s) still in conflict (1) keep the base text in Rev.1"), "\(published.stdout)\(published.stderr)")
        let rev1 = try scenario.concord(["draft", "show", "res140", "--at", "Rev.1"]).stdout
        #expect(rev1.contains("continue to take") && rev1.contains("Tunis (2005)"))

        try scenario.expectSuccess(["round", "open", "res140", "--deadline", "2022-06-01T12:00:00Z", "--as", "CHAIR"])
        func resolvesOne() throws -> [String: Any] {
            let report = try JSONSerialization.jsonObject(with: Data(try scenario.concord(["consolidate", "res140", "--format", "json"]).stdout.utf8)) as! [String: Any]
            return (report["paragraphs"] as! [[String: Any]]).first { ($0["text"] as? String)?.contains("that ITU shall continue to") == true }!
        }
        // Nobody has submitted in round 2, and both alternatives stand again, credited.
        let open = try resolvesOne()
        #expect(open["status"] as? String == "conflict")
        #expect(Set((open["alternatives"] as! [[String: Any]]).flatMap { $0["by"] as! [String] }) == ["RUS", "USA"])

        // RUS takes its proposal back: USA's stands alone and applies.
        let withdrawn = try scenario.concord(["withdraw", "res140", "resolves 1", "--as", "RUS"])
        #expect(withdrawn.status == 0, "\(withdrawn.stderr)")
        let settled = try resolvesOne()
        #expect(settled["status"] as? String == "amended" && (settled["text"] as? String)?.contains("continue to assume") == true, "\(settled)")
        let nothing = try scenario.concord(["withdraw", "res140", "resolves 1", "--as", "RUS"])
        #expect(nothing.status == 1 && nothing.stderr.contains("RUS proposes nothing on paragraph resolves 1"), "\(nothing.stderr)")

        // USA resubmits something else: its open proposal is replaced by its new text.
        let usa2 = try scenario.editedDraft("usa2.txt") { $0.replace("remain open to all Member States", with: "remain open to all Member States and Academia") }
        try scenario.expectSuccess(["submit", "res140", usa2, "--as", "USA"])
        #expect(try resolvesOne()["status"] as? String == "unchanged")
        // And withdraws that one too, from its submission of this round.
        #expect(try scenario.concord(["withdraw", "res140", "resolves 3", "--as", "USA"]).status == 0)
        #expect(try scenario.concord(["diff", "res140", "--member", "USA"]).stdout.contains("0 MOD, 0 ADD, 0 SUP"))
        #expect(try fsckComplaints(in: scenario.repo).isEmpty)
    }

    /// After three rounds, every word is credited to the member, round and commit that brought
    /// it in, back to the imported text.
    /// RUS edits in round 1, USA in round 2, CEPT in round 3, which is open.
    func threeRoundsOfCredit() throws -> DraftingScenario {
        let scenario = try DraftingScenario()
        let deadlines = ["2022-06-01T12:00:00Z", "2022-09-01T12:00:00Z"]
        let rounds: [(String, String, String)] = [("RUS", "continue to take", "continue to play"),
                                                  ("USA", "held in Geneva and in Tunis", "held in Geneva (2003) and in Tunis"),
                                                  ("CEPT", "to continue aligning", "to keep aligning")]
        for (index, (member, old, new)) in rounds.enumerated() {
            let file = try scenario.editedDraft("\(member).txt") { $0.replace(old, with: new) }
            try scenario.expectSuccess(["submit", "res140", file, "--as", member])
            if index < 2 {
                try scenario.expectSuccess(["round", "close", "res140", "--publish", "--as", "CHAIR"])
                try scenario.expectSuccess(["round", "open", "res140", "--deadline", deadlines[index], "--as", "CHAIR"])
            }
        }
        return scenario
    }

    @Test func blameReachesBackToTheFirstRound() throws {
        let scenario = try threeRoundsOfCredit()
        func credits(_ arguments: [String]) throws -> [String: (by: [String], round: Int)] {
            let result = try scenario.concord(["blame", "res140", "--format", "json"] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
            var found: [String: (by: [String], round: Int)] = [:]
            for paragraph in report["paragraphs"] as! [[String: Any]] {
                for span in paragraph["spans"] as! [[String: Any]] where span["change"] as? String != "delete" {
                    for word in ["play", "(2003)", "keep", "Tunis;", "mandate;"] where (span["text"] as! String).contains(word) {
                        found[word] = (span["by"] as! [String], span["round"] as! Int)
                    }
                }
            }
            return found
        }
        let now = try credits([])
        #expect(now["play"]?.by == ["RUS"] && now["play"]?.round == 1)
        #expect(now["(2003)"]?.by == ["USA"] && now["(2003)"]?.round == 2)
        #expect(now["keep"]?.by == ["CEPT"] && now["keep"]?.round == 3)
        #expect(now["mandate;"]?.by == [] && now["mandate;"]?.round == 0, "imported text is nobody's")
        let atRev2 = try credits(["--at", "Rev.2"])
        #expect(atRev2["play"]?.round == 1 && atRev2["(2003)"]?.by == ["USA"] && atRev2["keep"] == nil)
        let text = try scenario.concord(["blame", "res140"]).stdout
        #expect(text.contains("\"play\"  ← round 1: RUS"), "\(text)")
    }

    /// Publishing keeps the credit of each revision in the clone, and blame reads it from
    /// there, not from the revisions' reports; a kept file that is missing or damaged is
    /// derived again from them.
    @Test func blameKeepsTheCreditOfPublishedRevisions() throws {
        let scenario = try threeRoundsOfCredit()
        let kept = scenario.repo + "/.git/concord/blame-history"
        let files = try FileManager.default.contentsOfDirectory(atPath: kept).filter { !$0.hasPrefix(".") }.sorted { $0.suffix(2) < $1.suffix(2) }
        #expect(files.map { $0.suffix(2) } == ["-1", "-2"], "kept when Rev.1 and Rev.2 were published: \(files)")
        let file = kept + "/" + files[1]
        let first = try scenario.concord(["blame", "res140", "--format", "json"])
        try FileManager.default.removeItem(atPath: kept)
        #expect(try scenario.concord(["blame", "res140", "--format", "json"]).stdout == first.stdout, "derived from the reports, the same credit")
        #expect(FileManager.default.fileExists(atPath: file), "and kept again")

        try Data("concord blame history 1\nreport 00\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(try scenario.concord(["blame", "res140", "--format", "json"]).stdout == first.stdout, "damaged, derived again")
        let rewritten = try String(contentsOfFile: file, encoding: .utf8)
        #expect(rewritten.contains(" RUS ") && rewritten.contains(" USA "), "and kept again")

        // What is kept is what blame reads: credit written there shows.
        try rewritten.replacingOccurrences(of: " RUS ", with: " ARM ").write(toFile: file, atomically: true, encoding: .utf8)
        let text = try scenario.concord(["blame", "res140"]).stdout
        #expect(text.contains("\"play\"  ← round 1: ARM"), "\(text)")
    }

    /// A member who keeps working with plain git on its round-1 branch after Rev.1 is told
    /// why it does not count, and how to submit it, which then carries its changes.
    @Test func statusExplainsAStalePlainGitBranch() throws {
        let scenario = try DraftingScenario()
        let rus = try scenario.editedDraft("rus.txt") { $0.replace("continue to take", with: "continue to play") }
        let france = try scenario.editedDraft("f.txt") { $0.replace("in Geneva and in Tunis", with: "in Geneva (2003) and in Tunis") }
        try scenario.expectSuccess(["submit", "res140", rus, "--as", "RUS"])
        try scenario.expectSuccess(["submit", "res140", france, "--as", "F"])
        try publishAndOpenRound2(scenario)

        let work = scenario.scratch.file("f-work")
        #expect(try git(["worktree", "add", "--quiet", work, "comments/res140/F"], in: scenario.repo).status == 0)
        let path = work + "/Drafts/res140.txt"
        let edited = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "remain open to all", with: "remain open to all interested")
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try git(["-c", "user.name=F", "-c", "user.email=f@example.org", "commit", "--quiet", "-am", "More"], in: work).status == 0)

        let status = try scenario.concord(["status", "res140"]).stdout
        #expect(status.contains("F\tnot submitted: comments/res140/F has work") && status.contains("built on an earlier round's text"), "\(status)")
        let mine = scenario.scratch.write("mine.txt", try git(["show", "comments/res140/F:Drafts/res140.txt"], in: scenario.repo).stdout)
        let carried = try scenario.concord(["submit", "res140", mine, "--as", "F"])
        #expect(carried.status == 0 && carried.stdout.contains("The text was edited from round 1's base"), "\(carried.stdout)\(carried.stderr)")
        let text = try git(["show", "comments/res140/F:Drafts/res140.txt"], in: scenario.repo).stdout
        #expect(text.contains("continue to play") && text.contains("open to all interested") && text.contains("(2003)"))
    }

    /// Two members move one paragraph to different places: the base order stands until the
    /// chair accepts one of the moves.
    @Test func theChairAcceptsOneOfTwoContestedMoves() throws {
        let scenario = try DraftingScenario()
        func moved(_ member: String, before anchor: String) throws -> String {
            try scenario.editedDraft("\(member).txt") { lines in
                let line = lines.remove(at: lines.firstIndex { $0.contains("to strengthen cooperation") }!)
                lines.insert(line, at: lines.firstIndex { $0.contains(anchor) }!)
            }
        }
        try scenario.expectSuccess(["submit", "res140", try moved("RUS", before: "to continue aligning the WSIS"), "--as", "RUS"])
        try scenario.expectSuccess(["submit", "res140", try moved("USA", before: "that ITU shall continue"), "--as", "USA"])
        let open = try scenario.concord(["consolidate", "res140"]).stdout
        #expect(open.contains("Moving it proposed by RUS, USA to different places"), "\(open)")
        try scenario.expectSuccess(["decide", "res140", "3bis", "--accept", "USA", "--as", "CHAIR"])
        let text = try scenario.concord(["consolidate", "res140"]).stdout
        #expect(text.contains("MOVE: moved here on the proposal of USA"), "\(text)")
        let lines = text.split(separator: "\n")
        #expect(lines.firstIndex { $0.contains("to strengthen cooperation") }! < lines.firstIndex { $0.contains("that ITU shall continue") }!)
    }
}
