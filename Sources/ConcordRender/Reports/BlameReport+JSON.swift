extension BlameReport {
    /// `blame --format json`: the bytes `DraftJSON.encode` gives for `Report`, written by
    /// `PrettyJSONWriter` without building the encoder's tree (a blame of 193 members'
    /// round on 10,000 paragraphs spent a third of its time in `JSONEncoder`). Keys are
    /// written in sorted order and a nil field is left out, as the encoder does; a test
    /// compares the two.
    static func jsonBytes(_ report: Report) -> [UInt8] {
        var json = PrettyJSONWriter(reservingCapacity: 1024 + report.paragraphs.count * 512)
        json.beginObject()
        if let admittedLate = report.admittedLate { json.key("admittedLate"); json.stringDictionary(admittedLate) }
        json.key("base"); json.string(report.base)
        if let coSponsors = report.coSponsors {
            json.key("coSponsors")
            json.beginObject()
            for (member, coSponsors) in coSponsors.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                json.key(member); json.strings(coSponsors)
            }
            json.endObject()
        }
        json.key("draft"); json.string(report.draft)
        json.key("paragraphs")
        json.array(report.paragraphs) { json, paragraph in
            json.beginObject()
            if let decision = paragraph.decision { json.key("decision"); write(decision, to: &json) }
            json.key("facts"); json.strings(paragraph.facts.map(\.sentence))
            json.key("id"); json.string(paragraph.id)
            if let label = paragraph.label { json.key("label"); json.string(label) }
            json.key("spans")
            json.array(paragraph.spans) { json, span in
                json.beginObject()
                json.key("by"); json.strings(span.by)
                json.key("change"); json.string(span.change.rawValue)
                json.key("commits"); json.stringDictionary(span.commits)
                json.key("round"); json.int(span.round)
                json.key("text"); json.string(span.text)
                json.endObject()
            }
            json.key("status"); json.string(paragraph.status)
            json.endObject()
        }
        json.key("round"); json.int(report.round)
        json.endObject()
        json.endDocument()
        return json.bytes
    }

    /// A decision as its `Codable` form encodes, fields in sorted order, nil ones left out.
    private static func write(_ decision: ConsolidationReport.DecisionJSON, to json: inout PrettyJSONWriter) {
        json.beginObject()
        json.key("at"); json.string(decision.at)
        json.key("by"); json.string(decision.by)
        if let member = decision.member { json.key("member"); json.string(member) }
        json.key("outcome"); json.string(decision.outcome)
        if let outdated = decision.outdated { json.key("outdated"); json.bool(outdated) }
        if let paragraph = decision.paragraph { json.key("paragraph"); json.string(paragraph) }
        if let reason = decision.reason { json.key("reason"); json.string(reason) }
        if let text = decision.text { json.key("text"); json.string(text) }
        json.endObject()
    }
}
