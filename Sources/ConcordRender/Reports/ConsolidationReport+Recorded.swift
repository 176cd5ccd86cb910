import ConcordDrafting
import ConcordText
import Foundation

extension ConsolidationReport {
    /// What the text, Markdown and HTML reports show: a consolidation as it stands, or one a
    /// report recorded, shown again (`consolidate --round N`).
    struct Shown {
        let draft: String
        let round: Int
        /// The members whose submissions were merged.
        let members: [String]
        /// Co-sponsors, late admissions, texts carried from earlier revisions.
        let submissionFacts: [ReportFact]
        let paragraphs: [ConsolidatedParagraph]

        init(_ consolidation: Consolidation) {
            draft = consolidation.draft.rawValue
            round = consolidation.round.number
            members = consolidation.submissions.map(\.member.rawValue)
            submissionFacts = ReportFact.submissions(consolidation.submissions)
            paragraphs = consolidation.text.paragraphs
        }

        /// A recorded report, over the text of its round's base. What the report does not
        /// keep is not made up: a relabelled paragraph's head is a tab, as imported texts have.
        init(recorded json: ReportJSON, base: DraftText) throws {
            let baseParagraphs = Dictionary(base.paragraphs.compactMap { paragraph in paragraph.id.map { ($0, paragraph) } }) { first, _ in first }
            let coSponsors = json.coSponsors ?? [:]
            // A co-sponsor maps to the commit it co-sponsors; a proposer to its own.
            let onlyCoSponsoring = Set(coSponsors.flatMap { sponsor, members in
                members.filter { json.submissions[$0] == json.submissions[sponsor] && coSponsors[$0] == nil }
            })
            draft = json.draft
            round = json.round
            members = json.submissions.keys.filter { !onlyCoSponsoring.contains($0) }.sorted()
            submissionFacts = ReportFact.submissions(of: members, coSponsors: coSponsors, admittedLate: json.admittedLate ?? [:])
            paragraphs = try json.paragraphs.map { paragraph in
                guard let id = ParagraphID(rawValue: paragraph.id) else { throw Failure.notAReport }
                return ConsolidatedParagraph(
                    recorded: id, status: paragraph.status, text: paragraph.text,
                    spans: paragraph.spans.map { AttributedSpan(text: $0.text, change: $0.change, by: $0.by) },
                    alternatives: paragraph.alternatives.map {
                        Alternative(op: $0.op, by: $0.by, text: $0.text, reasons: $0.reasons, supporters: $0.supporters,
                                    spans: ChangeJSON.spans(of: $0.changes ?? [], over: baseParagraphs[id]?.text ?? ""))
                    },
                    reasons: paragraph.reasons, supporters: paragraph.supporters, movedBy: paragraph.movedBy,
                    isMoved: paragraph.moved ?? false,
                    relabels: paragraph.relabelledBy.map { entry in
                        let (member, label) = entry.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }.pair
                        return ConsolidatedParagraph.Relabel(member: member, label: label == "no label" ? nil : Label(label))
                    },
                    label: paragraph.label.map(Label.init), base: baseParagraphs[id],
                    decision: paragraph.decision.flatMap { Self.decision($0, on: id) })
            }
        }

        static func decision(_ record: DecisionJSON, on paragraph: ParagraphID) -> Decision? {
            let outcome: Decision.Outcome
            switch (record.outcome, record.member, record.text) {
            case ("accept", let member?, _): outcome = .accept(member: member)
            case ("text", _, let text?): outcome = .text(text)
            case ("keep-base", _, _): outcome = .keepBase
            default: return nil
            }
            var decision = Decision(paragraph: paragraph, outcome: outcome, by: record.by, at: record.at, reason: record.reason, fingerprint: "")
            decision.isOutdated = record.outdated ?? false
            return decision
        }
    }

    public enum Failure: Error { case notAReport }

    /// A recorded consolidation shown again in `format`'s words: JSON is the report's bytes,
    /// as recorded; the other formats render what it holds as `consolidate` would have.
    public static func recorded(_ recorded: RecordedConsolidation, base: DraftText, render: Format) throws -> String {
        if render == .json { return String(decoding: recorded.report, as: UTF8.self) }
        guard let json = try? JSONDecoder().decode(ReportJSON.self, from: Data(recorded.report)) else { throw Failure.notAReport }
        let shown = try Shown(recorded: json, base: base)
        switch render {
        case .text, .json: return text(shown)
        case .markdown: return markdown(shown)
        case .html: return html(shown)
        }
    }

    public enum Format { case text, json, markdown, html }
}

private extension Array where Element == String {
    /// `["RUS", "4"]` as a pair; a missing second part is empty.
    var pair: (String, String) { (first ?? "", count > 1 ? self[1] : "") }
}
