import ArgumentParser
import ConcordDrafting
import ConcordRender

extension Concord {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "The round at a glance: who submitted what, and who has not.",
            discussion: """
                Examples:
                  concord status res140
                  concord status res140 --format json
                """)

        @OptionGroup var repository: RepositoryOption
        @OptionGroup var formatting: FormattingOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Option(help: "text, json, markdown or html.")
        var format: DocumentFormat = .text

        func run() throws {
            let status = try repository.open().status(of: draft, showingFormatting: formatting.showFormatting)
            switch format {
            case .text: writeOutput(StatusReport.text(status))
            case .json: writeOutput(try StatusReport.json(status))
            case .markdown: writeOutput(StatusReport.markdown(status))
            case .html: writeOutput(StatusReport.html(status))
            }
        }
    }
}
