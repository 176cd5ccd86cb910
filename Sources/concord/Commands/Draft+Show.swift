import ArgumentParser
import ConcordDrafting
import ConcordRender

extension Concord.Draft {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print a draft in the form a member edits and submits back.",
            discussion: """
                Each line starts with its paragraph id as {#id}; keep it in place when editing.

                Examples:
                  concord draft show res140 > res140-RUS.txt
                  concord draft show res140 --at Rev.1 --plain
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft, e.g. res140.", transform: parseDraftID)
        var id: DraftID

        @Option(help: "text: the editable form; json: the paragraphs with id, label and text.")
        var format: ReportFormat = .text

        @Flag(help: "Print the text exactly as imported, without paragraph ids.")
        var plain = false

        @Option(help: ArgumentHelp("Show the draft as it was at this revision: Rev.N, a tag, a branch or a commit.", valueName: "rev"))
        var at: String?

        func run() throws {
            let draft = try repository.open().draft(id, at: at)
            switch format {
            case .text: writeOutput(plain ? draft.text.plainForm() : draft.text.storedForm())
            case .json: writeOutput(try DraftJSON.render(draft))
            }
        }
    }
}
