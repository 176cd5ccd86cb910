import ArgumentParser
import ConcordDrafting
import ConcordRender
import ConcordWord

extension Concord {
    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "submit",
            abstract: "Record a member's edited text of a draft on its comment branch.",
            discussion: """
                FILE is the member's whole text of the draft, as printed by `concord draft show` and edited, \
                or a Word document (.docx) edited from `concord export DRAFT --docx FILE --clean`. \
                A new submission replaces the member's proposal for the round; earlier ones stay in history.

                In a Word document, every tracked change counts as the member's edit, whoever Word names as its \
                author; formatting changes are ignored; a comment in a paragraph is the reason for its change, \
                unless --reason gives one. A document without tracked changes is compared with the base as a text is.

                Examples:
                  concord submit res140 res140-RUS.txt --as RUS --reason 1.2="As in PP-22"
                  concord submit res140 "res140 CEPT.docx" --as CEPT --with F,D
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft, e.g. res140.", transform: parseDraftID)
        var draft: DraftID

        @Argument(help: "The member's edited text: a text file or a .docx.")
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
            var request = SubmissionRequest(draft: draft, member: member, bytes: try InputFile.read(file, limit: inputSize.limit),
                                            fileName: file, coSponsors: coSponsors, reasons: reason.map { ($0.paragraph, $0.reason) })
            try request.readWordDocument()
            let submission = try repository.open().submit(request)
            switch format {
            case .text: writeOutput(SubmissionReport.text(submission, colour: stdoutWantsColour))
            case .json: writeOutput(try SubmissionReport.json(submission))
            }
        }
    }
}
