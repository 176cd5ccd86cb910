import ArgumentParser

/// `--format`, taken by every command that reports something.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}
