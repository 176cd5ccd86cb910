import ArgumentParser
import ConcordDrafting
import ConcordRender
import ConcordText

extension Concord {
    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decide",
            abstract: "Settle paragraphs: accept a member's proposal, keep the base text, or write a compromise.",
            discussion: """
                Recorded on consolidation/<draft> with who decided, when and why. Several paragraphs \
                settled alike (--accept or --keep-base) are recorded in one commit, all or none.

                Examples:
                  concord decide res140 "resolves 1" --accept CEPT --as CHAIR --reason "Agreed"
                  concord decide res140 1.2 1.3 1.4 --keep-base --as CHAIR
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Argument(help: "The paragraphs: each by its id, its label, or block and item such as \"resolves 3\".")
        var paragraphs: [String]

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
        }

        func run() throws {
            let outcome: Decision.Outcome = accept.map { .accept(member: $0.rawValue) } ?? (keepBase ? .keepBase : .text(text!))
            let decided = try repository.open().decide(
                draft, paragraphs: paragraphs, outcome: outcome, by: chair, reason: reason, report: ConsolidationReport.record)
            let (decisions, remaining) = (decided.decisions, decided.conflicts)
            let named = zip(paragraphs, decisions).map { "\($0) ({#\($1.paragraph)})" }.joined(separator: ", ")
            writeOutput("Recorded the decision on paragraph\(decisions.count == 1 ? "" : "s") \(named) of \(draft) by \(chair). "
                + (remaining == 0 ? "No conflict remains.\n" : "\(remaining) conflict(s) remain.\n"))
        }
    }
}
