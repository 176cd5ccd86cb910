/// Stage 0: set aside the common beginning and end of two paragraphs before tokenising.
///
/// An amendment changes a few words of a paragraph; everything before the first change and
/// after the last is byte-identical, and tokenising and interning it is most of the cost of
/// a diff. So the byte-level common prefix and suffix are cut off first (as
/// diff-match-patch does on characters) and only the window between them is tokenised.
///
/// Cutting must not change the answer. Two rules make sure it does not:
/// - Cuts fall only where an ASCII letter or digit meets an ASCII space, tab or line break.
///   That place is a token boundary whatever surrounds it, and tokenising never looks
///   back past a boundary, so the window's tokens are exactly the full text's tokens there.
/// - The cleanup stage reports when it would need tokens outside the window (a hunk
///   sliding up to the cut, or counting words for the rewrite rule); the window then
///   supplies them or the caller redoes the diff on the whole texts.
struct DiffWindow {
    /// Bytes kept back from the common prefix and suffix around the window (a short word
    /// and its space), so that the cleanup rules find the context they need inside it: a
    /// hunk that could slide to the cut sends the diff to the whole texts. Measured on two
    /// 10 MB drafts and on 8,000 one-word amendments, 8 bytes did 14% and 28% less work
    /// than 32 (the window's context is tokenised and interned for every pair, the whole
    /// text rarely), and 4 little less than 8; at 0 most amendments took the whole-text path.
    static let contextMargin = 8

    /// The two whole texts, as the paragraphs hold them: a pair is compared and redlined
    /// without copying either text, only its window (`TokenDiff(window:)`).
    let old: ParagraphText
    let new: ParagraphText
    /// Length of the common prefix left out of the window.
    let prefix: Int
    /// Length of the common suffix left out of the window.
    let suffix: Int
    /// The two texts are the same bytes.
    let isIdentical: Bool
    /// Byte lengths of the two whole texts.
    let oldCount: Int
    let newCount: Int

    init(old: ParagraphText, new: ParagraphText) {
        self.old = old
        self.new = new
        (prefix, suffix, isIdentical) = old.withUTF8 { o in new.withUTF8 { n in Self.cuts(o, n) } }
        oldCount = old.utf8Count
        newCount = new.utf8Count
    }

    private static func cuts(_ old: UnsafeBufferPointer<UInt8>, _ new: UnsafeBufferPointer<UInt8>)
        -> (prefix: Int, suffix: Int, isIdentical: Bool) {
        let common = Bytes.commonPrefix(old, new)
        if old.count == new.count && common == old.count { return (0, 0, true) }
        let commonEnd = Bytes.commonSuffix(old, new, limit: min(old.count, new.count) - common)
        // The cut and the byte after it must both be common, hence the `- 1`.
        let prefix = boundary(in: old, atOrBefore: common - 1 - contextMargin, lowest: 1) ?? 0
        let cut = boundary(in: old, atOrAfter: old.count - commonEnd + 1 + contextMargin, highest: old.count - 1)
        return (prefix, cut.map { old.count - $0 } ?? 0, false)
    }

    var isWholeText: Bool { prefix == 0 && suffix == 0 }
    var oldWindow: Range<Int> { prefix ..< oldCount - suffix }
    var newWindow: Range<Int> { prefix ..< newCount - suffix }

    @inline(__always)
    private static func isSafeCut(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int) -> Bool {
        let before = bytes[position - 1], after = bytes[position]
        return (isASCIISpace(after) && isASCIIWordByte(before)) || (isASCIISpace(before) && isASCIIWordByte(after))
    }

    @inline(__always)
    private static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A }

    @inline(__always)
    private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || (byte >= 0x30 && byte <= 0x39)
    }

    private static func boundary(in bytes: UnsafeBufferPointer<UInt8>, atOrBefore start: Int, lowest: Int) -> Int? {
        var position = start
        while position >= lowest {
            if isSafeCut(bytes, position) { return position }
            position -= 1
        }
        return nil
    }

    private static func boundary(in bytes: UnsafeBufferPointer<UInt8>, atOrAfter start: Int, highest: Int) -> Int? {
        var position = start
        while position <= highest {
            if isSafeCut(bytes, position) { return position }
            position += 1
        }
        return nil
    }

    /// Non-whitespace tokens in the cut-off prefix and suffix (counted once: they are the
    /// same on both sides). Only the rewrite rule and similarity need this, and only sometimes.
    func nonWhitespaceTokensOutside() -> Int {
        old.withUTF8 { bytes in
            Self.nonWhitespaceTokens(in: UnsafeBufferPointer(rebasing: bytes[0 ..< prefix]))
                + Self.nonWhitespaceTokens(in: UnsafeBufferPointer(rebasing: bytes[bytes.count - suffix ..< bytes.count]))
        }
    }

    private static func nonWhitespaceTokens(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var scanner = Tokeniser.Scanner(bytes: bytes)
        var count = 0
        while let (_, kind) = scanner.next() {
            if kind != .whitespace { count += 1 }
        }
        return count
    }

    /// A lower bound of `nonWhitespaceTokensOutside()` in one cheap pass: the places in the
    /// prefix and suffix where an ASCII space, tab or line break is followed by an ASCII
    /// letter or digit. Each such byte starts a word or number token (a space ends any
    /// token, and a letter or digit starts a word), and distinct places start distinct
    /// tokens. In prose nearly every word is counted.
    func wordStartsOutside() -> Int {
        old.withUTF8 { bytes in
            Self.wordStarts(in: UnsafeBufferPointer(rebasing: bytes[0 ..< prefix]))
                + Self.wordStarts(in: UnsafeBufferPointer(rebasing: bytes[bytes.count - suffix ..< bytes.count]))
        }
    }

    private static func wordStarts(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard bytes.count > 1 else { return 0 }
        var count = 0
        var previousIsSpace = isASCIISpace(bytes[0])
        for index in 1 ..< bytes.count {
            let byte = bytes[index]
            if previousIsSpace && isASCIIWordByte(byte) { count += 1 }
            previousIsSpace = isASCIISpace(byte)
        }
        return count
    }
}
