import Cgit2

/// A tracked path whose index entry or work-tree file differs from HEAD's version.
public struct WorkTreeDifference: Sendable, Equatable {
    public let path: String
    /// The blob in HEAD's tree; nil when HEAD has no such file.
    public let head: ObjectID?
    /// The blob the index holds; nil when the index has no entry.
    public let index: ObjectID?
    /// The work-tree file hashed as a blob (with the repository's filters); nil when missing.
    public let workTree: ObjectID?
}

extension Repository {
    /// The tracked paths under `folder` whose index entry or work-tree file is not HEAD's
    /// version (untracked files are not listed). Empty for a bare repository. Reads only: the
    /// index is compared by its cached file sizes and times, as `git status` does.
    public func workTreeDifferences(under folder: String) throws -> [WorkTreeDifference] {
        guard !isBare, let workDirectory else { return [] }
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)))
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
        let list = try withStringArray([folder]) { array -> Handle in
            options.pathspec = array
            return try make("cannot compare the work tree with HEAD", freedBy: git_status_list_free) { git_status_list_new($0, handle, &options) }
        }
        let head = try reference("HEAD")
        return try list.withPointer { list in try (0..<git_status_list_entrycount(list)).compactMap { position -> WorkTreeDifference? in
            guard let entry = git_status_byindex(list, position)?.pointee else { return nil }
            guard let delta = entry.head_to_index ?? entry.index_to_workdir else { return nil }
            let path = String(cString: delta.pointee.new_file.path ?? delta.pointee.old_file.path)
            let inHead = try head.flatMap { try blobID(at: path, in: $0) }
            var inIndex = inHead
            if let staged = entry.head_to_index {
                inIndex = entry.status.rawValue & GIT_STATUS_INDEX_DELETED.rawValue != 0 ? nil : ObjectID(staged.pointee.new_file.id)
            }
            var hashed = git_oid()
            let status = git_repository_hashfile(&hashed, handle, workDirectory + path, GIT_OBJECT_BLOB, path)
            let inWorkTree: ObjectID? = status == 0 ? ObjectID(hashed) : nil
            return WorkTreeDifference(path: path, head: inHead, index: inIndex, workTree: inWorkTree)
        } }
    }

    /// Sets `paths` of the index and work tree to HEAD's version, overwriting what is there:
    /// for paths the caller found to hold nothing of the user's (see `workTreeDifferences`).
    /// The index entries first (`git reset -- paths`): a checkout leaves the entry of a file
    /// that already holds HEAD's version as it was. Then the files (`git checkout -f -- paths`).
    public func resetToHead(_ paths: [String]) throws {
        guard !isBare, !paths.isEmpty, let head = try reference("HEAD") else { return }
        let commit = try make("cannot read HEAD", freedBy: git_object_free) { git_revparse_single($0, handle, "HEAD") }
        try withStringArray(paths) { array in
            try check(git_reset_default(handle, commit.pointer, &array), "cannot reset \(paths.joined(separator: ", ")) in the index")
        }
        let target = try tree(ofCommit: head)
        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)))
        options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH.rawValue
        try withStringArray(paths) { array in
            options.paths = array
            try check(git_checkout_tree(handle, target.pointer, &options), "cannot bring \(paths.joined(separator: ", ")) up to HEAD")
        }
    }

    /// The blob at `path` in commit `commit`, or nil when there is no such file.
    public func blobID(at path: String, in commit: ObjectID) throws -> ObjectID? {
        guard let entry = try entry(at: path, in: tree(ofCommit: commit)), git_tree_entry_type(entry.pointer) == GIT_OBJECT_BLOB else {
            return nil
        }
        return entry.withPointer { ObjectID(git_tree_entry_id($0).pointee) }
    }

    /// The bytes of blob `id`.
    public func blobContents(_ id: ObjectID) throws -> [UInt8] {
        var raw = id.raw
        let blob = try make("cannot read blob \(id)", freedBy: git_blob_free) { git_blob_lookup($0, handle, &raw) }
        return blob.withPointer { blob in
            let size = Int(git_blob_rawsize(blob))
            guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
            return Array(UnsafeRawBufferPointer(start: content, count: size))
        }
    }
}
