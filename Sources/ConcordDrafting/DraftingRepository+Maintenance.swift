import ConcordGit
import Foundation

/// Keeping the repository compact, as Git keeps its own (docs/scale.md).
///
/// Every submission writes the member's whole text as a new object, so a round of 193
/// members on a long draft leaves hundreds of megabytes of loose objects that differ by a
/// few lines. Packed, each is a small delta against another. Concord asks `git gc` to do the
/// packing rather than libgit2's packbuilder: git reuses the deltas already in its packs
/// (libgit2 computes every delta again: pulling one round of 2,000 paragraphs by path took
/// 3.3 s through it, 0.4 s through git), bounds its memory, prunes what nothing reaches only after a grace period,
/// and packs the references too; with the packbuilder Concord would also have to delete
/// loose object files itself, which is the kind of code that loses data on a slip.
public struct RepositorySize: Sendable, Equatable {
    public var looseObjects: Int
    public var looseBytes: Int
    public var packs: Int
    /// The packs and their indexes.
    public var packBytes: Int
}

extension DraftingRepository {
    /// Loose objects past either threshold (estimated from a sixteenth of the object
    /// folders, as `git gc --auto` estimates from one folder) start `git gc` in the background.
    /// `git config concord.autoPackObjects N` sets the count (0: never), as `gc.auto` does for git.
    static let looseObjectThreshold = 1024
    static let looseByteThreshold = 32 << 20

    /// The objects' folder as it stands: loose objects and packs, in files and bytes.
    public func repositorySize() -> RepositorySize {
        let objects = URL(fileURLWithPath: git.gitDirectory).appendingPathComponent("objects")
        var size = RepositorySize(looseObjects: 0, looseBytes: 0, packs: 0, packBytes: 0)
        for folder in (0 ..< 256).map({ String(format: "%02x", $0) }) {
            let (count, bytes) = Self.files(in: objects.appendingPathComponent(folder))
            size.looseObjects += count
            size.looseBytes += bytes
        }
        let packFolder = objects.appendingPathComponent("pack")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: packFolder.path)) ?? [] where name.hasSuffix(".pack") || name.hasSuffix(".idx") {
            if name.hasSuffix(".pack") { size.packs += 1 }
            size.packBytes += Self.fileSize(packFolder.appendingPathComponent(name))
        }
        return size
    }

    /// Packs the repository with `git gc` (`--aggressive`: search deltas harder, for a
    /// secretariat archiving a finished text), and forgets the line patches of rounds no
    /// longer open. Returns the size before and after.
    public func collectGarbage(aggressive: Bool = false) throws -> (before: RepositorySize, after: RepositorySize) {
        let before = repositorySize()
        let status = try runGit(["gc", "--quiet"] + (aggressive ? ["--aggressive"] : []), in: git.gitDirectory, waiting: true)
        guard status == 0 else { throw DraftingError(.refused, "git gc exited with status \(status); the repository is as it was") }
        forgetLinePatchesOfClosedRounds()
        return (before, repositorySize())
    }

    /// After a write: when loose objects pass a threshold, or always after publishing a
    /// revision (the end of a round, when a round's worth of texts lies loose), `git gc` runs
    /// in the background, so that no command waits for it. One at a time: git takes `gc.pid`
    /// for the run.
    func packWhenLoose(always: Bool = false) {
        let threshold = git.integerConfiguration("concord.autoPackObjects") ?? Self.looseObjectThreshold
        guard threshold > 0 else { return }
        if always {
            _ = try? runGit(["gc", "--quiet"], in: git.gitDirectory, waiting: false)
            return
        }
        // Every folder read when the threshold is small, where a sample would guess wrong.
        let sample = threshold < 256 ? 1 : 16
        let objects = URL(fileURLWithPath: git.gitDirectory).appendingPathComponent("objects")
        var count = 0, bytes = 0
        for folder in stride(from: 0, to: 256, by: sample) {
            let (files, size) = Self.files(in: objects.appendingPathComponent(String(format: "%02x", folder)))
            count += files
            bytes += size
        }
        guard count * sample >= threshold || bytes * sample >= Self.looseByteThreshold else { return }
        _ = try? runGit(["gc", "--quiet"], in: git.gitDirectory, waiting: false)
    }

    /// Line patches are kept per round base (`LinePatchCache`); a base no open round reads
    /// from is dropped. A cache: when the drafts cannot be read, nothing is dropped.
    func forgetLinePatchesOfClosedRounds() {
        let cache = LinePatchCache(gitDirectory: git.gitDirectory)
        var bases: Set<String> = []
        guard let drafts = try? draftIDs() else { return }
        for draft in drafts {
            // A draft with no round yet has nothing cached.
            guard let round = try? currentRound(of: draft) else { continue }
            if round.state == .open, let blob = try? git.blobID(at: draft.path, in: round.base) { bases.insert(blob.hex) }
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: cache.files.folder.path)) ?? [] where !bases.contains(name) {
            try? FileManager.default.removeItem(at: cache.files.folder.appendingPathComponent(name))
        }
    }

    /// Runs `git` on the repository at `gitDirectory` (a bare one, or a `.git` folder), its
    /// output discarded; `waiting: false` leaves it running.
    private func runGit(_ arguments: [String], in gitDirectory: String, waiting: Bool) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "--git-dir=\(gitDirectory)"] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = waiting ? FileHandle.standardError : FileHandle.nullDevice
        do { try process.run() } catch {
            throw DraftingError(.refused, "cannot run git (\(error.localizedDescription)); concord gc needs git installed")
        }
        guard waiting else { return 0 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    private static func files(in folder: URL) -> (count: Int, bytes: Int) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return (names.count, names.reduce(0) { $0 + fileSize(folder.appendingPathComponent($1)) })
    }

    private static func fileSize(_ file: URL) -> Int {
        var info = stat()
        return stat(file.path, &info) == 0 ? Int(info.st_size) : 0
    }
}
