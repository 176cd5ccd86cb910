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

/// `redline --format json`: every paragraph with its id, label, op and spans.
public enum RedlineJSON {
    struct ParagraphRecord: Encodable {
        let id: String
        let label: String?
        let op: ParagraphOp
        let relabelled: Bool
        let oldLabel: String?
        let spans: [SpanRecord]
    }

    struct Report: Encodable {
        let old: String
        let new: String
        let paragraphs: [ParagraphRecord]
        let summary: [String: Int]
    }

    public static func render(_ diff: ParagraphDiff, old: String, new: String) throws -> String {
        let report = Report(
            old: old, new: new,
            paragraphs: diff.changes.map { change in
                ParagraphRecord(id: change.id.rawValue, label: change.label?.rawValue, op: change.op,
                                relabelled: change.isRelabelled,
                                oldLabel: change.isRelabelled ? change.old?.label?.rawValue : nil,
                                spans: change.spans.map { SpanRecord($0) })
            },
            summary: Dictionary(uniqueKeysWithValues: ParagraphOp.allCases.map { ($0.rawValue, diff.counts[$0, default: 0]) }))
        return try DraftJSON.encode(report)
    }
}
