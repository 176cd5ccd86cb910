import ConcordGit
import Foundation

/// When main is checked out, Concord keeps `Drafts/` of the index and work tree at main's
/// tip. A command killed while it brought them forward (or between moving main and doing so)
/// leaves them at an earlier version of main, some files half written: the next command
/// brings forward every file that holds nothing of the user's, and names the others.
extension DraftingRepository {
    /// How many of main's commits back a lagging file's version is looked for: a file left
    /// behind by an interrupted command holds one of main's recent versions.
    static let workTreeHistoryDepth = 50

    /// Brings the files of `Drafts/` up to main's tip in the index and work tree where they
    /// lag behind it: where the index holds one of main's recent versions of the file (or no
    /// entry), and the work-tree file holds one of them too, or is missing, or is the start of
    /// one of them (a file that an interrupted checkout was writing). Files with the
    /// user's changes are left alone and returned. Does nothing unless main is checked out.
    @discardableResult
    func bringWorkTreeForward() throws -> [String] {
        guard !git.isBare, git.headBranch == Self.mainBranch else { return [] }
        return try git.withWorkTreeLock(bringWorkTreeForwardHoldingTheLock)
    }

    private func bringWorkTreeForwardHoldingTheLock() throws -> [String] {
        guard let tip = try mainTip() else { return [] }
        let differences = try git.workTreeDifferences(under: Self.draftsFolder)
        guard !differences.isEmpty else { return [] }
        var history: [ObjectID] = [tip]
        while history.count < Self.workTreeHistoryDepth, let parent = try git.commitInfo(history.last!).parents.first {
            history.append(parent)
        }
        var forward: [String] = [], left: [String] = []
        for difference in differences {
            let versions = Set(try history.compactMap { try git.blobID(at: difference.path, in: $0) })
            // A file main never had is the user's own. One main had and no longer has (a
            // revision that leaves no proposal open drops its open-proposals file) follows
            // main like any other, when what stands there is a version main had.
            guard difference.head != nil || !versions.isEmpty else { left.append(difference.path); continue }
            let indexLags = difference.index.map(versions.contains) ?? true
            var workTreeLags = true
            if let workTree = difference.workTree {
                workTreeLags = try versions.contains(workTree) || isHalfWritten(difference.path, versions: versions)
            }
            if indexLags && workTreeLags { forward.append(difference.path) } else { left.append(difference.path) }
        }
        try git.resetToHead(forward)
        // The reset drops a file HEAD no longer has from the index; its copy on disk is removed here.
        if let workDirectory = git.workDirectory {
            for path in forward where try git.blobID(at: path, in: tip) == nil {
                try? FileManager.default.removeItem(atPath: workDirectory + path)
            }
        }
        return left
    }

    /// Whether the work-tree file at `path` is a strict beginning of one of `versions`: a
    /// checkout writes a file in place, and one killed midway leaves the start of it.
    private func isHalfWritten(_ path: String, versions: Set<ObjectID>) throws -> Bool {
        guard let workDirectory = git.workDirectory, let onDisk = FileManager.default.contents(atPath: workDirectory + path) else {
            return false
        }
        return try versions.contains { version in
            let committed = try git.blobContents(version)
            return onDisk.count < committed.count && committed.starts(with: onDisk)
        }
    }

    /// `bringWorkTreeForward`, waiting while another command holds the index's lock; a lock
    /// left by an interrupted command is thrown, named. Other failures are thrown as they are.
    func bringWorkTreeForwardWaitingForTheIndex() throws -> [String] {
        let waitingEnds = Date(timeIntervalSinceNow: 3 * Self.staleLockAge)
        while true {
            do {
                return try bringWorkTreeForward()
            } catch let error as GitError where error.code == .locked {
                if let lock = git.indexLockFile, lock.age >= Self.staleLockAge {
                    throw Self.staleLock(lock, then: "run `git checkout main -- \(Self.draftsFolder)` (or any Concord command that writes)")
                }
                if Date() > waitingEnds { throw error }
            }
            Thread.sleep(forTimeInterval: Double.random(in: 0.005...0.02))
        }
    }
}
