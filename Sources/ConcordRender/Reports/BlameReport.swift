import ConcordText
import Foundation

/// `blame`: each span of a consolidated text → the member(s) and the commit that introduced
/// it. Reads the report that `consolidate --commit` stores, so any committed revision can be
/// blamed, not only the current one.
public enum BlameReport {
    struct Entry: Encodable {
        let text: String
        let change: Change
        let by: [String]
        let commits: [String: String]
    }

    struct ParagraphEntry: Encodable {
        let id: String
        let label: String?
        let status: String
        let spans: [Entry]
    }

    struct Report: Encodable {
        let draft: String
        let round: Int
        let base: String
        let paragraphs: [ParagraphEntry]
    }

    /// Decodes a stored consolidation report; nil when it is not one.
    static func decode(_ bytes: [UInt8]) -> ConsolidationReport.ReportJSON? {
        try? JSONDecoder().decode(ConsolidationReport.ReportJSON.self, from: Data(bytes))
    }

    static func report(_ stored: ConsolidationReport.ReportJSON) -> Report {
        Report(draft: stored.draft, round: stored.round, base: stored.base, paragraphs: stored.paragraphs.map { paragraph in
            ParagraphEntry(id: paragraph.id, label: paragraph.label, status: paragraph.status.rawValue, spans: paragraph.spans.map { span in
                let commits = span.change == .same
                    ? ["base": stored.base]
                    : Dictionary(uniqueKeysWithValues: span.by.compactMap { member in stored.submissions[member].map { (member, $0) } })
                return Entry(text: span.text, change: span.change, by: span.by, commits: commits)
            })
        })
    }

    public enum Failure: Error { case notAReport }

    public static func text(_ bytes: [UInt8]) throws -> String {
        guard let stored = decode(bytes) else { throw Failure.notAReport }
        let report = report(stored)
        var output = "\(report.draft), round \(report.round) (base \(report.base.prefix(10)))\n\n"
        for paragraph in report.paragraphs where paragraph.spans.contains(where: { $0.change != .same }) || paragraph.status == "conflict" {
            output += "\(paragraph.label.map { $0 + " " } ?? ""){#\(paragraph.id)} \(paragraph.status)\n"
            for span in paragraph.spans where span.change != .same {
                let mark = span.change == .insert ? "+" : "-"
                let commits = span.by.map { member in "\(member) \(span.commits[member].map { String($0.prefix(10)) } ?? "?")" }
                output += "  \(mark) \(span.text.debugDescription)  ← \(commits.joined(separator: ", "))\n"
            }
            output += "\n"
        }
        return output
    }

    public static func json(_ bytes: [UInt8]) throws -> String {
        guard let stored = decode(bytes) else { throw Failure.notAReport }
        return try DraftJSON.encode(report(stored))
    }
}
