import ArgumentParser

/// `--format` for commands whose report is also a document to read or publish.
enum DocumentFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, markdown, html
}
