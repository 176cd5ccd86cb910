import Cgit2

/// An open Git repository. Owns its libgit2 handle, which is freed when it is released.
///
/// Not `Sendable`: libgit2 allows one thread per repository object.
public final class Repository {
    private let owner: Handle
    var handle: OpaquePointer { owner.pointer }
    /// Whether fetched packs go to `git index-pack` (`PackIndexing`), added at the first fetch.
    var indexesFetchedPacksWithGit = false

    private init(_ owner: Handle) { self.owner = owner }

    /// Creates a repository at `path` (making the directory if needed), its first branch
    /// named `initialBranch`. Fails if `path` already holds one.
    public static func create(at path: String, bare: Bool = false, initialBranch: String = "main") throws -> Repository {
        Library.ensureInitialised()
        var options = git_repository_init_options()
        try check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)))
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
        if bare { options.flags |= GIT_REPOSITORY_INIT_BARE.rawValue }
        let handle = try initialBranch.withCString { branch in
            options.initial_head = branch
            return try make("cannot create a repository at \(path)", freedBy: git_repository_free) {
                git_repository_init_ext($0, path, &options)
            }
        }
        return Repository(handle)
    }

    /// Opens the repository at exactly `path` (a work tree or a bare repository).
    public static func open(at path: String) throws -> Repository {
        Library.ensureInitialised()
        return Repository(try make("cannot open a repository at \(path)", freedBy: git_repository_free) {
            git_repository_open_ext($0, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        })
    }

    /// Finds the repository that contains `path`, walking up as `git` does.
    public static func discover(from path: String) throws -> Repository {
        Library.ensureInitialised()
        return Repository(try make("no Git repository at or above \(path)", freedBy: git_repository_free) {
            git_repository_open_ext($0, path, 0, nil)
        })
    }

    /// Opens the repository the environment names (`GIT_DIR`, and in hooks `GIT_QUARANTINE_PATH`
    /// through `GIT_OBJECT_DIRECTORY`), as a hook must to see objects still in quarantine.
    public static func openFromEnvironment() throws -> Repository {
        Library.ensureInitialised()
        return Repository(try make("cannot open the repository named by GIT_DIR", freedBy: git_repository_free) {
            git_repository_open_ext($0, nil, GIT_REPOSITORY_OPEN_FROM_ENV.rawValue, nil)
        })
    }

    public var isBare: Bool { git_repository_is_bare(handle) == 1 }

    /// The `.git` directory (or the bare repository itself), with a trailing slash.
    public var gitDirectory: String { String(cString: git_repository_path(handle)) }

    /// The work tree, with a trailing slash; nil for a bare repository.
    public var workDirectory: String? { git_repository_workdir(handle).map { String(cString: $0) } }

    /// The full name of the branch HEAD points to (`refs/heads/main`), born or not; nil when detached.
    public var headBranch: String? {
        guard let head = try? make(freedBy: git_reference_free, body: { git_reference_lookup($0, handle, "HEAD") }) else { return nil }
        return head.withPointer { head in
            guard git_reference_type(head) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(head) else { return nil }
            return String(cString: target)
        }
    }
}
