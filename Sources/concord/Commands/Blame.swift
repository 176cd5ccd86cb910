import ArgumentParser
import ConcordDrafting
import ConcordRender

extension Concord {
    struct Blame: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "blame",
            abstract: "Who introduced each span of the consolidated text, and in which commit.")

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Option(help: ArgumentHelp("A committed consolidation: Rev.N, a tag or a commit (default: the current consolidated text).", valueName: "rev"))
        var at: String?

        @Option(help: "text or json.")
        var format: ReportFormat = .text

        func run() throws {
            let drafting = try repository.open()
            let bytes: [UInt8]
            if let at {
                guard let stored = try drafting.committedConsolidationReport(draft, at: at) else {
                    throw DraftingError(.badInput, "\(at): holds no consolidation of \(draft) (record one with `concord consolidate \(draft) --commit`)")
                }
                bytes = stored
            } else {
                bytes = Array(try ConsolidationReport.json(drafting.consolidate(draft)).utf8)
            }
            do {
                switch format {
                case .text: writeOutput(try BlameReport.text(bytes))
                case .json: writeOutput(try BlameReport.json(bytes))
                }
            } catch is BlameReport.Failure {
                throw DraftingError(.badInput, "\(at ?? draft.rawValue): the stored consolidation report cannot be read")
            }
        }
    }
}
