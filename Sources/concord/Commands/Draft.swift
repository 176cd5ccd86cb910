import ArgumentParser

extension Concord {
    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "draft",
            abstract: "Import, list and show drafts.",
            subcommands: [Import.self, Show.self, List.self])
    }
}
