#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lock file beside a file Git replaces (`refs/heads/main.lock`, `index.lock`). Its writer
/// creates it, writes the new content into it and renames it over the file: a writer that
/// is killed between the two leaves it behind, and every later writer fails to lock until
/// someone removes it. Git and libgit2 hold a lock for milliseconds.
public struct LockFile: Sendable, Equatable {
    public let path: String
    /// Seconds since the lock file was last written.
    public let age: Double

    /// The lock file at `path`, nil when there is none.
    public init?(at path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        #if os(Linux)
        let written = status.st_mtim
        #else
        let written = status.st_mtimespec
        #endif
        self.path = path
        age = max(0, Double(now.tv_sec - written.tv_sec) + Double(now.tv_nsec - written.tv_nsec) / 1e9)
    }
}

extension Repository {
    /// The lock file of reference `name` (a full name, `refs/heads/main`), when there is one.
    public func lockFile(ofReference name: String) -> LockFile? {
        LockFile(at: gitDirectory + name + ".lock")
    }

    /// The index's lock file, when there is one; a work tree's checkout holds it while it
    /// writes the index.
    public var indexLockFile: LockFile? { LockFile(at: gitDirectory + "index.lock") }
}
