/// A span of a word diff as the place of its bytes: `.same` and `.delete` spans in the old
/// text, `.insert` spans in the new one.
///
/// Why not a `Span` straight away: a redline of two large drafts has tens of thousands of
/// spans, and making each one's `String` (validating, allocating and copying its bytes) was
/// more than a tenth of the command's work; then the text renderer copied every string
/// again. The texts a diff was made from are kept anyway (a `ParagraphDiff.Change` holds
/// both paragraphs), so a span's bytes are read from them, and a `Span` is made only where
/// one is asked for.
struct SpanPlace: Sendable, Hashable {
    var change: Change
    /// As `Span.isFormattingOnly`.
    var isFormattingOnly: Bool
    /// Byte offsets in the old text, or in the new one for an insertion.
    var bytes: Range<Int>

    init(_ change: Change, _ bytes: Range<Int>, isFormattingOnly: Bool = false) {
        self.change = change
        self.bytes = bytes
        self.isFormattingOnly = isFormattingOnly
    }

    /// The span's bytes, in the old and new texts' bytes.
    @inline(__always)
    func bytes(old: UnsafeBufferPointer<UInt8>, new: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: (change == .insert ? new : old)[bytes])
    }
}

extension Array where Element == SpanPlace {
    /// The spans, their texts made from the bytes of the two texts they were diffed from.
    func spans(old: UnsafeBufferPointer<UInt8>, new: UnsafeBufferPointer<UInt8>) -> [Span] {
        // Spans end at token boundaries, which never split a scalar.
        map { Span(text: String(decoding: $0.bytes(old: old, new: new), as: UTF8.self), change: $0.change,
                   isFormattingOnly: $0.isFormattingOnly) }
    }
}
