import Cgit2

/// libgit2 must be initialised once per process before any other call; every entry point
/// that creates a handle goes through `Library.ensureInitialised()`.
enum Library {
    private static let initialised: Bool = {
        git_libgit2_init()
        _ = concord_git_enable_strict_object_creation()
        _ = concord_git_disable_hash_verification_on_read()
        _ = concord_git_set_fsync_gitdir(1)
        return true
    }()

    static func ensureInitialised() { _ = initialised }
}

/// The libgit2 this process loaded, as `1.5.1`: what `concord --version` names beside its own.
public var libgit2Version: String {
    var major: Int32 = 0, minor: Int32 = 0, revision: Int32 = 0
    _ = git_libgit2_version(&major, &minor, &revision)
    return "\(major).\(minor).\(revision)"
}
