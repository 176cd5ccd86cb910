import ConcordGit
import Foundation

extension DraftingRepository {
    /// How often a write is rebuilt on its branch's new tip when another command moved the
    /// branch first (or held its lock). With the growing random pause between attempts, 20
    /// attempts span about 2.5 s: enough for twenty writers to one branch at once.
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
        for attempt in 0..<Self.writeAttempts {
            do {
                return try write()
            } catch let error as GitError where error.code == .modified || error.code == .exists {
                // Another command moved the reference: read its tip and build again.
            } catch let error as GitError where error.code == .locked {
                if let lock = git.lockFile(ofReference: reference), lock.age >= Self.staleLockAge {
                    throw Self.staleLock(lock)
                }
            }
            Thread.sleep(forTimeInterval: Double.random(in: 0.005...0.02) * Double(attempt + 1))
        }
        if let lock = git.lockFile(ofReference: reference) {
            throw lock.age >= Self.staleLockAge ? Self.staleLock(lock) : DraftingError(.refused, """
                \(reference) stayed locked by another command (\(lock.path)); nothing was written, run it again
                """)
        }
        throw DraftingError(.refused, """
            \(reference) kept moving: other commands wrote to it \(Self.writeAttempts) times while this one ran; \
            nothing was written, run it again
            """)
    }

    /// The refusal for a lock file that no running command holds.
    static func staleLock(_ lock: LockFile) -> DraftingError {
        DraftingError(.refused, """
            \(lock.path) was left \(Int(lock.age)) s ago by an interrupted command, and no Concord or git process \
            holds a lock that long: remove it and run the command again; nothing was written
            """)
    }
}
