import ArgumentParser
import CMalloc
import ConcordDrafting
import ConcordGit
import Foundation

@main
struct Concord: ParsableCommand {
    // Every command names itself (`commandName`) rather than have ArgumentParser derive the
    // name from its type's metadata on each run: a short command's start is part of its cost.
    static let configuration = CommandConfiguration(
        commandName: "concord",
        abstract: "Amend texts together: drafts, comment branches and consolidated texts in a Git repository.",
        discussion: """
            The workflow of a round:
              concord init drafts; cd drafts; concord draft import res140 res140.docx
              concord member add RUS --name "Russian Federation"   (and each member)
              concord round open res140 --deadline 2027-03-18T23:59:00Z --as CHAIR
              concord submit res140 res140-RUS.docx --as RUS        (each member)
              concord consolidate res140; concord decide …; concord round close …

            A drafting repository is any Git repository with a Drafts/ folder. Concord finds it \
            from the current directory, as git does; --repo PATH names another. \
            `concord help <subcommand>` shows a command's options and examples.
            """,
        version: "0.1.0",
        subcommands: [Init.self, Member.self, Draft.self, Round.self, Submit.self, Support.self, Withdraw.self, Diff.self, Status.self,
                      Consolidate.self, Decide.self, Blame.self, Compare.self, Export.self, Redline.self,
                      Push.self, Pull.self, GC.self, Hook.self, Hooks.self, Serve.self])

    /// Runs the command and keeps the exit-code contract: 0 success, 1 refused or a problem
    /// found, 2 bad usage or bad input, with one line on stderr naming what is concerned.
    static func main() {
        tuneAllocator()
        // The version, and the libgit2 it runs on (loaded only for this, as for any Git work).
        if Array(CommandLine.arguments.dropFirst()) == ["--version"] {
            print("concord \(configuration.version) (libgit2 \(libgit2Version))")
            Foundation.exit(0)
        }
        let code: Int32
        do {
            var command = try parsedCommand()
            try command.run()
            code = 0
        } catch let error as DraftingError {
            code = report(error.message, exitCode: error.kind == .badInput ? 2 : 1)
            for line in error.details { _ = report("  " + line, exitCode: code) }
        } catch let error as GitError {
            code = report("git: \(error.message)", exitCode: 1)
        } catch let error as ExitCode {
            code = error.rawValue
        } catch {
            // Help, --version and clean exits print as the library means them to.
            if exitCode(for: error) == .success { exit(withError: error) }
            let message = Self.message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
            code = report(message, exitCode: 2)
        }
        Foundation.exit(code)
    }

    /// The command the arguments name. A command's own parser is tried first: parsing from the
    /// root prepares every command of the tree (each one's arguments, found by reflection),
    /// which was half of a short command's run — `submit`, or a hook on every push. Help and
    /// anything that does not parse go through the root, so that usage and errors read as
    /// they always do (`concord submit …`).
    private static func parsedCommand() throws -> ParsableCommand {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // A command parsed as the root answers `--help` as if it were the root (`USAGE: init
        // [<path>]`); help is rare and goes through the root, which names `concord`.
        let asksForHelp = arguments.contains { ["-h", "--help", "--help-hidden", "--experimental-dump-help"].contains($0) }
        if !asksForHelp, let name = arguments.first,
           let subcommand = configuration.subcommands.first(where: { $0.configuration.commandName == name }),
           let command = try? subcommand.parseAsRoot(Array(arguments.dropFirst())) {
            return command
        }
        return try parseAsRoot()
    }

    /// glibc's defaults suit long-lived servers: every block of 128 KB or more is its own
    /// `mmap`, unmapped when freed, and the heap is trimmed as soon as its top is free. A
    /// redline of two 10 MB drafts allocates and frees arrays of megabytes by the thousand,
    /// so each one faulted its pages in afresh: a fifth of the run. A command lives for
    /// seconds at most, so it keeps what it has allocated (blocks up to 32 MB, glibc's
    /// ceiling, come from the heap; the heap grows 64 MB at a time and is never trimmed).
    /// For `serve`: glibc's defaults, but for its arenas. A server's request threads each get
    /// an arena of their own by default, and each keeps what a large consolidation left in it.
    static func restoreAllocatorDefaults() {
        #if os(Linux)
        _ = mallopt(M_ARENA_MAX, 2)
        _ = mallopt(M_MMAP_THRESHOLD, 128 << 10)
        _ = mallopt(M_TOP_PAD, 128 << 10)
        _ = mallopt(M_TRIM_THRESHOLD, 128 << 10)
        #endif
    }

    private static func tuneAllocator() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TOP_PAD, 64 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
        #endif
    }

    /// Hands `value` over to be released with the process, not object by object when the
    /// command returns: the system takes a finished process's memory back at once, where
    /// releasing the consolidation of 193 members editing every one of 2,000 paragraphs
    /// (hundreds of thousands of strings) took 0.6 s of a 4 s `consolidate`. For what a
    /// command is done with once its output is written.
    static func keepUntilExit(_ value: Any) {
        final class Kept { let value: Any; init(_ value: Any) { self.value = value } }
        _ = Unmanaged.passRetained(Kept(value))   // never released: the process's end takes it back
    }

    private static func report(_ message: String, exitCode: Int32) -> Int32 {
        // A file name or argument may hold control characters: shown, never obeyed by the terminal.
        FileHandle.standardError.write(Data("concord: \(FreeText.escaped(message))\n".utf8))
        return exitCode
    }
}
