import ConcordGit
import ConcordText
import Foundation

/// The verdict on one reference of a push.
public struct PushVerdict: Sendable, Equatable {
    public let update: ReferenceUpdate
    /// Nil when the update is allowed; else one line saying why not.
    public let refusal: String?

    /// What the hook prints for a refusal, and what `concord push` looks for in the server's
    /// messages to tell each reference's reason.
    public var line: String? { refusal.map { Self.refusalLine(update.name, $0) } }

    static func refusalLine(_ name: String, _ reason: String) -> String { "refused \(name): \(reason)" }
}

/// What a pushed reference is, in the drafting workflow's terms.
enum SharedReference {
    case commentBranch(CommentBranch)
    case main
    case consolidation(DraftID)
    /// Tags (published revisions), notes (push receipts), anything else.
    case other

    init(_ name: String) {
        if name == DraftingRepository.mainBranch {
            self = .main
        } else if let branch = CommentBranch(reference: name) {
            self = .commentBranch(branch)
        } else if name.hasPrefix(ConsolidationBranch.prefix), let draft = DraftID(String(name.dropFirst(ConsolidationBranch.prefix.count))) {
            self = .consolidation(draft)
        } else {
            self = .other
        }
    }
}

extension DraftingRepository {
    /// Judges every reference a push wants to move, by the rules of the shared repository as
    /// they stand before the push: the member registry and the round ledgers on its main
    /// branch. Reads only; a `pre-receive` hook must not write (the pushed objects are still
    /// in quarantine, and refs written there would survive a refused push).
    ///
    /// The rules, in the order they are applied (docs in Hooks/README.md):
    /// 1. the host must name the pusher, and the name must be a member's id or account;
    /// 2. only the chair deletes a shared branch or moves one other than forward; only the
    ///    chair or the secretariat create a revision tag (`<draft>/Rev.N`), which never moves;
    /// 3. a member writes only its own comment branches; only the chair or the secretariat
    ///    write main, the consolidation branches and any other reference;
    /// 4. a comment branch's tip must be a submission to the open round of an existing
    ///    draft, built on the round's base, in time (or admitted late by the chair), dated
    ///    neither before its base nor in the future, changing no file but its draft and its
    ///    record, whose text parses with unique paragraph ids and whose record speaks for its
    ///    own member only; each of its commits since the round's base has Concord trailers
    ///    that name this branch's draft and member, and no line elsewhere in its message that
    ///    reads like one;
    /// 5. main must keep a readable registry with a chair or secretariat in it, readable round
    ///    ledgers, and drafts that parse;
    /// 6. whoever pushes, nothing under Drafts/ is anything but a regular file (a symbolic
    ///    link, a submodule or an executable would reach every clone), and no file anywhere
    ///    becomes executable.
    public func judgePush(_ updates: [ReferenceUpdate], pusher: Pusher?) -> [PushVerdict] {
        let member: Member
        let tip: ObjectID?
        do {
            tip = try mainTip()
            member = try identify(pusher, registry: memberRegistry(at: tip))
        } catch {
            return updates.map { PushVerdict(update: $0, refusal: Self.refusal(from: error)) }
        }
        func verdict(on update: ReferenceUpdate, mainTip: ObjectID?) -> PushVerdict {
            // Pushing what is already there changes nothing, whoever does it, whenever.
            guard update.old != update.new else { return PushVerdict(update: update, refusal: nil) }
            do {
                return PushVerdict(update: update, refusal: try judge(update, by: member, mainTip: mainTip))
            } catch {
                var reason = Self.refusal(from: error)
                // Messages that name the reference already stand after it on the refusal line.
                if reason.hasPrefix(update.name + ": ") { reason.removeFirst(update.name.count + 2) }
                return PushVerdict(update: update, refusal: reason)
            }
        }
        // The chair may open a round and submit in one push: comment branches are then judged
        // against the main being pushed, once it has passed rule 5 itself.
        let mainVerdict = updates.first { $0.name == Self.mainBranch }.map { verdict(on: $0, mainTip: tip) }
        let rulesTip = mainVerdict.flatMap { $0.refusal == nil ? $0.update.new : nil } ?? tip
        return updates.map { update in
            update.name == Self.mainBranch ? mainVerdict! : verdict(on: update, mainTip: rulesTip)
        }
    }

    private func identify(_ pusher: Pusher?, registry: MemberRegistry) throws -> Member {
        guard let pusher else {
            throw DraftingError(.refused, "the Git host did not say who is pushing (none of \(Pusher.variables.joined(separator: ", ")) is set); Hooks/README.md says how to pass it")
        }
        guard !registry.members.isEmpty else {
            throw DraftingError(.refused, "the shared repository has no member registry on main yet; its administrator seeds it first (Hooks/README.md)")
        }
        guard let member = registry.member(forAccount: pusher.account) else {
            throw DraftingError(.refused, "\(pusher.variable)=\(pusher.account) is not a member in \(MemberRegistry.path); the chair lists it among its member's accounts there")
        }
        return member
    }

    private func judge(_ update: ReferenceUpdate, by member: Member, mainTip: ObjectID?) throws -> String? {
        let reference = SharedReference(update.name)
        if RevisionTag(reference: update.name) != nil {
            guard member.kind.runsTheProcess else {
                return "only the chair or the secretariat tag published revisions; \(member.id) is a \(member.kind.rawValue)"
            }
            if update.old != nil, update.new != nil { return "a published revision's tag never moves; publish the next revision instead" }
            if update.new == nil, member.kind != .chair { return "only the chair deletes a published revision's tag" }
            return nil
        }
        guard let new = update.new else {
            return member.kind == .chair ? nil
                : "deleting it would drop history others rely on; only the chair deletes a shared branch"
        }
        if let old = update.old, try !git.isAncestor(old, of: new), member.kind != .chair {
            return "not a fast-forward of \(old.hex.prefix(10)): it would rewrite history others rely on; fetch, build on it and push again"
        }
        switch reference {
        case .commentBranch(let branch):
            guard branch.member == member.id else {
                return "only \(branch.member) writes its comment branches; \(member.id) pushes to \(CommentBranch(draft: branch.draft, member: member.id).reference)"
            }
            if let refusal = try judgeFiles(of: new, since: update.old ?? mainTip) { return refusal }
            return try judgeSubmission(on: branch, tip: new, by: member, mainTip: mainTip)
        case .other where !member.kind.runsTheProcess:
            return "\(member.id) may push only its own comment branches (\(CommentBranch.prefix)<draft>/\(member.id))"
        case .main, .consolidation, .other:
            guard member.kind.runsTheProcess else {
                return "only the chair or the secretariat update it; \(member.id) is a \(member.kind.rawValue)"
            }
            // (Any other reference, a tag or notes, need not name a commit, and holds no draft.)
            if case .other = reference { return nil }
            if let refusal = try judgeFiles(of: new, since: update.old ?? mainTip) { return refusal }
            if case .main = reference { return try judgeMain(new, replacing: update.old) }
            return nil
        }
    }

    /// Rule 4, for the tip of `member`'s own comment branch.
    private func judgeSubmission(on branch: CommentBranch, tip: ObjectID, by member: Member, mainTip: ObjectID?) throws -> String? {
        let draft = branch.draft
        guard let mainTip, try draftIDs(at: mainTip).contains(draft) else { return "there is no draft \(draft) on main" }
        guard let round = try roundLedger(for: draft, at: mainTip).latest, round.state == .open else {
            return "draft \(draft) has no open round; submissions are not taken"
        }
        let admission = round.admits(member.id)
        if !round.deadline.admits(now), admission == nil {
            return "the deadline of round \(round.number) on \(draft) (\(round.deadline)) has passed; ask the chair to admit a late submission from \(member.id)"
        }
        guard let source = try Self.loadSubmission(branch, tip: tip, round: round, from: git) else {
            // Stale work is never taken as it is (it would undo what the base took in since):
            // `concord submit` carries only the member's own changes onto the base.
            return "\(tip.hex.prefix(10)) is not built on round \(round.number)'s base (\(round.base.hex.prefix(10))); "
                + "run `concord pull`, `git show \(tip.hex.prefix(10)):\(draft.path) > mine.txt` and "
                + "`concord submit \(draft) mine.txt --as \(member.id)`, which carries your own changes onto the base, then push"
        }
        let recordPath = ProposalRecord.path(for: draft)
        // The date shown as "submitted" is the commit's, which the member writes: it must be
        // plausible. The deadline itself is judged by the server's clock above.
        let committed = try git.commitInfo(tip).committer.time ?? 0, based = try git.commitInfo(round.base).committer.time ?? 0
        let skew: Int64 = 15 * 60
        if committed > Int64(now.timeIntervalSince1970) + skew {
            return "\(tip.hex.prefix(10)) is dated in the future (\(timestamp(Date(timeIntervalSince1970: TimeInterval(committed))))); check the computer's clock and submit again"
        }
        if committed < based - skew {
            return "\(tip.hex.prefix(10)) is dated before round \(round.number)'s base; check the computer's clock and submit again"
        }
        for path in try git.changedPaths(from: git.treeID(ofCommit: round.base), to: git.treeID(ofCommit: tip))
        where path != draft.path && path != recordPath {
            // A plain-git member may have merged a later main: what main holds is not a change.
            guard try git.fileContents(at: path, in: tip) != git.fileContents(at: path, in: mainTip) else { continue }
            return "it changes \(path); a comment branch changes only \(draft.path) and \(recordPath)"
        }
        if let bytes = try git.fileContents(at: recordPath, in: tip) {
            let record = try ProposalRecord(toml: String(decoding: bytes, as: UTF8.self), path: recordPath)
            if record.member != member.id {
                return "\(recordPath) speaks for member \(record.member); a member's record speaks for itself"
            }
        }
        let registry = try memberRegistry(at: mainTip)
        for coSponsor in source.record.coSponsors where registry[coSponsor] == nil || coSponsor == member.id {
            return "\(recordPath) names \(coSponsor) as co-sponsor, who is \(coSponsor == member.id ? "the submitter itself" : "not a member")"
        }
        if let claimed = source.record.admittedLateBy, claimed.rawValue != admission?.by {
            return "\(recordPath) says \(claimed) admitted it late, which round \(round.number)'s ledger does not record"
        }
        for commit in try git.commits(from: tip, hiding: round.base) {
            if let refusal = try judgeTrailers(of: commit, on: branch) { return refusal }
        }
        _ = try source.submission(against: self.draft(draft, at: round.base))
        return nil
    }

    /// Rule 6: what Git itself would write into every clone's work tree.
    private func judgeFiles(of tip: ObjectID, since before: ObjectID?) throws -> String? {
        for (path, entry) in try git.entriesRecursively(at: Self.draftsFolder, in: tip) where entry.mode != .regular {
            return "\(path) is \(entry.mode.description); only regular files go under \(Self.draftsFolder)/"
        }
        for file in try git.changedFiles(from: before.map(git.treeID(ofCommit:)), to: git.treeID(ofCommit: tip))
        where file.new == .executable && file.old != .executable {
            return "it makes \(file.path) executable; a drafting repository holds no programs"
        }
        return nil
    }

    /// Rule 4's trailers: a commit on a member's branch speaks for that branch only, in its
    /// trailers only. Git and Concord read trailers from a message's last paragraph; a line
    /// like one elsewhere (a reason that reads `Concord-Member: RUS`) would mislead a reader
    /// of `git log`, and is refused. A plain-git commit without trailers is the member's own.
    private func judgeTrailers(of commit: ObjectID, on branch: CommentBranch) throws -> String? {
        let (lines, start) = Self.trailerStart(of: try git.commitInfo(commit).message)
        let block = lines[start...]
        let short = commit.hex.prefix(10)
        // The round is left out: a branch carried onto a new base holds its earlier rounds' commits.
        let expected = ["Concord-Draft": branch.draft.rawValue, "Concord-Member": branch.member.rawValue]
        for line in block {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon]), value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if let want = expected[key], value != want {
                return "commit \(short) says \(key): \(value), but this is \(branch.member)'s branch for \(branch.draft)"
            }
        }
        if let forged = lines[..<start].first(where: { $0.trimmingCharacters(in: .whitespaces).range(of: #"^Concord-[A-Za-z-]+\s*:"#, options: .regularExpression) != nil }) {
            return "commit \(short) has a line that reads like a trailer outside its trailers (\(FreeText.escaped(String(forged.prefix(60)))))"
        }
        return nil
    }

    /// Rule 5: what main must carry so that the group can go on working.
    private func judgeMain(_ new: ObjectID, replacing old: ObjectID?) throws -> String? {
        let registry = try memberRegistry(at: new)
        guard registry.members.values.contains(where: \.kind.runsTheProcess) else {
            return "its \(MemberRegistry.path) has no chair or secretariat left; nobody could update main after it"
        }
        let before = try old.map { Dictionary(try git.entries(at: Self.draftsFolder, in: $0).map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a }) } ?? [:]
        // Only what the push changes is read: a chair's push costs what it changed.
        for entry in try git.entries(at: Self.draftsFolder, in: new) where entry.isBlob && before[entry.name] != entry.id {
            if entry.name.hasSuffix(".txt"), let id = DraftID(String(entry.name.dropLast(".txt".count))) {
                _ = try draft(id, at: new)
            } else if entry.name.hasSuffix(".rounds.toml"), let id = DraftID(String(entry.name.dropLast(".rounds.toml".count))) {
                _ = try roundLedger(for: id, at: new)
            }
        }
        return nil
    }

    static func refusal(from error: Error) -> String {
        switch error {
        case let error as DraftingError: error.message
        case let error as GitError: "cannot be checked (\(error.message))"
        default: "cannot be checked (\(error))"
        }
    }
}
