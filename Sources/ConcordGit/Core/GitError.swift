import Cgit2

/// A failure reported by libgit2, with its code and message, so that callers can act on the
/// few codes that mean something to them (a lost compare-and-swap, a missing object).
public struct GitError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable, Equatable {
        case notFound, exists, modified, nonFastForward, locked, invalidSpec, bareRepository
        case other(Int32)

        init(_ raw: Int32) {
            switch raw {
            case GIT_ENOTFOUND.rawValue: self = .notFound
            case GIT_EEXISTS.rawValue: self = .exists
            case GIT_EMODIFIED.rawValue: self = .modified
            case GIT_ENONFASTFORWARD.rawValue: self = .nonFastForward
            case GIT_ELOCKED.rawValue: self = .locked
            case GIT_EINVALIDSPEC.rawValue: self = .invalidSpec
            case GIT_EBAREREPO.rawValue: self = .bareRepository
            default: self = .other(raw)
            }
        }
    }

    public let code: Code
    public let message: String
    /// The failure was the file system's (libgit2's `GIT_ERROR_OS`): a folder or file that
    /// vanished or could not be made, rather than anything about the repository's content.
    public let isFileSystem: Bool

    public init(code: Code, message: String, isFileSystem: Bool = false) {
        self.code = code
        self.message = message
        self.isFileSystem = isFileSystem
    }

    public var description: String { message }
}

/// Turns a libgit2 status into a thrown `GitError`. `git_error_last()` may be NULL (libgit2
/// does not set a message for every failure), so the message falls back to the code.
@discardableResult
func check(_ status: Int32, _ context: @autoclosure () -> String = "") throws -> Int32 {
    guard status < 0 else { return status }
    var message = "libgit2 error \(status)"
    var isFileSystem = false
    if let last = git_error_last() {
        if let text = last.pointee.message { message = String(cString: text) }
        isFileSystem = last.pointee.klass == Int32(GIT_ERROR_OS.rawValue)
    }
    let prefix = context()
    throw GitError(code: .init(status), message: prefix.isEmpty ? message : "\(prefix): \(message)", isFileSystem: isFileSystem)
}
