import ArgumentParser
import ConcordDrafting
import ConcordGit
import Foundation

extension Concord {
    struct Hook: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hook",
            abstract: "What the shared repository's Git hooks run (see Hooks/README.md).",
            discussion: """
                Run by Git inside the shared repository, with the pushed references on standard input. \
                The pusher is the account the Git host names (\(Pusher.variables.joined(separator: ", "))).
                """,
            subcommands: [PreReceive.self, PostReceive.self])
    }
}

extension Concord.Hook {
    /// The hooks read the repository Git names in the environment: in `pre-receive` the pushed
    /// objects are in a quarantine directory only that environment points to.
    static func openSharedRepository() throws -> DraftingRepository {
        try DraftingRepository.openFromHookEnvironment(ProcessInfo.processInfo.environment)
    }

    static func readUpdates() throws -> [ReferenceUpdate] {
        try ReferenceUpdate.parse(hookInput: String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self))
    }

    static var pusher: Pusher? { Pusher(environment: ProcessInfo.processInfo.environment) }

    struct PreReceive: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pre-receive",
            abstract: "Judge a push before any reference moves: refuse it whole, one line per refused reference.",
            discussion: """
                Example:
                  concord hook pre-receive < updates   (as Git runs it on the shared repository)
                """)

        func run() throws {
            let verdicts = try openSharedRepository().judgePush(try readUpdates(), pusher: pusher)
            let refused = verdicts.compactMap(\.line)
            guard !refused.isEmpty else { return }
            // A push lands whole or not at all, so the references that were fine are named too.
            let held = verdicts.filter { $0.refusal == nil }.map { "\($0.update.name) was fine, but a push lands whole or not at all" }
            FileHandle.standardError.write(Data((refused + held).map { "concord: \($0)\n" }.joined().utf8))
            throw ExitCode(1)
        }
    }

    struct PostReceive: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "post-receive",
            abstract: "Note who pushed each accepted tip, under refs/notes/concord/pushes.",
            discussion: """
                Example:
                  concord hook post-receive < updates  (as Git runs it on the shared repository)
                """)

        func run() throws {
            do {
                let (_, recovered) = try openSharedRepository().recordReceipts(for: try readUpdates(), pusher: pusher)
                if recovered > 0 {
                    // Git prints it to the pusher, "remote: …", and a host's log keeps it.
                    FileHandle.standardError.write(Data("concord: \(recovered) receipt(s) of an earlier push whose post-receive hook was interrupted are noted now\n".utf8))
                }
            } catch {
                // The push has landed whatever happens here; say so rather than alarm the member.
                FileHandle.standardError.write(Data("concord: the push landed, but its receipt was not noted (\(error))\n".utf8))
            }
        }
    }
}
