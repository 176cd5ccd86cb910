import ArgumentParser
import ConcordDrafting
import ConcordRender

extension Concord {
    struct Round: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "round",
            abstract: "Open, close and list comment rounds on a draft.",
            subcommands: [Open.self, Close.self, List.self, Admit.self])
    }
}

extension Concord.Round {
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Publish the draft as it stands as the base of a new round.",
            discussion: """
                Example:
                  concord round open res140 --deadline 2027-03-18T23:59:00+01:00 --as CHAIR
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft, e.g. res140.", transform: parseDraftID)
        var draft: DraftID

        @Option(help: "Last moment to submit, with zone: 2022-02-18T23:59:00+01:00.", transform: parseDeadline)
        var deadline: Deadline

        @Option(name: .customLong("as"), help: "The chair (or secretariat) opening it, e.g. CHAIR.", transform: parseMemberID)
        var actor: MemberID

        func run() throws {
            let drafting = try repository.open()
            let round = try drafting.openRound(on: draft, deadline: deadline, by: actor)
            let base = try drafting.revisions(of: draft).last { $0.commit == round.base }.map { "Rev.\($0.number)" } ?? String(round.base.hex.prefix(10))
            writeOutput("Opened round \(round.number) on \(draft): base \(base), deadline \(round.deadline). "
                + "Members submit with: concord submit \(draft) FILE --as MEMBER\n")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: "Close the open round; no more submissions are taken.",
            discussion: """
                Example:
                  concord round close res140 --publish --as CHAIR   (publishes Rev.N)
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Flag(help: "Publish the consolidated text as the draft's next revision (Rev.N), the base of the next round.")
        var publish = false

        @Option(name: .customLong("as"), help: "The chair (or secretariat) closing it, e.g. CHAIR.", transform: parseMemberID)
        var actor: MemberID

        func run() throws {
            let drafting = try repository.open()
            if publish {
                let (round, consolidation) = try drafting.publishRound(on: draft, by: actor, report: ConsolidationReport.record)
                let open = consolidation.text.conflicts
                writeOutput("Closed round \(round.number) on \(draft) and published Rev.\(round.publishedRevision!) on main (tag \(draft)/Rev.\(round.publishedRevision!)): "
                    + ConsolidationReport.summary(consolidation) + "."
                    + (open.isEmpty ? "" : "\n\(open.count) paragraph(s) still in conflict (\(open.prefix(5).map { $0.label.map { "\($0)" } ?? $0.id.rawValue }.joined(separator: ", "))) "
                        + "keep the base text in Rev.\(round.publishedRevision!); their alternatives stand again in the next round.")
                    + "\nOpen the next round with: concord round open \(draft) --deadline … --as \(actor)\n")
            } else {
                let round = try drafting.closeRound(on: draft, by: actor)
                writeOutput("Closed round \(round.number) on \(draft).\n")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the rounds of a draft.",
            discussion: """
                Example:
                  concord round list res140
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Option(help: "text or json.")
        var format: ReportFormat = .text

        func run() throws {
            let drafting = try repository.open()
            let rounds = try drafting.rounds(of: draft)
            let names = Dictionary(try drafting.revisions(of: draft).map { ($0.commit, "Rev.\($0.number)") }) { first, _ in first }
            switch format {
            case .text: writeOutput(RoundReport.text(rounds, draft: draft.rawValue, revisionNames: names))
            case .json: writeOutput(try RoundReport.json(rounds, draft: draft.rawValue, revisionNames: names))
            }
        }
    }

    struct Admit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "admit",
            abstract: "Allow a member to submit to the open round after its deadline.",
            discussion: """
                Example:
                  concord round admit res140 B --as CHAIR
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Argument(help: "The member admitted.", transform: parseMemberID)
        var member: MemberID

        @Option(name: .customLong("as"), help: "The chair (or secretariat) admitting it.", transform: parseMemberID)
        var chair: MemberID

        func run() throws {
            let round = try repository.open().admitLateSubmission(on: draft, from: member, by: chair)
            writeOutput("Admitted a late submission from \(member) to round \(round.number) on \(draft) (by \(chair)).\n")
        }
    }
}
