import ConcordDrafting
import ConcordText

extension ConsolidationReport {
    /// The report `consolidate --commit`, `decide` and publishing record beside the text.
    public static let record = RecordFormat()

    /// The JSON report (`writeJSON(_:to:)`) as a record: written whole, or amended in place by a
    /// decision. Amending finds each decided paragraph's entry by its `"id"` line (in the
    /// pretty layout only an entry of `paragraphs` has an `id` six spaces in, and every string's
    /// quotes and line breaks are escaped, so no text can imitate the line), checks it is
    /// byte for byte what the paragraph writes before the decision, and writes the paragraph
    /// after it in its place; then the count of conflicts.
    public struct RecordFormat: ConsolidationRecordFormat {
        public func report(_ consolidation: Consolidation) throws -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(1024 + consolidation.text.paragraphs.count * 1024)
            writeJSON(consolidation) { bytes += $0 }
            return bytes
        }

        /// Blame's credit after the revision, kept from the consolidation in memory.
        public func published(_ consolidation: Consolidation, in repository: DraftingRepository) {
            BlameReport.keepCredit(ofPublished: consolidation, in: repository)
        }

        public func amending(_ recorded: [UInt8], replacing paragraphs: [(before: ConsolidatedParagraph, after: ConsolidatedParagraph)])
            -> (report: [UInt8], conflicts: Int)? {
            var report = recorded
            var added = 0
            for (before, after) in paragraphs {
                guard let range = Self.entry(of: before.id, in: report), report[range].elementsEqual(Self.entry(before)) else { return nil }
                report.replaceSubrange(range, with: Self.entry(after))
                added += (after.status == .conflict ? 1 : 0) - (before.status == .conflict ? 1 : 0)
            }
            // `"conflicts" : N,` two spaces in: a member of the report itself.
            let key = Array("\n  \"conflicts\" : ".utf8)
            guard let field = report.range(of: key) else { return nil }
            let digits = report[field.upperBound...].prefix { (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains($0) }
            guard let recordedCount = Int(String(decoding: digits, as: UTF8.self)) else { return nil }
            let conflicts = recordedCount + added
            report.replaceSubrange(field.upperBound ..< field.upperBound + digits.count, with: Array(String(conflicts).utf8))
            return (report, conflicts)
        }

        /// A paragraph's entry as the report writes it among the others: from its `{` to its `}`.
        static func entry(_ paragraph: ConsolidatedParagraph) -> [UInt8] {
            // Sized for the paragraph's text and each alternative's, with their fields: a
            // conflict of 193 alternatives is 140 kB, which growing by doubling copied twice over.
            var json = PrettyJSONWriter(nestedIn: 2, reservingCapacity: (paragraph.alternatives.count + 1) * (paragraph.text.utf8.count + 320) + 512)
            write(paragraph, to: &json)
            return json.bytes
        }

        /// Where the entry of paragraph `id` stands in `report`, from its `{` to its `}`.
        static func entry(of id: ParagraphID, in report: [UInt8]) -> Range<Int>? {
            let opening = Array("\n    {\n".utf8), closing = Array("\n    }".utf8)
            guard let idLine = report.range(of: Array("\n      \"id\" : \"\(id.rawValue)\",\n".utf8)),
                  let end = report.range(of: closing, from: idLine.upperBound - 1) else { return nil }
            // The last opening before the id line, from its `{`: entries are never nested.
            guard let start = report.lastRange(of: opening, before: idLine.lowerBound) else { return nil }
            return start.upperBound - 2 ..< end.upperBound
        }
    }
}
