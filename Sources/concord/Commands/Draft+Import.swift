import ArgumentParser
import ConcordDrafting

extension Concord.Draft {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add a base text as a new draft on the main branch.",
            discussion: "FILE is plain text (UTF-8, one paragraph per line) or Markdown (.md).")

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The new draft's id, e.g. res140.", transform: parseDraftID)
        var id: DraftID

        @Argument(help: "The base text.")
        var file: String

        @OptionGroup var inputSize: InputSizeOption

        func run() throws {
            let format = try DraftSourceFormat(path: file)
            let bytes = try InputFile.read(file, limit: inputSize.limit)
            let draft = try repository.open().importDraft(id, from: bytes, named: file, format: format)
            writeOutput("Imported draft \(id) from \(file): \(draft.text.paragraphs.count) paragraphs, "
                + "commit \(draft.revision.hex.prefix(10)) on main. See it with: concord draft show \(id)\n")
        }
    }
}
