import ArgumentParser
import ConcordDrafting

extension Concord {
    struct Support: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "support",
            abstract: "Record a member's support for another member's proposal on one paragraph.",
            discussion: """
                Example:
                  concord support res140 "resolves 1" --proposal CEPT --as F
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The draft.", transform: parseDraftID)
        var draft: DraftID

        @Argument(help: "The paragraph, by id or label.")
        var paragraph: String

        @Option(name: .customLong("as"), help: "The supporting member.", transform: parseMemberID)
        var member: MemberID

        @Option(help: "The member whose proposal is supported.", transform: parseMemberID)
        var proposal: MemberID

        func run() throws {
            let support = try repository.open().support(draft: draft, paragraph: paragraph, by: member, proposal: proposal)
            writeOutput("Recorded: \(member) supports \(proposal)'s proposal on paragraph \(paragraph) ({#\(support.paragraph)}) of \(draft).\n")
        }
    }
}
