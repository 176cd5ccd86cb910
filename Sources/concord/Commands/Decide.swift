import ArgumentParser
import ConcordDrafting
import ConcordRender
import ConcordText

extension Concord {
    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settle one paragraph: accept a member's proposal, keep the base text, or write a compromise.",
            discussion: "Recorded on consolidation/<draft> with who decided, when and why.")

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Argument(help: "The paragraph: its id, its label, or block and item such as \"resolves 3\".")
        var paragraph: String

        @Option(help: "Accept this member's proposal.", transform: parseMemberID)
        var accept: MemberID?

        @Flag(help: "Keep the base text.")
        var keepBase = false

        @Option(help: "Write this text instead (a compromise).")
        var text: String?

        @Option(name: .customLong("as"), help: "The chair (or secretariat) deciding.", transform: parseMemberID)
        var chair: MemberID

        @Option(help: "Why.")
        var reason: String?

        func validate() throws {
            guard [accept != nil, keepBase, text != nil].filter({ $0 }).count == 1 else {
                throw ValidationError("give exactly one of --accept MEMBER, --keep-base or --text TEXT")
            }
            if let text, text.contains(where: \.isNewline) { throw ValidationError("--text is one paragraph: no line breaks") }
        }

        func run() throws {
            let outcome: Decision.Outcome = accept.map { .accept(member: $0.rawValue) } ?? (keepBase ? .keepBase : .text(text!))
            let (decision, consolidation) = try repository.open().decide(
                draft, paragraph: paragraph, outcome: outcome, by: chair, reason: reason, report: ConsolidationReport.json)
            let remaining = consolidation.text.conflicts.count
            writeOutput("Recorded the decision on paragraph \(paragraph) ({#\(decision.paragraph)}) of \(draft) by \(chair). "
                + (remaining == 0 ? "No conflict remains.\n" : "\(remaining) conflict(s) remain.\n"))
        }
    }

    struct Blame: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who introduced each span of the consolidated text, and in which commit.")

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Option(help: ArgumentHelp("A committed consolidation (default: the current consolidated text).", valueName: "rev"))
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
