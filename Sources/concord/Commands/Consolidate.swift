import ArgumentParser
import ConcordDrafting
import ConcordRender

extension Concord {
    struct Consolidate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "consolidate",
            abstract: "Merge every member's proposals of the round into one text, each change credited to its proposers.",
            discussion: """
                Changes that do not collide are all applied, adjacent ones included; identical changes \
                are credited jointly; competing proposals stay as alternatives until the chair decides. \
                Exits 1 while conflicts remain.
                """)

        @OptionGroup var repository: RepositoryOption
        @OptionGroup var formatting: FormattingOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Option(help: "text, json, markdown or html.")
        var format: DocumentFormat = .text

        @Flag(help: "Record the consolidated text, decisions and provenance on the branch consolidation/<draft>.")
        var commit = false

        func run() throws {
            let drafting = try repository.open()
            let consolidation = commit
                ? try drafting.recordConsolidation(of: draft, showingFormatting: formatting.showFormatting, report: ConsolidationReport.json).consolidation
                : try drafting.consolidate(draft, showingFormatting: formatting.showFormatting)
            switch format {
            case .text: writeOutput(ConsolidationReport.text(consolidation))
            case .json: writeOutput(try ConsolidationReport.json(consolidation))
            case .markdown: writeOutput(ConsolidationReport.markdown(consolidation))
            case .html: writeOutput(ConsolidationReport.html(consolidation))
            }
            if !consolidation.text.conflicts.isEmpty { throw ExitCode(1) }
        }
    }
}
