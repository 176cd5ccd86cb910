import ArgumentParser
import Dispatch
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

        @OptionGroup var formatting: FormattingOption

        @OptionGroup var inputSize: InputSizeOption

        func run() throws {
            let (base, newText) = Self.readAhead?.drafts(old: old, new: new) ?? Self.read(old: old, new: new, limit: inputSize.limit)
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

    /// Drafts being read before the arguments are parsed; see `startReadingAhead`.
    nonisolated(unsafe) private static var readAhead: ReadAhead?

    /// Starts reading the two drafts of `concord redline OLD NEW …` on other threads, from
    /// the raw arguments, before swift-argument-parser has parsed them: its reflection over
    /// the command's properties takes 4–6 ms, a quarter of a 1 MB redline, and the other
    /// core can read and parse both files meanwhile. The parsed command stays the authority:
    /// `run` takes what was read only for the very paths it was given, and reads them itself
    /// otherwise (options before the paths, `--help`, a usage error): reading ahead never
    /// changes what a redline prints, only when the reading happens. Nothing is written.
    /// With `--max-input-size` anywhere, nothing is read ahead: the limit is the parser's to read.
    static func startReadingAhead(_ arguments: [String]) {
        guard arguments.count >= 4, arguments[1] == configuration.commandName,
              !arguments[2].hasPrefix("-"), !arguments[3].hasPrefix("-"),
              !arguments.contains(where: { $0.hasPrefix("--max-input-size") }) else { return }
        readAhead = ReadAhead(old: arguments[2], new: arguments[3])
    }

    /// The two drafts of a redline, read on a background queue.
    private final class ReadAhead: @unchecked Sendable {
        let old: String, new: String
        private let done = DispatchGroup()
        // Written once on the queue before `done` is left; read only after waiting on it.
        private var result: (Result<DiffBase, Error>, Result<DraftText, Error>)?

        init(old: String, new: String) {
            (self.old, self.new) = (old, new)
            DispatchQueue.global().async(group: done) {
                self.result = Concord.Redline.read(old: old, new: new, limit: InputSizeLimit())
            }
        }

        /// What was read, when `old` and `new` are the paths it was started for.
        func drafts(old: String, new: String) -> (Result<DiffBase, Error>, Result<DraftText, Error>)? {
            guard old == self.old, new == self.new else { return nil }
            done.wait()
            return result
        }
    }
}

/// The texts and diff of a redline, kept until the process exits: freeing a large draft's
/// tens of thousands of strings one by one took longer than rendering them, and the process
/// ends right after the output is written.
nonisolated(unsafe) private var keptUntilExit: Any?
