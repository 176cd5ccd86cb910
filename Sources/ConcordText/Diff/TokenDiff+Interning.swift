#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stage 1: every token becomes a small integer, equal integers meaning equal folded keys.
///
/// After this the diff compares integers, never strings: this is what makes Myers' inner
/// loop a single comparison, and what lets "occurs on the other side?" be an array lookup.
/// The numbers come from `HashNumbering`, with a hash made for short keys (`digest`); what
/// the table keeps of each key is its `Key`. `~Copyable` because a copy would duplicate the
/// tables on its first insertion, which is never what a caller means.
struct TokenInterner: ~Copyable {
    private var numbering: HashNumbering<Key>
    /// The bytes of the keys longer than `Key.maximumInWords`, one after the other.
    private var longKeyBytes: [UInt8] = []
    /// Holds one folded token; folding never lengthens a token.
    private var scratch: [UInt8] = []
    /// The id of a single plain space, once one was interned.
    private var spaceID: Int32 = -1

    /// Distinct keys seen so far; ids run `0 ..< count`.
    var count: Int { numbering.count }

    /// What is kept of a key beside its hash: its length and the two words the hash was made
    /// from (`Digest`). Those two words are the key itself for a key of up to 16 bytes (they
    /// overlap to cover all its bytes), which is nearly every token of prose: comparing two
    /// such keys is comparing two words, and their bytes are not kept. A longer key's bytes
    /// are kept in `longKeyBytes`, from offset `first`.
    private struct Key: Sendable {
        var first: UInt64
        var second: UInt64
        var count: Int

        static let maximumInWords = 16
    }

    init(expectedTokens: Int) {
        // Distinct keys are far fewer than tokens in prose (a vocabulary, not a text), so
        // start at most at 32k keys and grow rather than zero-filling megabytes for a huge
        // paragraph.
        numbering = HashNumbering(capacity: min(expectedTokens, 1 << 15))
    }

    /// Forgets every key, keeping the memory, so a table grown once for a long paragraph costs
    /// nothing more to the short ones after it.
    mutating func removeAll() {
        numbering.removeAll()
        longKeyBytes.removeAll(keepingCapacity: true)
        spaceID = -1
    }

    /// Calls `body` with an empty interner that this thread keeps from one call to the next.
    /// A word diff interns each pair of paragraphs it compares, thousands in a large draft,
    /// and making and freeing the interner's tables for each pair was a tenth of
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
        // The scratch buffer is taken out while interning writes to the rest of `self`.
        var buffer: [UInt8] = []
        swap(&buffer, &scratch)
        defer { swap(&buffer, &scratch) }
        if buffer.count < token.count { buffer = Array(repeating: 0, count: token.count) }
        return buffer.withUnsafeMutableBufferPointer { buffer in
            let folded = UnsafeBufferPointer(rebasing: buffer[..<FoldedKey.fold(token, into: buffer.baseAddress!)])
            return intern(folded, Self.digest(folded))
        }
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
        let isLong = key.count > Key.maximumInWords
        let known = numbering.number(digest.hash) { kept in
            guard kept.count == key.count else { return false }
            guard isLong else { return kept.first == digest.first && kept.second == digest.second }
            return longKeyBytes.withUnsafeBufferPointer { bytes in
                Bytes.equal(UnsafeBufferPointer(rebasing: bytes[Int(kept.first)...].prefix(kept.count)), key)
            }
        }
        if let known { return known }
        var kept = Key(first: digest.first, second: digest.second, count: key.count)
        if isLong {
            kept.first = UInt64(longKeyBytes.count)
            longKeyBytes.append(contentsOf: key)
        }
        return numbering.insert(digest.hash, kept, isKey: { _ in false }).number
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
