import ArgumentParser
import ConcordDrafting
import ConcordRender
import ConcordWord
import Foundation

extension Concord {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the round's consolidated text as a Word document (tracked changes per member), HTML or Markdown.",
            discussion: """
                With --docx, every inserted or deleted span is a tracked change whose author is its proposers \
                ("CEPT, F"); reasons, supports and the chair's decisions are comments; a conflict keeps the base \
                text followed by each alternative as a bracketed insertion. Accepting every change gives the \
                consolidated text, rejecting every change the base text.

                Examples:
                  concord export res140 --docx res140-clean.docx --clean   (to edit in Word)
                  concord export res140 --docx res140-consolidated.docx    (for the chair)
                  concord export res140 --docx res140-RUS.docx --member RUS
                  concord export res140 --docx synoptic.docx --synoptic --members CEPT,F
                  concord export res140 --html res140.html
                """)

        @OptionGroup var repository: RepositoryOption
        @OptionGroup var formatting: FormattingOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Option(help: ArgumentHelp("Write a Word document to FILE.", valueName: "file"))
        var docx: String?

        @Option(help: ArgumentHelp("Write the consolidated text as a self-contained HTML page to FILE.", valueName: "file"))
        var html: String?

        @Option(help: ArgumentHelp("Write the consolidated text as Markdown to FILE.", valueName: "file"))
        var markdown: String?

        @Flag(help: "With --docx: the round's base text, for a member to edit in Word with track changes on.")
        var clean = false

        @Option(help: ArgumentHelp("With --docx: this member's proposals only, as its tracked changes.", valueName: "member"),
                transform: parseMemberID)
        var member: MemberID?

        @Flag(help: "With --docx: the synoptic table (base | each member | the chair's text) as a Word table.")
        var synoptic = false

        @Option(help: ArgumentHelp("With --synoptic: the members to compare (default: every member who submitted).", valueName: "ids"),
                transform: parseMemberList)
        var members: [MemberID]?

        @Flag(help: "With --synoptic: every paragraph, not only those someone changed.")
        var allParagraphs = false

        func validate() throws {
            guard [docx, html, markdown].compactMap({ $0 }).count == 1 else {
                throw ValidationError("give one of --docx FILE, --html FILE or --markdown FILE")
            }
            let views = [clean, member != nil, synoptic].filter { $0 }.count
            guard views <= 1 else { throw ValidationError("--clean, --member and --synoptic are different documents; give one") }
            guard docx != nil || views == 0 else { throw ValidationError("--clean, --member and --synoptic go with --docx") }
            guard synoptic || (members == nil && !allParagraphs) else { throw ValidationError("--members and --all-paragraphs go with --synoptic") }
        }

        func run() throws {
            let drafting = try repository.open()
            let now = drafting.now
            if let docx {
                let document: WordDocument
                if clean {
                    let round = try drafting.currentRound(of: draft)
                    document = WordExport.clean(try drafting.draft(draft, at: round.base.hex).text, date: now)
                } else if let member {
                    document = WordExport.member(member, try drafting.diff(draft, member: member, reportingFormatting: formatting.showFormatting), date: now)
                } else if synoptic {
                    let comparison = try drafting.compare(draft, members: members, withChairColumn: true, showingFormatting: formatting.showFormatting)
                    document = WordExport.synoptic(comparison, date: now, changedOnly: !allParagraphs)
                } else {
                    document = WordExport.consolidated(try drafting.consolidate(draft, showingFormatting: formatting.showFormatting), date: now)
                }
                try OutputFile.write(try WordExport.docx(document), to: docx)
                writeOutput("Wrote \(docx)\n")
            } else if let html {
                try OutputFile.write(Data(ConsolidationReport.html(try drafting.consolidate(draft, showingFormatting: formatting.showFormatting)).utf8), to: html)
                writeOutput("Wrote \(html)\n")
            } else if let markdown {
                try OutputFile.write(Data(ConsolidationReport.markdown(try drafting.consolidate(draft, showingFormatting: formatting.showFormatting)).utf8), to: markdown)
                writeOutput("Wrote \(markdown)\n")
            }
        }
    }
}
