import ConcordDrafting
import ConcordText
import CSV
import Foundation

/// `compare`: the synoptic table (one row per paragraph, the base and each member's proposal
/// side by side) and the agreement summary, in every format.
public enum CompareReport {
    /// What a row says of agreement, in words; a regional organisation is named with the
    /// members that sign its proposals, so a group shows every State behind it.
    static func describe(_ agreement: Synopsis.Agreement, in comparison: Comparison) -> String {
        let signatories = Dictionary(comparison.members.map { ($0.id.rawValue, $0.signatories.map(\.rawValue)) },
                                     uniquingKeysWith: { first, _ in first })
        func group(_ members: [String]) -> String {
            members.map { member in
                signatories[member].flatMap { $0.isEmpty ? nil : "\(member) [\($0.joined(separator: ", "))]" } ?? member
            }.joined(separator: ", ")
        }
        switch agreement {
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

    // MARK: - Text

    public static func text(_ comparison: Comparison, changedOnly: Bool, colour: Bool) -> String {
        let tally = tally(comparison)
        var output = "\(comparison.draft), round \(comparison.round.number): " + comparison.members.map(header).joined(separator: ", ")
        output += "\n" + ["consensual", "uncontested", "contested", "untouched"].map { "\(tally[$0, default: 0]) \($0)" }.joined(separator: ", ") + "\n"
        for row in rows(comparison, changedOnly: changedOnly) {
            output += "\n\(row.label.map { $0.rawValue + " " } ?? ""){#\(row.id)} \(describe(row.agreement, in: comparison))\n"
            output += "  base: " + (row.isAddition ? "(not in the base)" : row.base) + "\n"
            for (member, cell) in zip(comparison.members, row.cells) where cell.op != .noc || !changedOnly {
                output += "  \(member.id) \(cell.op.rawValue): "
                RedlineText.appendSpans(displaySpans(cell.spans, showFormatting: comparison.showsFormatting), colour: colour, to: &output)
                output += "\n"
            }
            if let chair = comparison.chair?[row.id] {
                output += "  chair (\(chair.status.rawValue)): \(chair.text)\n"
            }
        }
        output += "\nAgreement (share of paragraphs on which two members propose the same, NOC included):\n"
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
        json.key("draft"); json.string(comparison.draft.rawValue)
        json.key("members")
        json.array(comparison.members) { json, member in
            json.beginObject()
            json.key("accounts"); json.strings(member.accounts)
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
            write(row, ids: ids, chair: comparison.chair?[row.id]?.text, unchangedText: unchangedText, to: &json)
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

    private static func write(_ row: Synopsis.Row, ids: [String], chair: String?, unchangedText: Bool, to json: inout PrettyJSONWriter) {
        let groups: [[String]]
        switch row.agreement {
        case .untouched: groups = []
        case .consensual(let proposers): groups = [proposers]
        case .contested(let all): groups = all
        }
        json.beginObject()
        json.key("agreement"); json.string(kind(row.agreement))
        json.key("base"); json.string(row.base)
        if let chair { json.key("chair"); json.string(chair) }
        json.key("groups"); json.array(groups) { $0.strings($1) }
        json.key("id"); json.string(row.id.rawValue)
        if let label = row.label { json.key("label"); json.string(label.rawValue) }
        json.key("members")
        json.array(zip(ids, row.cells)) { json, pair in
            let (member, cell) = pair
            json.beginObject()
            json.key("member"); json.string(member)
            json.key("op"); json.string(cell.op.rawValue)
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
                json.key("text"); json.string(cell.text)
            }
            json.endObject()
        }
        json.endObject()
    }

    // MARK: - Markdown, HTML, CSV

    public static func markdown(_ comparison: Comparison, changedOnly: Bool) -> String {
        let columns = ["Paragraph", "Base"] + comparison.members.map(header) + (comparison.chair == nil ? [] : ["Chair"]) + ["Agreement"]
        var output = "# \(markdownEscaped("\(comparison.draft) — proposals compared, round \(comparison.round.number)"))\n\n"
        output += "| " + columns.map(markdownEscaped).joined(separator: " | ") + " |\n"
        output += "|" + String(repeating: " --- |", count: columns.count) + "\n"
        for row in rows(comparison, changedOnly: changedOnly) {
            var cells = [markdownEscaped(row.label?.rawValue ?? row.id.rawValue), markdownEscaped(row.base)]
            cells += row.cells.map { "**\($0.op.rawValue)** " + markedUp($0.spans, showFormatting: comparison.showsFormatting, escape: markdownEscaped) }
            if let chair = comparison.chair { cells.append(markdownEscaped(chair[row.id]?.text ?? "")) }
            cells.append(markdownEscaped(describe(row.agreement, in: comparison)))
            output += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return output
    }

    /// A page readable side by side and printable: one column per member, redlines in ITU's
    /// convention, the agreement matrix; every character of member text escaped.
    public static func html(_ comparison: Comparison, changedOnly: Bool) -> String {
        let title = "\(comparison.draft) — proposals compared, round \(comparison.round.number)"
        var table = "<tr><th>Paragraph</th><th>Base</th>"
        table += comparison.members.map { "<th>\(htmlEscaped(header($0)))</th>" }.joined()
        if comparison.chair != nil { table += "<th>Chair</th>" }
        table += "<th>Agreement</th></tr>\n"
        for row in rows(comparison, changedOnly: changedOnly) {
            table += "<tr class=\"\(kind(row.agreement))\"><td>\(htmlEscaped(row.label?.rawValue ?? ""))<br><small>\(htmlEscaped(row.id.rawValue))</small></td>"
            table += "<td>\(htmlEscaped(row.base))</td>"
            for cell in row.cells {
                table += "<td class=\"\(cell.op.rawValue.lowercased())\"><b>\(cell.op.rawValue)</b> "
                    + markedUp(cell.spans, showFormatting: comparison.showsFormatting, escape: htmlEscaped) + "</td>"
            }
            if let chair = comparison.chair { table += "<td>\(htmlEscaped(chair[row.id]?.text ?? ""))</td>" }
            table += "<td>\(htmlEscaped(describe(row.agreement, in: comparison)))</td></tr>\n"
        }
        let ids = comparison.members.map(\.id.rawValue)
        var matrix = "<tr><th></th>" + ids.map { "<th>\(htmlEscaped($0))</th>" }.joined() + "</tr>\n"
        for (index, values) in comparison.synopsis.agreementMatrix.enumerated() {
            matrix += "<tr><th>\(htmlEscaped(ids[index]))</th>" + values.map { String(format: "<td>%.0f%%</td>", $0 * 100) }.joined() + "</tr>\n"
        }
        return htmlPage(title: title, style: """
            body { margin: 1.5em; line-height: 1.3; }
            table { border-collapse: collapse; width: 100%; table-layout: fixed; }
            th, td { border: 1px solid #ccc; padding: .3em .5em; vertical-align: top; }
            tr.contested td:last-child { color: #a00; font-weight: bold; }
            ins { color: #05620a; } del { color: #a00; }
            table.matrix { width: auto; }
            @media print { body { margin: 0; font-size: 9pt; } tr { page-break-inside: avoid; } }

            """, body: "<table class=\"synopsis\">\n\(table)</table>\n<h2>Agreement</h2>\n<table class=\"matrix\">\n\(matrix)</table>\n")
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
            fields.append(describe(row.agreement, in: comparison))
            try writer.write(row: fields)
        }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return "\u{FEFF}" + String(decoding: data, as: UTF8.self) + "\r\n"
    }
}
