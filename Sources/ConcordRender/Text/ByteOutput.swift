#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// UTF-8 output written through a pointer, for a renderer that writes many small pieces.
///
/// Why not `[UInt8]` and `append(contentsOf:)`: each append checks uniqueness and capacity
/// through the array's general path, about a hundred instructions, and a text redline of two
/// large drafts appends hundreds of thousands of pieces (a heading's parts, each span and
/// its marks): that was a third of rendering. Here an append is a capacity test and a copy;
/// the memory comes from `malloc` and grows with `realloc`, which moves a large block by
/// remapping its pages rather than copying them.
struct ByteOutput: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        guard let memory = malloc(self.capacity) else { fatalError("out of memory") }
        start = memory.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(start) }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        if count + bytes.count > capacity { grow(toHold: count + bytes.count) }
        (start + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append($0) }
    }

    mutating func append(contentsOf text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        guard let memory = realloc(start, newCapacity) else { fatalError("out of memory") }
        start = memory.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
    }

    /// The bytes written, as an array.
    consuming func bytes() -> [UInt8] {
        Array(UnsafeBufferPointer(start: start, count: count))
    }

    /// The bytes written, in the memory they were written to, which the caller now owns
    /// (`deallocate()` frees it).
    consuming func detached() -> DetachedBytes {
        let bytes = DetachedBytes(bytes: UnsafeMutableBufferPointer(start: start, count: count))
        discard self
        return bytes
    }
}

/// Output handed over by `ByteOutput.detached()`, to be freed by its new owner; a value that
/// one core writes and, once that core is done, another reads.
struct DetachedBytes: @unchecked Sendable {
    let bytes: UnsafeMutableBufferPointer<UInt8>

    func deallocate() { free(bytes.baseAddress) }
}
