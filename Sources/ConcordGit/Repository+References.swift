import Cgit2

extension Repository {
    /// The commit a reference (full name, e.g. `refs/heads/main`) points to, peeled through
    /// symbolic references and tags; nil when it does not exist or is unborn.
    public func reference(_ name: String) throws -> ObjectID? {
        var oid = git_oid()
        let status = git_reference_name_to_id(&oid, handle, name)
        if status == GIT_ENOTFOUND.rawValue { return nil }
        try check(status, "cannot read \(name)")
        return ObjectID(oid)
    }

    /// Moves `name` to `new` only if it still points to `expected` (nil: only if it does not
    /// exist yet). Loses with `GitError.Code.modified` or `.exists` when someone moved it
    /// meanwhile, so that no update is ever silently overwritten.
    ///
    /// A `git gc` packing the references beside it can remove the folder of the reference's
    /// lock file under libgit2 (`retryingVanishedFolders`): tried again while the reference
    /// is still where it was expected.
    public func updateReference(_ name: String, to new: ObjectID, expecting expected: ObjectID?,
                                message: String) throws {
        try retryingVanishedFolders(attempts: 10, retrying: { $0.isFileSystem && (try? reference(name)) == expected }) {
            try swapReference(name, to: new, expecting: expected, message: message)
        }
    }

    private func swapReference(_ name: String, to new: ObjectID, expecting expected: ObjectID?, message: String) throws {
        var target = new.raw
        var out: OpaquePointer?
        if var current = expected?.raw {
            try check(git_reference_create_matching(&out, handle, name, &target, 1, &current, message),
                      "cannot update \(name)")
        } else {
            try check(git_reference_create(&out, handle, name, &target, 0, message), "cannot create \(name)")
        }
        git_reference_free(out)
    }

    /// Full names of the references matching a glob such as `refs/heads/comments/*`, sorted.
    public func referenceNames(matching glob: String) throws -> [String] {
        let iterator = try make("cannot list \(glob)", freedBy: git_reference_iterator_free) {
            git_reference_iterator_glob_new($0, handle, glob)
        }
        var names: [String] = []
        var name: UnsafePointer<CChar>?
        while true {
            let status = git_reference_next_name(&name, iterator.pointer)
            if status == GIT_ITEROVER.rawValue { break }
            try check(status, "cannot list \(glob)")
            names.append(String(cString: name!))
        }
        return names.sorted()
    }

    /// The references matching a glob, each with the commit it points at (nil for a symbolic
    /// one), read in one pass: listing the names and then looking each up reads every loose
    /// reference twice.
    public func referenceTargets(matching glob: String) throws -> [(name: String, target: ObjectID?)] {
        let iterator = try make("cannot list \(glob)", freedBy: git_reference_iterator_free) {
            git_reference_iterator_glob_new($0, handle, glob)
        }
        var references: [(name: String, target: ObjectID?)] = []
        var reference: OpaquePointer?
        while true {
            let status = git_reference_next(&reference, iterator.pointer)
            if status == GIT_ITEROVER.rawValue { break }
            try check(status, "cannot list \(glob)")
            defer { git_reference_free(reference) }
            references.append((String(cString: git_reference_name(reference)), git_reference_target(reference).map { ObjectID($0.pointee) }))
        }
        return references.sorted { $0.name < $1.name }
    }

    /// Whether `name` is a well-formed full reference name (as `git check-ref-format`).
    public static func isValidReferenceName(_ name: String) -> Bool {
        Library.ensureInitialised()
        var valid: Int32 = 0
        return git_reference_name_is_valid(&valid, name) == 0 && valid == 1
    }

    /// Resolves a revision expression (`main`, `HEAD~2`, a hex id, `refs/…`) to a commit.
    public func resolveCommit(_ revision: String) throws -> ObjectID {
        let object = try make("unknown revision \(revision)", freedBy: git_object_free) { git_revparse_single($0, handle, revision) }
        let commit = try make("\(revision) is not a commit", freedBy: git_object_free) {
            git_object_peel($0, object.pointer, GIT_OBJECT_COMMIT)
        }
        return commit.withPointer { ObjectID(git_object_id($0).pointee) }
    }
}
