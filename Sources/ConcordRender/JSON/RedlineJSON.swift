import ConcordDrafting
import ConcordText
import Foundation

/// One span as every JSON report shows it (DESIGN.md): text, change, and the members it is
/// credited to (none for a plain redline).
struct SpanRecord: Encodable {
    let text: String
    let change: Change
    let by: [String]
    let formatting: Bool?

    init(_ span: Span, by: [String] = []) {
        text = span.text
        change = span.change
        self.by = span.change == .same ? [] : by
        formatting = span.isFormattingOnly ? true : nil
    }
}

/// One paragraph of a diff as JSON reports show it: id, label, op and spans, with the
/// reason where the report has one.
struct ParagraphChangeRecord: Encodable {
    let id: String
    let label: String?
    let op: ParagraphOp
    let relabelled: Bool
    let oldLabel: String?
    let reason: String?
    let spans: [SpanRecord]

    /// `by`: the members credited with every span; `spanCredit`: with each span, in order.
    init(_ change: ParagraphDiff.Change, reason: String? = nil, by: [String] = [], spanCredit: [[String]]? = nil) {
        id = change.id.rawValue
        label = change.label?.rawValue
        op = change.op
        relabelled = change.isRelabelled
        oldLabel = change.isRelabelled ? change.old?.label?.rawValue : nil
        self.reason = reason
        let spans = change.spans
        self.spans = spans.indices.map { SpanRecord(spans[$0], by: spanCredit?[$0] ?? by) }
    }
}

/// `redline --format json` and `diff --format json`: every paragraph with its id, label, op and spans.
public enum RedlineJSON {
    struct Report: Encodable {
        let old: String
        let new: String
        /// A member's diff: its co-sponsors, late admission and supports (`DiffNotes`).
        let coSponsors: [String]?
        let admittedLateBy: String?
        let supports: [ProposalRecord.Support]?
        let paragraphs: [ParagraphChangeRecord]
        let summary: [String: Int]
    }

    /// `credit`: who proposed each change, for a diff between published revisions.
    public static func render(_ diff: ParagraphDiff, old: String, new: String, credit: RevisionCredit? = nil, notes: DiffNotes? = nil) throws -> String {
        let report = Report(
            old: old, new: new, coSponsors: notes.map { $0.record.coSponsors.map(\.rawValue) },
            admittedLateBy: notes?.record.admittedLateBy?.rawValue, supports: notes?.record.supports,
            paragraphs: diff.changes.map { ParagraphChangeRecord($0, reason: notes?.record.reasons[$0.id], spanCredit: credit?.credit($0)) },
            summary: Dictionary(uniqueKeysWithValues: ParagraphOp.allCases.map { ($0.rawValue, diff.counts[$0, default: 0]) }))
        return try DraftJSON.encode(report)
    }
}
