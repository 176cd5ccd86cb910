import Cgit2

extension Repository {
    /// Brings `paths` of the index and work tree from tree `old` to tree `new` after the checked-out
    /// branch was moved underneath them, so that `git status` stays clean. Safe mode: a file
    /// the user modified is left alone and reported, never overwritten. `dryRun`: only find
    /// out whether it would succeed, changing nothing.
    public func followCheckedOutBranch(from old: ObjectID?, to new: ObjectID, paths: [String], dryRun: Bool = false) throws {
        guard !isBare else { return }
        let target = try tree(new)
        let baseline = try old.map(tree(_:))
        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)))
        options.checkout_strategy = GIT_CHECKOUT_SAFE.rawValue | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH.rawValue
            | (dryRun ? GIT_CHECKOUT_DRY_RUN.rawValue : 0)
        if let baseline {
            options.baseline = baseline.pointer
        } else {
            // The branch was born: with no baseline, HEAD (already the new tree) is compared
            // with the work tree, and missing files must be created rather than taken as deleted.
            options.checkout_strategy |= GIT_CHECKOUT_RECREATE_MISSING.rawValue
        }
        try withStringArray(paths) { array in
            options.paths = array
            try check(git_checkout_tree(handle, target.pointer, &options), "the branch moved but the work tree could not follow")
        }
    }
}

extension Repository {
    /// The paths of files that differ between two trees (added, removed or changed).
    public func changedPaths(from old: ObjectID?, to new: ObjectID) throws -> [String] {
        try changedFiles(from: old, to: new).map(\.path)
    }

    /// The files that differ between two trees (added, removed, changed in content or in
    /// mode), each with its mode before (nil: added) and after (nil: removed).
    public func changedFiles(from old: ObjectID?, to new: ObjectID) throws -> [(path: String, old: FileMode?, new: FileMode?)] {
        let oldTree = try old.map(tree(_:))
        let newTree = try tree(new)
        let diff = try make("cannot compare trees", freedBy: git_diff_free) {
            git_diff_tree_to_tree($0, handle, oldTree?.pointer, newTree.pointer, nil)
        }
        return diff.withPointer { diff in
            (0..<git_diff_num_deltas(diff)).compactMap { index in
                guard let delta = git_diff_get_delta(diff, index)?.pointee else { return nil }
                let file = delta.status == GIT_DELTA_DELETED ? delta.old_file : delta.new_file
                return (String(cString: file.path),
                        delta.status == GIT_DELTA_ADDED ? nil : FileMode(rawValue: delta.old_file.mode),
                        delta.status == GIT_DELTA_DELETED ? nil : FileMode(rawValue: delta.new_file.mode))
            }
        }
    }
}
