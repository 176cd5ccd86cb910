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

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // Prose averages 3–6 bytes per token; reserving for that avoids most regrowth
        // without over-allocating on CJK. Local arrays, assigned once at the end, keep the
        // appends out of `self` (appending through `self` inside the closure is slower).
        var ends: [Int] = [], kinds: [Token.Kind] = []
        ends.reserveCapacity(bytes.count / 3 + 1)
        kinds.reserveCapacity(bytes.count / 3 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = Tokeniser.Scanner(bytes: buffer)
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
