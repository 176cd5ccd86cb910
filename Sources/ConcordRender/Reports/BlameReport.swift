import ConcordDrafting
import ConcordText
import Foundation

/// `blame`: each span of a consolidated text → the member(s), round and commit that
/// introduced it, back to the imported text. Reads the reports that `consolidate --commit`
/// stores: the one blamed, and those of the revisions published before it. Words of a
/// chair's compromise text that no member proposed are credited to the chair, named by the
/// commit of the decision.
///
/// Across revisions: a word the blamed round kept (`same`) was in its base, the revision
/// before; where that revision's consolidation had it from, it is credited. So each
/// published round is walked in order, each paragraph's text kept as runs of credit (`Run`):
/// an inserted span is a run of its round; a kept span takes the runs of the base paragraph
/// over the same characters; what no round inserted is the imported text (round 0, nobody).
public enum BlameReport {
    struct Entry: Encodable {
        let text: String
        let change: Change
        let by: [String]
        let round: Int
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

    /// A stretch of a paragraph's text and who brought it in, in which round.
    struct Run: Equatable, Stretch {
        var count: Int
        var by: [String]
        var round: Int
        var commits: [String: String]

        func part(from offset: Int, count: Int) -> Run {
            Run(count: count, by: by, round: round, commits: commits)
        }
    }

    /// What blame reads of a stored consolidation report (`ConsolidationReport.ReportJSON`):
    /// the spans and their credit. The rest (alternatives, reasons, decisions) is most of a
    /// report's bytes at scale, and is skipped rather than built.
    struct Stored: Decodable {
        struct Paragraph: Decodable {
            let id: String
            let label: String?
            let status: ConsolidatedParagraph.Status
            let spans: [ConsolidationReport.SpanJSON]
            let decision: Decision?
        }

        struct Decision: Decodable {
            let by: String
        }

        let draft: String
        let round: Int
        let base: String
        let submissions: [String: String]
        let paragraphs: [Paragraph]
        /// Paragraph id → the commit of the decision on it (not in the JSON).
        var decisionCommits: [String: String] = [:]

        private enum CodingKeys: String, CodingKey { case draft, round, base, submissions, paragraphs }
    }

    /// What `blame` blames: a consolidation recorded at a revision, or the round's current
    /// one, read as it stands rather than written as a report and decoded again.
    public enum Blamed {
        case recorded(RecordedConsolidation)
        case current(Consolidation, decisionCommits: [String: String])
    }

    /// Decodes a recorded consolidation report; nil when it is not one.
    static func decode(_ recorded: RecordedConsolidation) -> Stored? {
        var stored = try? JSONDecoder().decode(Stored.self, from: Data(recorded.report))
        stored?.decisionCommits = recorded.decisionCommits
        return stored
    }

    /// Each paragraph's runs after `stored`'s round, from those before it (`history`).
    static func runs(after stored: Stored, history: [String: [Run]], imported: [String: String]) -> [String: [Run]] {
        var result: [String: [Run]] = [:]
        for paragraph in stored.paragraphs where paragraph.status != .deleted {
            var runs: [Run] = []
            var baseOffset = 0
            for span in paragraph.spans {
                let count = span.text.unicodeScalars.count
                switch span.change {
                case .delete: baseOffset += count
                case .insert: append(Run(count: count, by: span.by, round: stored.round, commits: commits(of: span.by, on: paragraph, in: stored)), to: &runs)
                case .same:
                    for run in slice(history[paragraph.id] ?? [], from: baseOffset, count: count, imported: imported) { append(run, to: &runs) }
                    baseOffset += count
                }
            }
            result[paragraph.id] = runs
        }
        return result
    }

    /// The commit that brought in each member's words: its submission, or for the chair, the
    /// decision on the paragraph.
    static func commits(of members: [String], on paragraph: Stored.Paragraph, in stored: Stored) -> [String: String] {
        Dictionary(members.compactMap { member in
            let decision = paragraph.decision?.by == member ? stored.decisionCommits[paragraph.id] : nil
            return (decision ?? stored.submissions[member]).map { (member, $0) }
        }) { first, _ in first }
    }

    /// The runs over `count` characters from `offset`; what history lacks is imported text.
    static func slice(_ runs: [Run], from offset: Int, count: Int, imported: [String: String]) -> [Run] {
        var result = runs.slice(from: offset, count: count)
        let covered = result.reduce(0) { $0 + $1.count }
        if covered < count { result.append(Run(count: count - covered, by: [], round: 0, commits: imported)) }
        return result
    }

    static func append(_ run: Run, to runs: inout [Run]) {
        guard run.count > 0 else { return }
        if var last = runs.last, last.by == run.by, last.round == run.round, last.commits == run.commits {
            last.count += run.count
            runs[runs.count - 1] = last
        } else {
            runs.append(run)
        }
    }

    /// `stored` blamed, `earlier` the reports of the published revisions, in order (those of
    /// its round and after are left out).
    static func report(_ stored: Stored, earlier: [Stored]) -> Report {
        let earlier = earlier.filter { $0.round < stored.round }
        let imported = ["base": earlier.first?.base ?? stored.base]
        var history: [String: [Run]] = [:]
        for report in earlier { history = runs(after: report, history: history, imported: imported) }
        return Report(draft: stored.draft, round: stored.round, base: stored.base, paragraphs: stored.paragraphs.map { paragraph in
            var entries: [Entry] = []
            var baseOffset = 0
            for span in paragraph.spans {
                let count = span.text.unicodeScalars.count
                if span.change != .same {
                    entries.append(Entry(text: span.text, change: span.change, by: span.by, round: stored.round,
                                         commits: commits(of: span.by, on: paragraph, in: stored)))
                    if span.change == .delete { baseOffset += count }
                    continue
                }
                // A kept span, split where its words came in different rounds.
                var scalars = Substring(span.text).unicodeScalars[...]
                for run in slice(history[paragraph.id] ?? [], from: baseOffset, count: count, imported: imported) {
                    let piece = String(String.UnicodeScalarView(scalars.prefix(run.count)))
                    scalars = scalars.dropFirst(run.count)
                    entries.append(Entry(text: piece, change: .same, by: run.by, round: run.round, commits: run.commits))
                }
                baseOffset += count
            }
            return ParagraphEntry(id: paragraph.id, label: paragraph.label, status: paragraph.status.rawValue, spans: entries)
        })
    }

    public enum Failure: Error { case notAReport }

    /// Decodes the reports side by side: after ten rounds of a large group, decoding them is
    /// most of a blame.
    static func decodeAll(_ blamed: Blamed, earlier: [RecordedConsolidation]) throws -> (Stored, [Stored]) {
        var recorded = earlier
        if case .recorded(let report) = blamed { recorded.append(report) }
        let decoded = recorded.map { _ in DecodedReport() }
        DispatchQueue.concurrentPerform(iterations: recorded.count) { [recorded] in decoded[$0].value = decode(recorded[$0]) }
        var reports = try decoded.map { box in
            guard let report = box.value else { throw Failure.notAReport }
            return report
        }
        switch blamed {
        case .recorded: return (reports.removeLast(), reports)
        case .current(let consolidation, let decisionCommits): return (Stored(consolidation, decisionCommits: decisionCommits), reports)
        }
    }

    /// One report's place in `decodeAll`, written by one worker only.
    private final class DecodedReport: @unchecked Sendable {
        var value: Stored?
    }

    /// `earlier`: the recorded consolidations of the draft's published revisions, in order.
    public static func text(_ blamed: Blamed, earlier: [RecordedConsolidation] = []) throws -> String {
        let (stored, previous) = try decodeAll(blamed, earlier: earlier)
        let report = report(stored, earlier: previous)
        var output = "\(report.draft), round \(report.round) (base \(report.base.prefix(10)))\n\n"
        for paragraph in report.paragraphs {
            let credited = paragraph.spans.filter { $0.change != .same || $0.round > 0 }
            guard !credited.isEmpty || paragraph.status == "conflict" else { continue }
            output += "\(paragraph.label.map { $0 + " " } ?? ""){#\(paragraph.id)} \(paragraph.status)\n"
            for span in credited {
                let mark = span.change == .insert ? "+" : span.change == .delete ? "-" : "="
                let commits = span.by.map { member in "\(member) \(span.commits[member].map { String($0.prefix(10)) } ?? "?")" }
                output += "  \(mark) \(span.text.debugDescription)  ← round \(span.round): \(commits.joined(separator: ", "))\n"
            }
            output += "\n"
        }
        return output
    }

    public static func json(_ blamed: Blamed, earlier: [RecordedConsolidation] = []) throws -> String {
        let (stored, previous) = try decodeAll(blamed, earlier: earlier)
        return try DraftJSON.encode(report(stored, earlier: previous))
    }
}

extension DraftingRepository {
    /// What `blame` reads: the consolidation blamed (the one recorded at `revision`, or the
    /// current one), and those of the revisions published before it. Nil when `revision`
    /// holds no consolidation.
    public func blameRecords(_ draft: DraftID, at revision: String? = nil) throws -> (blamed: BlameReport.Blamed, earlier: [RecordedConsolidation])? {
        let blamed: BlameReport.Blamed
        if let revision {
            guard let recorded = try recordedConsolidation(draft, at: revision) else { return nil }
            blamed = .recorded(recorded)
        } else {
            blamed = .current(try consolidate(draft), decisionCommits: try decisionCommits(of: draft))
        }
        return (blamed, try publishedConsolidations(of: draft).map(\.recorded))
    }
}

extension BlameReport.Stored {
    /// The current consolidation, as its report would be decoded.
    init(_ consolidation: Consolidation, decisionCommits: [String: String]) {
        draft = consolidation.draft.rawValue
        round = consolidation.round.number
        base = consolidation.round.base.hex
        submissions = consolidation.commits.mapValues(\.hex)
        paragraphs = consolidation.text.paragraphs.map { paragraph in
            Paragraph(id: paragraph.id.rawValue, label: paragraph.label?.rawValue, status: paragraph.status,
                      spans: paragraph.spans.map { ConsolidationReport.SpanJSON(text: $0.text, change: $0.change, by: $0.by) },
                      decision: paragraph.decision.map { Decision(by: $0.by) })
        }
        self.decisionCommits = decisionCommits
    }
}
