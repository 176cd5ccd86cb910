import ArgumentParser
import ConcordDrafting
import Foundation

extension Concord {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Make a directory a drafting repository (creating the Git repository if there is none).",
            discussion: """
                Examples:
                  concord init pp-drafts
                  concord init   (in an existing Git repository)
                """)

        @Argument(help: "The directory (default: the current one).")
        var path: String?

        func run() throws {
            let directory = path ?? FileManager.default.currentDirectoryPath
            let (_, created) = try DraftingRepository.initialise(at: directory, environment: ProcessInfo.processInfo.environment)
            writeOutput(created
                ? "Initialised a drafting repository in \(directory). Next: concord draft import ID FILE\n"
                : "\(directory) is already a drafting repository; nothing changed.\n")
        }
    }
}
