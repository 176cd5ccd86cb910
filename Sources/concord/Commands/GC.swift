import ArgumentParser
import ConcordDrafting
import Foundation

extension Concord {
    struct GC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gc",
            abstract: "Pack the repository: every member's text kept as a small delta against another.",
            discussion: """
                Runs git gc, which must be installed. Commands that write start it in the background \
                when loose objects pile up; run it yourself on the shared repository, or before \
                archiving a finished text (--aggressive).

                Example:
                  concord gc
                """)

        @OptionGroup var repository: RepositoryOption

        @Flag(help: "Search harder for deltas (slower; for an archive).")
        var aggressive = false

        func run() throws {
            let (before, after) = try repository.open().collectGarbage(aggressive: aggressive)
            func describe(_ size: RepositorySize) -> String {
                "\(size.looseObjects) loose object(s) in \(megabytes(size.looseBytes)), \(size.packs) pack(s) in \(megabytes(size.packBytes))"
            }
            writeOutput("Before: \(describe(before)).\nAfter:  \(describe(after)).\n")
        }

        private func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
    }
}
