/// Stage 1: every token becomes a small integer, equal integers meaning equal folded keys.
///
/// After this the diff compares integers, never strings: this is what makes Myers' inner
/// loop a single comparison, and what lets "occurs on the other side?" be an array lookup.
/// The table is a flat open-addressing hash (FNV-1a) over the folded bytes, kept in raw
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
        var ids = [Int32](repeating: 0, count: text.count)
        text.bytes.withUnsafeBufferPointer { bytes in
            text.ends.withUnsafeBufferPointer { ends in
                text.kinds.withUnsafeBufferPointer { kinds in
                    ids.withUnsafeMutableBufferPointer { ids in
                        var start = 0
                        for index in 0 ..< ends.count {
                            let end = ends[index]
                            ids[index] = intern(UnsafeBufferPointer(rebasing: bytes[start ..< end]), kind: kinds[index])
                            start = end
                        }
                    }
                }
            }
        }
        return ids
    }

    @inline(__always)
    private mutating func intern(_ token: UnsafeBufferPointer<UInt8>, kind: Token.Kind) -> Int32 {
        guard FoldedKey.mayFold(token, kind: kind) else { return intern(token) }
        if token.count > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = token.count
            scratch = .allocate(capacity: scratchCapacity)
        }
        let length = FoldedKey.fold(token, into: scratch)
        return intern(UnsafeBufferPointer(start: scratch, count: length))
    }

    @inline(__always)
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash ^ (hash >> 32)
    }

    @inline(__always)
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(key)
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
