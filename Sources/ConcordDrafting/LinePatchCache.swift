import ConcordGit
import ConcordText
import Foundation

/// The lines of each member's file that differ from its round's base (`LinePatch`), kept
/// under `.git/concord/line-patches/<base blob>/<member blob>`: read once from Git, then
/// from here. Blob ids name contents, so an entry never goes stale; a missing, damaged or
/// unwritable entry only means reading the member's file from Git again.
///
/// Local to each clone, like Git's index: never pushed, pulled or trusted as a record.
struct LinePatchCache: Sendable {
    let folder: URL

    init(gitDirectory: String) {
        folder = URL(fileURLWithPath: gitDirectory, isDirectory: true).appendingPathComponent("concord/line-patches", isDirectory: true)
    }

    private func file(base: ObjectID, member: ObjectID) -> URL {
        folder.appendingPathComponent(base.hex, isDirectory: true).appendingPathComponent(member.hex)
    }

    func patch(base: ObjectID, member: ObjectID) -> LinePatch? {
        FileManager.default.contents(atPath: file(base: base, member: member).path).flatMap { LinePatch(decoding: Array($0)) }
    }

    /// Written to a file of its own and renamed into place, so that a reader never sees half
    /// of one; a failure is ignored (a read-only clone is read from Git every time).
    func store(_ patch: LinePatch, base: ObjectID, member: ObjectID) {
        let target = file(base: base, member: member)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(member.hex).\(getpid()).\(UInt32.random(in: 0 ... .max))")
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(patch.encoded()).write(to: temporary)
            if rename(temporary.path, target.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}
