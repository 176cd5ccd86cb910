import ArgumentParser
import ConcordDrafting
import ConcordRender
import Foundation

extension ConcordDrafting.Member.Kind: ExpressibleByArgument {}

extension Concord {
    struct Member: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "member",
            abstract: "Keep the registry of members (kept in Drafts/members.toml on the main branch).",
            subcommands: [Add.self, List.self, Remove.self, Token.self])
    }
}

extension Concord.Member {
    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token",
            abstract: "Create or rotate a member's sign-in token for `concord serve`, and print its sign-in link.",
            discussion: """
                The token is kept hashed in .git/concord/sign-in.toml, never in a commit. Creating one again \
                replaces the old, whose link stops working.

                Example:
                  concord member token RUS --as SEC --url https://drafts.example.org
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The member signing in, e.g. RUS.", transform: parseMemberID)
        var member: MemberID

        @Option(name: .customLong("as"), help: "The chair or the secretariat issuing it (recorded).", transform: parseMemberID)
        var actor: MemberID?

        @Option(help: "The address members reach `concord serve` at.")
        var url = "http://127.0.0.1:8080"

        func run() throws {
            let token = try repository.open().issueSignInToken(for: member, by: actor)
            let base = url.hasSuffix("/") ? String(url.dropLast()) : url
            writeOutput("Sign-in link for \(member): \(base)/signin?token=\(token)\n")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Register a member, or update its name, kind or signatories.",
            discussion: """
                Examples:
                  concord member add RUS --name "Russian Federation"
                  concord member add CEPT --name CEPT --kind regional-organisation
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The member's short id, as ITU writes it: F, USA, RUS, CEPT.", transform: parseMemberID)
        var id: MemberID

        @Option(help: "The member's name, e.g. \"Russian Federation\".")
        var name: String

        @Option(help: "What the member is.")
        var kind: ConcordDrafting.Member.Kind = .memberState

        @Option(help: ArgumentHelp("For a regional organisation: the members that sign its proposals, e.g. D,F,I.", valueName: "ids"),
                transform: parseMemberList)
        var signatories: [MemberID] = []

        @Option(name: .customLong("account"),
                help: ArgumentHelp("A Git host account that pushes for this member (a GitLab or Gitea user, an HTTP login). Repeat for several.",
                                   valueName: "name"))
        var accounts: [String] = []

        func run() throws {
            let (member, replaced) = try repository.open().addMember(
                ConcordDrafting.Member(id: id, name: name, kind: kind, signatories: signatories, accounts: accounts))
            writeOutput("\(replaced == nil ? "Added" : "Updated") member \(member.id): \(member.name) (\(member.kind.rawValue)).\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the members.",
            discussion: """
                Example:
                  concord member list
                """)

        @OptionGroup var repository: RepositoryOption

        @Option(help: "text or json.")
        var format: ReportFormat = .text

        func run() throws {
            let members = try repository.open().memberRegistry().sorted
            switch format {
            case .text: writeOutput(MemberReport.text(members))
            case .json: writeOutput(try MemberReport.json(members))
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove a member from the registry (its comment branches stay).",
            discussion: """
                Example:
                  concord member remove ARM
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "The member's id.", transform: parseMemberID)
        var id: MemberID

        func run() throws {
            let member = try repository.open().removeMember(id)
            writeOutput("Removed member \(member.id) (\(member.name)). Its comment branches are kept.\n")
        }
    }
}
