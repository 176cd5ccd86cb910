import ConcordGit
import ConcordText
import Foundation

/// The lines of each member's file that differ from its round's base (`LinePatch`), kept
/// under `.git/concord/line-patches/<base blob>/<member blob>`: read once from Git, then
/// from here. Beside each, the paragraphs that file touches (`TouchedParagraph`), what a
/// round's status reads, in `<member blob>.touched` (`.touched-formatting` when changes of
/// formatting count), and the word diffs of its edited paragraphs (`StoredRedlines`), in
/// `<member blob>.redlines`. Blob ids name contents, so an entry never goes stale; a missing,
/// damaged or unwritable entry only means reading the member's file from Git again, or
/// diffing its paragraphs again.
///
/// Local to each clone, like Git's index: never pushed, pulled or trusted as a record.
struct LinePatchCache: Sendable {
    let files: LocalCache

    init(gitDirectory: String) { files = LocalCache(gitDirectory: gitDirectory, kind: "line-patches") }

    private func name(base: ObjectID, member: ObjectID) -> String { "\(base.hex)/\(member.hex)" }

    private func touchedName(base: ObjectID, member: ObjectID, reportingFormatting: Bool) -> String {
        name(base: base, member: member) + (reportingFormatting ? ".touched-formatting" : ".touched")
    }

    func patch(base: ObjectID, member: ObjectID) -> LinePatch? {
        files.contents(of: name(base: base, member: member)).flatMap(LinePatch.init(decoding:))
    }

    func store(_ patch: LinePatch, base: ObjectID, member: ObjectID) {
        files.store(patch.encoded(), as: name(base: base, member: member))
    }

    /// The redlines of the file's edited paragraphs (`StoredRedlines`), in `<member blob>.redlines`.
    func redlines(base: ObjectID, member: ObjectID) -> StoredRedlines? {
        files.contents(of: name(base: base, member: member) + ".redlines").flatMap(StoredRedlines.init(decoding:))
    }

    func store(_ redlines: StoredRedlines, base: ObjectID, member: ObjectID) {
        guard !redlines.isEmpty else { return }
        files.store(redlines.encoded(), as: name(base: base, member: member) + ".redlines")
    }

    func touched(base: ObjectID, member: ObjectID, reportingFormatting: Bool) -> [TouchedParagraph]? {
        files.contents(of: touchedName(base: base, member: member, reportingFormatting: reportingFormatting)).flatMap { [TouchedParagraph](decoding: $0) }
    }

    func store(_ touched: [TouchedParagraph], base: ObjectID, member: ObjectID, reportingFormatting: Bool) {
        files.store(touched.encoded(), as: touchedName(base: base, member: member, reportingFormatting: reportingFormatting))
    }
}
