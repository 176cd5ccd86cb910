import ArgumentParser
import ConcordDrafting
import ConcordRender

extension Concord.Draft {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the drafts on the main branch.",
            discussion: """
                Example:
                  concord draft list
                """)

        @OptionGroup var repository: RepositoryOption

        @Option(help: "text or json.")
        var format: ReportFormat = .text

        func run() throws {
            let drafting = try repository.open()
            let drafts = try drafting.draftIDs().map { try drafting.draft($0) }
            switch format {
            case .text:
                writeOutput(drafts.isEmpty
                    ? "No drafts yet. Import one with: concord draft import ID FILE\n"
                    : drafts.map { "\($0.id)\t\($0.text.paragraphs.count) paragraphs\n" }.joined())
            case .json:
                writeOutput(try DraftJSON.renderList(drafts))
            }
        }
    }
}
