#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` holding an advisory `flock` on the file at `path` (created if missing), waiting
/// for any other process that holds it. A lock file that only exists while held would be left
/// behind by a killed holder; the kernel releases a `flock` when its holder dies.
public func withAdvisoryLock<Result>(at path: String, _ body: () throws -> Result) throws -> Result {
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw lockError("cannot open", path) }
    defer { close(descriptor) }   // closing the descriptor releases the lock
    while flock(descriptor, LOCK_EX) != 0 {
        guard errno == EINTR else { throw lockError("cannot lock", path) }
    }
    return try body()
}

private func lockError(_ what: String, _ path: String) -> GitError {
    GitError(code: .other(-1), message: "\(what) \(path): \(String(cString: strerror(errno)))")
}

extension Repository {
    /// Runs `body` holding Concord's lock on the work tree. Two Concord commands bringing the
    /// work tree forward at once see each other's files half replaced (libgit2's status hashes
    /// a file that the other's checkout is rewriting, and fails). Git itself does not take it.
    public func withWorkTreeLock<Result>(_ body: () throws -> Result) throws -> Result {
        try withAdvisoryLock(at: gitDirectory + "concord-worktree.lock", body)
    }
}
