import ConcordDrafting
import ConcordText
import CSV
import Foundation

/// `compare`: the synoptic table (one row per paragraph, the base and each member's proposal
/// side by side) and the agreement summary, in every format.
public enum CompareReport {
    /// What a row says of agreement, in words; a regional organisation is named with the
    /// members that sign its proposals, so a group shows every State behind it.
    static func describe(_ row: Synopsis.Row, in comparison: Comparison) -> String {
        let renumberedBy = row.renumberings.keys.sorted().map { comparison.members[$0].id.rawValue }
        return describe(row.agreement, renumberedBy: renumberedBy, in: comparison)
    }

    static func describe(_ agreement: Synopsis.Agreement, renumberedBy: [String], in comparison: Comparison) -> String {
        let signatories = Dictionary(comparison.members.map { ($0.id.rawValue, $0.signatories.map(\.rawValue)) },
                                     uniquingKeysWith: { first, _ in first })
        func group(_ members: [String]) -> String {
            members.map { member in
                signatories[member].flatMap { $0.isEmpty ? nil : "\(member) [\($0.joined(separator: ", "))]" } ?? member
            }.joined(separator: ", ")
        }
        switch agreement {
        case .untouched where !renumberedBy.isEmpty: return "text untouched; renumbered by \(group(renumberedBy))"
        case .untouched: return "untouched"
        case .consensual(let proposers) where proposers.count == 1: return "uncontested (\(group(proposers)))"
        case .consensual(let proposers): return "consensual (\(group(proposers)))"
        case .contested(let groups): return "contested: \(groups.count) proposals (" + groups.map(group).joined(separator: " | ") + ")"
        }
    }

    static func kind(_ agreement: Synopsis.Agreement) -> String {
        switch agreement {
        case .untouched: "untouched"
        case .consensual(let proposers) where proposers.count == 1: "uncontested"
        case .consensual: "consensual"
        case .contested: "contested"
        }
    }

    static func rows(_ comparison: Comparison, changedOnly: Bool) -> [Synopsis.Row] {
        comparison.synopsis.rows.filter { !changedOnly || $0.isChanged }
    }

    static func header(_ member: Member) -> String {
        member.signatories.isEmpty ? member.id.rawValue
            : "\(member.id) (\(member.signatories.map(\.rawValue).joined(separator: ", ")))"
    }

    /// Counts of rows by `kind`: untouched; uncontested (one member proposes a change, and
    /// nobody else); consensual (two or more propose the same); contested.
    static func tally(_ comparison: Comparison) -> [String: Int] {
        comparison.synopsis.rows.reduce(into: ["untouched": 0, "uncontested": 0, "consensual": 0, "contested": 0]) { $0[kind($1.agreement), default: 0] += 1 }
    }

    /// What a member's cell says besides its text: its reason, who supports its proposal,
    /// whose proposal it supports here, and a renumbering.
    /// `index`: the member's place among those compared (its cell's in the row).
    static func facts(ofCell index: Int, row: Synopsis.Row, in comparison: Comparison) -> [ReportFact] {
        let member = comparison.members[index].id, cell = row.cells[index]
        var facts: [ReportFact] = []
        if let reason = comparison.reason(of: member, on: row.id) { facts.append(ReportFact(kind: .reason, sentence: "Reason: \(reason)")) }
        let supporters = comparison.supporters(of: member, on: row.id)
        if cell.op != .noc, !supporters.isEmpty {
            facts.append(ReportFact(kind: .support, sentence: "Supported by \(supporters.map(\.rawValue).joined(separator: ", "))"))
        }
        for proposer in comparison.supported(by: member, on: row.id) {
            facts.append(ReportFact(kind: .support, sentence: "Supports \(proposer)'s proposal"))
        }
        if let renumbering = row.renumberings[index] {
            facts.append(ReportFact(kind: .renumbering, sentence: "Renumbered \(renumbering.from?.rawValue ?? "(none)") → \(renumbering.to?.rawValue ?? "(none)")"))
        }
        return facts
    }

    /// The chair's column: the consolidated text, and the decision on it.
    static func chairFacts(_ paragraph: ConsolidatedParagraph?) -> [ReportFact] {
        guard let decision = paragraph?.decision else { return [] }
        return [ReportFact(kind: .decision, sentence: ConsolidationReport.describe(decision), isWarning: decision.isOutdated)]
    }

    /// Co-sponsors and late admissions of the members compared.
    static func memberFacts(_ comparison: Comparison) -> [ReportFact] {
        comparison.members.flatMap { member in comparison.records[member.id].map { ReportFact.submission($0) } ?? [] }
    }

    /// What the agreement matrix counts, in words.
    static func matrixCaption(_ comparison: Comparison) -> String {
        "Agreement: the share of the \(comparison.synopsis.touchedRowCount) paragraph(s) someone changed on which two members "
            + "take the same position (leaving a paragraph as it is counts as one); paragraphs nobody changed are left out"
    }

    // MARK: - Text

    public static func text(_ comparison: Comparison, changedOnly: Bool, colour: Bool) -> String {
        let tally = tally(comparison)
        var output = "\(comparison.draft), round \(comparison.round.number): " + comparison.members.map(header).joined(separator: ", ")
        output += "\n" + ["consensual", "uncontested", "contested", "untouched"].map { "\(tally[$0, default: 0]) \($0)" }.joined(separator: ", ") + "\n"
        for fact in memberFacts(comparison) { output += fact.sentence + "\n" }
        for row in rows(comparison, changedOnly: changedOnly) {
            output += "\n\(row.label.map { $0.rawValue + " " } ?? ""){#\(row.id)} \(describe(row, in: comparison))\n"
            output += "  base: " + (row.isAddition ? "(not in the base)" : row.base) + "\n"
            for (index, (member, cell)) in zip(comparison.members, row.cells).enumerated() {
                let facts = facts(ofCell: index, row: row, in: comparison)
                guard cell.op != .noc || !changedOnly || !facts.isEmpty else { continue }
                output += "  \(member.id) \(cell.op.rawValue)"
                if cell.op != .noc {
                    output += ": "
                    RedlineText.appendSpans(displaySpans(cell.spans, showFormatting: comparison.showsFormatting), colour: colour, to: &output)
                }
                output += "\n"
                for fact in facts { output += "    \(fact.sentence)\n" }
            }
            if let chair = comparison.chair?[row.id] {
                output += "  chair (\(chair.status.rawValue)): \(chair.text)\n"
                for fact in chairFacts(chair) { output += "    \(fact.sentence)\n" }
            }
        }
        output += "\n" + matrixCaption(comparison) + ":\n"
        output += matrixText(comparison)
        return output
    }

    static func matrixText(_ comparison: Comparison) -> String {
        let ids = comparison.members.map(\.id.rawValue)
        let width = max(6, (ids.map(\.count).max() ?? 0) + 1)
        func pad(_ text: String) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        var output = pad("") + ids.map(pad).joined() + "\n"
        for (index, row) in comparison.synopsis.agreementMatrix.enumerated() {
            output += pad(ids[index]) + row.map { pad(String(format: "%.0f%%", $0 * 100)) }.joined() + "\n"
        }
        return output
    }

    // MARK: - JSON

    /// The comparison as JSON (keys sorted, as `JSONEncoder` writes them), handed to `sink` a
    /// row at a time, never whole in memory: with every cell's text, 193 members × 2,000
    /// paragraphs was 315 MB of it. `unchangedText`: write an unchanged (NOC) cell's text and
    /// spans too; by default such a cell names only the member and NOC, since it is the row's
    /// base text, and at 193 members most of a comparison is such cells.
    public static func writeJSON(_ comparison: Comparison, changedOnly: Bool, unchangedText: Bool = false,
                                 to sink: ([UInt8]) -> Void) {
        let tally = tally(comparison)
        let ids = comparison.members.map(\.id.rawValue)
        let sortedIDs = ids.indices.sorted { ids[$0].utf8.lexicographicallyPrecedes(ids[$1].utf8) }
        let matrix = comparison.synopsis.agreementMatrix
        var json = PrettyJSONWriter(reservingCapacity: 1 << 16)
        json.beginObject()
        json.key("agreementMatrix")
        json.beginObject()
        for a in sortedIDs {
            json.key(ids[a])
            json.beginObject()
            for b in sortedIDs { json.key(ids[b]); json.number(matrix[a][b]) }
            json.endObject()
        }
        json.endObject()
        json.key("agreementParagraphs"); json.int(comparison.synopsis.touchedRowCount)
        json.key("draft"); json.string(comparison.draft.rawValue)
        json.key("members")
        json.array(comparison.members) { json, member in
            let record = comparison.records[member.id]
            json.beginObject()
            json.key("accounts"); json.strings(member.accounts)
            if let chair = record?.admittedLateBy { json.key("admittedLateBy"); json.string(chair.rawValue) }
            json.key("coSponsors"); json.strings(record?.coSponsors.map(\.rawValue) ?? [])
            json.key("id"); json.string(member.id.rawValue)
            json.key("kind"); json.string(member.kind.rawValue)
            json.key("name"); json.string(member.name)
            json.key("signatories"); json.strings(member.signatories.map(\.rawValue))
            json.endObject()
        }
        json.key("paragraphs")
        json.beginArray()
        for row in rows(comparison, changedOnly: changedOnly) {
            json.element()
            write(row, in: comparison, unchangedText: unchangedText, to: &json)
            json.flush(to: sink)
        }
        json.endArray()
        json.key("round"); json.int(comparison.round.number)
        json.key("summary")
        json.beginObject()
        for kind in tally.keys.sorted() { json.key(kind); json.int(tally[kind] ?? 0) }
        json.endObject()
        json.endObject()
        json.endDocument()
        json.flush(to: sink)
    }

    /// A row; each cell with its facts as fields: `reason`, `supporters` (of its proposal),
    /// `supports` (the proposals it supports here), `relabelledTo` when it renumbers.
    private static func write(_ row: Synopsis.Row, in comparison: Comparison, unchangedText: Bool, to json: inout PrettyJSONWriter) {
        let groups: [[String]]
        switch row.agreement {
        case .untouched: groups = []
        case .consensual(let proposers): groups = [proposers]
        case .contested(let all): groups = all
        }
        let chair = comparison.chair?[row.id]
        json.beginObject()
        json.key("agreement"); json.string(kind(row.agreement))
        json.key("base"); json.string(row.base)
        if let chair { json.key("chair"); json.string(chair.text) }
        if let decision = chair?.decision {
            json.key("decision"); json.string(ConsolidationReport.describe(decision))
            json.key("decisionOutdated"); json.bool(decision.isOutdated)
        }
        json.key("groups"); json.array(groups) { $0.strings($1) }
        json.key("id"); json.string(row.id.rawValue)
        if let label = row.label { json.key("label"); json.string(label.rawValue) }
        json.key("members")
        // Looked up once a row: most rows have no reason or support, and a lookup per cell
        // was a tenth of a comparison of 193 members.
        let reasons = comparison.reasons[row.id], supporters = comparison.supporters[row.id], supported = comparison.supported[row.id]
        json.array(Array(zip(comparison.members, row.cells).enumerated())) { json, entry in
            let (index, (member, cell)) = entry
            let supporters = cell.op == .noc ? [] : supporters?[member.id] ?? []
            let supports = supported?[member.id] ?? []
            json.beginObject()
            json.key("member"); json.string(member.id.rawValue)
            json.key("op"); json.string(cell.op.rawValue)
            if let reason = reasons?[member.id] { json.key("reason"); json.string(reason) }
            if let renumbering = row.renumberings[index] { json.key("relabelledTo"); json.string(renumbering.to?.rawValue ?? "") }
            if cell.op != .noc || unchangedText {
                json.key("spans")
                json.array(cell.spans) { json, span in
                    json.beginObject()
                    json.key("by"); json.strings([])
                    json.key("change"); json.string(span.change.rawValue)
                    if span.isFormattingOnly { json.key("formatting"); json.bool(true) }
                    json.key("text"); json.string(span.text)
                    json.endObject()
                }
            }
            if !supporters.isEmpty { json.key("supporters"); json.strings(supporters.map(\.rawValue)) }
            if !supports.isEmpty { json.key("supports"); json.strings(supports) }
            if cell.op != .noc || unchangedText { json.key("text"); json.string(cell.text) }
            json.endObject()
        }
        json.endObject()
    }

    // MARK: - Markdown, HTML, CSV

    /// The table in Markdown: an unchanged (NOC) cell says NOC without repeating the base; a
    /// cell's facts follow its text after line breaks; the agreement matrix below.
    public static func markdown(_ comparison: Comparison, changedOnly: Bool) -> String {
        let columns = ["Paragraph", "Base"] + comparison.members.map(header) + (comparison.chair == nil ? [] : ["Chair"]) + ["Agreement"]
        var output = "# \(markdownEscaped("\(comparison.draft) — proposals compared, round \(comparison.round.number)"))\n\n"
        for fact in memberFacts(comparison) { output += "- \(markdownEscaped(fact.sentence))\n" }
        output += memberFacts(comparison).isEmpty ? "" : "\n"
        output += "| " + columns.map(markdownEscaped).joined(separator: " | ") + " |\n"
        output += "|" + String(repeating: " --- |", count: columns.count) + "\n"
        func withFacts(_ text: String, _ facts: [ReportFact]) -> String {
            ([text] + facts.map { "*\(markdownEscaped($0.sentence))*" }).joined(separator: "<br>")
        }
        for row in rows(comparison, changedOnly: changedOnly) {
            var cells = ["<a id=\"\(row.id)\"></a>" + markdownEscaped(row.label?.rawValue ?? row.id.rawValue), markdownEscaped(row.base)]
            cells += row.cells.enumerated().map { index, cell in
                let text = cell.op == .noc ? "NOC" : "**\(cell.op.rawValue)** " + markedUp(cell.spans, showFormatting: comparison.showsFormatting, escape: markdownEscaped)
                return withFacts(text, facts(ofCell: index, row: row, in: comparison))
            }
            if let chair = comparison.chair { cells.append(withFacts(markdownEscaped(chair[row.id]?.text ?? ""), chairFacts(chair[row.id]))) }
            cells.append(markdownEscaped(describe(row, in: comparison)))
            output += "| " + cells.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: " | ") + " |\n"
        }
        let ids = comparison.members.map(\.id.rawValue)
        output += "\n" + markdownEscaped(matrixCaption(comparison)) + ".\n\n"
        output += "| | " + ids.map(markdownEscaped).joined(separator: " | ") + " |\n|" + String(repeating: " --- |", count: ids.count + 1) + "\n"
        for (index, values) in comparison.synopsis.agreementMatrix.enumerated() {
            output += "| " + markdownEscaped(ids[index]) + " | " + values.map { String(format: "%.0f%%", $0 * 100) }.joined(separator: " | ") + " |\n"
        }
        return output
    }

    /// A page readable side by side at forty members and printable. The table scrolls in
    /// its own frame, its header row and its paragraph and base columns staying in view, so
    /// each member's column keeps a readable width however many there are; an unchanged
    /// (NOC) cell says NOC without repeating the base; each cell states its reason, its
    /// supports and any renumbering; each member's column is marked with its colour, named
    /// in the legend. Every character of member text is escaped.
    public static func html(_ comparison: Comparison, changedOnly: Bool) -> String {
        let title = "\(comparison.draft) — proposals compared, round \(comparison.round.number)"
        let palette = MemberPalette(members: comparison.members.map(\.id.rawValue))
        let tally = tally(comparison)
        var page = "<p class=\"summary\">" + htmlEscaped(["consensual", "uncontested", "contested", "untouched"].map { "\(tally[$0, default: 0]) \($0)" }.joined(separator: ", "))
        page += changedOnly ? " — showing the paragraphs someone changed (<code>--no-changed-only</code> shows every one)</p>\n" : "</p>\n"
        page += palette.legend(escape: htmlEscaped) + "\n" + ConsolidationReport.htmlList(memberFacts(comparison), class: "submissions")
        var table = "<thead><tr><th class=\"para\">Paragraph</th><th class=\"base\">Base</th>"
        table += comparison.members.map { "<th class=\"member\" style=\"border-top: 4px solid \(palette.colour($0.id.rawValue).hex)\">\(htmlEscaped(header($0)))</th>" }.joined()
        if comparison.chair != nil { table += "<th class=\"member\">Chair</th>" }
        table += "<th class=\"agreement\">Agreement</th></tr></thead>\n<tbody>\n"
        for row in rows(comparison, changedOnly: changedOnly) {
            table += "<tr id=\"\(row.id)\" class=\"\(kind(row.agreement))\"><th class=\"para\"><a href=\"#\(row.id)\">\(htmlEscaped(row.label?.rawValue ?? ""))</a><br><small>\(htmlEscaped(row.id.rawValue))</small></th>"
            table += "<td class=\"base\">\(row.isAddition ? "<em>not in the base</em>" : htmlEscaped(row.base))</td>"
            for (index, cell) in row.cells.enumerated() {
                let facts = facts(ofCell: index, row: row, in: comparison)
                table += "<td class=\"\(cell.op.rawValue.lowercased())\"><b>\(cell.op.rawValue)</b>"
                if cell.op != .noc { table += " " + markedUp(cell.spans, showFormatting: comparison.showsFormatting, escape: htmlEscaped) }
                table += ConsolidationReport.htmlList(facts) + "</td>"
            }
            if let chair = comparison.chair {
                table += "<td>\(htmlEscaped(chair[row.id]?.text ?? ""))\(ConsolidationReport.htmlList(chairFacts(chair[row.id])))</td>"
            }
            table += "<td class=\"agreement\">\(htmlEscaped(describe(row, in: comparison)))</td></tr>\n"
        }
        table += "</tbody>\n"
        let ids = comparison.members.map(\.id.rawValue)
        var matrix = "<tr><th></th>" + ids.map { "<th>\(htmlEscaped($0))</th>" }.joined() + "</tr>\n"
        for (index, values) in comparison.synopsis.agreementMatrix.enumerated() {
            matrix += "<tr><th>\(htmlEscaped(ids[index]))</th>" + values.map { String(format: "<td>%.0f%%</td>", $0 * 100) }.joined() + "</tr>\n"
        }
        return htmlPage(title: title, style: """
            body { margin: 1em; line-height: 1.35; }
            div.frame { overflow: auto; max-height: 85vh; border: 1px solid #ccc; }
            table.synopsis { border-collapse: separate; border-spacing: 0; }
            table.synopsis th, table.synopsis td { border-right: 1px solid #ddd; border-bottom: 1px solid #ddd; padding: .3em .5em;
              vertical-align: top; background: #fff; overflow-wrap: break-word; }
            table.synopsis thead th { position: sticky; top: 0; z-index: 2; background: #f4f4f4; text-align: left; }
            table.synopsis .para { position: sticky; left: 0; z-index: 1; box-sizing: border-box; width: 7em; min-width: 7em; max-width: 7em; }
            table.synopsis .base { position: sticky; left: 7em; z-index: 1; min-width: 24em; max-width: 24em; box-shadow: 2px 0 3px #0002; }
            table.synopsis thead .para, table.synopsis thead .base { z-index: 3; }
            table.synopsis td, table.synopsis th.member { min-width: 14em; max-width: 22em; }
            table.synopsis td.noc { color: #888; font-size: .85em; min-width: 4em; }
            table.synopsis td.agreement { min-width: 12em; }
            tr.contested td.agreement { color: #a00; font-weight: bold; }
            ins { color: #05620a; } del { color: #a00; }
            ul.facts { margin: .3em 0 0; padding-left: 1em; font-size: .85em; color: #333; }
            ul.legend { padding: 0; } ul.legend li { display: inline-block; margin: 0 1em .3em 0; }
            .swatch { display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: -.1em; }
            li.warning { color: #a00; font-weight: bold; }
            table.matrix { border-collapse: collapse; font-size: .85em; }
            table.matrix th, table.matrix td { border: 1px solid #ddd; padding: .2em .4em; }
            \(palette.style)
            @media print { body { margin: 0; font-size: 9pt; } div.frame { overflow: visible; max-height: none; border: 0; }
              table.synopsis th, table.synopsis td { position: static; } tr { page-break-inside: avoid; } }

            """, body: page + "<div class=\"frame\"><table class=\"synopsis\">\n\(table)</table></div>\n<h2>Agreement</h2>\n<p>\(htmlEscaped(matrixCaption(comparison))).</p>\n<table class=\"matrix\">\n\(matrix)</table>\n")
    }

    /// RFC 4180: CRLF line ends, fields quoted where they hold a comma, a quote or a line
    /// break; UTF-8 after a byte-order mark, without which Excel reads the bytes of "é" as
    /// two Latin-1 characters. A member's cell is its op and its changes marked as the text
    /// report marks them (`[+added+]`, `[-deleted-]`), empty where it changes nothing (NOC).
    public static func csv(_ comparison: Comparison, changedOnly: Bool) throws -> String {
        let stream = OutputStream.toMemory()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        var header = ["id", "label", "base"]
        for member in comparison.members { header += ["\(member.id) op", "\(member.id) changes"] }
        if comparison.chair != nil { header.append("chair") }
        header.append("agreement")
        try writer.write(row: header)
        for row in rows(comparison, changedOnly: changedOnly) {
            var fields = [row.id.rawValue, row.label?.rawValue ?? "", row.base]
            for cell in row.cells {
                var marked = ""
                if cell.op != .noc { RedlineText.appendSpans(displaySpans(cell.spans, showFormatting: comparison.showsFormatting), colour: false, to: &marked) }
                fields += [cell.op.rawValue, marked]
            }
            if let chair = comparison.chair { fields.append(chair[row.id]?.text ?? "") }
            fields.append(describe(row, in: comparison))
            try writer.write(row: fields)
        }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return "\u{FEFF}" + String(decoding: data, as: UTF8.self) + "\r\n"
    }
}
