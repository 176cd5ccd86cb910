import ArgumentParser
import Foundation
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

                Examples:
                  concord consolidate res140
                  concord consolidate res140 --commit --format markdown > res140.md
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
            let consolidation: Consolidation
            var recordedLine: String?
            if commit {
                let recorded = try drafting.recordConsolidation(of: draft, showingFormatting: formatting.showFormatting, report: ConsolidationReport.json)
                consolidation = recorded.consolidation
                recordedLine = ConsolidationReport.recordedLine(recorded.consolidation, commit: recorded.commit, isNew: recorded.isNew)
            } else {
                consolidation = try drafting.consolidate(draft, showingFormatting: formatting.showFormatting)
            }
            // What was recorded ends the text report. Beside a report in another format, often
            // sent to a file, it goes to a terminal's standard error only: a line there from a
            // script's point of view is a refusal (exit 1 with conflicts left is not one).
            if let recordedLine, format != .text, isatty(STDERR_FILENO) != 0 {
                FileHandle.standardError.write(Data((recordedLine + "\n").utf8))
            }
            switch format {
            case .text: writeOutput(ConsolidationReport.text(consolidation) + (recordedLine.map { "\n\($0)\n" } ?? ""))
            case .json: writeOutput(try ConsolidationReport.json(consolidation))
            case .markdown: writeOutput(ConsolidationReport.markdown(consolidation))
            case .html: writeOutput(ConsolidationReport.html(consolidation))
            }
            if !consolidation.text.conflicts.isEmpty { throw ExitCode(1) }
        }
    }
}
