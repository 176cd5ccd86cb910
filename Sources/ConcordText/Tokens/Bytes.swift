#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-buffer helpers for the hot loops of tokenising and diffing.
enum Bytes {
    /// Byte equality, eight bytes at a time: the generic `elementsEqual` goes through
    /// iterators and costs several times more on the long equal runs of a diff. Whole
    /// paragraphs (alignment confirms every equal hash so, tens of thousands per draft) go
    /// to the C library's `memcmp`, which compares a vector register at a time.
    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return true }
        if a.count >= 64 { return memcmp(pa, pb, a.count) == 0 }
        let raw1 = UnsafeRawPointer(pa), raw2 = UnsafeRawPointer(pb)
        var offset = 0
        while offset + 8 <= a.count {
            if raw1.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != raw2.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
            offset += 8
        }
        while offset < a.count {
            if pa[offset] != pb[offset] { return false }
            offset += 1
        }
        return true
    }
}
