import Cgit2

/// What a commit says about itself.
public struct CommitInfo: Sendable, Equatable {
    public let id: ObjectID
    public let parents: [ObjectID]
    public let message: String
    public let author: Signature
    public let committer: Signature
}

extension Repository {
    public func commitInfo(_ id: ObjectID) throws -> CommitInfo {
        try withCommit(id) { commit in
            CommitInfo(
                id: id,
                parents: (0..<git_commit_parentcount(commit)).map { ObjectID(git_commit_parent_id(commit, $0).pointee) },
                message: String(cString: git_commit_message(commit)),
                author: Signature(git_commit_author(commit)),
                committer: Signature(git_commit_committer(commit)))
        }
    }

    /// Commits reachable from `tip`, newest first (topological, then by time), at most `limit`.
    public func history(from tip: ObjectID, limit: Int = .max) throws -> [ObjectID] {
        try walk(from: tip, hiding: nil, sorted: true, limit: limit)
    }

    /// Commits reachable from `tip` and not from `hidden` (`git rev-list tip ^hidden`), in no
    /// order: unsorted, the walk stops where the two histories meet rather than sorting all.
    public func commits(from tip: ObjectID, hiding hidden: ObjectID) throws -> Set<ObjectID> {
        Set(try walk(from: tip, hiding: hidden, sorted: false, limit: .max))
    }

    private func walk(from tip: ObjectID, hiding hidden: ObjectID?, sorted: Bool, limit: Int) throws -> [ObjectID] {
        let walk = try make(freedBy: git_revwalk_free) { git_revwalk_new($0, handle) }
        if sorted { try check(git_revwalk_sorting(walk.pointer, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue)) }
        var start = tip.raw
        try check(git_revwalk_push(walk.pointer, &start), "cannot walk from \(tip)")
        if let hidden {
            var end = hidden.raw
            try check(git_revwalk_hide(walk.pointer, &end), "cannot walk from \(tip) to \(hidden)")
        }
        var ids: [ObjectID] = []
        var oid = git_oid()
        while ids.count < limit {
            let status = git_revwalk_next(&oid, walk.pointer)
            if status == GIT_ITEROVER.rawValue { break }
            try check(status)
            ids.append(ObjectID(oid))
        }
        return ids
    }

    /// The best common ancestor of two commits, or nil when they share no history.
    public func mergeBase(_ a: ObjectID, _ b: ObjectID) throws -> ObjectID? {
        var out = git_oid(), one = a.raw, two = b.raw
        let status = git_merge_base(&out, handle, &one, &two)
        if status == GIT_ENOTFOUND.rawValue { return nil }
        try check(status, "cannot find the merge base of \(a) and \(b)")
        return ObjectID(out)
    }

    /// Whether `ancestor` is `descendant` or one of its ancestors (a fast-forward is possible).
    public func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) throws -> Bool {
        if ancestor == descendant { return true }
        var one = descendant.raw, two = ancestor.raw
        return try check(git_graph_descendant_of(handle, &one, &two)) == 1
    }
}
