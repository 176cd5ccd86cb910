/// Where a buffer stops being well-formed UTF-8.
///
/// Written here because the standard library validates only while building a `String`,
/// and reading a draft wants the answer for the whole file first: the paragraphs then keep
/// slices of the file (`ParagraphText`) and no per-paragraph string is built at all. Prose
/// in Latin and Cyrillic scripts is mostly ASCII, so eight bytes are checked at a time
/// until a byte with its high bit set; that byte's sequence is checked against the table
/// of well-formed sequences (The Unicode Standard, table 3-7): no overlong forms, no
/// surrogates, nothing above U+10FFFF.
enum UTF8Validation {
    /// The offset of the first byte that is not part of a well-formed sequence; nil when the
    /// whole buffer is well-formed.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var offset = 0
        while offset < count {
            if offset + 8 <= count {
                // Straight to the first byte with its high bit set (little-endian: the lowest
                // set bit is the earliest byte), not byte by byte through the ASCII before it.
                let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) & 0x8080_8080_8080_8080
                if high == 0 {
                    offset += 8
                    continue
                }
                offset += high.trailingZeroBitCount >> 3
            }
            if base[offset] < 0x80 {
                offset += 1
                continue
            }
            guard let length = sequenceLength(base, at: offset, count: count) else { return offset }
            offset += length
        }
        return nil
    }

    /// The length of the well-formed sequence starting at `offset` with a byte of 0x80 or
    /// more, within the `count` bytes at `base`; nil when the sequence is ill-formed.
    @inline(__always)
    static func sequenceLength(_ base: UnsafePointer<UInt8>, at offset: Int, count: Int) -> Int? {
        let lead = base[offset]
        // Two-byte letters (é, à, ç; Cyrillic) are most of what is not ASCII in the drafts.
        if lead >= 0xC2, lead <= 0xDF, offset &+ 1 < count, base[offset &+ 1] & 0xC0 == 0x80 { return 2 }
        // The allowed range of the second byte, and how many bytes the sequence has.
        let second: ClosedRange<UInt8>, length: Int
        switch lead {
        case 0xC2...0xDF: (second, length) = (0x80...0xBF, 2)
        case 0xE0: (second, length) = (0xA0...0xBF, 3)
        case 0xE1...0xEC, 0xEE...0xEF: (second, length) = (0x80...0xBF, 3)
        case 0xED: (second, length) = (0x80...0x9F, 3)
        case 0xF0: (second, length) = (0x90...0xBF, 4)
        case 0xF1...0xF3: (second, length) = (0x80...0xBF, 4)
        case 0xF4: (second, length) = (0x80...0x8F, 4)
        default: return nil
        }
        guard offset + length <= count, second.contains(base[offset + 1]) else { return nil }
        for continuation in 2..<length where base[offset + continuation] & 0xC0 != 0x80 { return nil }
        return length
    }
}
