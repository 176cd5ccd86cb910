/// What one member's text changes against the round's base, and nothing else: the changes
/// of its paragraph diff that are not plain NOC, each with the base paragraph it follows.
/// The consolidator, the comparison and the round's status read only these, so that their
/// work grows with what members changed, not with members × paragraphs.
///
/// Made from a whole `ParagraphDiff`, or, when the member edited lines in place
/// (`LinePatch.isInPlace`), from the edited lines alone: the same changes the whole diff
/// would have, which a property test checks.
public struct ProposedChanges: Sendable {
    public struct Entry: Sendable {
        public let change: ParagraphDiff.Change
        /// The base paragraph this one follows in the member's text (nil: none, it is first):
        /// where an addition or a moved paragraph stands.
        public let anchor: ParagraphID?
    }

    /// In the member's reading order: every change but a NOC whose bytes and label are the
    /// base's (a formatting-only NOC is kept, for the comparison to show the member's text).
    public let entries: [Entry]
    /// How many paragraphs each op concerns in the whole diff, NOC included.
    public let counts: [ParagraphOp: Int]
    /// As `ParagraphDiff.reportsFormatting`.
    public let reportsFormatting: Bool

    /// No change at all, on a base of `paragraphCount` paragraphs.
    public static func none(paragraphCount: Int, reportingFormatting: Bool = false) -> ProposedChanges {
        ProposedChanges(entries: [], counts: paragraphCount > 0 ? [.noc: paragraphCount] : [:], reportsFormatting: reportingFormatting)
    }

    init(entries: [Entry], counts: [ParagraphOp: Int], reportsFormatting: Bool) {
        self.entries = entries
        self.counts = counts
        self.reportsFormatting = reportsFormatting
    }

    public init(_ diff: ParagraphDiff) {
        var entries: [Entry] = []
        var anchor: ParagraphID?
        for change in diff.changes {
            if change.op != .noc || change.isRelabelled || change.changesText {
                entries.append(Entry(change: change, anchor: anchor))
            }
            if change.old != nil { anchor = change.id }
        }
        self.init(entries: entries, counts: diff.counts, reportsFormatting: diff.reportsFormatting)
    }

    /// The changes of a member's text that differs from the base's only by lines edited in
    /// place; nil when it differs otherwise (see `LinePatch.isInPlace`), or when an edited
    /// line is not the same paragraph any more (another id, a blank line, a line ending of
    /// its own): those texts are read whole.
    ///
    /// The edited lines are read as one text of their own, a paragraph a line, and each is
    /// paired with the base paragraph on its line, as the whole diff pairs them by id; every
    /// other line is the base's, NOC. One text rather than one per line: the paragraphs keep
    /// slices of one buffer, where a draft made for each of 2,000 edited lines was a tenth
    /// of reading 193 members' texts.
    ///
    /// `only`: diff only the lines of these paragraphs, the others left out of `entries` and
    /// counted NOC (every line is still checked, so that nil is returned exactly as without).
    /// `stored`: redlines kept from an earlier reading of the same text, used where they fit
    /// rather than diffing again.
    public init?(inPlace patch: LinePatch, base: DiffBase, reportingFormatting: Bool = false, only: Set<ParagraphID>? = nil,
                 stored: StoredRedlines? = nil) {
        guard patch.isInPlace, base.hasUniqueIDs, let paragraphOfLine = base.paragraphOfLine,
              let read = Self.editedLines(of: patch) else { return nil }
        var entries: [Entry] = []
        var modified = 0
        for (hunk, var new) in zip(patch.hunks, read) {
            guard hunk.baseStart < paragraphOfLine.count, let index = paragraphOfLine[hunk.baseStart] else { return nil }
            let old = base.identified.paragraphs[index]
            guard let id = new.id, id == old.id else { return nil }
            if let only, !only.contains(id) { continue }
            new.gapBefore = old.gapBefore
            let redline = old.hasSameText(as: new) ? nil
                : stored?.redline(of: id, from: old, to: new) ?? ParagraphDiff.Change.redline(from: old, to: new)
            let change = ParagraphDiff.Change(pairing: old, with: new, redline: redline, moved: false, reportingFormatting: reportingFormatting)
            if change.op == .mod { modified += 1 }
            guard change.op != .noc || change.isRelabelled || change.changesText else { continue }
            entries.append(Entry(change: change, anchor: index > 0 ? base.identified.paragraphs[index - 1].id : nil))
        }
        var counts: [ParagraphOp: Int] = [:]
        if modified > 0 { counts[.mod] = modified }
        if base.identified.paragraphs.count > modified { counts[.noc] = base.identified.paragraphs.count - modified }
        self.init(entries: entries, counts: counts, reportsFormatting: reportingFormatting)
    }

    /// The one line of each hunk of an in-place patch, read as a paragraph each, as it reads
    /// on its own in the member's file; nil when one does not (a blank line, a CR, or lines
    /// the reader would convert or refuse: those files are read whole, which says why).
    private static func editedLines(of patch: LinePatch) -> [Paragraph]? {
        guard !patch.hunks.isEmpty else { return [] }
        var joined: [UInt8] = []
        joined.reserveCapacity(patch.hunks.reduce(0) { $0 + $1.lines[0].count + 1 })
        for (index, hunk) in patch.hunks.enumerated() {
            if index > 0 { joined.append(UInt8(ascii: "\n")) }
            joined += hunk.lines[0]
        }
        guard !joined.contains(UInt8(ascii: "\r")) else { return nil }
        let isReadAsItIs = joined.withUnsafeBufferPointer { bytes in (try? DraftInput(bytes)).map { $0.converted == nil } ?? false }
        guard isReadAsItIs, let read = try? DraftText(parsing: joined), read.paragraphs.count == patch.hunks.count,
              read.gapAfter.isEmpty, read.paragraphs.allSatisfy(\.gapBefore.isEmpty) else { return nil }
        return read.paragraphs
    }

    /// The paragraphs the member proposes to change (`ParagraphDiff.Change.isProposal`).
    public var touched: [ParagraphDiff.Change] { entries.lazy.map(\.change).filter(\.isProposal) }
}
