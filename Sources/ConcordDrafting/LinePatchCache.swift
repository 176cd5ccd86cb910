import ConcordGit
import ConcordText
import Foundation

/// The lines of each member's file that differ from its round's base (`LinePatch`), kept
/// under `.git/concord/line-patches/<base blob>/<member blob>`: read once from Git, then
/// from here. Beside each, the paragraphs that file touches (`TouchedParagraph`), what a
/// round's status reads, in `<member blob>.touched` (`.touched-formatting` when changes of
/// formatting count). Blob ids name contents, so an entry never goes stale; a missing,
/// damaged or unwritable entry only means reading the member's file from Git again.
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

    private func touchedFile(base: ObjectID, member: ObjectID, reportingFormatting: Bool) -> URL {
        folder.appendingPathComponent(base.hex, isDirectory: true)
            .appendingPathComponent(member.hex + (reportingFormatting ? ".touched-formatting" : ".touched"))
    }

    func patch(base: ObjectID, member: ObjectID) -> LinePatch? {
        FileManager.default.contents(atPath: file(base: base, member: member).path).flatMap { LinePatch(decoding: Array($0)) }
    }

    func store(_ patch: LinePatch, base: ObjectID, member: ObjectID) {
        write(patch.encoded(), to: file(base: base, member: member))
    }

    func touched(base: ObjectID, member: ObjectID, reportingFormatting: Bool) -> [TouchedParagraph]? {
        FileManager.default.contents(atPath: touchedFile(base: base, member: member, reportingFormatting: reportingFormatting).path)
            .flatMap { [TouchedParagraph](decoding: Array($0)) }
    }

    func store(_ touched: [TouchedParagraph], base: ObjectID, member: ObjectID, reportingFormatting: Bool) {
        write(touched.encoded(), to: touchedFile(base: base, member: member, reportingFormatting: reportingFormatting))
    }

    /// Written to a file of its own and renamed into place, so that a reader never sees half
    /// of one; a failure is ignored (a read-only clone is read from Git every time).
    private func write(_ bytes: [UInt8], to target: URL) {
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
