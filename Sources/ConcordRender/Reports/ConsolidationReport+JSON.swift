import ConcordDrafting
import ConcordText

extension ConsolidationReport {
    /// `consolidate --format json`, also recorded by `--commit` (`record`) and read back by
    /// `blame` as a `ReportJSON`: the bytes `JSONEncoder` gives for that record (pretty-printed,
    /// sorted keys), written by `PrettyJSONWriter` without building it (see there why). Each
    /// object's keys are written below in sorted order, and an optional field is left out when
    /// nil, as the encoder does. Handed to `sink` a paragraph at a time: at 193 members ×
    /// 10,000 paragraphs the report is 75 MB, and built whole, then copied into a string, it
    /// was a third of the command's memory.
    public static func writeJSON(_ consolidation: Consolidation, to sink: ([UInt8]) -> Void) {
        let paragraphs = consolidation.text.paragraphs
        var json = PrettyJSONWriter(reservingCapacity: 1 << 16)
        let records = consolidation.submissions.map(\.record)
        let admittedLate = records.compactMap { record in record.admittedLateBy.map { (record.member.rawValue, $0.rawValue) } }
        let coSponsored = records.filter { !$0.coSponsors.isEmpty }.sorted { $0.member.rawValue.utf8.lexicographicallyPrecedes($1.member.rawValue.utf8) }
        json.beginObject()
        if !admittedLate.isEmpty {
            json.key("admittedLate"); json.stringDictionary(Dictionary(admittedLate) { first, _ in first })
        }
        json.key("base"); json.string(consolidation.round.base.hex)
        if !coSponsored.isEmpty {
            json.key("coSponsors")
            json.beginObject()
            for record in coSponsored { json.key(record.member.rawValue); json.strings(record.coSponsors.map(\.rawValue)) }
            json.endObject()
        }
        json.key("conflicts"); json.int(paragraphs.reduce(0) { $0 + ($1.status == .conflict ? 1 : 0) })
        json.key("draft"); json.string(consolidation.draft.rawValue)
        json.key("paragraphs")
        json.beginArray()
        // A batch of entries at a time, written side by side on every core (each as the record
        // amends one, `RecordFormat.entry`), then handed to `sink` in order: with 193 members
        // editing every one of 2,000 paragraphs, one core writing the 278 MB report was a
        // fifth of the command.
        for start in stride(from: 0, to: paragraphs.count, by: entriesPerBatch) {
            let batch = paragraphs[start ..< min(start + entriesPerBatch, paragraphs.count)]
            let entries = concurrentMap(count: batch.count, threshold: 2) { RecordFormat.entry(batch[batch.startIndex + $0]) }
            for entry in entries {
                json.element()
                json.flush(to: sink)
                sink(entry)
            }
        }
        json.endArray()
        json.key("round"); json.int(consolidation.round.number)
        json.key("submissions"); json.stringDictionary(consolidation.commits.mapValues(\.hex))
        json.endObject()
        json.endDocument()
        json.flush(to: sink)
    }

    /// Paragraphs whose entries are written at once: enough for every core to have several,
    /// few enough that a batch of the largest entries (a conflict of 193 alternatives is
    /// 140 kB) stays small beside the consolidation itself.
    static let entriesPerBatch = 256

    static func write(_ paragraph: ConsolidatedParagraph, to json: inout PrettyJSONWriter) {
        json.beginObject()
        json.key("alternatives")
        let base = paragraph.baseText
        var runs = ChangeRuns()
        json.beginArray()
        for alternative in paragraph.alternatives {
            json.element()
            write(alternative, against: base, runs: &runs, to: &json)
        }
        json.endArray()
        if let decision = paragraph.decision { write(decision, to: &json) }
        json.key("id"); json.string(paragraph.id.rawValue)
        if let label = paragraph.label { json.key("label"); json.string(label.rawValue) }
        json.key("moved"); json.bool(paragraph.isMoved)
        json.key("movedBy"); json.strings(paragraph.movedBy)
        json.key("reasons"); json.stringDictionary(paragraph.reasons)
        json.key("relabelledBy"); json.strings(paragraph.relabelledBy)
        json.key("spans"); write(paragraph.spans, to: &json)
        json.key("status"); json.string(paragraph.status.rawValue)
        json.key("supporters"); json.strings(paragraph.supporters)
        json.key("text"); json.string(paragraph.text)
        json.endObject()
    }

    private static func write(_ alternative: Alternative, against base: String, runs: inout ChangeRuns,
                              to json: inout PrettyJSONWriter) {
        json.beginObject()
        json.key("by"); json.strings(alternative.by)
        json.key("changes")
        writeChanges(of: alternative, against: base, runs: &runs, to: &json)
        json.key("op"); json.string(alternative.op.rawValue)
        if !alternative.reasons.isEmpty {
            json.key("reason")
            json.string(alternative.reasons.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "))
        }
        json.key("reasons"); json.stringDictionary(alternative.reasons)
        json.key("supporters"); json.strings(alternative.supporters)
        json.key("text"); alternative.withTextUTF8 { json.string(utf8: $0) }
        json.endObject()
    }

    /// An alternative's `changes` (`ChangeJSON`), read off the bytes of the redline the merge
    /// kept where it did: a report of 193 members editing every paragraph has 386,000
    /// alternatives, and making strings of their spans was a tenth of the command. A
    /// suppression's change is the whole base: its op says so. `runs`: emptied and filled.
    private static func writeChanges(of alternative: Alternative, against base: String, runs: inout ChangeRuns,
                                     to json: inout PrettyJSONWriter) {
        runs.removeAll()
        if alternative.op == .sup {
            // No changes listed.
        } else if alternative.hasSpans {
            alternative.forEachSpan { change, _, bytes in runs.add(change, bytes) }
        } else {
            // Not kept by the merge (an addition, a report recorded before they were): diffed here.
            runs.add(alternative.redline(against: base))
        }
        runs.finish()
        json.beginArray()
        for index in runs.changes.indices {
            let (at, deleted, inserted) = runs[index]
            json.element()
            json.beginObject()
            json.key("at"); json.int(at)
            if !deleted.isEmpty { json.key("delete"); deleted.withUnsafeBufferPointer { json.string(utf8: $0) } }
            if !inserted.isEmpty { json.key("insert"); inserted.withUnsafeBufferPointer { json.string(utf8: $0) } }
            json.endObject()
        }
        json.endArray()
    }

    private static func write(_ spans: [AttributedSpan], to json: inout PrettyJSONWriter) {
        json.array(spans) { json, span in
            json.beginObject()
            json.key("by"); json.strings(span.by)
            json.key("change"); json.string(span.change.rawValue)
            json.key("text"); json.string(span.text)
            json.endObject()
        }
    }

    /// The `decision` member, as `decisionRecord(_:)` encodes.
    private static func write(_ decision: Decision, to json: inout PrettyJSONWriter) {
        let record = decisionRecord(decision)
        json.key("decision")
        json.beginObject()
        json.key("at"); json.string(record.at)
        json.key("by"); json.string(record.by)
        if let member = record.member { json.key("member"); json.string(member) }
        json.key("outcome"); json.string(record.outcome)
        json.key("outdated"); json.bool(record.outdated ?? false)
        if let reason = record.reason { json.key("reason"); json.string(reason) }
        if let text = record.text { json.key("text"); json.string(text) }
        json.endObject()
    }
}
