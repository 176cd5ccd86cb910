#if canImport(Glibc)
import Glibc
#endif
import ConcordGit
import Foundation

extension DraftingRepository {
    /// Where the shared repository notes who pushed each accepted tip: `git log
    /// --notes=concord/pushes` shows it beside the commit.
    public static let receiptsReference = "refs/notes/concord/pushes"

    /// Notes, on the new tip of every update a push made, when it was pushed, to which
    /// reference, for which member and under which host account. Run from `post-receive`,
    /// when the references have moved. Concurrent pushes take turns on a lock file in the
    /// repository, so that none builds notes it would then lose a race with (and leave
    /// behind as unreachable objects); the reference update is still a compare-and-swap.
    ///
    /// A post-receive hook that dies (killed, out of memory) must not lose its receipts: the
    /// push it notes has landed and cannot be refused any more. So each receipt is first
    /// appended to a journal in the repository (`concord-receipts.pending`, synced), and the
    /// journal is emptied once the notes hold it. The next push finds what an interrupted one
    /// left there and notes it too; a receipt the notes already hold (the hook died after
    /// writing them) is not written twice.
    /// Returns the receipts written, and how many of them an interrupted push had left.
    @discardableResult
    public func recordReceipts(for updates: [ReferenceUpdate], pusher: Pusher?) throws -> (written: Int, recovered: Int) {
        let landed = updates.filter { $0.old != $0.new }.compactMap { update in update.new.map { (update.name, $0) } }
        let member = pusher.flatMap { try? memberRegistry().member(forAccount: $0.account) }
        let who = pusher.map { "\(member.map { $0.id.rawValue } ?? "?") (\($0.variable)=\($0.account))" } ?? "an unnamed pusher"
        let author = Signature(name: "Concord shared repository", email: "concord@shared-repository.invalid",
                               time: Int64(now.timeIntervalSince1970))
        let when = timestamp(now)
        let lock = Glibc.open(git.gitDirectory + "concord-receipts.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        if lock >= 0 { flock(lock, LOCK_EX) }
        // Closing the descriptor releases the lock, also when the process dies.
        defer { if lock >= 0 { close(lock) } }
        // Every writer of the receipts holds the lock taken above: a lock file of the notes'
        // reference found now was left by one that died midway, and holds nothing.
        if lock >= 0 { unlink(git.gitDirectory + Self.receiptsReference + ".lock") }
        let journal = ReceiptJournal(path: git.gitDirectory + "concord-receipts.pending")
        let left = try journal.read()
        let mine = landed.map { ReceiptJournal.Entry(commit: $0.1, line: "\(when) \($0.0) pushed by \(who)") }
        try journal.append(mine)
        let receipts = left + mine
        guard !receipts.isEmpty else { return (0, 0) }
        let written = try landing(on: Self.receiptsReference) { () -> Int in
            let tip = try git.reference(Self.receiptsReference)
            var notes = tip
            var written = 0
            for receipt in receipts {
                let earlier = try notes.flatMap { try git.note(on: receipt.commit, notesCommit: $0) } ?? ""
                guard !earlier.split(separator: "\n").contains(Substring(receipt.line)) else { continue }
                notes = try git.writeNote(earlier + receipt.line + "\n", on: receipt.commit, parent: notes, author: author)
                written += 1
            }
            if let notes, notes != tip {
                try git.updateReference(Self.receiptsReference, to: notes, expecting: tip, message: "concord: push receipts")
            }
            return written
        }
        try journal.clear()
        return (written, left.count)
    }
}

/// The receipts a post-receive hook is writing, kept in a file until the notes hold them:
/// one line each, the commit's id and the receipt's text.
struct ReceiptJournal {
    struct Entry: Equatable {
        let commit: ObjectID
        let line: String
    }

    let path: String

    func read() throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let commit = ObjectID(hex: String(parts[0])) else { return nil }
            return Entry(commit: commit, line: String(parts[1]))
        }
    }

    /// Appends and syncs: once this returns, a hook killed later leaves them for the next.
    func append(_ entries: [Entry]) throws {
        guard !entries.isEmpty else { return }
        do {
            if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
            guard let file = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission) }
            defer { try? file.close() }
            try file.seekToEnd()
            try file.write(contentsOf: Data(entries.map { "\($0.commit.hex) \($0.line)\n" }.joined().utf8))
            try file.synchronize()
        } catch {
            throw DraftingError(.refused, "\(path): cannot be written (\(error.localizedDescription))")
        }
    }

    func clear() throws {
        if truncate(path, 0) != 0, errno != ENOENT {
            throw DraftingError(.refused, "\(path): cannot be emptied (\(String(cString: strerror(errno))))")
        }
    }
}
