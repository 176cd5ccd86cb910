/// Reads `Span`s off an edit script.
///
/// A hunk gives one deletion (its old bytes) then one insertion (its new bytes). An equal
/// run gives `.same` text, except where paired tokens have equal keys but different bytes
/// (NBSP for a space, `’` for `'`): those become a delete/insert pair flagged formatting-only,
/// so that both sides still rebuild byte for byte and renderers may hide them.
struct SpanBuilder {
    let old: TokenisedText
    let new: TokenisedText
    private(set) var spans: [Span] = []

    init(old: TokenisedText, new: TokenisedText) {
        self.old = old
        self.new = new
    }

    func spans(for script: EditScript) -> [Span] {
        var builder = self
        builder.append(script)
        return builder.spans
    }

    mutating func append(_ script: EditScript) {
        for segment in script.segments {
            switch segment {
            case .equal(let oldRange, let newRange):
                appendEqual(old: oldRange, new: newRange)
            case .change(let hunk):
                append(old.text(hunk.old), .delete)
                append(new.text(hunk.new), .insert)
            }
        }
    }

    /// Kept text from outside the tokenised window.
    mutating func appendSame(_ bytes: [UInt8], _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        append(bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }, .same)
    }

    private mutating func appendEqual(old oldRange: Range<Int>, new newRange: Range<Int>) {
        // Most equal runs are byte-identical; one comparison settles them.
        if bytesEqual(old.byteRange(oldRange), new.byteRange(newRange)) {
            append(old.text(oldRange), .same)
            return
        }
        var runStart = 0
        var runIsSame = true
        func flush(upTo end: Int) {
            guard end > runStart else { return }
            let oldRun = oldRange.lowerBound + runStart ..< oldRange.lowerBound + end
            let newRun = newRange.lowerBound + runStart ..< newRange.lowerBound + end
            if runIsSame {
                append(old.text(oldRun), .same)
            } else {
                append(old.text(oldRun), .delete, formattingOnly: true)
                append(new.text(newRun), .insert, formattingOnly: true)
            }
        }
        for offset in 0 ..< oldRange.count {
            let isSame = bytesEqual(
                old.byteRange(oldRange.lowerBound + offset ..< oldRange.lowerBound + offset + 1),
                new.byteRange(newRange.lowerBound + offset ..< newRange.lowerBound + offset + 1))
            if isSame != runIsSame {
                flush(upTo: offset)
                runStart = offset
                runIsSame = isSame
            }
        }
        flush(upTo: oldRange.count)
    }

    private func bytesEqual(_ oldBytes: Range<Int>, _ newBytes: Range<Int>) -> Bool {
        guard oldBytes.count == newBytes.count else { return false }
        return old.bytes.withUnsafeBufferPointer { o in
            new.bytes.withUnsafeBufferPointer { n in
                Bytes.equal(UnsafeBufferPointer(rebasing: o[oldBytes]), UnsafeBufferPointer(rebasing: n[newBytes]))
            }
        }
    }

    private mutating func append(_ text: String, _ change: Change, formattingOnly: Bool = false) {
        guard !text.isEmpty else { return }
        if let last = spans.last, last.change == change, last.isFormattingOnly == formattingOnly {
            spans[spans.count - 1].text += text
        } else {
            spans.append(Span(text: text, change: change, isFormattingOnly: formattingOnly))
        }
    }
}
