#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stage 1: every token becomes a small integer, equal integers meaning equal folded keys.
///
/// After this the diff compares integers, never strings: this is what makes Myers' inner
/// loop a single comparison, and what lets "occurs on the other side?" be an array lookup.
/// The table is a flat open-addressing hash over the folded bytes, kept in raw buffers
/// (`CAllocation`) that the interner owns: it is `~Copyable`, so no two values can hold the
/// same buffers, and `deinit` frees them. It runs once per token of every paragraph pair,
/// and arrays or a class would add copy-on-write, bounds and exclusivity checks to each probe
/// (see Benchmarks/README.md).
struct TokenInterner: ~Copyable {
    private var slots: UnsafeMutablePointer<Int32>
    private var slotCapacity: Int
    /// What is kept of each key, by id.
    private var keys: UnsafeMutablePointer<Key>
    private var keyCapacity: Int
    /// The bytes of the keys longer than `Key.maximumInWords`, one after the other.
    private var longKeyBytes: UnsafeMutablePointer<UInt8>
    private var longKeyBytesCount = 0
    private var longKeyBytesCapacity: Int
    /// Holds one folded token; folding never lengthens a token.
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int

    /// Distinct keys seen so far; ids run `0 ..< count`.
    private(set) var count = 0
    /// The id of a single plain space, once one was interned.
    private var spaceID: Int32 = -1

    /// A key as the table keeps it: its hash, its length, and the two words the hash was made
    /// from (`digest`). Those two words are the key itself for a key of up to 16 bytes (they
    /// overlap to cover all its bytes), which is nearly every token of prose: comparing two
    /// such keys is comparing two words, and their bytes are not kept. A longer key's bytes
    /// are kept in `longKeyBytes`, from offset `first`.
    private struct Key {
        var hash: UInt64
        var first: UInt64
        var second: UInt64
        var count: Int

        static let maximumInWords = 16
    }

    init(expectedTokens: Int) {
        // Load factor at most 1/2 keeps probe chains short. Distinct keys are far fewer
        // than tokens in prose (a vocabulary, not a text), so start at most at 64k slots
        // and grow rather than zero-filling tens of megabytes for a huge paragraph.
        slotCapacity = 16
        while slotCapacity < min(expectedTokens, 1 << 15) * 2 { slotCapacity <<= 1 }
        slots = CAllocation.allocate(Int32.self, capacity: slotCapacity)
        slots.initialize(repeating: 0, count: slotCapacity)
        keyCapacity = slotCapacity / 2
        keys = CAllocation.allocate(Key.self, capacity: keyCapacity)
        longKeyBytesCapacity = 256
        longKeyBytes = CAllocation.allocate(UInt8.self, capacity: longKeyBytesCapacity)
        scratchCapacity = 64
        scratch = CAllocation.allocate(UInt8.self, capacity: scratchCapacity)
    }

    deinit {
        CAllocation.deallocate(slots)
        CAllocation.deallocate(keys)
        CAllocation.deallocate(longKeyBytes)
        CAllocation.deallocate(scratch)
    }

    /// Forgets every key, keeping the memory: clears only the slots in use, so a table grown
    /// once for a long paragraph costs nothing more to the short ones after it.
    mutating func removeAll() {
        let mask = slotCapacity - 1
        for id in 0 ..< count {
            var slot = Int(truncatingIfNeeded: keys[id].hash) & mask
            while slots[slot] != Int32(id + 1) { slot = (slot + 1) & mask }
            slots[slot] = 0
        }
        count = 0
        longKeyBytesCount = 0
        spaceID = -1
    }

    /// Calls `body` with an empty interner that this thread keeps from one call to the next.
    /// A word diff interns each pair of paragraphs it compares, thousands in a large draft,
    /// and making and freeing the interner's five buffers for each pair was a tenth of
    /// interning it. (A call within `body` gets an interner of its own.)
    static func withReused<Result>(_ body: (inout TokenInterner) throws -> Result) rethrows -> Result {
        let reused: ReusedInterner
        if let stored = pthread_getspecific(reusedInternerKey) {
            reused = Unmanaged<ReusedInterner>.fromOpaque(stored).takeUnretainedValue()
        } else {
            reused = ReusedInterner()
            pthread_setspecific(reusedInternerKey, Unmanaged.passRetained(reused).toOpaque())
        }
        guard !reused.isInUse else {
            var interner = TokenInterner(expectedTokens: 0)
            return try body(&interner)
        }
        reused.isInUse = true
        defer {
            reused.interner.removeAll()
            reused.isInUse = false
        }
        return try body(&reused.interner)
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

    /// The id of one token of `kind`.
    @inline(__always)
    mutating func intern(_ token: UnsafeBufferPointer<UInt8>, kind: Token.Kind) -> Int32 {
        // One plain space is every other token of prose: its id is kept rather than looked up.
        if kind == .whitespace, token.count == 1, token[0] == 0x20 {
            if spaceID < 0 { spaceID = intern(token, Self.digest(token)) }
            return spaceID
        }
        let digest = Self.digest(token)
        // Only white space, or a token with a non-ASCII byte, can fold to other bytes
        // (`FoldedKey`); most tokens are neither.
        let mayFold = kind == .whitespace || !digest.isASCII && FoldedKey.mayFold(token, kind: kind)
        guard mayFold else { return intern(token, digest) }
        if token.count > scratchCapacity {
            CAllocation.deallocate(scratch)
            scratchCapacity = token.count
            scratch = CAllocation.allocate(UInt8.self, capacity: scratchCapacity)
        }
        let folded = UnsafeBufferPointer(start: scratch, count: FoldedKey.fold(token, into: scratch))
        return intern(folded, Self.digest(folded))
    }

    /// A key's hash, the two words it was made from (see `Key`), and whether the key is all
    /// ASCII, which the same loads tell for free.
    struct Digest {
        var hash: UInt64
        var first: UInt64
        var second: UInt64
        var isASCII: Bool
    }

    /// A hash of the key's bytes read eight (or four) at a time, and whether they are all
    /// ASCII, which the same loads tell for free. Tokens are short: a key of up to 16 bytes
    /// is two loads that may overlap, where hashing byte by byte (FNV-1a) chained a
    /// multiplication per byte and was a third of interning.
    @inline(__always)
    static func digest(_ key: UnsafeBufferPointer<UInt8>) -> Digest {
        let count = key.count
        guard count > 0, let base = key.baseAddress else { return Digest(hash: 0, first: 0, second: 0, isASCII: true) }
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
            return Digest(hash: mix(first, second, count), first: first, second: second, isASCII: seen & 0x8080_8080_8080_8080 == 0)
        }
        if count >= 4 {
            first = UInt64(raw.loadUnaligned(as: UInt32.self))
            second = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        } else {
            // One to three bytes: the first, middle and last byte cover them all.
            first = UInt64(base[0]) << 16 | UInt64(base[count / 2]) << 8 | UInt64(base[count - 1])
            second = 0
        }
        return Digest(hash: mix(first, second, count), first: first, second: second,
                      isASCII: (first | second) & 0x8080_8080_8080_8080 == 0)
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
        intern(key, Self.digest(key))
    }

    @inline(__always)
    private mutating func intern(_ key: UnsafeBufferPointer<UInt8>, _ digest: Digest) -> Int32 {
        let mask = slotCapacity - 1
        var slot = Int(truncatingIfNeeded: digest.hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let id = Int(entry) - 1
            if isKey(id, key, digest) { return Int32(id) }
            slot = (slot + 1) & mask
        }
        return insert(key, digest, at: slot)
    }

    @inline(__always)
    private func isKey(_ id: Int, _ key: UnsafeBufferPointer<UInt8>, _ digest: Digest) -> Bool {
        let kept = keys[id]
        guard kept.hash == digest.hash, kept.count == key.count else { return false }
        if key.count <= Key.maximumInWords { return kept.first == digest.first && kept.second == digest.second }
        return Bytes.equal(UnsafeBufferPointer(start: longKeyBytes + Int(kept.first), count: kept.count), key)
    }

    private mutating func insert(_ key: UnsafeBufferPointer<UInt8>, _ digest: Digest, at slot: Int) -> Int32 {
        let id = count
        var kept = Key(hash: digest.hash, first: digest.first, second: digest.second, count: key.count)
        if key.count > Key.maximumInWords {
            if longKeyBytesCount + key.count > longKeyBytesCapacity {
                let capacity = max(longKeyBytesCapacity * 2, longKeyBytesCount + key.count)
                longKeyBytes = Self.reallocate(longKeyBytes, count: longKeyBytesCount, capacity: capacity)
                longKeyBytesCapacity = capacity
            }
            (longKeyBytes + longKeyBytesCount).update(from: key.baseAddress!, count: key.count)
            kept.first = UInt64(longKeyBytesCount)
            longKeyBytesCount += key.count
        }
        keys[id] = kept
        slots[slot] = Int32(id + 1)
        count += 1
        // Keeps `count < keyCapacity` (= slotCapacity / 2) before every insertion.
        if count * 2 >= slotCapacity { grow() }
        return Int32(id)
    }

    /// Doubles the slot table (and the keys with it, which are sized to it).
    private mutating func grow() {
        CAllocation.deallocate(slots)
        slotCapacity *= 2
        slots = CAllocation.allocate(Int32.self, capacity: slotCapacity)
        slots.initialize(repeating: 0, count: slotCapacity)
        let mask = slotCapacity - 1
        for id in 0 ..< count {
            var slot = Int(truncatingIfNeeded: keys[id].hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id + 1)
        }
        keys = Self.reallocate(keys, count: count, capacity: slotCapacity / 2)
        keyCapacity = slotCapacity / 2
    }

    private static func reallocate<T>(_ pointer: UnsafeMutablePointer<T>, count: Int, capacity: Int) -> UnsafeMutablePointer<T> {
        let new = CAllocation.allocate(T.self, capacity: capacity)
        new.moveInitialize(from: pointer, count: count)
        CAllocation.deallocate(pointer)
        return new
    }
}

/// A thread's interner for `TokenInterner.withReused`, freed when the thread ends.
private final class ReusedInterner {
    var interner = TokenInterner(expectedTokens: 128)
    var isInUse = false
}

private let reusedInternerKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { releaseReusedInterner($0) }
    return key
}()

/// The key's destructor, when a thread that interned ends.
private func releaseReusedInterner(_ stored: UnsafeMutableRawPointer?) {
    guard let stored else { return }
    Unmanaged<ReusedInterner>.fromOpaque(stored).release()
}
