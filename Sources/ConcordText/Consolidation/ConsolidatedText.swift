/// The merge of every proposal of a round: paragraph by paragraph, each inserted or deleted
/// span credited to its proposers, competing proposals kept as alternatives.
public struct ConsolidatedText: Sendable {
    public var paragraphs: [ConsolidatedParagraph]

    public init(paragraphs: [ConsolidatedParagraph]) { self.paragraphs = paragraphs }

    public var conflicts: [ConsolidatedParagraph] { paragraphs.filter { $0.status == .conflict } }

    /// The consolidated text as a draft, laid out as `base` (blank lines, line endings):
    /// conflicts keep their base text, deleted paragraphs go.
    public func draftText(shapedLike base: DraftText) -> DraftText {
        DraftText(paragraphs: paragraphs.compactMap { paragraph in
            guard paragraph.status != .deleted, !(paragraph.status == .conflict && paragraph.base == nil),
                  let shape = paragraph.relabelled ?? paragraph.base ?? paragraph.shape else { return nil }
            var result = shape
            result.id = paragraph.id
            result.text = paragraph.text
            if let base = paragraph.base { result.gapBefore = base.gapBefore }
            return result
        }, gapAfter: base.gapAfter, lineEnding: base.lineEnding, endsWithNewline: base.endsWithNewline)
    }
}

/// A span of consolidated text, credited to the members who proposed it.
public struct AttributedSpan: Sendable, Hashable {
    public var text: String
    public var change: Change
    /// Member ids; empty for `.same`.
    public var by: [String]

    public init(text: String, change: Change, by: [String] = []) {
        self.text = text
        self.change = change
        self.by = change == .same ? [] : by
    }
}

public struct ConsolidatedParagraph: Sendable {
    public enum Status: String, Sendable, Codable { case unchanged, amended, added, deleted, conflict }

    public let id: ParagraphID
    public var status: Status
    /// The consolidated text; the base text while in conflict.
    public var text: String
    /// `same`+`insert` read `text`; `same`+`delete` read the base text.
    public var spans: [AttributedSpan]
    /// Distinct proposals where they compete (a conflict, until decided), else empty.
    public var alternatives: [Alternative]
    /// Every distinct proposal on this paragraph, competing or not.
    public var proposals: [Alternative]
    /// Reasons given for the changes applied, member id → reason.
    public var reasons: [String: String]
    /// Members who support a proposal applied here.
    public var supporters: [String]
    /// Members who proposed moving the paragraph.
    public var movedBy: [String]
    /// The move is applied: the paragraph stands where its movers, all agreeing, put it.
    /// False while movers disagree (the base's order stands, for the chair to settle).
    public var isMoved = false
    /// A member's proposal of another label for the paragraph.
    public struct Relabel: Sendable, Hashable {
        public let member: String
        public let label: Label?

        public init(member: String, label: Label?) {
            self.member = member
            self.label = label
        }
    }

    /// Members who proposed another label, with it.
    public var relabels: [Relabel] = []
    /// `RUS: 4` for each relabel, as reports name them.
    public var relabelledBy: [String] { relabels.map { "\($0.member): \($0.label?.rawValue ?? "no label")" } }
    /// The paragraph as its relabellers wrote it, when they all gave it the same label and it
    /// is neither deleted nor in conflict: its head (and label) is the consolidated one. A
    /// member who inserts 2.3 and renumbers the old 2.3 as 2.4, as Word does, has both applied.
    public var relabelled: Paragraph?
    /// The paragraph in the base (nil for an addition).
    public let base: Paragraph?
    /// For an addition, the paragraph as its proposer wrote it (head and label).
    public let shape: Paragraph?
    /// A fingerprint of every proposal on this paragraph, so that a decision taken on one
    /// set of proposals can tell when new ones arrived.
    public let proposalsFingerprint: String
    /// The chair's decision applied here, if any; `isOutdated` when proposals changed since.
    public var decision: Decision?

    public var label: Label? { relabelled?.label ?? shape?.label ?? base?.label }
    /// The head the consolidated text gives the paragraph (indentation, label, separator).
    public var head: String { (relabelled ?? base ?? shape)?.head ?? "" }
    public var baseText: String { base?.text ?? "" }
}

/// The chair's settlement of one paragraph.
public struct Decision: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case accept(member: String)
        case keepBase
        case text(String)
    }

    public var paragraph: ParagraphID
    public var outcome: Outcome
    public var by: String
    public var at: String
    public var reason: String?
    /// `ConsolidatedParagraph.proposalsFingerprint` when the decision was taken.
    public var fingerprint: String
    /// Set by the consolidator when the paragraph's proposals changed since the decision.
    public var isOutdated: Bool = false

    public init(paragraph: ParagraphID, outcome: Outcome, by: String, at: String, reason: String?, fingerprint: String) {
        self.paragraph = paragraph
        self.outcome = outcome
        self.by = by
        self.at = at
        self.reason = reason
        self.fingerprint = fingerprint
    }
}

extension ConsolidatedParagraph {
    /// A paragraph as a consolidation report recorded it, to be shown again: what the
    /// report keeps (the text, its credit, the alternatives, the facts), over `base` from the
    /// round's base text. `label`: the label the report gives it.
    public init(recorded id: ParagraphID, status: Status, text: String, spans: [AttributedSpan], alternatives: [Alternative],
                reasons: [String: String], supporters: [String], movedBy: [String], isMoved: Bool, relabels: [Relabel],
                label: Label?, base: Paragraph?, decision: Decision?) {
        self.id = id
        self.status = status
        self.text = text
        self.spans = spans
        self.alternatives = alternatives
        proposals = alternatives
        self.reasons = reasons
        self.supporters = supporters
        self.movedBy = movedBy
        self.isMoved = isMoved
        self.relabels = relabels
        self.base = base
        // The head is not recorded: a tab after the label, as imported texts have it.
        let shaped = Paragraph(id: id, line: (label.map { $0.rawValue + "\t" } ?? "") + text)
        shape = base == nil ? shaped : nil
        relabelled = base != nil && !relabels.isEmpty && label != base?.label ? shaped : nil
        proposalsFingerprint = ""
        self.decision = decision
    }
}

extension ConsolidatedText {
    /// `stored`, the stored bytes of a consolidation's `draftText(shapedLike: base)`, with the
    /// line of each paragraph `before` replaced by the line of `after`: how `decide` amends a
    /// recorded text without writing it again. Nil when a `before` line is not found exactly
    /// once, or a paragraph stands on no line before or after (deleted, or an added one still
    /// in conflict).
    public static func amending(stored: [UInt8], replacing paragraphs: [(before: ConsolidatedParagraph, after: ConsolidatedParagraph)],
                                shapedLike base: DraftText) -> [UInt8]? {
        var result = stored
        let ending = Array(base.lineEnding.rawValue.utf8)
        for (before, after) in paragraphs {
            guard let old = storedLine(of: before, shapedLike: base), let new = storedLine(of: after, shapedLike: base),
                  let range = onlyLine(old, in: result, ending: ending) else { return nil }
            result.replaceSubrange(range, with: new)
        }
        return result
    }

    /// The line `paragraph` stands on in the stored text, without the blank lines before it
    /// and its line ending.
    static func storedLine(of paragraph: ConsolidatedParagraph, shapedLike base: DraftText) -> [UInt8]? {
        guard var line = ConsolidatedText(paragraphs: [paragraph]).draftText(shapedLike: base).paragraphs.first else { return nil }
        line.gapBefore = []
        return DraftText(paragraphs: [line], gapAfter: [], lineEnding: base.lineEnding, endsWithNewline: false).storedBytes()
    }

    /// Where `line` stands as a whole line of `text`, when it stands so exactly once.
    static func onlyLine(_ line: [UInt8], in text: [UInt8], ending: [UInt8]) -> Range<Int>? {
        var found: Range<Int>?
        var start = 0
        while let match = text.range(of: line, from: start) {
            let isWholeLine = (match.lowerBound == 0 || text[match.lowerBound - 1] == UInt8(ascii: "\n"))
                && (match.upperBound == text.count || text[match.upperBound...].starts(with: ending))
            if isWholeLine {
                guard found == nil else { return nil }
                found = match
            }
            start = match.lowerBound + 1
        }
        return found
    }
}
