import ConcordGit
import Foundation

extension DraftingRepository {
    /// How often a write is rebuilt on its branch's new tip when another command moved the
    /// branch first: each lost attempt means another write landed, so 20 attempts let twenty
    /// writers to one branch at once all land. Waiting for another command's lock does not count.
    static let writeAttempts = 20

    /// A reference's lock older than this was left by an interrupted command: Git and Concord
    /// hold one for milliseconds (an update with its sync to disk included).
    static let staleLockAge = 2.0

    /// Runs `write` until it lands on `reference`. `write` reads what it changes at the
    /// reference's current tip, builds its change on that state and moves the reference by
    /// compare-and-swap; when another command moved the reference first, the swap fails and
    /// `write` runs again, reading the new tip, so that what landed meanwhile is kept and a
    /// change that no longer applies is refused for what it is, exactly as if the command had
    /// been run again afterwards. A lock left behind by an interrupted command is named with
    /// what to do, rather than retried in vain.
    func landing<Result>(on reference: String, _ write: () throws -> Result) throws -> Result {
        try bringWorkTreeForwardBeforeWriting()
        var attempt = 0
        var lockedSince: Date?
        while true {
            do {
                let result = try write()
                packWhenLoose()
                return result
            } catch let error as GitError where error.code == .modified || error.code == .exists {
                // Another command moved the reference: read its tip and build again.
                lockedSince = nil
                attempt += 1
                if attempt == Self.writeAttempts {
                    throw DraftingError(.refused, """
                        \(reference) kept moving: other commands wrote to it \(Self.writeAttempts) times while this one ran; \
                        nothing was written, run it again
                        """)
                }
            } catch let error as GitError where error.code == .locked {
                // Another command is writing it: wait, without counting an attempt, until it
                // is done or its lock is old enough to have been left behind.
                if let lock = git.lockFile(ofReference: reference), lock.age >= Self.staleLockAge {
                    throw Self.staleLock(lock)
                }
                let since = lockedSince ?? Date()
                lockedSince = since
                if Date().timeIntervalSince(since) > 3 * Self.staleLockAge {
                    throw DraftingError(.refused, "\(reference) stayed locked (\(error.message)); nothing was written, run it again")
                }
            }
            Thread.sleep(forTimeInterval: Double.random(in: 0.005...0.02) * Double(min(attempt, 10) + 1))
        }
    }

    /// Brings forward a work tree left behind main by an interrupted command, before a command
    /// writes. A file with the user's changes is named when the command moves main
    /// (`commitToMain`); the index's lock, when one was left behind, is named now.
    func bringWorkTreeForwardBeforeWriting() throws {
        do {
            _ = try bringWorkTreeForwardWaitingForTheIndex()
        } catch is DraftingError {
            if let lock = git.indexLockFile { throw Self.staleLock(lock) }
        } catch {
            // Reading or checking out failed otherwise: the command's own write does not need it.
        }
    }

    /// The refusal for a lock file that no running command holds; `then`: what to do once it
    /// is removed.
    static func staleLock(_ lock: LockFile, then: String = "run the command again; nothing was written") -> DraftingError {
        DraftingError(.refused, """
            \(lock.path) was left \(Int(lock.age)) s ago by an interrupted command, and no Concord or git process \
            holds a lock that long: remove it and \(then)
            """)
    }
}
