import ArgumentParser
import ConcordDrafting
import ConcordGit
import Foundation

extension Concord {
    struct Hooks: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hooks",
            abstract: "Install Concord's hooks in a shared repository.",
            subcommands: [Install.self])
    }
}

extension Concord.Hooks {
    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install",
            abstract: "Install the pre-receive and post-receive hooks into a shared (bare) repository.",
            discussion: """
                The hooks call `concord hook …`, so concord must be on the server's PATH (or named by CONCORD \
                in the hooks' environment). Also turns on receive.fsckObjects. Hosts with their own hook \
                folders (GitLab, Gitea, gitolite) are described in Hooks/README.md.

                Example:
                  concord hooks install --repo /srv/git/pp-drafts.git
                """)

        @Option(name: .customLong("repo"), help: ArgumentHelp("The shared repository (default: the one containing the current directory).", valueName: "path"))
        var path: String?

        @Flag(help: "Replace hooks that are not Concord's (each is kept as <name>.before-concord).")
        var force = false

        func run() throws {
            // A named repository is taken exactly as named: installing into whatever repository
            // happens to contain a mistyped folder would arm the wrong one.
            let location = path ?? FileManager.default.currentDirectoryPath
            let repository: Repository
            do {
                repository = try path.map(Repository.open(at:)) ?? Repository.discover(from: location)
            } catch let error as GitError {
                throw DraftingError(.badInput, "\(location): not a Git repository (\(error.message))")
            }
            let written = try HookScripts.install(into: repository, replacing: force)
            let note = repository.isBare ? "" : "\nThis repository has a work tree: a shared repository is usually bare (git clone --bare).\n"
            writeOutput(written.map { "installed \(URL(fileURLWithPath: $0).lastPathComponent)\n" }.joined() + note)
        }
    }
}
