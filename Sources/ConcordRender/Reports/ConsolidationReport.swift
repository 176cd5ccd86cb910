import ConcordDrafting
import ConcordGit
import ConcordText
import Foundation

/// `consolidate`: the consolidated text with attribution, in every format. The JSON form is
/// also what `--commit` stores beside the text, and what `blame` reads back.
public enum ConsolidationReport {
    struct SpanJSON: Codable {
        let text: String
        let change: Change
        let by: [String]
    }

    struct AlternativeJSON: Codable {
        let op: ParagraphOp
        let by: [String]
        let text: String
        let reason: String?
        let reasons: [String: String]
        let supporters: [String]
    }

    struct DecisionJSON: Codable {
        let outcome: String
        let member: String?
        let text: String?
        let by: String
        let at: String
        let reason: String?
        let outdated: Bool
    }

    struct ParagraphJSON: Codable {
        let id: String
        let label: String?
        let status: ConsolidatedParagraph.Status
        let text: String
        let spans: [SpanJSON]
        let alternatives: [AlternativeJSON]
        let reasons: [String: String]
        let supporters: [String]
        let movedBy: [String]
        let relabelledBy: [String]
        let decision: DecisionJSON?
    }

    /// The report as `blame` decodes it. `json(_:)` writes these records field by field
    /// (`ConsolidationReport+JSON.swift`): a field added here must be written there too.
    struct ReportJSON: Codable {
        let draft: String
        let round: Int
        let base: String
        let submissions: [String: String]
        let conflicts: Int
        let paragraphs: [ParagraphJSON]
    }

    static func decisionRecord(_ decision: Decision) -> DecisionJSON {
        switch decision.outcome {
        case .accept(let member):
            DecisionJSON(outcome: "accept", member: member, text: nil, by: decision.by, at: decision.at, reason: decision.reason, outdated: decision.isOutdated)
        case .keepBase:
            DecisionJSON(outcome: "keep-base", member: nil, text: nil, by: decision.by, at: decision.at, reason: decision.reason, outdated: decision.isOutdated)
        case .text(let text):
            DecisionJSON(outcome: "text", member: nil, text: text, by: decision.by, at: decision.at, reason: decision.reason, outdated: decision.isOutdated)
        }
    }

    // MARK: - Text

    /// Negotiator style: `[+words+]{RUS, ARM}`, `[-words-]{CEPT}`, and for a conflict the base
    /// text followed by `[ALT 1 (CEPT): … | ALT 2 (CITEL): …]`.
    public static func text(_ consolidation: Consolidation) -> String {
        var output = summary(consolidation) + "\n\n"
        var previousStoodOut = false
        for paragraph in consolidation.text.paragraphs {
            // Unchanged paragraphs read as the document does; the rest stand out with a heading.
            if paragraph.status == .unchanged && paragraph.decision == nil && paragraph.movedBy.isEmpty && paragraph.relabelledBy.isEmpty {
                output += (previousStoodOut ? "\n" : "") + (paragraph.base?.line ?? paragraph.text) + "\n"
                previousStoodOut = false
                continue
            }
            output += (previousStoodOut ? "" : "\n") + heading(paragraph) + "\n"
            previousStoodOut = true
            if paragraph.status == .conflict {
                output += paragraph.text + "\n"
                output += "[" + paragraph.alternatives.enumerated().map { index, alternative in
                    "ALT \(index + 1) (\(alternative.by.joined(separator: ", "))): "
                        + (alternative.op == .sup ? "(delete the paragraph)" : alternative.op == .move ? "(keep it, moved)" : alternative.text)
                }.joined(separator: " | ") + "]\n"
            } else {
                for span in paragraph.spans {
                    switch span.change {
                    case .same: output += span.text
                    case .insert: output += "[+\(span.text)+]{\(span.by.joined(separator: ", "))}"
                    case .delete: output += "[-\(span.text)-]{\(span.by.joined(separator: ", "))}"
                    }
                }
                output += "\n"
            }
            for (member, reason) in allReasons(paragraph) { output += "  Reason (\(member)): \(reason)\n" }
            if !paragraph.supporters.isEmpty { output += "  Supported by \(paragraph.supporters.joined(separator: ", "))\n" }
            if paragraph.isMoved {
                output += "  MOVE: moved here on the proposal of \(paragraph.movedBy.joined(separator: ", "))\n"
            } else if !paragraph.movedBy.isEmpty {
                output += "  Moving it proposed by \(paragraph.movedBy.joined(separator: ", ")) to different places (order kept as in the base; "
                    + "the chair applies one with `concord decide … --accept MEMBER`)\n"
            }
            if let relabelled = paragraph.relabelled {
                output += "  Relabelled \(paragraph.base?.label?.rawValue ?? "(none)") → \(relabelled.label?.rawValue ?? "(none)") on the proposal of "
                    + "\(paragraph.relabels.map(\.member).joined(separator: ", "))\n"
            } else if !paragraph.relabelledBy.isEmpty {
                output += "  Renumbering proposed by \(paragraph.relabelledBy.joined(separator: ", ")) (label kept as in the base)\n"
            }
            if let decision = paragraph.decision { output += "  " + describe(decision) + "\n" }
            output += "\n"
        }
        return output
    }

    static func heading(_ paragraph: ConsolidatedParagraph) -> String {
        let label = paragraph.label.map { $0.rawValue + " " } ?? ""
        let status = paragraph.status == .conflict ? "CONFLICT" : paragraph.status.rawValue
        return "\(label){#\(paragraph.id)} \(status)"
    }

    static func allReasons(_ paragraph: ConsolidatedParagraph) -> [(String, String)] {
        let reasons = paragraph.status == .conflict
            ? paragraph.alternatives.reduce(into: [String: String]()) { $0.merge($1.reasons) { first, _ in first } }
            : paragraph.reasons
        return reasons.sorted { $0.key < $1.key }
    }

    public static func describe(_ decision: Decision) -> String {
        let what: String
        switch decision.outcome {
        case .accept(let member): what = "accepted \(member)'s proposal"
        case .keepBase: what = "kept the base text"
        case .text(let text): what = "wrote: \(text)"
        }
        var line = "Decision by \(decision.by) on \(decision.at): \(what)"
        if let reason = decision.reason { line += " (\(reason))" }
        if decision.isOutdated { line += " — OUTDATED: the proposals changed since; decide again" }
        return line
    }

    public static func summary(_ consolidation: Consolidation) -> String {
        let counts = consolidation.text.paragraphs.reduce(into: [ConsolidatedParagraph.Status: Int]()) { $0[$1.status, default: 0] += 1 }
        let members = consolidation.submissions.map(\.member.rawValue).joined(separator: ", ")
        return "\(consolidation.draft), round \(consolidation.round.number): \(consolidation.submissions.count) submission(s)"
            + (members.isEmpty ? "" : " (\(members))") + "; "
            + [ConsolidatedParagraph.Status.amended, .added, .deleted, .conflict, .unchanged]
                .map { "\(counts[$0, default: 0]) \($0.rawValue)" }.joined(separator: ", ")
    }

    /// What `consolidate --commit` recorded and where: the branch, the commit, and what the
    /// text, the decisions and the report it holds say.
    public static func recordedLine(_ consolidation: Consolidation, commit: ObjectID?, isNew: Bool) -> String {
        let branch = ConsolidationBranch(draft: consolidation.draft).name
        let at = commit.map { " at \($0.hex.prefix(10))" } ?? ""
        guard isNew else { return "Nothing new to record: \(branch)\(at) already holds this consolidation." }
        let conflicts = consolidation.text.conflicts.count
        return "Recorded round \(consolidation.round.number) of \(consolidation.draft) on \(branch)\(at): the consolidated text "
            + "(\(consolidation.draft.path)), \(consolidation.decisions.count) decision(s) (\(ConsolidationBranch.decisionsPath(for: consolidation.draft))) "
            + "and this report (\(ConsolidationBranch.reportPath(for: consolidation.draft))); "
            + "\(consolidation.submissions.count) submission(s) merged, \(conflicts) conflict(s) open."
    }

    // MARK: - Markdown and HTML

    public static func markdown(_ consolidation: Consolidation) -> String {
        var output = "# \(markdownEscaped("\(consolidation.draft) — consolidated text, round \(consolidation.round.number)"))\n\n"
        output += markdownEscaped(summary(consolidation)) + "\n\n"
        for paragraph in consolidation.text.paragraphs {
            output += "**\(markdownEscaped(heading(paragraph)))**\n\n"
            if paragraph.status == .conflict {
                output += markdownEscaped(paragraph.text) + "\n\n"
                for (index, alternative) in paragraph.alternatives.enumerated() {
                    output += "- ALT \(index + 1) (\(markdownEscaped(alternative.by.joined(separator: ", ")))): "
                        + (alternative.op == .sup ? "*delete the paragraph*" : markdownEscaped(alternative.text)) + "\n"
                }
                output += "\n"
            } else {
                output += attributed(paragraph.spans, escape: markdownEscaped) + "\n\n"
            }
        }
        return output
    }

    /// A self-contained page: each member's insertions and deletions in its own colour, a
    /// legend, alternatives and reasons; every character of member text escaped.
    public static func html(_ consolidation: Consolidation) -> String {
        let members = Array(Set(consolidation.text.paragraphs.flatMap { paragraph in
            paragraph.spans.flatMap(\.by) + paragraph.alternatives.flatMap(\.by)
        })).sorted()
        let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]
        var style = ""
        var legend = ""
        for (index, member) in members.enumerated() {
            let colour = palette[index % palette.count]
            style += ".m\(index) { color: \(colour); }\n"
            legend += "<li class=\"m\(index)\">\(htmlEscaped(member))</li>"
        }
        let classOf = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($0.element, "m\($0.offset)") })
        var body = ""
        for paragraph in consolidation.text.paragraphs {
            body += "<section class=\"\(paragraph.status.rawValue)\"><h2>\(htmlEscaped(heading(paragraph)))</h2>\n<p>"
            if paragraph.status == .conflict {
                body += htmlEscaped(paragraph.text) + "</p>\n<ol class=\"alternatives\">"
                for alternative in paragraph.alternatives {
                    body += "<li><span class=\"\(alternative.by.first.flatMap { classOf[$0] } ?? "")\">\(htmlEscaped(alternative.by.joined(separator: ", ")))</span>: "
                    body += alternative.op == .sup ? "<em>delete the paragraph</em>" : htmlEscaped(alternative.text)
                    for (member, reason) in alternative.reasons.sorted(by: { $0.key < $1.key }) {
                        body += "<br><small>Reason (\(htmlEscaped(member))): \(htmlEscaped(reason))</small>"
                    }
                    body += "</li>"
                }
                body += "</ol>\n"
            } else {
                for span in paragraph.spans {
                    let title = htmlEscaped(span.by.joined(separator: ", "))
                    let css = span.by.first.flatMap { classOf[$0] } ?? ""
                    switch span.change {
                    case .same: body += htmlEscaped(span.text)
                    case .insert: body += "<ins class=\"\(css)\" title=\"\(title)\">\(htmlEscaped(span.text))</ins><sup>\(title)</sup>"
                    case .delete: body += "<del class=\"\(css)\" title=\"\(title)\">\(htmlEscaped(span.text))</del><sup>\(title)</sup>"
                    }
                }
                body += "</p>\n"
                for (member, reason) in allReasons(paragraph) {
                    body += "<p class=\"reason\">Reason (\(htmlEscaped(member))): \(htmlEscaped(reason))</p>\n"
                }
            }
            body += "</section>\n"
        }
        let title = "\(consolidation.draft) — consolidated text, round \(consolidation.round.number)"
        return htmlPage(title: title, style: """
            body { max-width: 60em; }
            h2 { font-size: 1em; margin-bottom: .2em; }
            sup { font-size: .7em; color: #555; }
            section.conflict { border-left: 4px solid #d62728; padding-left: .8em; }
            ul.legend li { display: inline; margin-right: 1em; font-weight: bold; }
            .reason { font-size: .9em; color: #444; }
            \(style)
            """, body: "<p>\(htmlEscaped(summary(consolidation)))</p>\n<ul class=\"legend\">\(legend)</ul>\n\(body)")
    }

    static func attributed(_ spans: [AttributedSpan], escape: (String) -> String) -> String {
        spans.map { span in
            switch span.change {
            case .same: escape(span.text)
            case .insert: "<ins>\(escape(span.text))</ins><sup>\(escape(span.by.joined(separator: ", ")))</sup>"
            case .delete: "<del>\(escape(span.text))</del><sup>\(escape(span.by.joined(separator: ", ")))</sup>"
            }
        }.joined()
    }
}
