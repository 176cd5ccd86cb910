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
    /// Each edited line is read on its own and paired with the base paragraph on its line, as
    /// the whole diff pairs them by id; every other line is the base's, NOC.
    ///
    /// `only`: diff only the lines of these paragraphs, the others left out of `entries` and
    /// counted NOC (every line is still checked, so that nil is returned exactly as without).
    public init?(inPlace patch: LinePatch, base: DiffBase, reportingFormatting: Bool = false, only: Set<ParagraphID>? = nil) {
        guard patch.isInPlace, base.hasUniqueIDs, let paragraphOfLine = base.paragraphOfLine else { return nil }
        var entries: [Entry] = []
        var modified = 0
        for hunk in patch.hunks {
            let line = hunk.lines[0]
            guard hunk.baseStart < paragraphOfLine.count, let index = paragraphOfLine[hunk.baseStart],
                  !line.contains(UInt8(ascii: "\r")),
                  let read = try? DraftText(parsing: line), read.paragraphs.count == 1, read.gapAfter.isEmpty,
                  read.paragraphs[0].gapBefore.isEmpty else { return nil }
            let old = base.identified.paragraphs[index]
            var new = read.paragraphs[0]
            guard let id = new.id, id == old.id else { return nil }
            if let only, !only.contains(id) { continue }
            new.gapBefore = old.gapBefore
            let change = ParagraphDiff.Change(pairing: old, with: new, redline: old.hasSameText(as: new) ? nil : ParagraphDiff.Change.redline(from: old, to: new),
                                              moved: false, reportingFormatting: reportingFormatting)
            if change.op == .mod { modified += 1 }
            guard change.op != .noc || change.isRelabelled || change.changesText else { continue }
            entries.append(Entry(change: change, anchor: index > 0 ? base.identified.paragraphs[index - 1].id : nil))
        }
        var counts: [ParagraphOp: Int] = [:]
        if modified > 0 { counts[.mod] = modified }
        if base.identified.paragraphs.count > modified { counts[.noc] = base.identified.paragraphs.count - modified }
        self.init(entries: entries, counts: counts, reportsFormatting: reportingFormatting)
    }

    /// The paragraphs the member proposes to change (`ParagraphDiff.Change.isProposal`).
    public var touched: [ParagraphDiff.Change] { entries.lazy.map(\.change).filter(\.isProposal) }
}
