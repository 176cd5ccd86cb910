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
                  concord consolidate res140 --round 1
                """)

        @OptionGroup var repository: RepositoryOption
        @OptionGroup var formatting: FormattingOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Option(help: "text, json, markdown or html.")
        var format: DocumentFormat = .text

        @Flag(help: "Record the consolidated text, decisions and provenance on the branch consolidation/<draft>.")
        var commit = false

        @Option(help: ArgumentHelp("Show round N's consolidation again, as recorded when it closed (or last recorded, if it closed unpublished).",
                                   valueName: "n"))
        var round: Int?

        func validate() throws {
            if round != nil, commit { throw ValidationError("--round shows a recorded consolidation; --commit records the current one: give one") }
            if round != nil, formatting.showFormatting {
                throw ValidationError("--round shows a consolidation as it was recorded; --show-formatting cannot change it")
            }
        }

        func run() throws {
            let drafting = try repository.open()
            if let round, try drafting.currentRound(of: draft).number != round || drafting.currentRound(of: draft).state != .open {
                guard let (_, base, recorded) = try drafting.recordedConsolidation(draft, round: round) else {
                    throw DraftingError(.refused, "round \(round) of \(draft) has no recorded consolidation (`concord consolidate \(draft) --commit` records one while a round is open)")
                }
                let shown: ConsolidationReport.Format = switch format {
                case .text: .text
                case .json: .json
                case .markdown: .markdown
                case .html: .html
                }
                do {
                    writeOutput(try ConsolidationReport.recorded(recorded, base: base.text, render: shown))
                } catch is ConsolidationReport.Failure {
                    throw DraftingError(.badInput, "round \(round) of \(draft): the stored consolidation report cannot be read")
                }
                return
            }
            let consolidation: Consolidation
            var recordedLine: String?
            if commit {
                let recorded = try drafting.recordConsolidation(of: draft, showingFormatting: formatting.showFormatting, report: ConsolidationReport.record)
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
            case .json: ConsolidationReport.writeJSON(consolidation, to: writeOutput)
            case .markdown: writeOutput(ConsolidationReport.markdown(consolidation))
            case .html: writeOutput(ConsolidationReport.html(consolidation))
            }
            Concord.keepUntilExit(consolidation)
            if !consolidation.text.conflicts.isEmpty { throw ExitCode(1) }
        }
    }
}
