/// A text cut into tokens, kept as byte offsets rather than as `String`s so that a
/// multi-megabyte paragraph costs one flat array, not a million small allocations.
///
/// Token `i` is `bytes[start(i) ..< end(i)]`; `start(0) == 0` and the last end is
/// `byteCount`, so the tokens partition the text.
///
/// The bytes are not copied: they are read where the paragraph keeps them (a slice of its
/// file, or its `String`), from `offset` on. Each token's end and kind are packed in one
/// integer. A word diff tokenises both sides of every edited paragraph of a draft, and
/// arrays were much of its cost on short paragraphs (see `filledArray`); three arrays a
/// side became one.
struct TokenisedText: Sendable {
    private let source: ParagraphText
    private let offset: Int
    /// The length of the tokenised bytes.
    let byteCount: Int
    /// `end << 3 | kind code` for each token (see `Token.Kind.code`).
    private let tokens: [UInt64]

    init(_ text: String) {
        self.init(.string(text), 0 ..< text.utf8.count)
    }

    /// The bytes `range` of `text`, tokenised. Callers cut at token boundaries of the whole
    /// text (`DiffWindow`), so the range's tokens are the text's tokens there.
    init(_ text: ParagraphText, _ range: Range<Int>) {
        source = text
        offset = range.lowerBound
        byteCount = range.count
        tokens = text.withUTF8 { Self.scan(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The bytes `range` of `text`, tokenised, with the id of each token in `interner`
    /// (`TokenInterner.ids(of:)`), in one pass: each token is interned as soon as it is found,
    /// where a pass of its own read every token back and cut its bytes out again, which
    /// took as long as interning them.
    static func interned(_ text: ParagraphText, _ range: Range<Int>,
                         by interner: inout TokenInterner) -> (text: TokenisedText, ids: [Int32]) {
        var ids: [Int32] = []
        ids.reserveCapacity(range.count / 2 + 8)
        let tokens = text.withUTF8 { bytes in
            scan(UnsafeBufferPointer(rebasing: bytes[range])) { token, kind in ids.append(interner.intern(token, kind: kind)) }
        }
        return (TokenisedText(source: text, offset: range.lowerBound, byteCount: range.count, tokens: tokens), ids)
    }

    private init(source: ParagraphText, offset: Int, byteCount: Int, tokens: [UInt64]) {
        (self.source, self.offset, self.byteCount, self.tokens) = (source, offset, byteCount, tokens)
    }

    /// The tokens of `bytes`, packed, and `each` called with every token's bytes and kind as
    /// it is found.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>,
                             _ each: (UnsafeBufferPointer<UInt8>, Token.Kind) -> Void = { _, _ in }) -> [UInt64] {
        // Written through a pointer (`append` per token checked uniqueness and capacity each
        // time: a quarter of tokenising), sized for prose: 3 bytes per token on average, word
        // and space; a CJK character is 3 bytes and one token. A text with more tokens than
        // that (runs of ASCII punctuation) appends the rest.
        var scanner = Tokeniser.Scanner(bytes: bytes)
        var start = 0
        var tokens: [UInt64] = filledArray(capacity: bytes.count / 2 + 8) { buffer in
            var written = 0
            while written < buffer.count, let (end, kind) = scanner.next() {
                buffer[written] = packed(end, kind)
                each(UnsafeBufferPointer(rebasing: bytes[start ..< end]), kind)
                (start, written) = (end, written + 1)
            }
            return written
        }
        while let (end, kind) = scanner.next() {
            tokens.append(packed(end, kind))
            each(UnsafeBufferPointer(rebasing: bytes[start ..< end]), kind)
            start = end
        }
        return tokens
    }

    var count: Int { tokens.count }

    @inline(__always)
    func end(_ index: Int) -> Int { Self.end(of: tokens[index]) }

    @inline(__always)
    func start(_ index: Int) -> Int { index == 0 ? 0 : end(index - 1) }

    @inline(__always)
    func kind(_ index: Int) -> Token.Kind { Self.kind(of: tokens[index]) }

    @inline(__always)
    func isWhitespace(_ index: Int) -> Bool { Self.isWhitespace(tokens[index]) }

    /// Tokens that are not white space.
    var wordCount: Int { tokens.count { !Self.isWhitespace($0) } }

    /// A token as `tokens` keeps it, and back (`withTokens` gives them packed).
    @inline(__always)
    private static func packed(_ end: Int, _ kind: Token.Kind) -> UInt64 { UInt64(end) << 3 | UInt64(kind.code) }

    @inline(__always)
    static func end(of token: UInt64) -> Int { Int(truncatingIfNeeded: token >> 3) }

    @inline(__always)
    static func kind(of token: UInt64) -> Token.Kind { Token.Kind(code: UInt8(truncatingIfNeeded: token & 7)) }

    @inline(__always)
    private static func isWhitespace(_ token: UInt64) -> Bool { token & 7 == UInt64(Token.Kind.whitespace.code) }

    /// Byte range covered by the tokens `range`.
    func byteRange(_ range: Range<Int>) -> Range<Int> {
        range.isEmpty ? (start(range.lowerBound) ..< start(range.lowerBound))
                      : (start(range.lowerBound) ..< end(range.upperBound - 1))
    }

    /// The tokenised bytes, in place.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try source.withUTF8 { try body(UnsafeBufferPointer(rebasing: $0[offset ..< offset + byteCount])) }
    }

    /// Each token's end and kind, packed (`end(of:)`, `kind(of:)`), in place, for loops over
    /// every token.
    func withTokens<Result>(_ body: (UnsafeBufferPointer<UInt64>) throws -> Result) rethrows -> Result {
        try tokens.withUnsafeBufferPointer(body)
    }

    func text(_ range: Range<Int>) -> String {
        let bytesRange = byteRange(range)
        // Token boundaries never split a scalar, so the slice is valid UTF-8.
        return withBytes { String(decoding: UnsafeBufferPointer(rebasing: $0[bytesRange]), as: UTF8.self) }
    }
}

extension Token.Kind {
    /// A small number for each kind, packed beside each token's end in `TokenisedText`.
    var code: UInt8 {
        switch self {
        case .word: 0
        case .number: 1
        case .ideograph: 2
        case .punctuation: 3
        case .whitespace: 4
        }
    }

    init(code: UInt8) {
        switch code {
        case 0: self = .word
        case 1: self = .number
        case 2: self = .ideograph
        case 3: self = .punctuation
        default: self = .whitespace
        }
    }
}
