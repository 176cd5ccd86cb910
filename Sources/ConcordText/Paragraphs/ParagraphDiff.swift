/// The paragraph-by-paragraph difference between two versions of a draft, with a word-level
/// redline inside each paragraph.
///
/// Stages:
/// 1. **Identify.** Paragraphs of the new version get the ids of the old paragraphs they come
///    from (`ParagraphAlignment`); the old version's paragraphs without ids get new ones.
/// 2. **Classify.** Each paragraph is ADD (only new), SUP (only old), MOVE (out of the old
///    order), MOD (text changed) or NOC, and relabelled when its label changed. A change
///    that is formatting only (NBSP for a space, U+2011 for a hyphen) is NOC unless asked for.
/// 3. **Redline.** Inside each paragraph whose text changed, `WordDiff` gives the spans;
///    unchanged paragraphs are compared byte for byte and not diffed at all, so the cost
///    grows with what changed.
/// 4. **Order.** Changes read in the new version's order, each deleted paragraph at the place
///    it had among its old neighbours.
public struct ParagraphDiff: Sendable {
    public struct Change: Sendable, Hashable {
        public let id: ParagraphID
        public let op: ParagraphOp
        public let old: Paragraph?
        public let new: Paragraph?
        /// The word-level redline of the paragraph's text: `oldText` of the spans is the old
        /// paragraph's text, `newText` the new one's.
        public let spans: [Span]

        /// The label as printed in the new version (the old one for a deleted paragraph).
        public var label: Label? { new?.label ?? old?.label }
        public var isRelabelled: Bool { old != nil && new != nil && old?.label != new?.label }
        /// Whether anything of the paragraph other than its place differs (text, head, label).
        public var isEdited: Bool { old?.line != new?.line }
    }

    public let changes: [Change]
    /// The new version with every paragraph identified: what the changes lead to.
    public let new: DraftText

    /// - Complexity: O(n log n) in paragraphs, plus a word diff per paragraph whose text changed.
    public init(from old: DraftText, to new: DraftText, reportingFormatting: Bool = false) {
        let old = old.withMissingIDsAssigned()
        let (identified, alignment) = new.identify(against: old)
        self.new = identified
        var changes: [Change] = []
        changes.reserveCapacity(max(old.paragraphs.count, identified.paragraphs.count))
        var nextOld = 0
        func emitDeletions(upTo end: Int) {
            while nextOld < end {
                if alignment.newIndexOfOld[nextOld] == nil {
                    let paragraph = old.paragraphs[nextOld]
                    changes.append(Change(id: paragraph.id!, op: .sup, old: paragraph, new: nil,
                                          spans: paragraph.text.isEmpty ? [] : [Span(text: paragraph.text, change: .delete)]))
                }
                nextOld += 1
            }
        }
        for (newIndex, paragraph) in identified.paragraphs.enumerated() {
            guard let oldIndex = alignment.oldIndexOfNew[newIndex] else {
                changes.append(Change(id: paragraph.id!, op: .add, old: nil, new: paragraph,
                                      spans: paragraph.text.isEmpty ? [] : [Span(text: paragraph.text, change: .insert)]))
                continue
            }
            let moved = !alignment.keepsOrder[newIndex]
            if !moved { emitDeletions(upTo: oldIndex + 1) }
            let before = old.paragraphs[oldIndex]
            let spans = WordDiff.spans(from: before.text, to: paragraph.text)
            let textChanged = spans.contains { $0.change != .same && (reportingFormatting || !$0.isFormattingOnly) }
            let op: ParagraphOp = moved ? .move : textChanged ? .mod : .noc
            changes.append(Change(id: paragraph.id!, op: op, old: before, new: paragraph, spans: spans))
        }
        emitDeletions(upTo: old.paragraphs.count)
        self.changes = changes
    }

    /// How many paragraphs each op concerns.
    public var counts: [ParagraphOp: Int] {
        changes.reduce(into: [:]) { $0[$1.op, default: 0] += 1 }
    }

    /// Rebuilds the new version from the old one and this diff: each kept paragraph's text
    /// from its spans, in the diff's order. Equal to `new`, byte for byte, which tests check.
    public func applied(to old: DraftText) -> DraftText {
        let oldByID = Dictionary(old.withMissingIDsAssigned().paragraphs.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        var paragraphs: [Paragraph] = []
        for change in changes where change.op != .sup {
            guard let target = change.new else { continue }
            var paragraph = (oldByID[change.id] ?? Paragraph(id: change.id, line: "")).withHead(of: target)
            assert(change.old == nil || paragraph.text == change.spans.oldText, "spans do not start from the old text")
            paragraph.text = change.spans.newText
            paragraph.gapBefore = target.gapBefore
            paragraphs.append(paragraph)
        }
        return DraftText(paragraphs: paragraphs, gapAfter: new.gapAfter, lineEnding: new.lineEnding,
                         endsWithNewline: new.endsWithNewline)
    }
}
