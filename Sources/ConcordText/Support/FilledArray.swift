/// An array of at most `capacity` elements, written by `fill` through a pointer; `fill`
/// returns how many it wrote.
///
/// A small array is written into a temporary buffer (on the stack when it fits) and copied
/// into an array allocated once: `Array(unsafeUninitializedCapacity:)` looks the array's
/// type up in the runtime at every call, which cost as much as tokenising a short window,
/// and a word diff makes several such arrays for every edited paragraph of a draft. A large
/// one is written in place, where the copy would cost more than the lookup (and twice the
/// memory: a 10 MB paragraph's tokens are tens of megabytes).
@inline(__always)
func filledArray<Element>(capacity: Int, _ fill: (UnsafeMutableBufferPointer<Element>) -> Int) -> [Element] {
    guard capacity <= filledArrayCopyLimit else {
        return [Element](unsafeUninitializedCapacity: capacity) { buffer, count in count = fill(buffer) }
    }
    var array: [Element] = []
    withUnsafeTemporaryAllocation(of: Element.self, capacity: capacity) { buffer in
        let count = fill(buffer)
        array.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
    }
    return array
}

/// Above this many elements, `filledArray` writes in place.
let filledArrayCopyLimit = 4096
