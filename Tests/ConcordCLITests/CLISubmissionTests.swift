import Foundation
import Testing
import TestSupport

/// The delegate's and the chair's first workflow with the real binary: members, rounds,
/// submissions, support, diff and status; refusals write nothing; stock git reads it all.
@Suite struct CLISubmissionTests {
    func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    }

    func tip(_ scenario: DraftingScenario, _ reference: String) throws -> String {
        try git(["rev-parse", "--verify", "-q", reference], in: scenario.repo).stdout
    }

    func expectCleanFsck(_ scenario: DraftingScenario, allowingDangling: Bool = false,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        let complaints = try fsckComplaints(in: scenario.repo, allowingDangling: allowingDangling)
        #expect(complaints.isEmpty, "git fsck --strict: \(complaints)", sourceLocation: sourceLocation)
    }

    func rusEdit(_ scenario: DraftingScenario) throws -> String {
        try scenario.editedDraft("rus.txt") { lines in
            lines.replace("shall continue to take a leading role", with: "shall continue to play a leading role")
            lines.replace("to report annually", with: "to report every year")
        }
    }

    @Test func aSubmissionIsRecordedOnTheMembersBranchAndReportedParagraphByParagraph() throws {
        let scenario = try DraftingScenario()
        let file = try rusEdit(scenario)
        let result = try scenario.concord(["submit", "res140", file, "--as", "RUS", "--with", "ARM",
                                           "--reason", "resolves 1=Plainer English"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Recorded RUS's submission on res140, round 1, with ARM"))
        #expect(result.stdout.contains("that ITU shall continue to [-take-][+play+] a leading role"))
        #expect(result.stdout.contains("Reason: Plainer English"))
        #expect(result.stdout.contains("to report [-annually-][+every year+] to the Council"))
        #expect(result.stdout.contains("2 MOD, 0 ADD, 0 SUP, 0 MOVE"), "\(result.stdout)")

        // Stock git sees the member's text on its branch, the record beside it, trailers in the log.
        let shown = try git(["show", "comments/res140/RUS:Drafts/res140.txt"], in: scenario.repo)
        #expect(shown.stdout.contains("shall continue to play a leading role"))
        let record = try git(["show", "comments/res140/RUS:Drafts/res140.proposal.toml"], in: scenario.repo).stdout
        #expect(record.contains("RUS") && record.contains("ARM") && record.contains("Plainer English"))
        let log = try git(["log", "-1", "--format=%B", "comments/res140/RUS"], in: scenario.repo).stdout
        #expect(log.contains("Concord-Member: RUS") && log.contains("Concord-Co-sponsors: ARM") && log.contains("Concord-Round: 1"))
        try expectCleanFsck(scenario)

        let status = try json(scenario.concord(["status", "res140", "--format", "json"]))
        let members = status["members"] as! [[String: Any]]
        let rus = try #require(members.first { $0["member"] as? String == "RUS" })
        #expect(rus["submitted"] as? Bool == true)
        #expect((rus["paragraphs"] as? [String])?.count == 2)
        #expect(rus["when"] as? String == "2022-02-01T10:00:00Z")
        let arm = try #require(members.first { $0["member"] as? String == "ARM" })
        #expect(arm["coSponsoring"] as? [String] == ["RUS"])
        #expect(status["notSubmitted"] as? [String] == ["CEPT", "CITEL", "F", "USA"])
        // A regional organisation's submission counts for the members that sign it.
        let cept = try scenario.editedDraft("cept.txt") { $0.replace("WSIS Prizes", with: "WSIS Prizes and Awards") }
        #expect(try scenario.concord(["submit", "res140", cept, "--as", "CEPT"]).status == 0)
        let after = try json(scenario.concord(["status", "res140", "--format", "json"]))
        #expect(after["notSubmitted"] as? [String] == ["CITEL", "USA"])
        let france = try #require((after["members"] as! [[String: Any]]).first { $0["member"] as? String == "F" })
        #expect(france["signing"] as? [String] == ["CEPT"])
        #expect(status["timeLeft"] as? String == "17 days 12 hours left")
    }

    @Test func diffShowsAMembersProposalsTwoMembersAndTwoRevisions() throws {
        let scenario = try DraftingScenario()
        #expect(try scenario.concord(["submit", "res140", try rusEdit(scenario), "--as", "RUS"]).status == 0)
        let cept = try scenario.editedDraft("cept.txt") { lines in
            lines.removeAll { $0.contains("UNGIS") }
            lines.insert("{#new-one} •\tto publish their national reports.", at: lines.count - 1)
        }
        #expect(try scenario.concord(["submit", "res140", cept, "--as", "CEPT"]).status == 0)

        let member = try json(scenario.concord(["diff", "res140", "--member", "CEPT", "--format", "json"]))
        let ops = (member["paragraphs"] as! [[String: Any]]).map { $0["op"] as! String }
        #expect(ops.filter { $0 == "SUP" }.count == 1 && ops.filter { $0 == "ADD" }.count == 1 && ops.filter { $0 == "MOD" }.isEmpty)
        let added = (member["paragraphs"] as! [[String: Any]]).first { $0["op"] as? String == "ADD" }
        #expect(added?["id"] as? String == "new-one")

        let between = try scenario.concord(["diff", "res140", "--members", "RUS,CEPT"])
        #expect(between.status == 0)
        #expect(between.stdout.contains("[-play-][+take+]"))

        let revisions = try scenario.concord(["diff", "res140", "--from", "main", "--to", "comments/res140/RUS", "--format", "markdown"])
        #expect(revisions.status == 0)
        #expect(revisions.stdout.contains("<del>take</del><ins>play</ins>"))
    }

    @Test func aNewSubmissionReplacesTheProposalAndHistoryKeepsTheEarlierOne() throws {
        let scenario = try DraftingScenario()
        let first = try rusEdit(scenario)
        #expect(try scenario.concord(["submit", "res140", first, "--as", "RUS", "--reason", "resolves 1=First reason"]).status == 0)
        let second = try scenario.editedDraft("rus2.txt") { lines in
            lines.replace("shall continue to take a leading role", with: "shall continue to play a leading role")
        }
        let result = try scenario.concord(["submit", "res140", second, "--as", "RUS"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Reason: First reason"), "a reason for a paragraph still changed carries over")
        #expect(try git(["rev-list", "--count", "comments/res140/RUS", "^main~1"], in: scenario.repo).stdout == "2\n")
        #expect(try git(["show", "comments/res140/RUS~1:Drafts/res140.txt"], in: scenario.repo).stdout.contains("every year"))
        #expect(!(try git(["show", "comments/res140/RUS:Drafts/res140.txt"], in: scenario.repo).stdout.contains("every year")))
        // The same text again changes nothing and is refused.
        let again = try scenario.concord(["submit", "res140", second, "--as", "RUS"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("nothing changed"))
        try expectCleanFsck(scenario)
    }

    @Test func refusalsSayWhyInOneLineAndWriteNothing() throws {
        let scenario = try DraftingScenario()
        let file = try rusEdit(scenario)
        let unchanged = try scenario.editedDraft("same.txt") { _ in }
        let cases: [([String], Int32, String)] = [
            (["submit", "res140", file, "--as", "XYZ"], 2, "member XYZ: not in the registry"),
            (["submit", "res140", file, "--as", "RUS", "--with", "NOPE"], 2, "member NOPE: not in the registry"),
            (["submit", "res140", file, "--as", "RUS", "--with", "RUS"], 2, "cannot co-sponsor its own submission"),
            (["submit", "res140", file, "--as", "RUS", "--reason", "99.9=Why"], 2, "paragraph 99.9: no paragraph of res140"),
            (["submit", "res140", file, "--as", "RUS", "--reason", "noting a)=Why"], 2, "leaves it unchanged"),
            (["submit", "res140", file, "--as", "RUS", "--reason", "1=Why"], 2, "several paragraphs of res140 carry this label"),
            (["submit", "res140", file, "--as", "RUS", "--reason", "no-equals-sign"], 2, "no-equals-sign"),
            (["submit", "res140", unchanged, "--as", "RUS"], 1, "does not change res140"),
            (["submit", "res140", file, "--as", "../x"], 2, "\"../x\" is not a valid member id"),
            (["submit", "res140", file, "--as", "refs/heads/main"], 2, "is not a valid member id"),
            (["submit", "res140", file, "--as", "A B"], 2, "is not a valid member id"),
            (["submit", "res140", file, "--as", ""], 2, "is not a valid member id"),
            (["submit", "nodraft", file, "--as", "RUS"], 2, "draft nodraft: no such draft"),
            (["submit", "res140", "missing.txt", "--as", "RUS"], 2, "missing.txt: no such file"),
            (["support", "res140", "resolves 1", "--as", "F", "--proposal", "RUS"], 1, "RUS has no submission"),
            (["member", "add", "../x", "--name", "X"], 2, "not a valid member id"),
            (["member", "add", "X", "--name", "X", "--kind", "emperor"], 2, "emperor"),
            (["member", "remove", "NOPE"], 2, "member NOPE: not in the registry"),
            (["round", "open", "res140", "--as", "CHAIR", "--deadline", "2022-03-01T23:59:00"], 2, "is not a deadline"),
            (["round", "open", "res140", "--as", "CHAIR", "--deadline", "2022-03-01T23:59:00Z"], 1, "round 1 is still open"),
            (["diff", "res140", "--member", "F"], 1, "member F has not submitted"),
            (["diff", "res140"], 2, "give exactly one of"),
        ]
        let before = try git(["for-each-ref", "--format=%(refname) %(objectname)"], in: scenario.repo).stdout
        for (arguments, code, naming) in cases {
            let result = try scenario.concord(arguments)
            #expect(result.status == code, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("concord: ") && result.stderr.contains(naming), "\(arguments): \(result.stderr)")
            #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(arguments): \(result.stderr)")
        }
        #expect(try git(["for-each-ref", "--format=%(refname) %(objectname)"], in: scenario.repo).stdout == before)
    }

    @Test func deadlinesCountToTheSecondAcrossTimeZones() throws {
        let scenario = try DraftingScenario()
        let file = try rusEdit(scenario)
        // 23:59:00 in +01:00 is 22:59:00 UTC: exactly then is on time, a second later is late.
        let late = try scenario.concord(["submit", "res140", file, "--as", "F"], now: "2022-02-18T22:59:01Z")
        #expect(late.status == 1)
        #expect(late.stderr.contains("the deadline of round 1 on res140 (2022-02-18T23:59:00+01:00) has passed"))
        #expect(try tip(scenario, "refs/heads/comments/res140/F").isEmpty, "a refused submission wrote a branch")
        let onTime = try scenario.concord(["submit", "res140", file, "--as", "F"], now: "2022-02-18T17:59:00-05:00")
        #expect(onTime.status == 0, "\(onTime.stderr)")
    }

    @Test func theChairCanAdmitALateSubmissionAndBothFactsAreKept() throws {
        let scenario = try DraftingScenario()
        let file = try rusEdit(scenario)
        let after = "2022-02-20T09:00:00Z"
        #expect(try scenario.concord(["submit", "res140", file, "--as", "USA"], now: after).status == 1)
        let notChair = try scenario.concord(["round", "admit", "res140", "USA", "--as", "RUS"], now: after)
        #expect(notChair.status == 1 && notChair.stderr.contains("only they admit late submissions"))
        #expect(try scenario.concord(["round", "admit", "res140", "USA", "--as", "CHAIR"], now: after).status == 0)
        let admitted = try scenario.concord(["submit", "res140", file, "--as", "USA"], now: after)
        #expect(admitted.status == 0, "\(admitted.stderr)")
        #expect(admitted.stdout.contains("late, admitted by CHAIR"))
        #expect(try git(["log", "-1", "--format=%B", "main"], in: scenario.repo).stdout.contains("Admitted-by: CHAIR"))
        #expect(try git(["log", "-1", "--format=%B", "comments/res140/USA"], in: scenario.repo).stdout.contains("Concord-Admitted-late-by: CHAIR"))
        let rounds = try scenario.concord(["round", "list", "res140"])
        #expect(rounds.stdout.contains("admitted late: USA (by CHAIR)"))
    }

    @Test func aClosedRoundTakesNoSubmission() throws {
        let scenario = try DraftingScenario()
        let file = try rusEdit(scenario)
        #expect(try scenario.concord(["round", "close", "res140", "--as", "CHAIR"]).status == 0)
        let result = try scenario.concord(["submit", "res140", file, "--as", "RUS"])
        #expect(result.status == 1 && result.stderr.contains("round 1 on res140 is closed"))
        #expect(try scenario.concord(["round", "open", "res140", "--as", "CHAIR", "--deadline", "2022-06-01T12:00:00Z"]).status == 0)
        #expect(try scenario.concord(["submit", "res140", file, "--as", "RUS"]).status == 0)
        let list = try scenario.concord(["round", "list", "res140", "--format", "json"]).stdout
        #expect(list.contains("\"number\" : 2") && list.contains("\"state\" : \"closed\""))
    }

    @Test func supportIsRecordedOnTheSupportersBranch() throws {
        let scenario = try DraftingScenario()
        #expect(try scenario.concord(["submit", "res140", try rusEdit(scenario), "--as", "RUS"]).status == 0)
        let support = try scenario.concord(["support", "res140", "resolves 1", "--as", "F", "--proposal", "RUS"])
        #expect(support.status == 0, "\(support.stderr)")
        #expect(try scenario.concord(["support", "res140", "resolves 1", "--as", "F", "--proposal", "RUS"]).status == 1)
        let status = try scenario.concord(["status", "res140"]).stdout
        #expect(status.contains("F\tnot submitted; supports RUS on"))
        let unchanged = try scenario.concord(["support", "res140", "noting a)", "--as", "F", "--proposal", "RUS"])
        #expect(unchanged.status == 1 && unchanged.stderr.contains("RUS proposes no change to it"))
    }

    @Test func aMemberUsingPlainGitIsUnderstoodLikeSubmit() throws {
        let scenario = try DraftingScenario()
        let repo = scenario.repo
        let base = try git(["rev-parse", "main~1"], in: repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try git(["checkout", "-q", "-b", "comments/res140/F", base], in: repo).status == 0)
        let path = scenario.scratch.file("drafts/Drafts/res140.txt")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "WSIS Prizes", with: "WSIS Prizes and Awards").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try git(["commit", "-q", "-am", "Our amendment"], in: repo).status == 0)
        #expect(try git(["checkout", "-q", "main"], in: repo).status == 0)

        let status = try JSONSerialization.jsonObject(with: Data(try scenario.concord(["status", "res140", "--format", "json"]).stdout.utf8)) as! [String: Any]
        let france = (status["members"] as! [[String: Any]]).first { $0["member"] as? String == "F" }!
        #expect(france["submitted"] as? Bool == true)
        #expect((france["paragraphs"] as? [String])?.count == 1)
        let diff = try scenario.concord(["diff", "res140", "--member", "F"])
        #expect(diff.stdout.contains("WSIS Prizes[+ and Awards+]"))
    }

    @Test func racingSubmissionsForTheSameBranchAllLand() async throws {
        let scenario = try DraftingScenario()
        let files = try (0..<6).map { index in
            try scenario.editedDraft("race\(index).txt") { lines in
                lines.replace("to report annually", with: "to report every \(index + 2) years")
            }
        }
        let results = await withTaskGroup(of: CommandResult?.self) { group in
            for file in files { group.addTask { try? scenario.concord(["submit", "res140", file, "--as", "RUS"]) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for result in results { #expect(result?.status == 0, "\(result?.stderr ?? "did not run")") }
        // Every submission is in the branch's history, none lost.
        let log = try git(["log", "--format=%H", "comments/res140/RUS", "^main"], in: scenario.repo).stdout
        let texts = try log.split(separator: "\n").map { try git(["show", "\($0):Drafts/res140.txt"], in: scenario.repo).stdout }
        for index in 0..<6 { #expect(texts.contains { $0.contains("every \(index + 2) years") }, "submission \(index) lost") }
        try expectCleanFsck(scenario, allowingDangling: true)
    }
}
