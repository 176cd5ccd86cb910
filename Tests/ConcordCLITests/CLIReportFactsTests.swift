import Foundation
import Testing
import TestSupport

/// One set of facts in every format: one round holding every kind of fact a chair needs —
/// a decision made outdated by a later submission, reasons, supports, a co-sponsor, a late
/// admission, a move and a renumbering — is reported by `consolidate`, `compare`, `diff`,
/// `status` and `blame` in text, JSON, Markdown and HTML, and each format of each report is
/// checked for each of the facts that report carries.
@Suite struct CLIReportFactsTests {
    /// A fact as a report states it: the words in text, Markdown and HTML (read as a reader
    /// reads them: mark-up and escapes taken away), and the field in compact JSON.
    struct Fact {
        let name: String
        let words: String
        let json: String
    }

    /// CEPT and CITEL contest resolves 1 (CEPT with a reason, supported by USA); RUS with ARM
    /// amends instructs 1 (decided, then changed, so the decision is outdated) and moves the
    /// last bullet; F, admitted late, renumbers resolves 3bis and 4.
    static func scenario() throws -> DraftingScenario {
        let scenario = try DraftingScenario()
        let cept = try scenario.editedDraft("cept.txt") { $0.replace("to take a leading role", with: "to play a leading role") }
        let citel = try scenario.editedDraft("citel.txt") { $0.replace("to take a leading role", with: "to assume a leading role") }
        func rus(_ words: String) throws -> String {
            try scenario.editedDraft("rus.txt") { lines in
                lines.replace("to report annually", with: "to report \(words)")
                let bullet = lines.firstIndex { $0.contains("to participate actively") }!
                lines.swapAt(bullet, bullet + 1)
            }
        }
        let late = try scenario.editedDraft("f.txt") { lines in
            lines.replace("3bis\tto strengthen", with: "4\tto strengthen")
            lines.replace("4\tto invite Member States", with: "5\tto invite Member States")
        }
        try scenario.expectSuccess(["submit", "res140", cept, "--as", "CEPT", "--reason", "resolves 1=Plainer English"])
        try scenario.expectSuccess(["submit", "res140", citel, "--as", "CITEL"])
        try scenario.expectSuccess(["submit", "res140", try rus("every year"), "--as", "RUS", "--with", "ARM"])
        try scenario.expectSuccess(["support", "res140", "resolves 1", "--as", "USA", "--proposal", "CEPT"])
        try scenario.expectSuccess(["support", "res140", "instructs the Secretary‑General 1", "--as", "USA", "--proposal", "RUS"])
        try scenario.expectSuccess(["decide", "res140", "instructs the Secretary‑General 1", "--accept", "RUS", "--as", "CHAIR",
                                    "--reason", "Agreed at the meeting"])
        try scenario.expectSuccess(["submit", "res140", try rus("each year"), "--as", "RUS", "--with", "ARM",
                                    "--reason", "instructs the Secretary‑General 1=Annual is vague"])
        try scenario.expectSuccess(["round", "admit", "res140", "F", "--as", "CHAIR"])
        let submitted = try scenario.concord(["submit", "res140", late, "--as", "F"], now: "2022-02-20T10:00:00Z")
        guard submitted.status == 0 else { throw DraftingScenario.ScenarioError(message: submitted.stderr) }
        return scenario
    }

    static let decision = Fact(name: "decision", words: "accepted RUS's proposal (Agreed at the meeting)", json: "Agreed at the meeting")
    static let coSponsor = Fact(name: "co-sponsor", words: "RUS's submission is co-sponsored by ARM", json: #""coSponsors":{"RUS":["ARM"]}"#)
    static let late = Fact(name: "late admission", words: "F's submission was admitted late by CHAIR", json: #""admittedLate":{"F":"CHAIR"}"#)

    /// Each report, and the facts it carries.
    static let reports: [(arguments: [String], facts: [Fact])] = [
        (["consolidate", "res140"], [
            decision,
            Fact(name: "outdated decision", words: "OUTDATED: the proposals changed since; decide again", json: #""outdated":true"#),
            Fact(name: "reason", words: "Reason (CEPT): Plainer English", json: #""reasons":{"CEPT":"Plainer English"}"#),
            Fact(name: "support", words: "Supported by USA", json: #""supporters":["USA"]"#),
            coSponsor, late,
            Fact(name: "move", words: "MOVE: moved here on the proposal of RUS, ARM", json: #""moved":true,"movedBy":["RUS","ARM"]"#),
            Fact(name: "renumbering", words: "Relabelled 3bis → 4 on the proposal of F", json: #""relabelledBy":["F: 4"]"#),
            Fact(name: "alternative as a redline", words: "continue to |take|play| a leading", json: #""changes":[{"at":27,"delete":"take","insert":"play"}]"#),
        ]),
        (["compare", "res140", "--chair"], [
            Fact(name: "decision", words: decision.words, json: decision.words),
            Fact(name: "outdated decision", words: "OUTDATED", json: #""decisionOutdated":true"#),
            Fact(name: "reason", words: "Reason: Plainer English", json: #""reason":"Plainer English""#),
            Fact(name: "support", words: "Supported by USA", json: #""supporters":["USA"]"#),
            Fact(name: "co-sponsor", words: coSponsor.words, json: #""coSponsors":["ARM"]"#),
            Fact(name: "late admission", words: late.words, json: #""admittedLateBy":"CHAIR""#),
            Fact(name: "move", words: "MOVE", json: #""op":"MOVE""#),
            Fact(name: "renumbering", words: "Renumbered 3bis → 4", json: #""relabelledTo":"4""#),
        ]),
        (["diff", "res140", "--member", "RUS"], [
            Fact(name: "reason", words: "Reason: Annual is vague", json: #""reason":"Annual is vague""#),
            Fact(name: "co-sponsor", words: coSponsor.words, json: #""coSponsors":["ARM"]"#),
            Fact(name: "move", words: "MOVE", json: #""op":"MOVE""#),
        ]),
        (["diff", "res140", "--member", "F"], [
            Fact(name: "late admission", words: late.words, json: #""admittedLateBy":"CHAIR""#),
            Fact(name: "renumbering", words: "was 3bis", json: #""oldLabel":"3bis""#),
        ]),
        (["diff", "res140", "--member", "USA"], [
            Fact(name: "support", words: "USA supports CEPT's proposal", json: #""proposal":"CEPT""#),
        ]),
        (["status", "res140"], [
            Fact(name: "decision", words: decision.words, json: #""member":"RUS","outcome":"accept""#),
            Fact(name: "support", words: "supports CEPT on", json: #""proposal":"CEPT""#),
            Fact(name: "co-sponsor", words: "with ARM", json: #""coSponsors":["ARM"]"#),
            Fact(name: "late admission", words: "late, admitted by CHAIR", json: #""admittedLateBy":"CHAIR""#),
            Fact(name: "move", words: "(MOVE)", json: #""op":"MOVE""#),
            Fact(name: "renumbering", words: "(renumbered)", json: #""label":"4","op":"NOC""#),
        ]),
        (["blame", "res140"], [
            Fact(name: "decision", words: decision.words, json: decision.words),
            Fact(name: "outdated decision", words: "OUTDATED", json: #""outdated":true"#),
            Fact(name: "reason", words: "Reason (RUS): Annual is vague", json: "Reason (RUS): Annual is vague"),
            Fact(name: "support", words: "Supported by USA", json: "Supported by USA"),
            coSponsor, late,
            Fact(name: "move", words: "moved here on the proposal of RUS, ARM", json: "moved here on the proposal of RUS, ARM"),
            Fact(name: "renumbering", words: "Renumbering proposed by F: 4", json: "Renumbering proposed by F: 4"),
        ]),
    ]

    @Test func everyReportStatesItsFactsInEveryFormat() throws {
        let scenario = try Self.scenario()
        for (arguments, facts) in Self.reports {
            for format in ["text", "json", "markdown", "html"] {
                let result = try scenario.concord(arguments + ["--format", format], now: "2022-02-21T10:00:00Z")
                let report = "\(arguments.joined(separator: " ")) --format \(format)"
                // consolidate exits 1 while conflicts remain, and says nothing on stderr then.
                #expect(result.status == 0 || (arguments[0] == "consolidate" && result.status == 1 && result.stderr.isEmpty),
                        "\(report): \(result.stderr)")
                let read = try Self.read(result.stdout, format: format)
                for fact in facts {
                    let needle = format == "json" ? fact.json : fact.words
                    #expect(read.contains(needle), "\(report) does not state the \(fact.name): \(needle)")
                }
            }
        }
    }

    /// A closed round shows again as it was when it closed: the same report, byte for byte,
    /// in every format.
    @Test func aClosedRoundsConsolidationShowsAgainAsItClosed() throws {
        let scenario = try Self.scenario()
        let now = "2022-02-21T10:00:00Z"
        try scenario.expectSuccess(["decide", "res140", "resolves 1", "--accept", "CEPT", "--as", "CHAIR"])
        try scenario.expectSuccess(["decide", "res140", "instructs the Secretary‑General 1", "--accept", "RUS", "--as", "CHAIR"])
        var atClose: [String: String] = [:]
        for format in ["text", "json", "markdown", "html"] {
            atClose[format] = try scenario.concord(["consolidate", "res140", "--format", format], now: now).stdout
        }
        #expect(try scenario.concord(["round", "close", "res140", "--publish", "--as", "CHAIR"], now: now).status == 0)
        try scenario.expectSuccess(["round", "open", "res140", "--as", "CHAIR", "--deadline", "2022-03-18T23:59:00+01:00"])
        let cept = try scenario.editedDraft("cept2.txt") { $0.replace("to report each year", with: "to report twice a year") }
        try scenario.expectSuccess(["submit", "res140", cept, "--as", "CEPT"])
        for format in ["text", "json", "markdown", "html"] {
            let shown = try scenario.concord(["consolidate", "res140", "--round", "1", "--format", format], now: now)
            #expect(shown.status == 0 && shown.stdout == atClose[format], "round 1 in \(format): \(shown.stderr)")
        }
        #expect(try scenario.concord(["consolidate", "res140", "--round", "2"], now: now).stdout.contains("[+twice a+]{CEPT}"),
                "the open round is the consolidation as it stands")
        let formatting = try scenario.concord(["consolidate", "res140", "--round", "1", "--show-formatting"])
        #expect(formatting.status == 2 && formatting.stderr.contains("--show-formatting cannot change it"), "\(formatting.stderr)")
        let missing = try scenario.concord(["consolidate", "res140", "--round", "7"])
        #expect(missing.status == 2 && missing.stderr.contains("res140 has no round 7"), "\(missing.stderr)")
    }

    /// A change no one could see (a space become a no-break space) is shown with a stand-in
    /// wherever formatting is asked for.
    @Test func anInvisibleChangeIsShownVisibly() throws {
        let scenario = try DraftingScenario()
        // Alone, a change of formatting is no proposal: it comes with one of words.
        let nbsp = try scenario.editedDraft("nbsp.txt") { lines in
            lines.replace("to report annually", with: "to report\u{A0}annually")
            lines.replace("to take a leading role", with: "to play a leading role")
        }
        try scenario.expectSuccess(["submit", "res140", nbsp, "--as", "CEPT"])
        for arguments in [["consolidate", "res140"], ["compare", "res140"], ["diff", "res140", "--member", "CEPT"]] {
            let shown = try scenario.concord(arguments + ["--show-formatting"]).stdout
            #expect(shown.contains("[-␣-]") && shown.contains("[+⍽+]"), "\(arguments[0]): \(shown)")
            let html = try scenario.concord(arguments + ["--show-formatting", "--format", "html"]).stdout
            #expect(html.contains(">⍽</ins>"), "\(arguments[0]) in HTML")
        }
    }

    /// A report as its reader takes it in: JSON compacted with sorted keys (so a field reads
    /// the same wherever it is); HTML and Markdown without their mark-up and escapes; a
    /// redline's marks (`[+…+]`, `<ins>`) as one `|` between the words, so one needle fits all.
    static func read(_ output: String, format: String) throws -> String {
        switch format {
        case "json":
            let object = try JSONSerialization.jsonObject(with: Data(output.utf8))
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        case "html", "markdown":
            var text = output.replacingOccurrences(of: #"</?(ins|del)[^>]*>"#, with: "|", options: .regularExpression)
            text = text.replacingOccurrences(of: #"<sup>.*?</sup>"#, with: "", options: .regularExpression)
            text = text.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
            if format == "markdown" { text = text.replacingOccurrences(of: #"\\([[:punct:]])"#, with: "$1", options: .regularExpression) }
            for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
                text = text.replacingOccurrences(of: entity, with: character)
            }
            return text.replacingOccurrences(of: "*", with: "").replacingOccurrences(of: #"\|+"#, with: "|", options: .regularExpression)
        default:
            return output.replacingOccurrences(of: #"\[[-+]|[-+]\]"#, with: "|", options: .regularExpression)
                .replacingOccurrences(of: #"\|+"#, with: "|", options: .regularExpression)
        }
    }
}
