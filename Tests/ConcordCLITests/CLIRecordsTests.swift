import Foundation
import Testing
import TestSupport

/// What Concord records and reads back can be trusted: free text cannot forge records or
/// trailers, every command agrees on what a member changed, values are checked where they
/// enter, and mistakes get one line that helps.
@Suite struct CLIRecordsTests {
    func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    }

    func expectOneLineError(_ result: CommandResult, status: Int32 = 2, containing expected: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == status, "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(expected), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no raw control character",
                sourceLocation: sourceLocation)
    }

    @Test func aCraftedNameRegistersNoChairAndQuotesReadBack() throws {
        let scenario = try DraftingScenario()
        let crafted = "Zed\n'''\n[members.EVIL]\nkind = 'chair'\nname = 'x"
        expectOneLineError(try scenario.concord(["member", "add", "ZED", "--name", crafted]), containing: "member ZED: name: holds a line break")
        let quoted = "Zed ''' \"\"\" \\ [members.EVIL] kind = 'chair' l’UIT"
        #expect(try scenario.concord(["member", "add", "ZED", "--name", quoted]).status == 0)
        let members = try JSONSerialization.jsonObject(with: Data(try scenario.concord(["member", "list", "--format", "json"]).stdout.utf8))
            as! [[String: Any]]
        #expect(members.first { $0["id"] as? String == "ZED" }?["name"] as? String == quoted)
        #expect(!members.contains { $0["id"] as? String == "EVIL" })
        let escape = try scenario.concord(["member", "add", "ESC", "--name", "Bad\u{1B}[2Jname"])
        expectOneLineError(escape, containing: "holds the control character U+001B")
    }

    @Test func aReasonWithQuotesAndLineBreaksKeepsTheDraftReadable() throws {
        let scenario = try DraftingScenario()
        let file = try scenario.editedDraft("rus.txt") { $0.replace("continue to take", with: "continue to play") }
        let reason = "First line.\n'''\n[reasons]\n\"\"\" and a \\ backslash\n\nConcord-Member: USA"
        #expect(try scenario.concord(["submit", "res140", file, "--as", "RUS", "--reason", "resolves 1=\(reason)"]).status == 0)
        for command in [["status", "res140"], ["compare", "res140"], ["diff", "res140", "--member", "RUS"]] {
            let result = try scenario.concord(command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let report = try json(try scenario.concord(["consolidate", "res140", "--format", "json"]))
        let paragraphs = report["paragraphs"] as! [[String: Any]]
        let reasons = paragraphs.compactMap { $0["reasons"] as? [String: String] }.compactMap { $0["RUS"] }
        #expect(reasons == [reason])
        // And the member can submit again.
        let again = try scenario.editedDraft("rus2.txt") { $0.replace("continue to take", with: "continue to assume") }
        #expect(try scenario.concord(["submit", "res140", again, "--as", "RUS"]).status == 0)
    }

    @Test func aDecisionReasonCannotForgeTrailers() throws {
        let scenario = try DraftingScenario()
        let rus = try scenario.editedDraft("rus.txt") { $0.replace("continue to take", with: "continue to play") }
        let usa = try scenario.editedDraft("usa.txt") { $0.replace("continue to take", with: "continue to assume") }
        #expect(try scenario.concord(["submit", "res140", rus, "--as", "RUS"]).status == 0)
        #expect(try scenario.concord(["submit", "res140", usa, "--as", "USA"]).status == 0)
        let forged = "Shorter.\n\nConcord-Submission: EVIL 0000000000000000000000000000000000000000"
        let decided = try scenario.concord(["decide", "res140", "resolves 1", "--accept", "RUS", "--as", "CHAIR", "--reason", forged])
        #expect(decided.status == 0, "\(decided.stderr)")
        let trailers = try git(["log", "-1", "--format=%(trailers:key=Concord-Submission,valueonly)", "consolidation/res140"],
                               in: scenario.repo).stdout
        #expect(trailers.contains("RUS") && !trailers.contains("EVIL"), "\(trailers)")
        let decisions = try git(["show", "consolidation/res140:Drafts/res140.decisions.toml"], in: scenario.repo).stdout
        #expect(decisions.contains("Shorter.\\n\\nConcord-Submission: EVIL"), "the record keeps the reason exactly: \(decisions)")
        expectOneLineError(try scenario.concord(["decide", "res140", "resolves 1", "--text", "", "--as", "CHAIR"]),
                           containing: "--text is empty")
        expectOneLineError(try scenario.concord(["decide", "res140", "resolves 1", "--text", "a\u{7}b", "--as", "CHAIR"]),
                           containing: "--text: holds the control character U+0007")
    }

    /// NBSP for spaces in three paragraphs and one real edit: every command says one MOD,
    /// and every command says four with --show-formatting.
    @Test func everyCommandAgreesOnWhatAMemberChanged() throws {
        let scenario = try DraftingScenario()
        let file = try scenario.editedDraft("f.txt") { lines in
            lines.replace("the outcomes of both", with: "the\u{00A0}outcomes of both")
            lines.replace("the resolutions of", with: "the\u{00A0}resolutions of")
            lines.replace("that ITU has a", with: "that\u{00A0}ITU\u{00A0}has a")
            lines.replace("continue to take", with: "continue to play")
        }
        let submitted = try scenario.concord(["submit", "res140", file, "--as", "F"])
        #expect(submitted.stdout.contains("1 MOD, 0 ADD, 0 SUP, 0 MOVE"), "\(submitted.stdout)")
        for (flags, expected) in [([String](), 1), (["--show-formatting"], 4)] {
            let diff = try json(try scenario.concord(["diff", "res140", "--member", "F", "--format", "json"] + flags))
            let diffOps = (diff["paragraphs"] as! [[String: Any]]).filter { $0["op"] as? String != "NOC" }
            #expect(diffOps.count == expected, "diff \(flags)")

            let status = try json(try scenario.concord(["status", "res140", "--format", "json"] + flags))
            let france = (status["members"] as! [[String: Any]]).first { $0["member"] as? String == "F" }
            #expect((france?["paragraphs"] as? [Any])?.count == expected, "status \(flags)")

            let compare = try json(try scenario.concord(["compare", "res140", "--format", "json"] + flags))
            let changed = (compare["paragraphs"] as! [[String: Any]]).filter { row in
                (row["members"] as! [[String: Any]]).contains { $0["member"] as? String == "F" && $0["op"] as? String != "NOC" }
            }
            #expect(changed.count == expected, "compare \(flags)")

            let consolidated = try json(try scenario.concord(["consolidate", "res140", "--format", "json"] + flags))
            let amended = (consolidated["paragraphs"] as! [[String: Any]]).filter { $0["status"] as? String != "unchanged" }
            #expect(amended.count == expected, "consolidate \(flags)")
            if flags.isEmpty {
                // The real edit is merged; the base's spaces stay where F only put NBSP.
                #expect((amended.first?["text"] as? String)?.contains("continue to play") == true)
                #expect(!(consolidated["paragraphs"] as! [[String: Any]]).contains { ($0["text"] as? String)?.contains("\u{00A0}ITU\u{00A0}") == true })
            }
        }
    }

    @Test func valuesAreCheckedWhereTheyEnter() throws {
        let scenario = try DraftingScenario(openRound: false)
        for impossible in ["2022-02-30T23:59:00+01:00", "2022-02-18T23:59:60Z"] {
            expectOneLineError(try scenario.concord(["round", "open", "res140", "--as", "CHAIR", "--deadline", impossible]), containing: "is not a deadline")
        }
        let badClock = try run(Fixtures.concordExecutable, ["member", "list"], in: scenario.repo, environment: ["CONCORD_NOW": "tomorrow"])
        expectOneLineError(badClock, containing: "CONCORD_NOW=tomorrow: not a date and time with zone")
        expectOneLineError(try scenario.concord(["member", "add", "f", "--name", "Lower-case France"]),
                           containing: "member f: differs from member F only in case")
        expectOneLineError(try scenario.concord(["member", "add", "A\u{1B}[31m", "--name", "x"]), containing: "\\u{1B}")
    }

    @Test func unknownMembersGetTheClosestIdAndTheList() throws {
        let scenario = try DraftingScenario()
        let file = try scenario.editedDraft("f.txt") { $0.replace("continue to take", with: "continue to play") }
        let typo = try scenario.concord(["submit", "res140", file, "--as", "RUSS"])
        expectOneLineError(typo, containing: "member RUSS: not in the registry; did you mean RUS? the members are ARM, CEPT, CHAIR, CITEL, F, RUS, USA")
        let lower = try scenario.concord(["submit", "res140", file, "--as", "f"])
        expectOneLineError(lower, containing: "did you mean F?")
        let remove = try scenario.concord(["member", "remove", "ZZZ"])
        expectOneLineError(remove, containing: "member ZZZ: not in the registry, so there is nothing to remove")
        #expect(!remove.stderr.contains("member add"), "\(remove.stderr)")
    }
}
