/// A text cut into tokens, kept as byte offsets rather than as `String`s so that a
/// multi-megabyte paragraph costs three flat arrays, not a million small allocations.
///
/// Token `i` is `bytes[start(i) ..< ends[i]]`; `start(0) == 0` and the last end is
/// `bytes.count`, so the tokens partition the text.
struct TokenisedText: Sendable {
    let bytes: [UInt8]
    private(set) var ends: [Int]
    private(set) var kinds: [Token.Kind]

    init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// A copy of `bytes`, tokenised.
    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.init(bytes: Array(bytes))
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // Written through pointers into arrays sized for prose (3 bytes per token on
        // average, word and space; a CJK character is 3 bytes and one token): `append`
        // checked uniqueness and capacity for every token, and was a quarter of tokenising.
        // A text with more tokens than that (runs of ASCII punctuation) appends the rest.
        let estimate = bytes.count / 2 + 8
        var ends: [Int] = [], kinds: [Token.Kind] = []
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = Tokeniser.Scanner(bytes: buffer)
            var overflow: (end: Int, kind: Token.Kind)?
            ends = [Int](unsafeUninitializedCapacity: estimate) { endsOut, endsCount in
                kinds = [Token.Kind](unsafeUninitializedCapacity: estimate) { kindsOut, kindsCount in
                    var written = 0
                    while let token = scanner.next() {
                        guard written < estimate else { overflow = token; break }
                        endsOut[written] = token.end
                        kindsOut[written] = token.kind
                        written += 1
                    }
                    kindsCount = written
                }
                endsCount = kinds.count
            }
            guard let overflow else { return }
            ends.append(overflow.end)
            kinds.append(overflow.kind)
            while let (end, kind) = scanner.next() {
                ends.append(end)
                kinds.append(kind)
            }
        }
        self.ends = ends
        self.kinds = kinds
    }

    var count: Int { ends.count }

    @inline(__always)
    func start(_ index: Int) -> Int { index == 0 ? 0 : ends[index - 1] }

    /// Byte range covered by the tokens `range`.
    func byteRange(_ range: Range<Int>) -> Range<Int> {
        range.isEmpty ? (start(range.lowerBound) ..< start(range.lowerBound))
                      : (start(range.lowerBound) ..< ends[range.upperBound - 1])
    }

    func text(_ range: Range<Int>) -> String {
        let bytesRange = byteRange(range)
        return bytes.withUnsafeBufferPointer {
            // Token boundaries never split a scalar, so the slice is valid UTF-8.
            String(decoding: UnsafeBufferPointer(rebasing: $0[bytesRange]), as: UTF8.self)
        }
    }

    func isWhitespace(_ index: Int) -> Bool { kinds[index] == .whitespace }
}
