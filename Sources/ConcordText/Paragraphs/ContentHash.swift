/// A 64-bit hash of a paragraph's bytes, computed once per paragraph and used twice: as the
/// key that pairs equal texts in `ParagraphAlignment` (where equality is then confirmed byte
/// for byte, so a collision costs a comparison, never a wrong pair), and as the content part
/// of new paragraph ids (`ParagraphIdentity`).
///
/// The idea: read eight bytes at a time as one little-endian word, fold each word in with
/// one multiply, and finish with MurmurHash3's 64-bit finaliser so that every output bit
/// depends on every input bit (ids keep only the low 32 bits). Per byte that is an eighth of
/// FNV-1a's dependent multiplies; a 10 MB draft hashes in a few milliseconds. Deterministic
/// across runs and platforms (unlike `Hasher`, seeded per process), as ids must be; it is
/// not cryptographic, and nothing here needs it to be.
enum ContentHash {
    /// Odd 64-bit constants with well-mixed bits (the golden ratio's and a Murmur one).
    static let wordMultiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    static let seed: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = seed ^ (UInt64(bytes.count) &* wordMultiplier)
        guard let base = bytes.baseAddress else { return finalised(hash) }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = mixed(hash, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count {
                tail |= UInt64(base[offset]) << shift
                shift += 8
                offset += 1
            }
            hash = mixed(hash, tail)
        }
        return finalised(hash)
    }

    /// The hash so far with one more word (the tail's bytes, zero-padded, are the last).
    @inline(__always)
    static func mixed(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let product = (hash ^ word) &* wordMultiplier
        return product ^ (product >> 29)
    }

    static func of(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { of($0) }
    }

    /// MurmurHash3's fmix64.
    static func finalised(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }

    /// Two hashes combined in order (`combined(a, b) != combined(b, a)` in general).
    static func combined(_ first: UInt64, _ second: UInt64) -> UInt64 {
        finalised((first &* wordMultiplier) ^ second)
    }
}

extension ContentHash {
    /// Paragraphs hashed per block on every core: a large draft's tens of thousands of keys
    /// are its whole size in bytes to read, the one pass of alignment that grows with the
    /// draft rather than with what changed.
    static let blockSize = 4096

    /// The hash of each paragraph's key (`Paragraph.withKeyUTF8`): what alignment numbers
    /// texts by and new ids are made from. 0 where `include` says a paragraph is not needed.
    static func ofKeys(_ paragraphs: [Paragraph], where include: @Sendable (Int) -> Bool = { _ in true }) -> [UInt64] {
        let blocks = (paragraphs.count + blockSize - 1) / blockSize
        let hashes = concurrentMap(count: blocks, threshold: 2) { block in
            (block * blockSize ..< min(paragraphs.count, (block + 1) * blockSize)).map { index in
                include(index) ? paragraphs[index].withKeyUTF8(of) : 0
            }
        }
        return blocks == 1 ? hashes[0] : Array(hashes.joined())
    }
}
