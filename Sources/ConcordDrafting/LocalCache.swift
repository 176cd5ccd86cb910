import Foundation

/// Files a command derives from Git objects and keeps in the clone, under
/// `.git/concord/<kind>/`, so that the next command need not derive them again. Each is named
/// by the objects it comes from, which never change, so it never goes stale; a missing,
/// damaged or unwritable file only means deriving it again.
///
/// Local to each clone, like Git's index: never pushed, pulled or trusted as a record.
public struct LocalCache: Sendable {
    let folder: URL

    init(gitDirectory: String, kind: String) {
        folder = URL(fileURLWithPath: gitDirectory, isDirectory: true).appendingPathComponent("concord/\(kind)", isDirectory: true)
    }

    /// The file `name` (a path within the kind's folder), if it is kept.
    public func contents(of name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { Array($0) }
    }

    /// Keeps `bytes` as `name`: written to a file of its own and renamed into place, so that
    /// a reader never sees half of one; a failure is ignored (a read-only clone derives
    /// everything every time).
    public func store(_ bytes: [UInt8], as name: String) {
        let target = folder.appendingPathComponent(name)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(getpid()).\(UInt32.random(in: 0 ... .max))")
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: temporary)
            if rename(temporary.path, target.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}

extension DraftingRepository {
    /// The clone's cache of files of `kind` derived from its objects.
    public func localCache(_ kind: String) -> LocalCache { LocalCache(gitDirectory: git.gitDirectory, kind: kind) }
}
