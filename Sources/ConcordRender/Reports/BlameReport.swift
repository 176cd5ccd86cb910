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
        /// What the consolidation said of the paragraph: reasons, supports, moves,
        /// renumbering, the chair's decision (`ReportFact`).
        let facts: [ReportFact]
        let decision: ConsolidationReport.DecisionJSON?
    }

    struct Report: Encodable {
        let draft: String
        let round: Int
        let base: String
        let admittedLate: [String: String]?
        let coSponsors: [String: [String]]?
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
    /// the spans and their credit, and the paragraph's facts. The alternatives are most of a
    /// report's bytes at scale, and are skipped rather than built.
    struct Stored: Decodable {
        struct Paragraph: Decodable {
            let id: String
            let label: String?
            let status: ConsolidatedParagraph.Status
            let spans: [ConsolidationReport.SpanJSON]
            let decision: ConsolidationReport.DecisionJSON?
            let reasons: [String: String]?
            let supporters: [String]?
            let movedBy: [String]?
            let moved: Bool?
            let relabelledBy: [String]?
        }

        let draft: String
        let round: Int
        let base: String
        let submissions: [String: String]
        let admittedLate: [String: String]?
        let coSponsors: [String: [String]]?
        let paragraphs: [Paragraph]
        /// Paragraph id → the commit of the decision on it (not in the JSON).
        var decisionCommits: [String: String] = [:]

        private enum CodingKeys: String, CodingKey { case draft, round, base, submissions, admittedLate, coSponsors, paragraphs }
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

    /// `stored` blamed, after the `history` of the revisions published before its round.
    static func report(_ stored: Stored, history: History) -> Report {
        let (imported, history) = (history.imported, history.runs)
        return Report(draft: stored.draft, round: stored.round, base: stored.base, admittedLate: stored.admittedLate,
                      coSponsors: stored.coSponsors, paragraphs: stored.paragraphs.map { paragraph in
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
                let runs = slice(history[paragraph.id] ?? [], from: baseOffset, count: count, imported: imported)
                baseOffset += count
                if runs.count == 1 {
                    entries.append(Entry(text: span.text, change: .same, by: runs[0].by, round: runs[0].round, commits: runs[0].commits))
                    continue
                }
                var scalars = Substring(span.text).unicodeScalars[...]
                for run in runs {
                    let piece = String(String.UnicodeScalarView(scalars.prefix(run.count)))
                    scalars = scalars.dropFirst(run.count)
                    entries.append(Entry(text: piece, change: .same, by: run.by, round: run.round, commits: run.commits))
                }
            }
            return ParagraphEntry(id: paragraph.id, label: paragraph.label, status: paragraph.status.rawValue, spans: entries,
                                  facts: facts(of: paragraph), decision: paragraph.decision)
        })
    }

    public enum Failure: Error { case notAReport }

    /// The revisions published before the round blamed, as blame reads them: the history
    /// of their credit kept in the clone (`History`), else their reports.
    public struct Earlier {
        let published: [DraftingRepository.PublishedReport]
        let cache: LocalCache
        let read: (DraftingRepository.PublishedReport) throws -> RecordedConsolidation
    }

    /// The consolidation blamed, decoded, and the history of the revisions before its round.
    static func prepared(_ blamed: Blamed, earlier: Earlier) throws -> (Stored, History) {
        let stored: Stored
        switch blamed {
        case .recorded(let report): stored = try decodeAll([report])[0]
        case .current(let consolidation, let decisionCommits): stored = Stored(consolidation, decisionCommits: decisionCommits)
        }
        let before = earlier.published.filter { $0.round < stored.round }
        return (stored, try History.after(before, cache: earlier.cache, blamedBase: stored.base, read: earlier.read))
    }

    /// Decodes the reports side by side: a report of 193 members on a long draft takes a
    /// core a while.
    static func decodeAll(_ recorded: [RecordedConsolidation]) throws -> [Stored] {
        let decoded = recorded.map { _ in DecodedReport() }
        DispatchQueue.concurrentPerform(iterations: recorded.count) { decoded[$0].value = decode(recorded[$0]) }
        return try decoded.map { box in
            guard let report = box.value else { throw Failure.notAReport }
            return report
        }
    }

    /// One report's place in `decodeAll`, written by one worker only.
    private final class DecodedReport: @unchecked Sendable {
        var value: Stored?
    }

    /// The paragraph's facts as its consolidation stated them.
    static func facts(of paragraph: Stored.Paragraph) -> [ReportFact] {
        let decision = ParagraphID(rawValue: paragraph.id).flatMap { id in
            paragraph.decision.flatMap { ConsolidationReport.Shown.decision($0, on: id) }
        }
        let relabelledBy = paragraph.relabelledBy ?? []
        // In a conflict, reasons and supports belong to the alternatives, which the
        // consolidation shows and blame does not.
        let contested = paragraph.status == .conflict
        return ReportFact.paragraph(reasons: contested ? [:] : paragraph.reasons ?? [:], supporters: contested ? [] : paragraph.supporters ?? [],
                                    movedBy: paragraph.movedBy ?? [],
                                    isMoved: paragraph.moved ?? false,
                                    renumbering: relabelledBy.isEmpty ? nil : "Renumbering proposed by \(relabelledBy.joined(separator: ", "))",
                                    decision: decision)
    }

    /// The report's lines in every format: its heading, the round's late admissions and
    /// co-sponsors, then each paragraph with credit, its spans and its facts.
    struct Shown {
        struct Paragraph {
            let heading: String
            let id: String
            /// `+`, `-` or `=`; the text; the round; each member with its commit.
            let spans: [(mark: String, text: String, round: Int, credit: String)]
            let facts: [ReportFact]
        }

        let heading: String
        let notes: [String]
        let paragraphs: [Paragraph]
    }

    /// A span's mark in words, for a table's column.
    static func word(_ mark: String) -> String { mark == "+" ? "added" : mark == "-" ? "deleted" : "kept" }

    static func shown(_ report: Report) -> Shown {
        let coSponsors = report.coSponsors ?? [:], late = report.admittedLate ?? [:]
        let notes = ReportFact.submissions(of: Set(coSponsors.keys).union(late.keys).sorted(), coSponsors: coSponsors, admittedLate: late).map(\.sentence)
        let paragraphs = report.paragraphs.compactMap { paragraph -> Shown.Paragraph? in
            let credited = paragraph.spans.filter { $0.change != .same || $0.round > 0 }
            guard !credited.isEmpty || paragraph.status == "conflict" || !paragraph.facts.isEmpty else { return nil }
            return Shown.Paragraph(
                heading: "\(paragraph.label.map { $0 + " " } ?? ""){#\(paragraph.id)} \(paragraph.status)", id: paragraph.id,
                spans: credited.map { span in
                    (span.change == .insert ? "+" : span.change == .delete ? "-" : "=", span.text, span.round,
                     span.by.map { member in "\(member) \(span.commits[member].map { String($0.prefix(10)) } ?? "?")" }.joined(separator: ", "))
                },
                facts: paragraph.facts)
        }
        return Shown(heading: "\(report.draft), round \(report.round) (base \(report.base.prefix(10)))", notes: notes, paragraphs: paragraphs)
    }

    /// `earlier`: the draft's published revisions (`DraftingRepository.blameRecords`).
    public static func text(_ blamed: Blamed, earlier: Earlier) throws -> String {
        let (stored, history) = try prepared(blamed, earlier: earlier)
        let shown = shown(report(stored, history: history))
        var output = shown.heading + "\n" + shown.notes.map { $0 + "\n" }.joined() + "\n"
        for paragraph in shown.paragraphs {
            output += paragraph.heading + "\n"
            for span in paragraph.spans { output += "  \(span.mark) \(span.text.debugDescription)  ← round \(span.round): \(span.credit)\n" }
            for fact in paragraph.facts { output += "  \(fact.sentence)\n" }
            output += "\n"
        }
        return output
    }

    public static func markdown(_ blamed: Blamed, earlier: Earlier) throws -> String {
        let (stored, history) = try prepared(blamed, earlier: earlier)
        let shown = shown(report(stored, history: history))
        var output = "# \(markdownEscaped("Blame: " + shown.heading))\n\n" + shown.notes.map { "- \(markdownEscaped($0))\n" }.joined() + "\n"
        for paragraph in shown.paragraphs {
            output += "<a id=\"\(paragraph.id)\"></a>**\(markdownEscaped(paragraph.heading))**\n\n"
            if !paragraph.spans.isEmpty {
                output += "| | Text | Round | By |\n| --- | --- | --- | --- |\n"
                for span in paragraph.spans {
                    output += "| \(word(span.mark)) | \(markdownEscaped(span.text)) | \(span.round) | \(markdownEscaped(span.credit)) |\n"
                }
                output += "\n"
            }
            output += paragraph.facts.map { "- \(markdownEscaped($0.sentence))\n" }.joined() + (paragraph.facts.isEmpty ? "" : "\n")
        }
        return output
    }

    public static func html(_ blamed: Blamed, earlier: Earlier) throws -> String {
        let (stored, history) = try prepared(blamed, earlier: earlier)
        let shown = shown(report(stored, history: history))
        var body = shown.notes.isEmpty ? "" : "<ul>" + shown.notes.map { "<li>\(htmlEscaped($0))</li>" }.joined() + "</ul>\n"
        for paragraph in shown.paragraphs {
            body += "<section id=\"\(paragraph.id)\"><h2>\(htmlEscaped(paragraph.heading))</h2>\n"
            if !paragraph.spans.isEmpty {
                body += "<table><tr><th></th><th>Text</th><th>Round</th><th>By</th></tr>\n"
                for span in paragraph.spans {
                    let text = htmlEscaped(span.text)
                    let shownText = span.mark == "+" ? "<ins>\(text)</ins>" : span.mark == "-" ? "<del>\(text)</del>" : text
                    body += "<tr><td>\(word(span.mark))</td><td>\(shownText)</td><td>\(span.round)</td><td>\(htmlEscaped(span.credit))</td></tr>\n"
                }
                body += "</table>\n"
            }
            body += ConsolidationReport.htmlList(paragraph.facts) + "</section>\n"
        }
        return htmlPage(title: "Blame: " + shown.heading, style: """
            h2 { font-size: 1em; margin: 1.2em 0 .3em; }
            table { border-collapse: collapse; }
            th, td { border-bottom: 1px solid #ddd; padding: .2em .5em; text-align: left; vertical-align: top; }
            ul.facts { font-size: .9em; } li.warning { color: #a00; font-weight: bold; }

            """, body: body)
    }

    public static func json(_ blamed: Blamed, earlier: Earlier) throws -> String {
        let (stored, history) = try prepared(blamed, earlier: earlier)
        return String(decoding: jsonBytes(report(stored, history: history)), as: UTF8.self)
    }
}

extension DraftingRepository {
    /// What `blame` reads: the consolidation blamed (the one recorded at `revision`, or the
    /// current one), and those of the revisions published before it. Nil when `revision`
    /// holds no consolidation.
    public func blameRecords(_ draft: DraftID, at revision: String? = nil) throws -> (blamed: BlameReport.Blamed, earlier: BlameReport.Earlier)? {
        let blamed: BlameReport.Blamed
        if let revision {
            guard let recorded = try recordedConsolidation(draft, at: revision) else { return nil }
            blamed = .recorded(recorded)
        } else {
            blamed = .current(try consolidate(draft), decisionCommits: try decisionCommits(of: draft))
        }
        return (blamed, BlameReport.Earlier(published: try publishedReports(of: draft), cache: localCache(BlameReport.History.kind),
                                            read: recordedConsolidation))
    }
}

extension BlameReport.Stored {
    /// The current consolidation, as its report would be decoded.
    init(_ consolidation: Consolidation, decisionCommits: [String: String]) {
        draft = consolidation.draft.rawValue
        round = consolidation.round.number
        base = consolidation.round.base.hex
        submissions = consolidation.commits.mapValues(\.hex)
        let records = consolidation.submissions.map(\.record)
        let admittedLate = Dictionary(records.compactMap { record in record.admittedLateBy.map { (record.member.rawValue, $0.rawValue) } }) { first, _ in first }
        let coSponsors = Dictionary(records.filter { !$0.coSponsors.isEmpty }.map { ($0.member.rawValue, $0.coSponsors.map(\.rawValue)) }) { first, _ in first }
        self.admittedLate = admittedLate.isEmpty ? nil : admittedLate
        self.coSponsors = coSponsors.isEmpty ? nil : coSponsors
        paragraphs = consolidation.text.paragraphs.map { paragraph in
            Paragraph(id: paragraph.id.rawValue, label: paragraph.label?.rawValue, status: paragraph.status,
                      spans: paragraph.spans.map { ConsolidationReport.SpanJSON(text: $0.text, change: $0.change, by: $0.by) },
                      decision: paragraph.decision.map(ConsolidationReport.decisionRecord), reasons: paragraph.reasons,
                      supporters: paragraph.supporters, movedBy: paragraph.movedBy, moved: paragraph.isMoved, relabelledBy: paragraph.relabelledBy)
        }
        self.decisionCommits = decisionCommits
    }
}
