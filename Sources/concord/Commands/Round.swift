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
        static let configuration = CommandConfiguration(commandName: "open", abstract: "Publish the draft as it stands as the base of a new round.")

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft, e.g. res140.", transform: parseDraftID)
        var draft: DraftID

        @Option(help: "Last moment to submit, with zone: 2022-02-18T23:59:00+01:00.", transform: parseDeadline)
        var deadline: Deadline

        func run() throws {
            let round = try repository.open().openRound(on: draft, deadline: deadline)
            writeOutput("Opened round \(round.number) on \(draft): base \(round.base.hex.prefix(10)), deadline \(round.deadline). "
                + "Members submit with: concord submit \(draft) FILE --as MEMBER\n")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close the open round; no more submissions are taken.")

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Flag(help: "Publish the consolidated text as the draft's next revision (Rev.N), the base of the next round.")
        var publish = false

        func run() throws {
            let drafting = try repository.open()
            if publish {
                let (round, consolidation) = try drafting.publishRound(on: draft, report: ConsolidationReport.json)
                writeOutput("Closed round \(round.number) on \(draft) and published Rev.\(round.publishedRevision!) on main: "
                    + ConsolidationReport.summary(consolidation) + ".\nOpen the next round with: concord round open \(draft) --deadline …\n")
            } else {
                let round = try drafting.closeRound(on: draft)
                writeOutput("Closed round \(round.number) on \(draft).\n")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the rounds of a draft.")

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Option(help: "text or json.")
        var format: ReportFormat = .text

        func run() throws {
            let rounds = try repository.open().rounds(of: draft)
            switch format {
            case .text: writeOutput(RoundReport.text(rounds, draft: draft.rawValue))
            case .json: writeOutput(try RoundReport.json(rounds, draft: draft.rawValue))
            }
        }
    }

    struct Admit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "admit", abstract: "Allow a member to submit to the open round after its deadline.")

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
