import ArgumentParser
import ConcordDrafting
import ConcordGit
import ConcordRender
import Foundation

extension Concord {
    struct Push: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "push",
            abstract: "Push a member's comment branches to the shared repository.",
            discussion: """
                The chair and the secretariat also push main and the consolidation branches. Nothing is forced: \
                the shared repository's hooks judge each reference, and every refusal is reported with its reason \
                (exit 1). For smart HTTP, the account comes from the URL or CONCORD_USERNAME, the password or token \
                from CONCORD_PASSWORD; for ssh, from the ssh agent.

                Examples:
                  concord push --as RUS
                  concord push origin --as CHAIR --draft res140
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "A remote's name or a URL.")
        var remote = "origin"

        @Option(name: .customLong("as"), help: "The member pushing, e.g. F.", transform: parseMemberID)
        var member: MemberID

        @Option(name: .customLong("draft"), help: ArgumentHelp("Push only this draft's branches. Repeat for several.", valueName: "draft"),
                transform: parseDraftID)
        var drafts: [DraftID] = []

        @Option(help: "text or json.")
        var format: ReportFormat = .text

        func run() throws {
            let (branches, messages) = try repository.open().push(as: member, drafts: drafts, to: remote,
                                                                  credentials: .fromEnvironment)
            switch format {
            case .text: writeOutput(SyncReport.pushText(branches, serverMessages: messages))
            case .json: writeOutput(try SyncReport.pushJSON(branches))
            }
            let refused = branches.filter { $0.refusal != nil }
            if !refused.isEmpty {
                throw DraftingError(.refused, "\(Repository.withoutPassword(remote)) refused \(refused.count) of \(branches.count) reference(s): \(refused.map(\.branch).joined(separator: ", "))")
            }
        }
    }
}

extension RemoteCredentials {
    static var fromEnvironment: RemoteCredentials {
        let environment = ProcessInfo.processInfo.environment
        return RemoteCredentials(username: environment["CONCORD_USERNAME"], password: environment["CONCORD_PASSWORD"],
                                 sshKey: environment["CONCORD_SSH_KEY"])
    }
}
