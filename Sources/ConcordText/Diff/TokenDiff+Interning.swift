/// Stage 1: every token becomes a small integer, equal integers meaning equal folded keys.
///
/// After this the diff compares integers, never strings: this is what makes Myers' inner
/// loop a single comparison, and what lets "occurs on the other side?" be an array lookup.
/// The table is a flat open-addressing hash over the folded bytes, kept in raw
/// buffers owned by the caller (`deallocate()`): it runs once per token of every paragraph
/// pair, and arrays or a class would add copy-on-write, bounds and exclusivity checks to
/// each probe — in measurements that tripled the cost of the whole diff.
struct TokenInterner {
    private var slots: UnsafeMutablePointer<Int32>
    private var slotCapacity: Int
    private var hashes: UnsafeMutablePointer<UInt64>
    /// `keyStarts[id] ..< keyStarts[id + 1]` is key `id` in `keyBytes`.
    private var keyStarts: UnsafeMutablePointer<Int>
    private var keyCapacity: Int
    private var keyBytes: UnsafeMutablePointer<UInt8>
    private var keyBytesCapacity: Int
    /// Holds one folded token; folding never lengthens a token.
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int

    /// Distinct keys seen so far; ids run `0 ..< count`.
    private(set) var count = 0
    /// The id of a single plain space, once one was interned.
    private var spaceID: Int32 = -1

    init(expectedTokens: Int) {
        // Load factor at most 1/2 keeps probe chains short. Distinct keys are far fewer
        // than tokens in prose (a vocabulary, not a text), so start at most at 64k slots
        // and grow rather than zero-filling tens of megabytes for a huge paragraph.
        slotCapacity = 16
        while slotCapacity < min(expectedTokens, 1 << 15) * 2 { slotCapacity <<= 1 }
        slots = .allocate(capacity: slotCapacity)
        slots.initialize(repeating: 0, count: slotCapacity)
        keyCapacity = slotCapacity / 2
        hashes = .allocate(capacity: keyCapacity)
        keyStarts = .allocate(capacity: keyCapacity + 1)
        keyStarts[0] = 0
        keyBytesCapacity = keyCapacity * 8
        keyBytes = .allocate(capacity: keyBytesCapacity)
        scratchCapacity = 64
        scratch = .allocate(capacity: scratchCapacity)
    }

    func deallocate() {
        slots.deallocate()
        hashes.deallocate()
        keyStarts.deallocate()
        keyBytes.deallocate()
        scratch.deallocate()
    }

    /// The id of each token of `text`, interning new keys as they come.
    mutating func ids(of text: TokenisedText) -> [Int32] {
        filledArray(capacity: text.count) { ids in
            text.withBytes { bytes in
                text.withTokens { tokens in
                    var start = 0
                    for index in 0 ..< tokens.count {
                        let end = TokenisedText.end(of: tokens[index]), kind = TokenisedText.kind(of: tokens[index])
                        ids[index] = intern(UnsafeBufferPointer(rebasing: bytes[start ..< end]), kind: kind)
                        start = end
                    }
                }
            }
            return text.count
        }
    }

    @inline(__always)
    private mutating func intern(_ token: UnsafeBufferPointer<UInt8>, kind: Token.Kind) -> Int32 {
        // One plain space is every other token of prose: its id is kept rather than looked up.
        if kind == .whitespace, token.count == 1, token[0] == 0x20 {
            if spaceID < 0 { spaceID = intern(token, hash: Self.hash(token).hash) }
            return spaceID
        }
        let (hash, isASCII) = Self.hash(token)
        // Only white space, or a token with a non-ASCII byte, can fold to other bytes
        // (`FoldedKey`); most tokens are neither.
        let mayFold = kind == .whitespace || !isASCII && FoldedKey.mayFold(token, kind: kind)
        guard mayFold else { return intern(token, hash: hash) }
        if token.count > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = token.count
            scratch = .allocate(capacity: scratchCapacity)
        }
        let folded = UnsafeBufferPointer(start: scratch, count: FoldedKey.fold(token, into: scratch))
        return intern(folded, hash: Self.hash(folded).hash)
    }

    /// A hash of the key's bytes read eight (or four) at a time, and whether they are all
    /// ASCII, which the same loads tell for free. Tokens are short: a key of up to 16 bytes
    /// is two loads that may overlap, where hashing byte by byte (FNV-1a) chained a
    /// multiplication per byte and was a third of interning.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, isASCII: Bool) {
        let count = key.count
        guard count > 0, let base = key.baseAddress else { return (0, true) }
        let raw = UnsafeRawPointer(base)
        var first: UInt64, second: UInt64
        if count >= 8 {
            first = raw.loadUnaligned(as: UInt64.self)
            var offset = 8
            var seen = first
            while offset + 8 < count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                seen |= word
                first = (first ^ word) &* 0x9E37_79B9_7F4A_7C15
                first ^= first >> 31
                offset += 8
            }
            second = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            seen |= second
            return (mix(first, second, count), seen & 0x8080_8080_8080_8080 == 0)
        }
        if count >= 4 {
            first = UInt64(raw.loadUnaligned(as: UInt32.self))
            second = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        } else {
            // One to three bytes: the first, middle and last byte cover them all.
            first = UInt64(base[0]) << 16 | UInt64(base[count / 2]) << 8 | UInt64(base[count - 1])
            second = 0
        }
        return (mix(first, second, count), (first | second) & 0x8080_8080_8080_8080 == 0)
    }

    @inline(__always)
    private static func mix(_ first: UInt64, _ second: UInt64, _ count: Int) -> UInt64 {
        var hash = (first ^ 0xA076_1D64_78BD_642F) &* (second ^ 0xE703_7ED1_A0B4_28DB ^ UInt64(count))
        hash ^= hash >> 29
        hash &*= 0xBF58_476D_1CE4_E5B9
        return hash ^ (hash >> 32)
    }

    @inline(__always)
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        intern(key, hash: Self.hash(key).hash)
    }

    @inline(__always)
    private mutating func intern(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        let mask = slotCapacity - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let id = Int(entry) - 1
            if hashes[id] == hash,
               Bytes.equal(UnsafeBufferPointer(start: keyBytes + keyStarts[id], count: keyStarts[id + 1] - keyStarts[id]), key) {
                return Int32(id)
            }
            slot = (slot + 1) & mask
        }
        return insert(key, hash: hash, at: slot)
    }

    private mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, at slot: Int) -> Int32 {
        let id = count
        let start = keyStarts[id]
        if start + key.count > keyBytesCapacity {
            keyBytes = Self.reallocate(keyBytes, count: start, capacity: max(keyBytesCapacity * 2, start + key.count))
            keyBytesCapacity = max(keyBytesCapacity * 2, start + key.count)
        }
        if let base = key.baseAddress { (keyBytes + start).update(from: base, count: key.count) }
        keyStarts[id + 1] = start + key.count
        hashes[id] = hash
        slots[slot] = Int32(id + 1)
        count += 1
        // Keeps `count < keyCapacity` (= slotCapacity / 2) before every insertion.
        if count * 2 >= slotCapacity { grow() }
        return Int32(id)
    }

    /// Doubles the slot table (and the key arrays with it, which are sized to it).
    private mutating func grow() {
        slots.deallocate()
        slotCapacity *= 2
        slots = .allocate(capacity: slotCapacity)
        slots.initialize(repeating: 0, count: slotCapacity)
        let mask = slotCapacity - 1
        for id in 0 ..< count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id + 1)
        }
        hashes = Self.reallocate(hashes, count: count, capacity: slotCapacity / 2)
        keyStarts = Self.reallocate(keyStarts, count: count + 1, capacity: slotCapacity / 2 + 1)
        keyCapacity = slotCapacity / 2
    }

    private static func reallocate<T>(_ pointer: UnsafeMutablePointer<T>, count: Int, capacity: Int) -> UnsafeMutablePointer<T> {
        let new = UnsafeMutablePointer<T>.allocate(capacity: capacity)
        new.moveInitialize(from: pointer, count: count)
        pointer.deallocate()
        return new
    }
}
