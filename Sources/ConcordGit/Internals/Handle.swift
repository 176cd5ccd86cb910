import Cgit2

/// The owner of one libgit2 object: it frees the object, once, when the last reference to
/// it goes, whichever way the code that made it leaves (a `return`, a `throw` from a later
/// call, a partly built array of handles). Every libgit2 object ConcordGit makes is held by
/// one; raw pointers are borrowed from it (`pointer`) for the calls that need them and never
/// leave ConcordGit.
///
/// Not `Sendable`: libgit2 allows one thread per object.
final class Handle {
    let pointer: OpaquePointer
    private let free: (OpaquePointer?) -> Void

    init(_ pointer: OpaquePointer, freedBy free: @escaping (OpaquePointer?) -> Void) {
        self.pointer = pointer
        self.free = free
    }

    deinit { free(pointer) }

    /// Calls `body` with the pointer, the object kept alive until `body` returns: for reading
    /// memory the object owns (a blob's bytes, an entry's id, a message), which a use of
    /// `pointer` alone does not keep from being freed once the last call with it returns.
    func withPointer<Result>(_ body: (OpaquePointer) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(self) { try body(pointer) }
    }
}

/// Calls a libgit2 function that makes an object through an out-parameter, and hands the
/// object to a `Handle` that frees it with `free` (`git_tree_free`, `git_commit_free` …).
func make(_ context: @autoclosure () -> String = "", freedBy free: @escaping (OpaquePointer?) -> Void,
          body: (UnsafeMutablePointer<OpaquePointer?>) -> Int32) throws -> Handle {
    var out: OpaquePointer?
    try check(body(&out), context())
    guard let pointer = out else { throw GitError(code: .other(-1), message: "libgit2 returned no object") }
    return Handle(pointer, freedBy: free)
}
