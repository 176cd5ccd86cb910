import ArgumentParser
import ConcordDrafting
import ConcordRender

extension Concord {
    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "submit",
            abstract: "Record a member's edited text of a draft on its comment branch.",
            discussion: """
                FILE is the member's whole text of the draft, as printed by `concord draft show` and edited. \
                A new submission replaces the member's proposal for the round; earlier ones stay in history.
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft, e.g. res140.", transform: parseDraftID)
        var draft: DraftID

        @Argument(help: "The member's edited text.")
        var file: String

        @Option(name: .customLong("as"), help: "The submitting member, e.g. RUS.", transform: parseMemberID)
        var member: MemberID

        @Option(name: .customLong("with"), help: ArgumentHelp("Co-sponsors, e.g. ARM,KAZ.", valueName: "ids"), transform: parseMemberList)
        var coSponsors: [MemberID] = []

        @Option(help: ArgumentHelp("Why a paragraph is changed: its id or label, '=', the reason. Repeat per paragraph.",
                                   valueName: "paragraph=text"))
        var reason: [ReasonArgument] = []

        @Option(help: "text or json.")
        var format: ReportFormat = .text

        @OptionGroup var inputSize: InputSizeOption

        func run() throws {
            let bytes = try InputFile.read(file, limit: inputSize.limit)
            let submission = try repository.open().submit(SubmissionRequest(
                draft: draft, member: member, bytes: bytes, fileName: file, coSponsors: coSponsors,
                reasons: reason.map { ($0.paragraph, $0.reason) }))
            switch format {
            case .text: writeOutput(SubmissionReport.text(submission, colour: stdoutWantsColour))
            case .json: writeOutput(try SubmissionReport.json(submission))
            }
        }
    }
}
