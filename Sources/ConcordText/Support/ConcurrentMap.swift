import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// `(0 ..< count).map(transform)`, spread over every core once there are at least
/// `threshold` elements: the text core's large loops (a word diff per edited paragraph, a
/// merge per touched paragraph) and the rendering of long redlines have independent
/// elements, and below the threshold starting threads costs more than it saves.
public func concurrentMap<Element>(count: Int, threshold: Int, _ transform: @Sendable (Int) -> Element) -> [Element] {
    guard count >= threshold, ProcessorCount.online > 1 else { return (0 ..< count).map(transform) }
    // Each result is written once, in place: an array of optionals unwrapped afterwards
    // copied every result again (retaining what it holds) on one core.
    return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
        let results = UnsafeMutableSendableBuffer(buffer)
        // Several chunks per core, since elements differ in cost; each chunk a run of
        // neighbours, since neighbouring elements share cache lines (paragraphs read one
        // after the other sit side by side), and two cores writing one line take turns.
        let chunks = min(count, 8 * ProcessorCount.online)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for index in count * chunk / chunks ..< count * (chunk + 1) / chunks { results.initialize(index, transform(index)) }
        }
        initialized = count
    }
}

/// `(first(), second())`, the two run at once when there is a second core: a redline reads
/// and parses its two files side by side.
public func both<First: Sendable, Second: Sendable>(_ first: @Sendable () -> First,
                                                    _ second: @Sendable () -> Second) -> (First, Second) {
    guard ProcessorCount.online > 1 else { return (first(), second()) }
    let results = BothResults<First, Second>()
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 { results.first = first() } else { results.second = second() }
    }
    return (results.first!, results.second!)
}

/// The two results of `both`. Each worker writes its own property only, and both are done
/// when `concurrentPerform` returns: no value is read while written.
private final class BothResults<First, Second>: @unchecked Sendable {
    var first: First?
    var second: Second?
}

enum ProcessorCount {
    static let online: Int = {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 2
        #endif
    }()
}

/// A buffer each concurrent worker writes disjoint elements of; the workers finish before
/// `concurrentPerform` returns, so no element is read while written.
struct UnsafeMutableSendableBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>
    init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }
    func set(_ index: Int, _ value: Element) { base[index] = value }
    /// Writes an element that was not initialised yet. `value` is moved in: a borrowed one was
    /// copied (every change of a large diff retained its paragraphs once more, then released them).
    func initialize(_ index: Int, _ value: consuming Element) { (base.baseAddress! + index).initialize(to: value) }
}
