import ArgumentParser
import ConcordDrafting
import ConcordWord

extension Concord.Draft {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add a base text as a new draft on the main branch.",
            discussion: """
                FILE is plain text (UTF-8, one paragraph per line), Markdown (.md) or a Word document (.docx). \
                Of a Word document, each paragraph is a paragraph of the draft with its tracked changes accepted; \
                labels made by Word's numbering become typed labels, and bookmarks at a paragraph's start \
                (lt_pId…, _Hlk…) give its id. Tables, notes, pictures and line breaks within a paragraph are refused.

                Examples:
                  concord draft import res140 "Resolution 140.docx"
                  concord draft import wsis-report wsis-report.txt
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The new draft's id, e.g. res140.", transform: parseDraftID)
        var id: DraftID

        @Argument(help: "The base text: .txt, .md or .docx.")
        var file: String

        @OptionGroup var inputSize: InputSizeOption

        func run() throws {
            var bytes = try InputFile.read(file, limit: inputSize.limit)
            var format = DraftSourceFormat.plainText
            if WordInput.isWordDocument(file, bytes) {
                bytes = try WordInput.read(file, bytes).bytes
            } else {
                format = try DraftSourceFormat(path: file)
            }
            let draft = try repository.open().importDraft(id, from: bytes, named: file, format: format)
            writeOutput("Imported draft \(id) from \(file): \(draft.text.paragraphs.count) paragraphs, "
                + "commit \(draft.revision.hex.prefix(10)) on main. See it with: concord draft show \(id)\n")
        }
    }
}
