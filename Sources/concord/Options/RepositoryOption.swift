import ArgumentParser
import ConcordDrafting
import Foundation

/// `--repo PATH`, accepted by every command that works in a drafting repository.
struct RepositoryOption: ParsableArguments {
    @Option(name: .customLong("repo"), help: ArgumentHelp("The drafting repository (default: the one containing the current directory).", valueName: "path"))
    var path: String?

    func open() throws -> DraftingRepository {
        try DraftingRepository.open(at: path ?? FileManager.default.currentDirectoryPath,
                                    environment: ProcessInfo.processInfo.environment)
    }
}
