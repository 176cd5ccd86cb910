/// A member's text edited from an earlier revision, carried onto the current one.
///
/// A member who submits in round N the file it edited in round K < N did not mean to undo what
/// the group adopted in between: its own changes are its text against the revision it started
/// from, and only those are proposed, applied to the current revision. That is a three-way
/// merge, and it is done with the consolidation's own rules (`Consolidator`): the earlier
/// revision is the base, and the two "proposals" are the current revision and the member's
/// text. So a change the revision already adopted folds away (the same edit, credited to both),
/// edits to different words of one paragraph both apply, and edits to the same words (or a
/// deletion of a paragraph the revision changed) clash: a clash is refused rather than guessed.
public enum CarriedText {
    /// What carrying gives: the member's text on the current revision, or the paragraphs where
    /// the member's changes clash with the revision's.
    public enum Outcome: Sendable {
        case carried(DraftText)
        case clashes([ParagraphID])
    }

    /// How much better `text` reads as edited from `earlier` than from `current`: over the
    /// paragraphs the two revisions hold differently, those where the text has the earlier
    /// wording, less those where it has the current one. Above 0, the text is stale: it was
    /// edited from `earlier`. Paragraphs are matched by id, and a paragraph absent from both
    /// counts as agreeing.
    ///
    /// `own`: the member's own earlier submission, if any. Where the text holds the current
    /// wording because the revision adopted the member's own proposal, that says nothing of
    /// which revision it was edited from, and does not count.
    public static func staleness(of text: DraftText, earlier: DraftText, current: DraftText, own: DraftText? = nil) -> Int {
        Staleness(of: text, current: current, own: own).score(earlier: earlier)
    }

    /// `staleness` of one text against several earlier revisions: the text's, the current
    /// revision's and the member's own lines are read once, not once per earlier revision.
    public struct Staleness {
        private let textLines: [ParagraphID: Paragraph]
        private let currentLines: [ParagraphID: Paragraph]
        private let ownLines: [ParagraphID: Paragraph]

        public init(of text: DraftText, current: DraftText, own: DraftText? = nil) {
            textLines = CarriedText.lines(text)
            currentLines = CarriedText.lines(current)
            ownLines = own.map(CarriedText.lines) ?? [:]
        }

        public func score(earlier: DraftText) -> Int {
            let earlierLines = CarriedText.lines(earlier)
            var score = 0
            func count(_ id: ParagraphID) {
                let before = earlierLines[id], now = currentLines[id]
                guard !CarriedText.sameLine(before, now) else { return }
                let line = textLines[id]
                if CarriedText.sameLine(line, before) {
                    score += 1
                } else if CarriedText.sameLine(line, now), !CarriedText.sameLine(ownLines[id], line) {
                    score -= 1
                }
            }
            for id in earlierLines.keys { count(id) }
            for id in currentLines.keys where earlierLines[id] == nil { count(id) }
            return score
        }

    }

    /// Whether two paragraphs (or their absence) read the same line, head and text, byte for
    /// byte; compared in place rather than built as strings.
    static func sameLine(_ a: Paragraph?, _ b: Paragraph?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.withHeadUTF8 { x in b.withHeadUTF8 { y in Bytes.equal(x, y) } } && a.hasSameText(as: b)
    }

    /// The member's changes (`text` against `earlier`) applied to `current`.
    public static func carry(_ text: DraftText, from earlier: DraftText, onto current: DraftText) -> Outcome {
        // Where the member left a paragraph as the earlier revision had it, the merge can only
        // give the current wording: all three sides take it first, so that the merge word-diffs
        // only what the member changed, not every paragraph the revisions changed since.
        let earlierLines = lines(earlier), currentLines = lines(current), textLines = lines(text)
        func settled(_ draft: DraftText) -> DraftText {
            DraftText(paragraphs: draft.paragraphs.map { paragraph in
                guard let id = paragraph.id, let now = currentLines[id], sameLine(textLines[id], earlierLines[id]) else { return paragraph }
                return now
            })
        }
        let earlier = settled(earlier), text = settled(text)
        let revision = MemberProposal(member: "revision", diff: ParagraphDiff(from: earlier, to: current))
        let member = MemberProposal(member: "member", diff: ParagraphDiff(from: earlier, to: text))
        let merged = Consolidator.consolidate(base: earlier, proposals: [revision, member])
        let clashes = merged.conflicts.map(\.id)
        guard clashes.isEmpty else { return .clashes(clashes) }
        return .carried(merged.draftText(shapedLike: current))
    }

    static func lines(_ text: DraftText) -> [ParagraphID: Paragraph] {
        var result: [ParagraphID: Paragraph] = [:]
        result.reserveCapacity(text.paragraphs.count)
        for paragraph in text.paragraphs {
            if let id = paragraph.id { result[id] = paragraph }
        }
        return result
    }
}
