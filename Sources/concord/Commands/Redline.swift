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

                Examples:
                  concord redline res140-Rev1.txt res140-Rev2.txt
                  concord redline old.docx new.docx --format html > redline.html
                """)

        @Argument(help: "The old version.")
        var old: String

        @Argument(help: "The new version.")
        var new: String

        @Option(help: "text, json, markdown or html.")
        var format: DocumentFormat = .text

        @OptionGroup var formatting: FormattingOption

        @OptionGroup var inputSize: InputSizeOption

        func run() throws {
            let (base, newText) = Self.read(old: old, new: new, limit: inputSize.limit)
            let diff = ParagraphDiff(from: try base.get(), to: try newText.get(), reportingFormatting: formatting.showFormatting)
            switch format {
            case .text: RedlineText.write(diff, colour: stdoutWantsColour, showFormatting: formatting.showFormatting, to: writeOutput)
            case .json: writeOutput(try RedlineJSON.render(diff, old: old, new: new))
            case .markdown: writeOutput(RedlineMarkdown.render(diff, title: "\(old) → \(new)", showFormatting: formatting.showFormatting))
            case .html: writeOutput(RedlineHTML.render(diff, title: "\(old) → \(new)", showFormatting: formatting.showFormatting))
            }
            keptUntilExit = (base, newText, diff)
        }
    }
}

extension Concord.Redline {
    /// The two drafts: the old one read and indexed (`DiffBase`) while the new one is read,
    /// each with its texts hashed as it is parsed, which the diff would otherwise do after
    /// indexing the old one. (When ids pair every paragraph the diff needs the new file's
    /// hashes not at all; hashing a line whose bytes are in the cache costs little.)
    static func read(old: String, new: String, limit: InputSizeLimit) -> (Result<DiffBase, Error>, Result<DraftText, Error>) {
        both({ Result { DiffBase(try DraftFile.read(old, limit: limit)) } }, { Result { try DraftFile.read(new, limit: limit) } })
    }
}

/// The texts and diff of a redline, kept until the process exits: freeing a large draft's
/// tens of thousands of strings one by one took longer than rendering them, and the process
/// ends right after the output is written.
nonisolated(unsafe) private var keptUntilExit: Any?
