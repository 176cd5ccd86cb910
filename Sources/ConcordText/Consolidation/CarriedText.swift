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
        private let textLines: [ParagraphID: String]
        private let currentLines: [ParagraphID: String]
        private let ownLines: [ParagraphID: String]

        public init(of text: DraftText, current: DraftText, own: DraftText? = nil) {
            textLines = CarriedText.lines(text)
            currentLines = CarriedText.lines(current)
            ownLines = own.map(CarriedText.lines) ?? [:]
        }

        public func score(earlier: DraftText) -> Int {
            let earlierLines = CarriedText.lines(earlier)
            var score = 0
            for id in Set(earlierLines.keys).union(currentLines.keys) where earlierLines[id] != currentLines[id] {
                let line = textLines[id]
                if line == earlierLines[id] {
                    score += 1
                } else if line == currentLines[id], ownLines[id] != line {
                    score -= 1
                }
            }
            return score
        }
    }

    /// The member's changes (`text` against `earlier`) applied to `current`.
    public static func carry(_ text: DraftText, from earlier: DraftText, onto current: DraftText) -> Outcome {
        let revision = MemberProposal(member: "revision", diff: ParagraphDiff(from: earlier, to: current))
        let member = MemberProposal(member: "member", diff: ParagraphDiff(from: earlier, to: text))
        let merged = Consolidator.consolidate(base: earlier, proposals: [revision, member])
        let clashes = merged.conflicts.map(\.id)
        guard clashes.isEmpty else { return .clashes(clashes) }
        return .carried(merged.draftText(shapedLike: current))
    }

    static func lines(_ text: DraftText) -> [ParagraphID: String] {
        var result: [ParagraphID: String] = [:]
        for paragraph in text.paragraphs {
            if let id = paragraph.id { result[id] = paragraph.line }
        }
        return result
    }
}
