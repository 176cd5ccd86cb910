import Cgit2

/// One change to a tree: a file's new contents, or its removal.
public enum TreeChange: Sendable {
    case upsert(path: String, blob: ObjectID)
    case remove(path: String)
}

/// A file found in a tree.
public struct TreeEntry: Sendable, Equatable {
    public let name: String
    public let id: ObjectID
    public let isBlob: Bool
    public let mode: FileMode
}

/// What a tree says an entry is, as Git records it.
public enum FileMode: Sendable, Equatable {
    case regular, executable, symbolicLink, submodule, folder
    case other(UInt32)

    init(_ mode: git_filemode_t) {
        switch mode {
        case GIT_FILEMODE_BLOB: self = .regular
        case GIT_FILEMODE_BLOB_EXECUTABLE: self = .executable
        case GIT_FILEMODE_LINK: self = .symbolicLink
        case GIT_FILEMODE_COMMIT: self = .submodule
        case GIT_FILEMODE_TREE: self = .folder
        default: self = .other(mode.rawValue)
        }
    }

    init(rawValue: UInt16) { self.init(git_filemode_t(rawValue: UInt32(rawValue))) }

    /// How people name it: "a symbolic link", "a submodule".
    public var description: String {
        switch self {
        case .regular: "a regular file"
        case .executable: "an executable file"
        case .symbolicLink: "a symbolic link"
        case .submodule: "a submodule"
        case .folder: "a folder"
        case .other(let mode): "an entry of mode \(String(mode, radix: 8))"
        }
    }
}

extension Repository {
    /// The id `bytes` would have as a blob, without writing it: a name for content that is
    /// compared, not kept.
    public static func blobID(of bytes: [UInt8]) throws -> ObjectID {
        var oid = git_oid()
        _ = try bytes.withUnsafeBytes { buffer in
            try check(git_odb_hash(&oid, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB), "cannot hash a blob")
        }
        return ObjectID(oid)
    }

    public func writeBlob(_ bytes: [UInt8]) throws -> ObjectID {
        var oid = git_oid()
        try retryingVanishedFolders {
            _ = try bytes.withUnsafeBytes { buffer in
                try check(git_blob_create_from_buffer(&oid, handle, buffer.baseAddress, buffer.count), "cannot write a blob")
            }
        }
        return ObjectID(oid)
    }

    /// Builds a new tree from `base` (nil: the empty tree) with `changes` applied; touches neither
    /// the index nor the work tree.
    public func writeTree(updating base: ObjectID?, with changes: [TreeChange]) throws -> ObjectID {
        // libgit2 starts from nothing when there is no baseline, which spares writing an empty
        // tree that `git fsck` would then report as dangling.
        let baseTree = try base.map(tree(_:))
        let paths = changes.map { change -> String in
            switch change {
            case .upsert(let path, _), .remove(let path): return path
            }
        }
        var oid = git_oid()
        try withCStrings(paths) { cPaths in
            var updates = zip(changes, cPaths).map { change, path -> git_tree_update in
            var update = git_tree_update()
            update.path = UnsafePointer(path)
            switch change {
            case .upsert(_, let blob):
                update.action = GIT_TREE_UPDATE_UPSERT
                update.id = blob.raw
                update.filemode = GIT_FILEMODE_BLOB
            case .remove:
                update.action = GIT_TREE_UPDATE_REMOVE
            }
            return update
        }
            try retryingVanishedFolders {
                try check(git_tree_create_updated(&oid, handle, baseTree?.pointer, updates.count, &updates), "cannot write a tree")
            }
        }
        return ObjectID(oid)
    }

    /// Writes a commit object without moving any reference: callers publish it with a
    /// compare-and-swap `updateReference`.
    public func writeCommit(tree treeID: ObjectID, parents: [ObjectID], message: String,
                            author: Signature, committer: Signature? = nil) throws -> ObjectID {
        let treeHandle = try tree(treeID)
        // Owned one by one: when a later lookup throws, the parents found before it are freed.
        let parentHandles = try parents.map { parent in
            try make("no commit \(parent)", freedBy: git_commit_free) { out in
                var raw = parent.raw
                return git_commit_lookup(out, handle, &raw)
            }
        }
        var oid = git_oid()
        try author.withGitSignature { authorSignature in
            try (committer ?? author).withGitSignature { committerSignature in
                var parentPointers: [OpaquePointer?] = parentHandles.map(\.pointer)
                try retryingVanishedFolders {
                    try check(git_commit_create(&oid, handle, nil, authorSignature, committerSignature, nil,
                                                message, treeHandle.pointer, parentPointers.count, &parentPointers),
                              "cannot write a commit")
                    // libgit2 up to 1.9 returns success when writing the commit object failed
                    // (its status is dropped), so the commit is looked for before it is used.
                    guard contains(ObjectID(oid)) else {
                        throw GitError(code: .other(-1), message: "cannot write a commit: \(ObjectID(oid)) is missing once written", isFileSystem: true)
                    }
                }
            }
        }
        return ObjectID(oid)
    }

    /// Makes the annotated tag `refs/tags/<name>` on `commit`, never moving one that exists:
    /// a tag that stands already is refused (`GitError.Code.exists`).
    @discardableResult
    public func createTag(_ name: String, on commit: ObjectID, message: String, tagger: Signature) throws -> ObjectID {
        let target = try make("no commit \(commit)", freedBy: git_object_free) { out in
            var raw = commit.raw
            return git_object_lookup(out, handle, &raw, GIT_OBJECT_COMMIT)
        }
        var oid = git_oid()
        try tagger.withGitSignature { signature in
            // libgit2 reports a failed write of the annotation as a failure of its own, not the
            // file system's: anything but a tag standing already may be a folder gone.
            try retryingVanishedFolders(retrying: { $0.code != .exists }) {
                _ = try check(git_tag_create(&oid, handle, name, target.pointer, signature, message, 0), "cannot tag \(commit) as \(name)")
            }
        }
        return ObjectID(oid)
    }

    /// The bytes of the file at `path` in commit `commit`, or nil when there is no such file.
    public func fileContents(at path: String, in commit: ObjectID) throws -> [UInt8]? {
        try blobID(at: path, in: commit).map(blobContents)
    }

    /// The entries of the folder at `path` ("" for the root) in `commit`; empty when there is none.
    public func entries(at path: String, in commit: ObjectID) throws -> [TreeEntry] {
        var folder = try tree(ofCommit: commit)
        if !path.isEmpty {
            guard let entry = try entry(at: path, in: folder), git_tree_entry_type(entry.pointer) == GIT_OBJECT_TREE else { return [] }
            folder = try make("cannot read \(path)", freedBy: git_tree_free) { git_tree_lookup($0, handle, git_tree_entry_id(entry.pointer)) }
        }
        return folder.withPointer { folder in
            (0..<git_tree_entrycount(folder)).map { index in
                let entry = git_tree_entry_byindex(folder, index)
                return TreeEntry(name: String(cString: git_tree_entry_name(entry)),
                                 id: ObjectID(git_tree_entry_id(entry).pointee),
                                 isBlob: git_tree_entry_type(entry) == GIT_OBJECT_BLOB,
                                 mode: FileMode(git_tree_entry_filemode(entry)))
            }
        }
    }

    /// Every entry under the folder at `path` in `commit`, folders walked into, each named by
    /// its path from the root; empty when there is no such folder.
    public func entriesRecursively(at path: String, in commit: ObjectID) throws -> [(path: String, entry: TreeEntry)] {
        try entries(at: path, in: commit).flatMap { entry -> [(path: String, entry: TreeEntry)] in
            let full = path.isEmpty ? entry.name : path + "/" + entry.name
            return entry.mode == .folder ? try entriesRecursively(at: full, in: commit) : [(full, entry)]
        }
    }

    /// The tree a commit records.
    public func treeID(ofCommit commit: ObjectID) throws -> ObjectID {
        try withCommit(commit) { ObjectID(git_commit_tree_id($0).pointee) }
    }

    // MARK: handles

    func tree(_ id: ObjectID) throws -> Handle {
        try make("no tree \(id)", freedBy: git_tree_free) { out in
            var raw = id.raw
            return git_tree_lookup(out, handle, &raw)
        }
    }

    func tree(ofCommit commit: ObjectID) throws -> Handle {
        try tree(treeID(ofCommit: commit))
    }

    /// The entry at `path` (a file or a folder) of `tree`; nil when there is none.
    func entry(at path: String, in tree: Handle) throws -> Handle? {
        var out: OpaquePointer?
        let status = git_tree_entry_bypath(&out, tree.pointer, path)
        if status == GIT_ENOTFOUND.rawValue { return nil }
        try check(status, "cannot read \(path)")
        return Handle(out!, freedBy: git_tree_entry_free)
    }

    func withCommit<R>(_ id: ObjectID, _ body: (OpaquePointer) throws -> R) throws -> R {
        let commit = try make("no commit \(id)", freedBy: git_commit_free) { out in
            var raw = id.raw
            return git_commit_lookup(out, handle, &raw)
        }
        return try commit.withPointer(body)
    }
}
