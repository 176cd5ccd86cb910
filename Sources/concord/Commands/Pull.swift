import ArgumentParser
import ConcordDrafting
import ConcordGit
import ConcordRender

extension Concord {
    struct Pull: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pull",
            abstract: "Bring in main, everyone's comment branches and the consolidation branches from the shared repository.",
            discussion: """
                Each local branch moves forward to the shared one when that loses nothing; a branch with local \
                commits is kept and reported (ahead: push it; diverged, or a checked-out branch whose work tree has local changes: exit 1). The shared tips are also kept \
                under refs/remotes/<remote>/ (refs/remotes/hub/ for a URL).

                Examples:
                  concord pull
                  concord pull ssh://git@drafts.example.org/pp-drafts.git
                """)

        @OptionGroup var repository: RepositoryOption

        @Argument(help: "A remote's name or a URL.")
        var remote = "origin"

        @Option(help: "text or json.")
        var format: ReportFormat = .text

        func run() throws {
            let branches = try repository.open().pull(from: remote, credentials: .fromEnvironment)
            switch format {
            case .text: writeOutput(SyncReport.pullText(branches))
            case .json: writeOutput(try SyncReport.pullJSON(branches))
            }
            let kept = branches.filter(\.outcome.needsAttention)
            if !kept.isEmpty {
                throw DraftingError(.refused, "\(kept.map { "\($0.branch) (\($0.outcome.rawValue))" }.joined(separator: ", ")) not brought in from \(Repository.withoutPassword(remote)); yours are kept, the shared tips are under refs/remotes/")
            }
        }
    }
}
