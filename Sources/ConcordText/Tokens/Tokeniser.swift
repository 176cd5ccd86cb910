/// Cuts a paragraph into tokens for the six UN languages.
///
/// The idea: walk the UTF-8 bytes once, classify each Unicode scalar (ASCII by a few
/// comparisons, the rest by block in `Tokeniser+Scripts.swift`), and cut where the class
/// changes. Words are maximal runs of letters, digits and combining marks; whitespace is a
/// maximal run of spaces of any kind; every punctuation mark and every CJK character is a
/// token of its own. Working on bytes rather than `Character`s matters: grapheme breaking
/// costs an order of magnitude more and the diff has to eat megabytes per second.
///
/// French elision (`l'UIT`, `d’évaluer`, `qu'il`) splits after the apostrophe, so that
/// changing `l'UIT` to `l'Union` is one word changed, not one "word" rewritten; any other
/// apostrophe between letters stays inside its word (`aujourd'hui`, `don't`).
public enum Tokeniser {
    /// The tokens of `text`, in order; their texts concatenate back to `text`.
    /// - Complexity: O(n) in the UTF-8 length of `text`.
    public static func tokens(in text: String) -> [Token] {
        let tokenised = TokenisedText(text)
        return (0 ..< tokenised.count).map {
            Token(text: tokenised.text($0 ..< $0 + 1), kind: tokenised.kind($0))
        }
    }

    /// Letters that elide before a vowel or mute h in French. Short and closed: the list in
    /// any French grammar, with `qu` compounds that keep their apostrophe.
    static let elisionPrefixes = [
        "l", "d", "j", "m", "n", "s", "t", "c", "qu",
        "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "quelqu",
    ]

    /// Each prefix as one integer, its bytes from the high end: every apostrophe between
    /// letters asks, and building a `String` to look it up in a set cost more than the rest
    /// of the word's tokenising.
    private static let elisionKeys: [UInt64] = elisionPrefixes.map { $0.utf8.reduce(0) { $0 << 8 | UInt64($1) } }

    /// The longest entry of `elisionPrefixes`, in bytes; anything longer cannot elide.
    static let longestElisionPrefix = 6

    static func isElisionPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= longestElisionPrefix else { return false }
        var key: UInt64 = 0
        for byte in bytes {
            guard byte < 0x80 else { return false }
            key = key << 8 | UInt64(byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0))
        }
        return elisionKeys.contains(key)
    }
}

extension Tokeniser {
    /// A one-pass cursor over UTF-8 bytes producing `(end offset, kind)` per token.
    struct Scanner {
        private let bytes: UnsafeBufferPointer<UInt8>
        private var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        /// Class and byte length of the scalar at `index`.
        @inline(__always)
        private func scalarClass(at index: Int) -> (ScalarClass, Int) {
            let lead = bytes[index]
            if lead < 0x80 { return (ScalarClass(ascii: lead), 1) }
            // Accented Latin letters (U+00C0–U+027F, bar × and ÷) and basic Cyrillic
            // (U+0400–U+047F) are letters whatever the scalar: French and Russian text is
            // full of them, and the general path decodes and walks the block table for each.
            if lead >= 0xC3 && lead <= 0xC9 || lead == 0xD0 || lead == 0xD1, index + 1 < bytes.count {
                let next = bytes[index + 1]
                if next & 0xC0 == 0x80, !(lead == 0xC3 && (next == 0x97 || next == 0xB7)) { return (.letter, 2) }
            }
            let (value, length) = decodeScalar(at: index)
            return (ScalarClass(nonASCII: value), length)
        }

        /// Decodes the non-ASCII scalar at `index`. `String` guarantees valid UTF-8, but a
        /// malformed byte still becomes a one-byte token rather than a trap or a lost byte.
        @inline(__always)
        private func decodeScalar(at index: Int) -> (UInt32, Int) {
            let lead = UInt32(bytes[index])
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            guard length > 1, index + length <= bytes.count else { return (0xFFFD, 1) }
            var value = lead & (0x7F >> UInt32(length))
            for offset in 1 ..< length {
                let next = UInt32(bytes[index + offset])
                guard next & 0xC0 == 0x80 else { return (0xFFFD, 1) }
                value = value << 6 | (next & 0x3F)
            }
            return (value, length)
        }

        /// Combining marks, joiners and variation selectors belong to the token before them.
        @inline(__always)
        private func skippingMarks(from index: Int) -> Int {
            var index = index
            while index < bytes.count, bytes[index] >= 0x80 {
                let (scalarClass, length) = scalarClass(at: index)
                guard scalarClass == .mark else { break }
                index += length
            }
            return index
        }

        @inline(__always)
        mutating func next() -> (end: Int, kind: Token.Kind)? {
            guard position < bytes.count else { return nil }
            let start = position
            let (first, length) = scalarClass(at: start)
            var index = start + length
            let kind: Token.Kind
            switch first {
            case .whitespace:
                while index < bytes.count {
                    let (next, nextLength) = scalarClass(at: index)
                    guard next == .whitespace else { break }
                    index += nextLength
                }
                kind = .whitespace
            case .letter, .digit:
                (index, kind) = scanWord(from: start, after: index, startsWithLetter: first == .letter)
            case .ideograph:
                index = skippingMarks(from: index)
                kind = .ideograph
            case .apostrophe, .punctuation, .mark:
                index = skippingMarks(from: index)
                kind = .punctuation
            }
            position = index
            return (index, kind)
        }

        @inline(__always)
        private static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

        /// Where the run of ASCII letters from `start` ends, eight bytes at a time: byte by
        /// byte, the loop's exit was mispredicted at nearly every word, and most words end
        /// within their first eight bytes. In each byte, `t` is the byte lowercased without its
        /// high bit; adding 0x1F sets that bit from `a` on, adding 0x05 from `{` on, and neither
        /// carries into the next byte. A letter has the first bit, not the second, and had its
        /// own high bit clear.
        @inline(__always)
        static func endOfASCIILetters(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            var index = start
            let high: UInt64 = 0x8080_8080_8080_8080
            while index &+ 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
                let t = (word | 0x2020_2020_2020_2020) & 0x7F7F_7F7F_7F7F_7F7F
                let letters = (t &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(t &+ 0x0505_0505_0505_0505) & ~word & high
                let others = ~letters & high
                if others != 0 { return index &+ others.trailingZeroBitCount &>> 3 }
                index &+= 8
            }
            while index < bytes.count, isASCIILetter(bytes[index]) { index &+= 1 }
            return index
        }

        @inline(__always)
        private func scanWord(from start: Int, after first: Int, startsWithLetter: Bool) -> (Int, Token.Kind) {
            var index = first
            var hasLetter = startsWithLetter
            scanning: while index < bytes.count {
                let byte = bytes[index]
                // Fast path for the bulk of Latin text: a run of ASCII letters in a loop of its own.
                if byte < 0x80 {
                    if Self.isASCIILetter(byte) {
                        hasLetter = true
                        index = Self.endOfASCIILetters(bytes, from: index &+ 1)
                        continue
                    }
                    if byte >= 0x30 && byte <= 0x39 { index &+= 1; continue }
                    // A space ends most words.
                    if byte == 0x20 { break scanning }
                }
                let (next, length) = scalarClass(at: index)
                switch next {
                case .letter, .mark:
                    hasLetter = true
                    index += length
                case .digit:
                    index += length
                case .apostrophe:
                    let after = index + length
                    guard after < bytes.count, scalarClass(at: after).0 == .letter else { break scanning }
                    if hasLetter, Tokeniser.isElisionPrefix(UnsafeBufferPointer(rebasing: bytes[start ..< index])) {
                        return (after, .word)
                    }
                    index = after
                    hasLetter = true
                case .punctuation where !hasLetter && (byte == 0x2E || byte == 0x2C):
                    // `4.1.3`, `1,5`: a separator between digits keeps the number whole.
                    guard index + 1 < bytes.count, bytes[index + 1] >= 0x30, bytes[index + 1] <= 0x39 else {
                        break scanning
                    }
                    index += 2
                default:
                    break scanning
                }
            }
            return (index, hasLetter ? .word : .number)
        }
    }
}
