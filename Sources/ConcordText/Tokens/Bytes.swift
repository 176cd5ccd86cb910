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

    /// Length of the common prefix of `a` and `b`, eight bytes at a time.
    static func commonPrefix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let limit = min(a.count, b.count)
        guard limit > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return 0 }
        let raw1 = UnsafeRawPointer(pa), raw2 = UnsafeRawPointer(pb)
        var offset = 0
        while offset + 8 <= limit {
            let difference = raw1.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                ^ raw2.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            // Little-endian: the first differing byte holds the lowest set bit.
            if difference != 0 { return offset + difference.littleEndian.trailingZeroBitCount / 8 }
            offset += 8
        }
        while offset < limit, pa[offset] == pb[offset] { offset += 1 }
        return offset
    }

    /// Length of the common suffix of `a` and `b`, at most `limit`, eight bytes at a time.
    static func commonSuffix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        guard limit > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return 0 }
        let end1 = UnsafeRawPointer(pa + a.count), end2 = UnsafeRawPointer(pb + b.count)
        var length = 0
        while length + 8 <= limit {
            let difference = end1.loadUnaligned(fromByteOffset: -length - 8, as: UInt64.self)
                ^ end2.loadUnaligned(fromByteOffset: -length - 8, as: UInt64.self)
            // Little-endian: the last differing byte holds the highest set bit.
            if difference != 0 { return length + difference.littleEndian.leadingZeroBitCount / 8 }
            length += 8
        }
        while length < limit, pa[a.count - 1 - length] == pb[b.count - 1 - length] { length += 1 }
        return length
    }
}
