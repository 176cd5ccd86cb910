import ArgumentParser
import ConcordDrafting
import ConcordRender

/// Formats of the synoptic table: the document formats and CSV for spreadsheets.
enum TableFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, markdown, html, csv
}

extension Concord {
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Compare members' proposals side by side, paragraph by paragraph, with a summary of agreement.",
            discussion: """
                A regional organisation's column names the members that sign its proposals.

                Examples:
                  concord compare res140 --changed-only
                  concord compare res140 --format html > res140-compare.html
                """)

        @OptionGroup var repository: RepositoryOption
        @OptionGroup var formatting: FormattingOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Option(help: ArgumentHelp("The members to compare, e.g. CEPT,CITEL,APT (default: every member who submitted).", valueName: "ids"),
                transform: parseMemberList)
        var members: [MemberID]?

        @Flag(help: "Add the consolidated text (the chair's column).")
        var chair = false

        @Flag(inversion: .prefixedNo,
              help: "Show only the paragraphs someone changed (the default for html; --no-changed-only shows every paragraph).")
        var changedOnly: Bool?

        @Flag(help: "In JSON, write an unchanged (NOC) cell's text and spans too; by default it names only the member and NOC.")
        var unchangedText = false

        @Option(help: "text, json, markdown, html or csv.")
        var format: TableFormat = .text

        func run() throws {
            let comparison = try repository.open().compare(draft, members: members, withChairColumn: chair,
                                                                        showingFormatting: formatting.showFormatting)
            // A page of forty columns is read for what changed; the other formats keep every
            // row unless asked, as scripts and spreadsheets expect.
            let changedOnly = changedOnly ?? (format == .html)
            switch format {
            case .text: writeOutput(CompareReport.text(comparison, changedOnly: changedOnly, colour: stdoutWantsColour))
            case .json: CompareReport.writeJSON(comparison, changedOnly: changedOnly, unchangedText: unchangedText, to: writeOutput)
            case .markdown: writeOutput(CompareReport.markdown(comparison, changedOnly: changedOnly))
            case .html: writeOutput(CompareReport.html(comparison, changedOnly: changedOnly))
            case .csv: writeOutput(try CompareReport.csv(comparison, changedOnly: changedOnly))
            }
        }
    }
}
