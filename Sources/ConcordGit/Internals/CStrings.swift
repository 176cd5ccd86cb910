import Cgit2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C copies of Swift strings that live for the duration of `body`, for libgit2 structures that
/// borrow `char *` fields (tree updates, path specs).
func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) throws -> R) rethrows -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    return try body(copies)
}

/// A `git_strarray` over C copies of `strings`, valid for the duration of `body` (refspecs,
/// checkout paths).
func withStringArray<R>(_ strings: [String], _ body: (inout git_strarray) throws -> R) rethrows -> R {
    try withCStrings(strings) { copies in
        var pointers = copies
        return try pointers.withUnsafeMutableBufferPointer { buffer in
            var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return try body(&array)
        }
    }
}
