import ArgumentParser
import ConcordDrafting
import ConcordRender
import ConcordText

extension Concord {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "Show proposals paragraph by paragraph with a word-level redline.",
            discussion: """
                Give one of --member, --members or --from/--to.

                Examples:
                  concord diff res140 --member RUS
                  concord diff res140 --from Rev.1 --to Rev.2 --format html > changes.html
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Option(help: "A member's proposals against the round's base.", transform: parseMemberID)
        var member: MemberID?

        @Option(help: ArgumentHelp("Two members' texts, the first against the second: A,B.", valueName: "a,b"), transform: parseMemberList)
        var members: [MemberID]?

        @Option(help: ArgumentHelp("The draft at one revision (Rev.1, a tag, a branch or a commit)…", valueName: "rev"))
        var from: String?

        @Option(help: ArgumentHelp("…against another.", valueName: "rev"))
        var to: String?

        @Option(help: "text, json, markdown or html.")
        var format: DocumentFormat = .text

        @OptionGroup var formatting: FormattingOption

        func validate() throws {
            let modes = [member != nil, members != nil, from != nil || to != nil].filter { $0 }.count
            guard modes == 1 else { throw ValidationError("give exactly one of --member M, --members A,B or --from REV --to REV") }
            if let members, members.count != 2 { throw ValidationError("--members takes two members, e.g. RUS,CEPT") }
            if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together") }
        }

        func run() throws {
            let drafting = try repository.open()
            let (diff, old, new): (ParagraphDiff, String, String)
            var notes: DiffNotes?
            if let member {
                notes = DiffNotes(try drafting.submission(on: draft, of: member).1.record)
                (diff, old, new) = (try drafting.diff(draft, member: member, reportingFormatting: formatting.showFormatting), "\(draft) (round base)", "\(draft) by \(member)")
            } else if let members {
                (diff, old, new) = (try drafting.diff(draft, from: members[0], to: members[1], reportingFormatting: formatting.showFormatting), "\(draft) by \(members[0])", "\(draft) by \(members[1])")
            } else {
                (diff, old, new) = (try drafting.diff(draft, fromRevision: from!, toRevision: to!, reportingFormatting: formatting.showFormatting), "\(draft) at \(from!)", "\(draft) at \(to!)")
            }
            switch format {
            case .text: RedlineText.write(diff, colour: stdoutWantsColour, showFormatting: formatting.showFormatting, notes: notes, to: writeOutput)
            case .json: writeOutput(try RedlineJSON.render(diff, old: old, new: new, credit: try revisionCredit(drafting), notes: notes))
            case .markdown: writeOutput(RedlineMarkdown.render(diff, title: "\(old) → \(new)", showFormatting: formatting.showFormatting, notes: notes))
            case .html: writeOutput(RedlineHTML.render(diff, title: "\(old) → \(new)", showFormatting: formatting.showFormatting, notes: notes))
            }
        }

        /// Between two published revisions, who proposed each change (nil otherwise).
        func revisionCredit(_ drafting: DraftingRepository) throws -> RevisionCredit? {
            guard let from, let to else { return nil }
            let revisions = try drafting.publishedConsolidations(of: draft).map { ($0.number, $0.commit.hex, $0.recorded) }
            do {
                return try RevisionCredit(from: drafting.commit(ofRevision: from, draft: draft).hex,
                                          to: drafting.commit(ofRevision: to, draft: draft).hex, revisions: revisions)
            } catch is BlameReport.Failure {
                throw DraftingError(.badInput, "\(draft): a published revision's stored consolidation report cannot be read")
            }
        }
    }
}
