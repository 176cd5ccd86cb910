extension ContentHash {
    /// `of(bytes)`, when the bytes are well-formed UTF-8 holding no NUL; nil when they are not.
    ///
    /// Why one pass: reading a draft for a redline checks every line (no NUL, well-formed
    /// UTF-8) and hashes every text, and the two passes read each word of the text twice. The
    /// hash is a chain of dependent multiplies, one per word; the checks of a word depend on
    /// nothing before it, so the processor does them in the multiply's shadow, and checking
    /// costs nearly nothing on top of hashing.
    ///
    /// The checks, per word of eight bytes: a NUL byte is found by the word trick (subtract
    /// one from every byte; a byte that borrowed and had its high bit clear was zero); a byte
    /// with its high bit set starts or continues a multi-byte sequence. `checkedUpTo` is where
    /// the next sequence starts: the sequences starting in a word are checked by
    /// `UTF8Validation.sequenceLength`, jumping from one high byte to the next, and a
    /// sequence may end in the next word, whose bytes before `checkedUpTo` are then skipped.
    /// The last bytes, fewer than eight, are checked one by one.
    static func ofCheckedText(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let count = bytes.count
        var hash = seed ^ (UInt64(count) &* wordMultiplier)
        guard let base = bytes.baseAddress else { return finalised(hash) }
        let raw = UnsafeRawPointer(base)
        let highBits: UInt64 = 0x8080_8080_8080_8080, lowBits: UInt64 = 0x0101_0101_0101_0101
        var offset = 0, checkedUpTo = 0
        while offset &+ 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            hash = mixed(hash, word)
            let high = word & highBits, zero = (word &- lowBits) & ~word & highBits
            if high | zero != 0 {
                if zero != 0 { return nil }
                // Bytes before `checkedUpTo` belong to a sequence that started in the word before.
                var pending = checkedUpTo > offset ? high & (~0 &<< (8 &* (checkedUpTo &- offset))) : high
                while pending != 0 {
                    let start = offset &+ pending.trailingZeroBitCount &>> 3
                    guard let length = UTF8Validation.sequenceLength(base, at: start, count: count) else { return nil }
                    checkedUpTo = start &+ length
                    let done = checkedUpTo &- offset
                    if done >= 8 { break }
                    pending &= ~0 &<< (8 &* done)
                }
            }
            offset &+= 8
        }
        if offset < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            for index in offset ..< count {
                tail |= UInt64(base[index]) << shift
                shift += 8
            }
            hash = mixed(hash, tail)
            var index = max(offset, checkedUpTo)
            while index < count {
                if base[index] < 0x80 {
                    if base[index] == 0 { return nil }
                    index += 1
                    continue
                }
                guard let length = UTF8Validation.sequenceLength(base, at: index, count: count) else { return nil }
                index += length
            }
        }
        return finalised(hash)
    }
}
