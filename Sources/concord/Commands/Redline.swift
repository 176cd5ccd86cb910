import ArgumentParser
import ConcordRender
import ConcordText

extension Concord {
    struct Redline: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "redline",
            abstract: "Compare two draft files paragraph by paragraph, with a word-level redline (no repository needed).",
            discussion: """
                Paragraphs are matched by id where the files carry ids ({#id} or [bookmark: …]), \
                otherwise by text and position. Text output is coloured on a terminal (NO_COLOR turns \
                it off) and marked [+added+] / [-deleted-] otherwise.
                """)

        @Argument(help: "The old version.")
        var old: String

        @Argument(help: "The new version.")
        var new: String

        @Option(help: "text, json, markdown or html.")
        var format: DocumentFormat = .text

        @Flag(help: "Also report changes of formatting only (NBSP for a space, U+2011 for a hyphen, ’ for ').")
        var showFormatting = false

        func run() throws {
            // The old file is read and indexed (`DiffBase`) while the new one is read.
            let (old, new) = (old, new)
            let (base, newText) = both({ Result { DiffBase(try DraftFile.read(old)) } }, { Result { try DraftFile.read(new) } })
            let diff = ParagraphDiff(from: try base.get(), to: try newText.get(), reportingFormatting: showFormatting)
            switch format {
            case .text: RedlineText.parts(diff, colour: stdoutWantsColour, showFormatting: showFormatting).forEach(writeOutput)
            case .json: writeOutput(try RedlineJSON.render(diff, old: old, new: new))
            case .markdown: writeOutput(RedlineMarkdown.render(diff, title: "\(old) → \(new)", showFormatting: showFormatting))
            case .html: writeOutput(RedlineHTML.render(diff, title: "\(old) → \(new)", showFormatting: showFormatting))
            }
            keptUntilExit = (base, newText, diff)
        }
    }
}

/// The texts and diff of a redline, kept until the process exits: freeing a large draft's
/// tens of thousands of strings one by one took longer than rendering them, and the process
/// ends right after the output is written.
nonisolated(unsafe) private var keptUntilExit: Any?
