#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Repository {
    /// Runs `body` holding Concord's lock on the work tree. Two Concord commands bringing the
    /// work tree forward at once see each other's files half replaced (libgit2's status hashes
    /// a file that the other's checkout is rewriting, and fails). An advisory `flock` rather
    /// than a lock file, because the kernel releases it when its holder dies: a killed command
    /// leaves nothing behind to remove. Git itself does not take it.
    public func withWorkTreeLock<Result>(_ body: () throws -> Result) throws -> Result {
        let path = gitDirectory + "concord-worktree.lock"
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.lockError("cannot open", path) }
        defer { close(descriptor) }   // closing the descriptor releases the lock
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw Self.lockError("cannot lock", path) }
        }
        return try body()
    }

    private static func lockError(_ what: String, _ path: String) -> GitError {
        GitError(code: .other(-1), message: "\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
