@testable import ConcordDrafting
import ConcordText
import PropertyBased
import Testing

/// Every record Concord writes reads back as written, whatever people type into it.
@Suite struct TOMLRecordTests {
    /// Pieces that broke hand-written and literal-string TOML: every quote, triple quotes,
    /// backslashes and escapes, table headers, comments, and non-ASCII text.
    static let linePieces = [
        "a", "Zed", " ", "'", "''", "'''", "\"", "\"\"\"", "\\", "\\n", "\\u0041", "[members.EVIL]", "kind = 'chair'",
        "=", "#", "{", "}", ",", "é", "中", "Я", "ب", "\u{00A0}", "\u{2011}", "’", "👍🏽", "\u{FEFF}", "\u{2028}",
    ]
    static let paragraphPieces = linePieces + ["\n", "\t", "\n'''\n[members.EVIL]\nkind = 'chair'\n", "\n\n"]

    static let line = Gen.element(of: linePieces).map { $0! }.array(of: 1 ... 24).map { $0.joined() }
    static let paragraphs = Gen.element(of: paragraphPieces).map { $0! }.array(of: 0 ... 24).map { $0.joined() }

    @Test func memberNamesRoundTripWithTheSameMembers() async {
        await propertyCheck(count: 300, input: Self.line, Self.line) { first, second in
            guard !first.allSatisfy(\.isWhitespace), !second.allSatisfy(\.isWhitespace) else { return }
            let registry = MemberRegistry(members: [
                Member(id: MemberID("Z")!, name: first, kind: .memberState, accounts: [second.filter { !$0.isWhitespace }].filter { !$0.isEmpty }),
                Member(id: MemberID("CEPT")!, name: second, kind: .regionalOrganisation, signatories: [MemberID("Z")!]),
            ])
            let read = try? MemberRegistry(toml: registry.toml())
            #expect(read == registry, "name \(first.debugDescription) / \(second.debugDescription)")
            #expect(read?.sorted.map(\.id) == [MemberID("CEPT")!, MemberID("Z")!])
        }
    }

    @Test func reasonsRoundTripWithTheSameParagraphs() async {
        await propertyCheck(count: 300, input: Self.paragraphs, Self.paragraphs) { first, second in
            let record = ProposalRecord(member: MemberID("RUS")!, round: 3, coSponsors: [MemberID("ARM")!],
                                        reasons: [ParagraphID(rawValue: "p0000aaaa")!: first, ParagraphID(rawValue: "lt_pId038")!: second],
                                        supports: [.init(paragraph: "p0000bbbb", proposal: "CEPT")])
            let read = try? ProposalRecord(toml: record.toml(), path: "Drafts/res140.proposal.toml")
            #expect(read == record, "reasons \(first.debugDescription) / \(second.debugDescription)")
        }
    }

    @Test func decisionsRoundTrip() async {
        await propertyCheck(count: 300, input: Self.line, Self.paragraphs) { text, reason in
            let decision = Decision(paragraph: ParagraphID(rawValue: "p0000aaaa")!, outcome: .text(text), by: "CHAIR",
                                    at: "2022-02-18T22:59:00Z", reason: reason, fingerprint: "00ff")
            let ledger = DecisionLedger(decisions: [(1, decision), (2, Decision(paragraph: ParagraphID(rawValue: "p0000bbbb")!,
                                                                            outcome: .accept(member: "RUS"), by: "CHAIR",
                                                                            at: "2022-02-19T00:00:00Z", reason: nil, fingerprint: "01"))])
            let read = try? DecisionLedger(toml: ledger.toml(), path: "Drafts/res140.decisions.toml")
            #expect(read?.decisions.map(\.round) == [1, 2])
            #expect(read?.decisions.map(\.decision) == ledger.decisions.map(\.decision), "\(text.debugDescription) / \(reason.debugDescription)")
        }
    }

    /// The attack from the issue: a name that closed a literal string and declared a chair.
    @Test func aCraftedNameRegistersNoOtherMember() throws {
        let name = "Zed'''\n[members.EVIL]\nkind = 'chair'\nname = 'x"
        #expect(throws: DraftingError.self) { try Member(id: MemberID("Z")!, name: name, kind: .memberState).validate() }
        let oneLine = name.replacingOccurrences(of: "\n", with: " ")
        let registry = MemberRegistry(members: [Member(id: MemberID("Z")!, name: oneLine, kind: .memberState)])
        let read = try MemberRegistry(toml: registry.toml())
        #expect(read.sorted.map(\.id.rawValue) == ["Z"])
        #expect(read[MemberID("Z")!]?.name == oneLine)
    }

    @Test func controlCharactersAreRefusedNamingTheField() {
        for (text, shape) in [("a\u{1B}[31mb", FreeText.Shape.paragraphs), ("a\rb", .paragraphs), ("a\u{7F}", .paragraphs),
                              ("a\u{85}b", .paragraphs), ("a\nb", .line), ("a\tb", .line), ("\u{0}", .paragraphs)] {
            #expect(throws: DraftingError.self, "\(text.debugDescription)") { try FreeText.check(text, "--reason", shape: shape) }
        }
        for (text, shape) in [("a\nb\tc", FreeText.Shape.paragraphs), ("l’UIT\u{00A0}: é 中", .line), ("", .line)] {
            #expect(throws: Never.self) { try FreeText.check(text, "--reason", shape: shape) }
        }
        #expect(FreeText.escaped("a\u{1B}[31mb\n") == "a\\u{1B}[31mb\\u{A}")
        #expect(FreeText.commitMessageLine("why\n\nConcord-Member: EVIL") == "why Concord-Member: EVIL")
    }

    /// A hand-edited record with a control character in a reason is refused on reading, naming it.
    @Test func aRecordWithAControlCharacterIsRefusedOnReading() {
        let toml = "member = \"RUS\"\nround = 1\n\n[reasons]\np0000aaaa = \"a\\u001B[2Jb\"\n"
        #expect { try ProposalRecord(toml: toml, path: "Drafts/res140.proposal.toml") } throws: { error in
            (error as? DraftingError)?.message.contains("Drafts/res140.proposal.toml: the reason for paragraph p0000aaaa") == true
        }
    }

    /// Headers on which TOMLKit's parser asserts (found by `RecordFuzzTests`) are refused
    /// with the line instead: a member could push such a record.
    @Test func tableHeadersTheParserCannotReportAreRefusedNamingTheLine() throws {
        for header in ["[é]", "[ é]", "[[é]]", "[#]", "[=]", "[.a]", "[", "[[", "[\r"] {
            let toml = "[members.F]\nkind = \"member-state\"\nname = \"France\"\n\n\(header)\nname = \"x\"\n"
            #expect(throws: DraftingError(.badInput, "Drafts/members.toml: line 5: a table header's name starts with a letter, a digit, '-', '_' or a quote"),
                    "\(header.debugDescription)") { try MemberRegistry(toml: toml) }
        }
        #expect(throws: DraftingError.self) { try MemberRegistry(toml: "[]\n") }
        for array in ["[\"ARM\",} \"KAZ\"]", "[}", "[ }", "[1, }", "[[}]]", "[\n  \"ARM\",\n  # a comment\n}"] {
            let toml = "member = \"RUS\"\nround = 1\nco-sponsors = \(array)\n"
            let line = 3 + array.count { $0 == "\n" }   // the line of the '}'
            #expect(throws: DraftingError(.badInput, "p.toml: line \(line): an array holds a '}' where a value should be"),
                    "\(array.debugDescription)") { try ProposalRecord(toml: toml, path: "p.toml") }
        }
        for (toml, line) in [("co-sponsors = [\u{2028}\"ARM\"]\nround = 1\n", 1), ("round = 1\nco-sponsors = [\"ARM\",\u{00A0}\"KAZ\"]\n", 2),
                             ("[members.F\u{3000}]\n", 1), ("a =\u{FEFF} 1\n", 1)] {
            #expect(throws: DraftingError.self, "\(toml.debugDescription)") { try ProposalRecord(toml: toml, path: "p.toml") }
            #expect { try ProposalRecord(toml: toml, path: "p.toml") } throws: { error in
                (error as? DraftingError)?.message.hasPrefix("p.toml: line \(line): U+") == true
            }
        }
        // Brackets and braces inside strings and comments are text, not traps.
        let quoted = #"""
            member = "RUS"
            round = 1
            # [é] and [}

            [reasons]
            p0000aaaa = "[} \" [é]"
            p0000bbbb = '''
            [é]
            [}'''
            p0000cccc = """
            [é] \
            [}"""
            """#
        #expect(try ProposalRecord(toml: quoted, path: "p.toml").reasons.count == 3)
    }

    @Test func impossibleDatesAreNotDeadlines() {
        for bad in ["2022-02-30T23:59:00Z", "2023-02-29T12:00:00Z", "2022-04-31T00:00:00+02:00", "2022-02-18T23:59:60Z"] {
            #expect(Deadline(bad) == nil, "\(bad)")
        }
        for good in ["2024-02-29T12:00:00Z", "2000-02-29T12:00:00Z", "2022-12-31T23:59:59-12:00"] { #expect(Deadline(good) != nil, "\(good)") }
        #expect(Deadline("1900-02-29T12:00:00Z") == nil)
    }
}
