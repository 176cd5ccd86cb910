import ConcordDrafting
import ConcordText
import Foundation

/// `draft show --format json` and `draft list --format json`.
public enum DraftJSON {
    struct ParagraphRecord: Encodable {
        let id: String
        let label: String?
        let text: String
        let bookmarks: [String]

        enum CodingKeys: CodingKey { case id, label, text, bookmarks }

        // A paragraph without a label says `"label": null` rather than leaving the key out.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(label, forKey: .label)
            try container.encode(text, forKey: .text)
            try container.encode(bookmarks, forKey: .bookmarks)
        }
    }

    struct DraftRecord: Encodable {
        let draft: String
        let revision: String
        let paragraphs: [ParagraphRecord]
    }

    struct ListEntry: Encodable {
        let draft: String
        let revision: String
        let paragraphs: Int
    }

    public static func render(_ draft: Draft) throws -> String {
        let record = DraftRecord(
            draft: draft.id.rawValue, revision: draft.revision.hex,
            paragraphs: draft.text.paragraphs.map {
                ParagraphRecord(id: $0.id?.rawValue ?? "", label: $0.label?.rawValue, text: $0.text, bookmarks: $0.bookmarks)
            })
        return try encode(record)
    }

    public static func renderList(_ drafts: [Draft]) throws -> String {
        try encode(drafts.map { ListEntry(draft: $0.id.rawValue, revision: $0.revision.hex, paragraphs: $0.text.paragraphs.count) })
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
