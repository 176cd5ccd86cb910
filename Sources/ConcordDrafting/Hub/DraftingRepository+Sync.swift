import ConcordGit

/// What `pull` did to one of the group's branches.
public struct PulledBranch: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        /// The local branch did not exist and now does.
        case created
        /// Moved forward to the shared repository's tip.
        case updated
        case upToDate = "up to date"
        /// The local branch has commits the shared repository lacks: push them.
        case ahead
        /// Both moved: the local branch is kept, the shared one is under the tracking name.
        case diverged
        /// The branch is checked out and the work tree has changes the shared tip would
        /// overwrite: nothing was moved.
        case keptForLocalChanges = "kept for local changes"

        /// Whether the user must act before the branch can follow the shared one.
        public var needsAttention: Bool { self == .diverged || self == .keptForLocalChanges }
    }

    public let branch: String
    public let outcome: Outcome
}

/// What the shared repository said about one pushed reference.
public struct PushedBranch: Sendable, Equatable {
    public let branch: String
    /// Nil when accepted; else the hook's reason, or Git's when no hook spoke, or why it was
    /// not sent (the shared branch has commits this one lacks).
    public let refusal: String?
    /// The shared repository had it already: nothing was sent.
    public var upToDate = false
}

extension DraftingRepository {
    /// The references `member` may write on a shared repository, as its hooks judge: its own
    /// comment branches (only for `drafts`, when given); for the chair and the secretariat
    /// also main and the consolidation branches.
    public func pushableReferences(of member: MemberID, drafts: [DraftID]) throws -> [String] {
        let runsTheProcess = try memberRegistry().member(member).kind.runsTheProcess
        var names = try git.referenceNames(matching: "\(CommentBranch.prefix)*/\(member.rawValue)").filter { name in
            guard let branch = CommentBranch(reference: name), branch.member == member else { return false }
            return drafts.isEmpty || drafts.contains(branch.draft)
        }
        if runsTheProcess {
            if try mainTip() != nil { names.insert(Self.mainBranch, at: 0) }
            names += try git.referenceNames(matching: "\(ConsolidationBranch.prefix)*").filter { name in
                drafts.isEmpty || drafts.contains { name == ConsolidationBranch(draft: $0).reference }
            }
            names += try git.referenceNames(matching: "refs/tags/*").filter { name in
                guard let tag = RevisionTag(reference: name) else { return false }
                return drafts.isEmpty || drafts.contains(tag.draft)
            }
        }
        guard !names.isEmpty else {
            throw DraftingError(.refused, "member \(member) has nothing to push\(drafts.isEmpty ? "" : " on \(drafts.map(\.rawValue).joined(separator: ", "))"); submit first")
        }
        return names
    }

    /// Pushes `member`'s references to `remote` (a remote's name or a URL), never forcing:
    /// the shared repository's hooks decide. Each reference's verdict is returned with the
    /// hook's reason, and the server's other messages as they came.
    public func push(as member: MemberID, drafts: [DraftID] = [], to remote: String,
                     credentials: RemoteCredentials) throws -> (branches: [PushedBranch], serverMessages: [String]) {
        try checkRemote(remote)
        // Git runs a repository's hooks only when a server receives the push: written through
        // the file system, the references would move with no rule checked.
        if let path = git.localRemotePath(remote), HookScripts.areInstalled(in: path) {
            throw DraftingError(.refused, "\(path) runs Concord's hooks, and a push by path writes its references directly, "
                + "without them; push to its ssh or https address instead (its administrator has it)")
        }
        let candidates = try pushableReferences(of: member, drafts: drafts)
        // libgit2 refuses a whole push when one reference would not be a fast-forward: those
        // are left out and reported, the others go, on the connection that listed them.
        var held: [String: PushedBranch] = [:]
        let transfer = try git.push(to: remote, credentials: credentials) { shared in
            var names: [String] = []
            for name in candidates {
                guard let local = try git.reference(name) else { continue }
                if let theirs = shared[name] {
                    if theirs == local {
                        held[name] = PushedBranch(branch: name, refusal: nil, upToDate: true)
                        continue
                    }
                    guard RevisionTag(reference: name) == nil else {
                        held[name] = PushedBranch(branch: name, refusal: "the shared repository's tag of that name names another commit; a published revision's tag never moves")
                        continue
                    }
                    guard git.contains(theirs), try git.isAncestor(theirs, of: local) else {
                        held[name] = PushedBranch(branch: name, refusal: "the shared repository has commits this branch lacks; run `concord pull`, then push")
                        continue
                    }
                }
                names.append(name)
            }
            return names.map { "\($0):\($0)" }
        }
        var explained = Set<String>()
        let branches = candidates.map { name -> PushedBranch in
            if let held = held[name] { return held }
            // A reference the server never reported on did not move either.
            guard let status = transfer.references.first(where: { $0.name == name }) else {
                return PushedBranch(branch: name, refusal: "the server did not report on it")
            }
            guard let refusal = status.refusal else { return PushedBranch(branch: name, refusal: nil) }
            let marker = PushVerdict.refusalLine(name, "")
            if let line = transfer.serverMessages.first(where: { $0.contains(marker) }) {
                explained.insert(line)
                return PushedBranch(branch: name, refusal: String(line[line.range(of: marker)!.upperBound...]))
            }
            return PushedBranch(branch: name, refusal: refusal)
        }
        return (branches, transfer.serverMessages.filter { !explained.contains($0) })
    }

    /// The shared branches `pull` brings in: main (with the rounds and the registry), every
    /// comment branch, every consolidation branch. (And the revision tags, beside them.)
    static let sharedBranchGlobs = [mainBranch, "\(CommentBranch.prefix)*", "\(ConsolidationBranch.prefix)*"]

    /// Fetches every shared branch and the push receipts from `remote` into its tracking
    /// references (`refs/remotes/<remote>/…`, or `refs/remotes/hub/…` for a URL), then moves
    /// each local branch forward to the shared tip when that loses nothing: a branch with
    /// local commits is kept and reported, never overwritten. A checked-out main brings its
    /// work tree along.
    public func pull(from remote: String, credentials: RemoteCredentials) throws -> [PulledBranch] {
        try checkRemote(remote)
        return try git.syncingOnceAfter { try pullSyncingOnce(from: remote, credentials: credentials) }
    }

    private func pullSyncingOnce(from remote: String, credentials: RemoteCredentials) throws -> [PulledBranch] {
        let tracking = "refs/remotes/\(git.hasRemote(named: remote) ? remote : "hub")/"
        let heads = "refs/heads/"
        let refspecs = Self.sharedBranchGlobs.map { "+\($0):\(tracking)\($0.dropFirst(heads.count))" }
            + ["+\(Self.receiptsReference):\(Self.receiptsReference)", "+refs/tags/*:\(tracking)tags/*"]
        try git.fetch(from: remote, refspecs: refspecs, credentials: credentials)
        var pulled: [PulledBranch] = []
        for glob in Self.sharedBranchGlobs {
            for trackingName in try git.referenceNames(matching: tracking + glob.dropFirst(heads.count)) {
                guard let shared = try git.reference(trackingName) else { continue }
                let branch = heads + trackingName.dropFirst(tracking.count)
                pulled.append(PulledBranch(branch: branch, outcome: try bringForward(branch, to: shared)))
            }
        }
        // Revision tags are made once and never move: a missing one is created, one that names
        // another commit here is kept and reported.
        for trackingName in try git.referenceNames(matching: tracking + "tags/*") {
            let name = "refs/" + trackingName.dropFirst(tracking.count)
            guard RevisionTag(reference: name) != nil, let shared = try git.reference(trackingName) else { continue }
            let local = try git.reference(name)
            if local == shared { pulled.append(PulledBranch(branch: name, outcome: .upToDate)); continue }
            if local != nil { pulled.append(PulledBranch(branch: name, outcome: .diverged)); continue }
            do {
                try git.updateReference(name, to: shared, expecting: nil, message: "concord: pull")
                pulled.append(PulledBranch(branch: name, outcome: .created))
            } catch let error as GitError where error.code == .exists || error.code == .modified || error.code == .locked {
                pulled.append(PulledBranch(branch: name, outcome: .diverged))
            }
        }
        return pulled
    }

    /// A bare word that is no configured remote is a typo, not a URL or a path.
    private func checkRemote(_ remote: String) throws {
        guard git.hasRemote(named: remote) || remote.contains("/") || remote.contains(":") else {
            throw DraftingError(.badInput, "\(remote): no remote of that name (`git remote -v` lists them); give its name or a URL")
        }
    }

    private func bringForward(_ branch: String, to shared: ObjectID) throws -> PulledBranch.Outcome {
        let local = try git.reference(branch)
        if local == shared { return .upToDate }
        if let local, try !git.isAncestor(local, of: shared) {
            return try git.isAncestor(shared, of: local) ? .ahead : .diverged
        }
        var followWorkTree: (() throws -> Void)?
        if git.headBranch == branch {
            let oldTree = try local.map(git.treeID(ofCommit:))
            let newTree = try git.treeID(ofCommit: shared)
            let paths = try git.changedPaths(from: oldTree, to: newTree)
            // Tried first without touching anything: a branch moved under a work tree that
            // cannot follow would leave the index staging the reverse of what came in.
            do {
                try git.followCheckedOutBranch(from: oldTree, to: newTree, paths: paths, dryRun: true)
            } catch is GitError {
                return .keptForLocalChanges
            }
            followWorkTree = { try self.git.followCheckedOutBranch(from: oldTree, to: newTree, paths: paths) }
        }
        do {
            try git.updateReference(branch, to: shared, expecting: local, message: "concord: pull")
        } catch let error as GitError where error.code == .modified || error.code == .exists || error.code == .locked {
            throw DraftingError(.refused, "\(branch) moved while pulling; it was left as it was, run it again")
        }
        try followWorkTree?()
        return local == nil ? .created : .updated
    }
}
