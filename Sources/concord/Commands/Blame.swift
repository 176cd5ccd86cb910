import ArgumentParser
import ConcordDrafting
import ConcordRender

extension Concord {
    struct Blame: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "blame",
            abstract: "Who introduced each span of the consolidated text, in which round and commit, back to the imported text.")

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Option(help: ArgumentHelp("A committed consolidation: Rev.N, a tag or a commit (default: the current consolidated text).", valueName: "rev"))
        var at: String?

        @Option(help: "text or json.")
        var format: ReportFormat = .text

        func run() throws {
            let drafting = try repository.open()
            let blamed: RecordedConsolidation
            if let at {
                guard let recorded = try drafting.recordedConsolidation(draft, at: at) else {
                    throw DraftingError(.badInput, "\(at): holds no consolidation of \(draft) (record one with `concord consolidate \(draft) --commit`)")
                }
                blamed = recorded
            } else {
                blamed = RecordedConsolidation(report: Array(try ConsolidationReport.json(drafting.consolidate(draft)).utf8),
                                               decisionCommits: try drafting.decisionCommits(of: draft))
            }
            // The published revisions' consolidations, to credit what the blamed round kept.
            let earlier = try drafting.revisions(of: draft).compactMap { try drafting.recordedConsolidation(draft, at: $0.commit.hex) }
            do {
                switch format {
                case .text: writeOutput(try BlameReport.text(blamed, earlier: earlier))
                case .json: writeOutput(try BlameReport.json(blamed, earlier: earlier))
                }
            } catch is BlameReport.Failure {
                throw DraftingError(.badInput, "\(at ?? draft.rawValue): the stored consolidation report cannot be read")
            }
        }
    }
}
