import ArgumentParser
import ConcordDrafting
import ConcordRender

extension Concord {
    struct Blame: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "blame",
            abstract: "Who introduced each span of the consolidated text, in which round and commit, back to the imported text.",
            discussion: """
                Examples:
                  concord blame res140
                  concord blame res140 --at Rev.2 --format json
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Option(help: ArgumentHelp("A committed consolidation: Rev.N, a tag or a commit (default: the current consolidated text).", valueName: "rev"))
        var at: String?

        @Option(help: "text, json, markdown or html.")
        var format: DocumentFormat = .text

        func run() throws {
            let drafting = try repository.open()
            guard let (blamed, earlier) = try drafting.blameRecords(draft, at: at) else {
                throw DraftingError(.badInput, "\(at ?? draft.rawValue): holds no consolidation of \(draft) (record one with `concord consolidate \(draft) --commit`)")
            }
            do {
                switch format {
                case .text: writeOutput(try BlameReport.text(blamed, earlier: earlier))
                case .json: writeOutput(try BlameReport.json(blamed, earlier: earlier))
                case .markdown: writeOutput(try BlameReport.markdown(blamed, earlier: earlier))
                case .html: writeOutput(try BlameReport.html(blamed, earlier: earlier))
                }
            } catch is BlameReport.Failure {
                throw DraftingError(.badInput, "\(at ?? draft.rawValue): the stored consolidation report cannot be read")
            }
        }
    }
}
