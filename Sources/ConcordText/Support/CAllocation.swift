#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffers from the C allocator, for the word diff's working memory.
///
/// Why not `UnsafeMutablePointer.allocate`: the standard library sends every such request
/// down the runtime's aligned path (`posix_memalign`), whatever the alignment, so that any
/// pointer can be freed without knowing it; that costs about three times a `malloc`, and a
/// word diff made seven such buffers for each pair of paragraphs. `malloc` aligns for every
/// scalar type, which is all these buffers hold.
enum CAllocation {
    static func allocate<Element>(_ type: Element.Type, capacity: Int) -> UnsafeMutablePointer<Element> {
        precondition(MemoryLayout<Element>.alignment <= 16, "malloc aligns to 16 bytes")
        guard let memory = malloc(Swift.max(1, capacity) * MemoryLayout<Element>.stride) else { fatalError("out of memory") }
        return memory.bindMemory(to: Element.self, capacity: capacity)
    }

    static func deallocate<Element>(_ pointer: UnsafeMutablePointer<Element>) {
        free(pointer)
    }
}
