#if canImport(Glibc)
import Glibc
#endif
import ConcordGit

extension DraftingRepository {
    /// Where the shared repository notes who pushed each accepted tip: `git log
    /// --notes=concord/pushes` shows it beside the commit.
    public static let receiptsReference = "refs/notes/concord/pushes"

    /// Notes, on the new tip of every update a push made, when it was pushed, to which
    /// reference, for which member and under which host account. Run from `post-receive`,
    /// when the references have moved. Concurrent pushes take turns on a lock file in the
    /// repository, so that none builds notes it would then lose a race with (and leave
    /// behind as unreachable objects); the reference update is still a compare-and-swap.
    /// Returns how many notes were written.
    @discardableResult
    public func recordReceipts(for updates: [ReferenceUpdate], pusher: Pusher?) throws -> Int {
        let landed = updates.filter { $0.old != $0.new }.compactMap { update in update.new.map { (update.name, $0) } }
        guard !landed.isEmpty else { return 0 }
        let member = pusher.flatMap { try? memberRegistry().member(forAccount: $0.account) }
        let who = pusher.map { "\(member.map { $0.id.rawValue } ?? "?") (\($0.variable)=\($0.account))" } ?? "an unnamed pusher"
        let author = Signature(name: "Concord shared repository", email: "concord@shared-repository.invalid",
                               time: Int64(now.timeIntervalSince1970))
        let when = timestamp(now)
        let lock = Glibc.open(git.gitDirectory + "concord-receipts.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        if lock >= 0 { flock(lock, LOCK_EX) }
        // Closing the descriptor releases the lock, also when the process dies.
        defer { if lock >= 0 { close(lock) } }
        return try landing(on: Self.receiptsReference) {
            let tip = try git.reference(Self.receiptsReference)
            var notes = tip
            for (name, commit) in landed {
                let earlier = try notes.flatMap { try git.note(on: commit, notesCommit: $0) } ?? ""
                notes = try git.writeNote(earlier + "\(when) \(name) pushed by \(who)\n", on: commit, parent: notes, author: author)
            }
            try git.updateReference(Self.receiptsReference, to: notes!, expecting: tip, message: "concord: push receipts")
            return landed.count
        }
    }
}
