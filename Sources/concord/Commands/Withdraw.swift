import ArgumentParser
import ConcordDrafting
import ConcordRender

extension Concord {
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw",
            abstract: "Take back a member's proposal on one paragraph; its other proposals stand.",
            discussion: """
                Records a new submission of the member's text with that paragraph as the round's base has it. \
                Also takes back a proposal left open by the last revision (a conflict the chair did not settle), \
                which otherwise stands again in this round.

                Example:
                  concord withdraw res140 "resolves 1" --as RUS
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Argument(help: "The paragraph: its id, its label, or block and item (\"resolves 1\").")
        var paragraph: String

        @Option(name: .customLong("as"), help: "The member taking back its proposal.", transform: parseMemberID)
        var member: MemberID

        @Option(help: "text or json.")
        var format: ReportFormat = .text

        func run() throws {
            let submission = try repository.open().withdraw(draft: draft, paragraph: paragraph, by: member)
            switch format {
            case .text: writeOutput(SubmissionReport.text(submission, colour: stdoutWantsColour))
            case .json: writeOutput(try SubmissionReport.json(submission))
            }
        }
    }
}
