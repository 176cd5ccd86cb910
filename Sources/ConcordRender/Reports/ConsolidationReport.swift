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

    /// One change of an alternative: at a place in the base, what it deletes and inserts.
    struct ChangeJSON: Codable, Equatable {
        let at: Int
        let delete: String?
        let insert: String?

        /// The changes of a redline, one per run of deleted and inserted spans between kept ones.
        static func changes(of spans: [AttributedSpan]) -> [ChangeJSON] {
            var runs = ChangeRuns()
            runs.add(spans)
            runs.finish()
            return runs.changes.indices.map { index in
                let (at, deleted, inserted) = runs[index]
                return ChangeJSON(at: at, delete: deleted.isEmpty ? nil : String(decoding: deleted, as: UTF8.self),
                                  insert: inserted.isEmpty ? nil : String(decoding: inserted, as: UTF8.self))
            }
        }

        /// The redline again, over the base text the changes were made to.
        static func spans(of changes: [ChangeJSON], over base: String) -> [Span] {
            let scalars = Array(base.unicodeScalars)
            func text(_ range: Range<Int>) -> String {
                String(String.UnicodeScalarView(scalars[max(0, min(range.lowerBound, scalars.count)) ..< max(0, min(range.upperBound, scalars.count))]))
            }
            var spans: [Span] = []
            var offset = 0
            for change in changes {
                if change.at > offset { spans.append(Span(text: text(offset ..< change.at), change: .same)) }
                offset = max(offset, change.at)
                if let deleted = change.delete {
                    spans.append(Span(text: deleted, change: .delete))
                    offset += deleted.unicodeScalars.count
                }
                if let inserted = change.insert { spans.append(Span(text: inserted, change: .insert)) }
            }
            if offset < scalars.count { spans.append(Span(text: text(offset ..< scalars.count), change: .same)) }
            return spans
        }
    }

    /// The changes of a redline gathered as its spans come, one per run of deleted and
    /// inserted spans between kept ones: where it falls in the base, in Unicode scalars, and
    /// the bytes it deletes and inserts, kept one after the other in one buffer per side.
    /// Emptied and used again for the next redline, so that a report of 386,000 alternatives
    /// does not make three arrays for each.
    struct ChangeRuns {
        private(set) var changes: [(at: Int, deleted: Range<Int>, inserted: Range<Int>)] = []
        private var deleted: [UInt8] = [], inserted: [UInt8] = []
        private var offset = 0, start = 0, deletedStart = 0, insertedStart = 0

        mutating func add(_ change: Change, _ bytes: UnsafeBufferPointer<UInt8>) {
            switch change {
            case .same:
                close()
                offset += Self.scalarCount(bytes)
                start = offset
            case .delete:
                deleted.append(contentsOf: bytes)
                offset += Self.scalarCount(bytes)
            case .insert:
                inserted.append(contentsOf: bytes)
            }
        }

        mutating func add(_ spans: [AttributedSpan]) {
            for span in spans {
                var text = span.text
                text.withUTF8 { add(span.change, $0) }
            }
        }

        /// Closes the last run: call once every span is added.
        mutating func finish() { close() }

        /// Change `index`: where it stands, and its bytes (valid until the runs change).
        subscript(index: Int) -> (at: Int, deleted: ArraySlice<UInt8>, inserted: ArraySlice<UInt8>) {
            let change = changes[index]
            return (change.at, deleted[change.deleted], inserted[change.inserted])
        }

        mutating func removeAll() {
            changes.removeAll(keepingCapacity: true)
            deleted.removeAll(keepingCapacity: true)
            inserted.removeAll(keepingCapacity: true)
            (offset, start, deletedStart, insertedStart) = (0, 0, 0, 0)
        }

        private mutating func close() {
            if deleted.count > deletedStart || inserted.count > insertedStart {
                changes.append((start, deletedStart ..< deleted.count, insertedStart ..< inserted.count))
            }
            (deletedStart, insertedStart) = (deleted.count, inserted.count)
        }

        /// How many Unicode scalars well-formed UTF-8 bytes hold: every byte that does not
        /// continue a scalar (`10xxxxxx`) starts one. Counted eight bytes at a time: the top bit
        /// of each byte of `word & ~(word << 1)` is set exactly on a continuation byte. (The
        /// report counts every kept byte of every alternative's base.)
        static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var continuations = 0, index = 0
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while index + 8 <= bytes.count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    continuations += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                    index += 8
                }
            }
            for byte in bytes[index...] where byte & 0xC0 == 0x80 { continuations += 1 }
            return bytes.count - continuations
        }
    }

    struct AlternativeJSON: Codable {
        let op: ParagraphOp
        let by: [String]
        let text: String
        /// The alternative's word-level changes against the paragraph's base, each where it
        /// falls in the base (`at`, in Unicode scalars) with what it deletes and inserts; the
        /// kept text between them is the base's, which the paragraph gives (written out
        /// again for each alternative, it doubled a report of 193 members). Absent from
        /// reports recorded before they carried it.
        let changes: [ChangeJSON]?
        let reason: String?
        let reasons: [String: String]
        let supporters: [String]
    }

    /// A decision as the reports write it. `status` names its paragraph, and leaves out
    /// `outdated`, which takes a consolidation to know.
    struct DecisionJSON: Codable {
        var paragraph: String? = nil
        let outcome: String
        let member: String?
        let text: String?
        let by: String
        let at: String
        let reason: String?
        var outdated: Bool?
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
        /// Absent from reports recorded before moves were applied.
        let moved: Bool?
        let relabelledBy: [String]
        let decision: DecisionJSON?
    }

    /// The report as `blame` decodes it. `writeJSON(_:to:)` writes these records field by field
    /// (`ConsolidationReport+JSON.swift`): a field added here must be written there too.
    struct ReportJSON: Codable {
        let draft: String
        let round: Int
        let base: String
        let submissions: [String: String]
        /// Member → the chair who admitted its submission late; absent when none was.
        let admittedLate: [String: String]?
        /// Member → its submission's co-sponsors; absent when none has any.
        let coSponsors: [String: [String]]?
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
    /// text followed by each alternative as its redline against it,
    /// `[ALT 1 (CEPT): … [+words+] … | ALT 2 (CITEL): …]`; each paragraph's facts below it.
    public static func text(_ consolidation: Consolidation) -> String { text(Shown(consolidation)) }

    static func text(_ consolidation: Shown) -> String {
        var output = summary(consolidation) + "\n"
        for fact in consolidation.submissionFacts { output += fact.sentence + "\n" }
        output += "\n"
        var previousStoodOut = false
        for paragraph in consolidation.paragraphs {
            // Unchanged paragraphs read as the document does; the rest stand out with a
            // heading, a blank line before and after.
            if paragraph.isPlain {
                output += (paragraph.base?.line ?? paragraph.text) + "\n"
                previousStoodOut = false
                continue
            }
            output += (previousStoodOut ? "" : "\n") + heading(paragraph) + "\n"
            previousStoodOut = true
            if paragraph.status == .conflict {
                output += paragraph.text + "\n"
                output += "[" + paragraph.alternatives.enumerated().map { index, alternative in
                    "ALT \(index + 1) (\(alternative.by.joined(separator: ", "))): " + alternativeText(alternative, of: paragraph) { text(of: $0, credited: false) }
                        + (alternative.facts.isEmpty ? "" : " — " + alternative.facts.map(\.sentence).joined(separator: "; "))
                }.joined(separator: " | ") + "]\n"
            } else {
                output += text(of: paragraph.spans, credited: true) + "\n"
            }
            for fact in paragraph.facts { output += "  " + fact.sentence + "\n" }
            output += "\n"
        }
        return output
    }

    /// Spans marked as the text report marks them, each change followed by its proposers
    /// unless `credited` is false (an alternative's proposers head it).
    static func text(of spans: [AttributedSpan], credited: Bool) -> String {
        marked(spans, insert: ("[+", "+]"), delete: ("[-", "-]"), escape: { $0 }) { credited ? "{\($0.joined(separator: ", "))}" : "" }
    }

    /// Spans with each change wrapped in its marks and followed by `credit` of its proposers;
    /// an invisible change shown with stand-ins.
    static func marked(_ spans: [AttributedSpan], insert: (String, String), delete: (String, String),
                       escape: (String) -> String, credit: ([String]) -> String) -> String {
        spans.map { span in
            let text = escape(InvisibleCharacters.readable(span.text, change: span.change))
            switch span.change {
            case .same: return text
            case .insert: return insert.0 + text + insert.1 + credit(span.by)
            case .delete: return delete.0 + text + delete.1 + credit(span.by)
            }
        }.joined()
    }

    /// An alternative as the reports show it: "delete the paragraph", "keep it, moved", or its
    /// redline against the paragraph's base, long kept stretches elided, rendered by `render`.
    static func alternativeText(_ alternative: Alternative, of paragraph: ConsolidatedParagraph,
                                render: ([AttributedSpan]) -> String) -> String {
        switch alternative.op {
        case .sup: return "(delete the paragraph)"
        case .move where alternative.text == paragraph.baseText: return "(keep it, moved)"
        default:
            return render(alternative.redline(against: paragraph.baseText).map { span in
                span.change == .same ? AttributedSpan(text: elided(span.text), change: .same) : span
            })
        }
    }

    static func heading(_ paragraph: ConsolidatedParagraph) -> String {
        let label = paragraph.label.map { $0.rawValue + " " } ?? ""
        let status = paragraph.status == .conflict ? "CONFLICT" : paragraph.status.rawValue
        return "\(label){#\(paragraph.id)} \(status)"
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

    public static func summary(_ consolidation: Consolidation) -> String { summary(Shown(consolidation)) }

    static func summary(_ consolidation: Shown) -> String {
        let counts = consolidation.paragraphs.reduce(into: [ConsolidatedParagraph.Status: Int]()) { $0[$1.status, default: 0] += 1 }
        let members = consolidation.members.joined(separator: ", ")
        return "\(consolidation.draft), round \(consolidation.round): \(consolidation.members.count) submission(s)"
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

    /// As the text report, in Markdown: each paragraph anchored by its id (`#p4d8d94e6`), an
    /// unchanged one as plain text, a changed one under its heading with its facts as a list.
    public static func markdown(_ consolidation: Consolidation) -> String { markdown(Shown(consolidation)) }

    static func markdown(_ consolidation: Shown) -> String {
        var output = "# \(markdownEscaped("\(consolidation.draft) — consolidated text, round \(consolidation.round)"))\n\n"
        output += markdownEscaped(summary(consolidation)) + "\n\n"
        output += list(consolidation.submissionFacts, indent: "")
        for paragraph in consolidation.paragraphs {
            let anchor = "<a id=\"\(paragraph.id)\"></a>"
            if paragraph.isPlain {
                output += anchor + markdownEscaped(paragraph.base?.line ?? paragraph.text) + "\n\n"
                continue
            }
            output += anchor + "**\(markdownEscaped(heading(paragraph)))**\n\n"
            if paragraph.status == .conflict {
                output += markdownEscaped(paragraph.text) + "\n\n"
                for (index, alternative) in paragraph.alternatives.enumerated() {
                    output += "- ALT \(index + 1) (\(markdownEscaped(alternative.by.joined(separator: ", ")))): "
                        + alternativeText(alternative, of: paragraph) { attributed($0, credited: false, escape: markdownEscaped) } + "\n"
                    output += list(alternative.facts, indent: "  ", closing: false)
                }
                output += "\n"
            } else {
                output += attributed(paragraph.spans, credited: true, escape: markdownEscaped) + "\n\n"
            }
            output += list(paragraph.facts, indent: "")
        }
        return output
    }

    /// Facts as a Markdown list; an outdated decision in bold.
    private static func list(_ facts: [ReportFact], indent: String, closing: Bool = true) -> String {
        guard !facts.isEmpty else { return "" }
        return facts.map { fact in
            let sentence = markdownEscaped(fact.sentence)
            return indent + "- " + (fact.isWarning ? "**\(sentence)**" : sentence) + "\n"
        }.joined() + (closing ? "\n" : "")
    }

    /// A self-contained page: each member's insertions and deletions in its own colour, a
    /// joint change striped in all its proposers' colours and named by each; a legend naming
    /// every colour; each paragraph anchored by its id, unchanged ones compact; alternatives
    /// as redlines; every fact the text report states. Every character of member text escaped.
    public static func html(_ consolidation: Consolidation) -> String { html(Shown(consolidation)) }

    static func html(_ consolidation: Shown) -> String {
        let palette = MemberPalette(members: Array(Set(consolidation.members
            + consolidation.paragraphs.flatMap { $0.spans.flatMap(\.by) + $0.alternatives.flatMap(\.by) })).sorted())
        var body = "<p>\(htmlEscaped(summary(consolidation)))</p>\n" + palette.legend(escape: htmlEscaped) + "\n"
        body += htmlList(consolidation.submissionFacts, class: "submissions")
        for paragraph in consolidation.paragraphs {
            if paragraph.isPlain {
                body += "<p id=\"\(paragraph.id)\" class=\"unchanged\">\(htmlEscaped(paragraph.base?.line ?? paragraph.text))</p>\n"
                continue
            }
            body += "<section id=\"\(paragraph.id)\" class=\"\(paragraph.status.rawValue)\"><h2><a href=\"#\(paragraph.id)\">\(htmlEscaped(heading(paragraph)))</a></h2>\n"
            if paragraph.status == .conflict {
                body += "<p class=\"base\">\(htmlEscaped(paragraph.text))</p>\n<ol class=\"alternatives\">"
                for alternative in paragraph.alternatives {
                    body += "<li>" + proposers(alternative.by, palette: palette) + ": "
                    body += alternativeText(alternative, of: paragraph) { html($0, palette: palette, credited: false) }
                    body += htmlList(alternative.facts) + "</li>"
                }
                body += "</ol>\n"
            } else {
                body += "<p>" + html(paragraph.spans, palette: palette, credited: true) + "</p>\n"
            }
            body += htmlList(paragraph.facts) + "</section>\n"
        }
        let title = "\(consolidation.draft) — consolidated text, round \(consolidation.round)"
        return htmlPage(title: title, style: """
            body { max-width: 60em; }
            h2 { font-size: 1em; margin: 1.2em 0 .2em; }
            h2 a { color: inherit; text-decoration: none; }
            p.unchanged { margin: .2em 0; color: #444; font-size: .92em; }
            sup { font-size: .7em; }
            section.conflict { border-left: 4px solid #c0392b; padding-left: .8em; }
            ul.legend { padding: 0; }
            ul.legend li { display: inline-block; margin: 0 1em .3em 0; }
            .swatch { display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: -.1em; }
            ul.facts { margin: .2em 0; padding-left: 1.2em; font-size: .9em; color: #333; }
            li.warning { color: #a00; font-weight: bold; }
            \(palette.style)
            """, body: body)
    }

    /// Proposers named each in its colour: `CEPT, F`.
    static func proposers(_ members: [String], palette: MemberPalette) -> String {
        members.map { "<b class=\"\(palette.cssClass($0))\">\(htmlEscaped($0))</b>" }.joined(separator: ", ")
    }

    /// Spans as HTML: a change in its first proposer's colour, striped under in every
    /// proposer's when several, each named after it unless `credited` is false.
    static func html(_ spans: [AttributedSpan], palette: MemberPalette, credited: Bool) -> String {
        spans.map { span in
            let text = htmlEscaped(InvisibleCharacters.readable(span.text, change: span.change))
            guard span.change != .same else { return text }
            let tag = span.change == .insert ? "ins" : "del"
            let stripes = palette.stripes(span.by)
            let style = stripes.isEmpty ? "" : " style=\"\(stripes)\""
            let css = span.by.first.map(palette.cssClass) ?? ""
            return "<\(tag) class=\"\(css)\" title=\"\(htmlEscaped(span.by.joined(separator: ", ")))\"\(style)>\(text)</\(tag)>"
                + (credited ? "<sup>\(proposers(span.by, palette: palette))</sup>" : "")
        }.joined()
    }

    /// Facts as an HTML list; an outdated decision stands out.
    static func htmlList(_ facts: [ReportFact], class name: String = "facts") -> String {
        guard !facts.isEmpty else { return "" }
        return "<ul class=\"\(name)\">" + facts.map { fact in
            "<li class=\"\(fact.kind.rawValue)\(fact.isWarning ? " warning" : "")\">\(htmlEscaped(fact.sentence))</li>"
        }.joined() + "</ul>\n"
    }

    /// Spans in Markdown, `<ins>`/`<del>` as the redlines use, each change followed by its
    /// proposers unless `credited` is false.
    static func attributed(_ spans: [AttributedSpan], credited: Bool, escape: (String) -> String) -> String {
        marked(spans, insert: ("<ins>", "</ins>"), delete: ("<del>", "</del>"), escape: escape) {
            credited ? "<sup>\(escape($0.joined(separator: ", ")))</sup>" : ""
        }
    }
}
