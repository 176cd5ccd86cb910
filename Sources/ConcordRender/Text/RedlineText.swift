import ConcordText

/// A redline for the terminal: each changed paragraph under a heading, insertions and
/// deletions in colour (underlined green, struck red) or, without colour, marked
/// `[+added+]` and `[-deleted-]` as `git diff --word-diff=plain` does.
///
/// Only changed paragraphs cost anything here: unchanged ones are skipped by reading their
/// op and relabelled flag in place, without copying the change (its paragraphs and spans).
/// The output is UTF-8 bytes, and each span's bytes are copied into it from where the
/// paragraphs keep their texts (`ParagraphDiff.Change.forEachSpan`): making a `String` of
/// every span and appending the strings was a tenth of a large redline's work.
public enum RedlineText {
    /// Writes the redline to `write`, piece by piece in order: the changed paragraphs in runs,
    /// each run rendered on its own core (a redline of two large drafts is megabytes of text),
    /// then the summary. A piece is valid during its call only: it is written where it was
    /// rendered, where copying each run into an array of its own cost a copy of the output
    /// and the page faults of fresh memory for it.
    /// `notes`: what a member's diff states besides its text (`DiffNotes`), written first
    /// and beside each paragraph.
    public static func write(_ diff: ParagraphDiff, colour: Bool, showFormatting: Bool = false, notes: DiffNotes? = nil,
                             to write: (UnsafeBufferPointer<UInt8>) -> Void) {
        if let notes, !notes.heading.isEmpty {
            var heading = notes.heading.map { $0.sentence + "\n" }.joined() + "\n"
            heading.withUTF8(write)
        }
        let changes = diff.changes
        let shown = changes.indices.filter { changes[$0].op != .noc || changes[$0].isRelabelled }
        let runLength = 512
        let runs = concurrentMap(count: (shown.count + runLength - 1) / runLength, threshold: 2) { run in
            // Read in place: copying a change retained its two paragraphs and its spans.
            changes.withUnsafeBufferPointer { changes in
                var output = ByteOutput(capacity: runLength * 512)
                for position in run * runLength ..< min((run + 1) * runLength, shown.count) {
                    append(changes[shown[position]], colour: colour, showFormatting: showFormatting, notes: notes, to: &output)
                }
                return output.detached()
            }
        }
        for run in runs {
            write(UnsafeBufferPointer(run.bytes))
            run.deallocate()
        }
        var summary = diff.summary + "\n"
        summary.withUTF8(write)
    }

    /// One change: its heading and id, then its text with the spans marked.
    private static func append(_ change: ParagraphDiff.Change, colour: Bool, showFormatting: Bool, notes: DiffNotes?, to output: inout ByteOutput) {
        if colour { output.append("\u{1B}[1m") }
        change.appendHeading(to: &output)
        output.append(colour ? "\u{1B}[0m {#" : " {#")
        output.append(contentsOf: change.id.rawValue)
        output.append("}\n")
        change.forEachSpan { change, isFormattingOnly, bytes in
            // As `displaySpans`: a formatting-only pair reads as the new text, kept.
            if !showFormatting && isFormattingOnly {
                if change == .insert { appendSpan(.same, bytes, colour: colour, to: &output) }
            } else {
                appendSpan(change, bytes, colour: colour, to: &output)
            }
        }
        output.append("\n")
        for fact in notes?.facts(for: change.id) ?? [] { output.append(contentsOf: fact.sentence + "\n") }
        output.append("\n")
    }

    /// `spans` marked as in a redline, appended to `output`; formatting is shown as given
    /// (`displaySpans` hides it first where it should be).
    static func appendSpans(_ spans: [Span], colour: Bool, to output: inout String) {
        var bytes = ByteOutput(capacity: 256)
        for span in spans {
            var text = span.text
            text.withUTF8 { appendSpan(span.change, $0, colour: colour, to: &bytes) }
        }
        output += String(decoding: bytes.bytes(), as: UTF8.self)
    }

    /// One span's bytes, marked by its change.
    @inline(__always)
    private static func appendSpan(_ change: Change, _ bytes: UnsafeBufferPointer<UInt8>, colour: Bool, to output: inout ByteOutput) {
        let marks: (opening: StaticString, closing: StaticString)
        switch (change, colour) {
        case (.same, _):
            output.append(bytes)
            return
        case (.insert, true): marks = ("\u{1B}[4;32m", "\u{1B}[0m")
        case (.delete, true): marks = ("\u{1B}[9;31m", "\u{1B}[0m")
        case (.insert, false): marks = ("[+", "+]")
        case (.delete, false): marks = ("[-", "-]")
        }
        output.append(marks.opening)
        if let shown = InvisibleCharacters.shown(bytes: bytes) {
            output.append(contentsOf: shown)
        } else {
            output.append(bytes)
        }
        output.append(marks.closing)
    }
}
