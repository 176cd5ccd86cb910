/// Reads the spans of an edit script off it, as the places of their bytes (`SpanPlace`) in
/// the two whole texts.
///
/// A hunk gives one deletion (its old bytes) then one insertion (its new bytes). An equal
/// run gives `.same` text, except where paired tokens have equal keys but different bytes
/// (NBSP for a space, `’` for `'`): those become a delete/insert pair flagged formatting-only,
/// so that both sides still rebuild byte for byte and renderers may hide them.
///
/// Adjacent places of the same change are merged as they come: the common prefix left out
/// of a window and the window's first kept run are one span.
struct SpanBuilder {
    /// The span being gathered: bytes of the new text for an insertion, of the old otherwise.
    private var pending: SpanPlace?
    private var spans: [SpanPlace] = []

    /// `capacity`: how many spans to expect.
    init(capacity: Int) {
        spans.reserveCapacity(capacity)
    }

    /// The spans, adjacent ones of the same change and flag merged, none empty.
    mutating func finished() -> [SpanPlace] {
        flush()
        return spans
    }

    /// Bytes of `old` kept, outside any tokenised window.
    mutating func appendSame(_ bytes: Range<Int>) {
        append(bytes, .same)
    }

    /// The spans of `script`, a diff of `oldText` and `newText`, which are the bytes of the
    /// whole texts from `offset` on (both sides start at the same offset: a window).
    mutating func append(_ script: EditScript, _ oldText: TokenisedText, _ newText: TokenisedText, at offset: Int) {
        // Both sides' bytes are found once for the whole script, not at each comparison.
        oldText.withBytes { oldBytes in
            newText.withBytes { newBytes in
                let sides = Sides(old: oldText, new: newText, oldBytes: oldBytes, newBytes: newBytes, offset: offset)
                var old = 0, new = 0
                for hunk in script.hunks {
                    if hunk.old.lowerBound > old { appendEqual(old: old ..< hunk.old.lowerBound, new: new ..< hunk.new.lowerBound, sides) }
                    append(oldText.byteRange(hunk.old).shifted(by: offset), .delete)
                    append(newText.byteRange(hunk.new).shifted(by: offset), .insert)
                    (old, new) = (hunk.old.upperBound, hunk.new.upperBound)
                }
                if old < script.oldCount { appendEqual(old: old ..< script.oldCount, new: new ..< script.newCount, sides) }
            }
        }
    }

    /// The two tokenised sides of a script and their bytes.
    private struct Sides {
        let old: TokenisedText, new: TokenisedText
        let oldBytes: UnsafeBufferPointer<UInt8>, newBytes: UnsafeBufferPointer<UInt8>
        /// Where the tokenised bytes start in the whole texts.
        let offset: Int
    }

    private mutating func appendEqual(old oldRange: Range<Int>, new newRange: Range<Int>, _ sides: Sides) {
        let oldRun = sides.old.byteRange(oldRange), newRun = sides.new.byteRange(newRange)
        let oldRunBytes = UnsafeBufferPointer(rebasing: sides.oldBytes[oldRun])
        let newRunBytes = UnsafeBufferPointer(rebasing: sides.newBytes[newRun])
        // Most equal runs are byte-identical; one comparison settles them.
        let prefix = Bytes.commonPrefix(oldRunBytes, newRunBytes)
        if prefix == oldRun.count && prefix == newRun.count {
            append(oldRun.shifted(by: sides.offset), .same)
            return
        }
        // Otherwise the paired tokens are told apart one by one; but a token standing at the
        // same place on both sides within the runs' common prefix or suffix is the same
        // bytes, and only the tokens between the first and the last difference are compared.
        let suffix = Bytes.commonSuffix(oldRunBytes, newRunBytes, limit: min(oldRun.count, newRun.count) - prefix)
        var runStart = 0
        var runIsSame = true
        func flush(upTo end: Int) {
            guard end > runStart else { return }
            let oldPart = sides.old.byteRange(oldRange.lowerBound + runStart ..< oldRange.lowerBound + end).shifted(by: sides.offset)
            if runIsSame {
                append(oldPart, .same)
            } else {
                append(oldPart, .delete, formattingOnly: true)
                append(sides.new.byteRange(newRange.lowerBound + runStart ..< newRange.lowerBound + end).shifted(by: sides.offset),
                       .insert, formattingOnly: true)
            }
        }
        var oldStart = oldRun.lowerBound, newStart = newRun.lowerBound
        for step in 0 ..< oldRange.count {
            let oldEnd = sides.old.end(oldRange.lowerBound + step), newEnd = sides.new.end(newRange.lowerBound + step)
            let isSame: Bool
            if oldEnd - oldStart != newEnd - newStart {
                isSame = false
            } else if oldStart - oldRun.lowerBound == newStart - newRun.lowerBound, oldEnd - oldRun.lowerBound <= prefix {
                isSame = true
            } else if oldRun.upperBound - oldStart == newRun.upperBound - newStart, oldRun.upperBound - oldStart <= suffix {
                isSame = true
            } else {
                isSame = Bytes.equal(UnsafeBufferPointer(rebasing: sides.oldBytes[oldStart ..< oldEnd]),
                                     UnsafeBufferPointer(rebasing: sides.newBytes[newStart ..< newEnd]))
            }
            if isSame != runIsSame {
                flush(upTo: step)
                runStart = step
                runIsSame = isSame
            }
            (oldStart, newStart) = (oldEnd, newEnd)
        }
        flush(upTo: oldRange.count)
    }

    private mutating func append(_ bytes: Range<Int>, _ change: Change, formattingOnly: Bool = false) {
        guard !bytes.isEmpty else { return }
        // Spans of one change in a row are consecutive bytes of their side: what lies between
        // them on that side would be a span of another change.
        if let last = pending, last.change == change, last.isFormattingOnly == formattingOnly, last.bytes.upperBound == bytes.lowerBound {
            pending?.bytes = last.bytes.lowerBound ..< bytes.upperBound
            return
        }
        flush()
        pending = SpanPlace(change, bytes, isFormattingOnly: formattingOnly)
    }

    private mutating func flush() {
        guard let pending else { return }
        spans.append(pending)
        self.pending = nil
    }
}

private extension Range<Int> {
    func shifted(by offset: Int) -> Range<Int> { lowerBound + offset ..< upperBound + offset }
}
