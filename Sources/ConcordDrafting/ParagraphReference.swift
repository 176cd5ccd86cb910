import ConcordText

/// How users name a paragraph at the command line: by its id (`p24df39ec`), by its label
/// where exactly one paragraph carries it (`3bis`), or as ITU addresses it, block and item
/// (`resolves 3`, `considering b)`): the item labelled `3` under the unlabelled heading that
/// starts with `resolves`. Headings are compared folded, so a typed hyphen matches the
/// document's U+2011 and a space its NBSP.
enum ParagraphReference {
    struct Candidate {
        let id: ParagraphID
        let label: Label?
        let text: String
    }

    static func resolve(_ reference: String, among candidates: [Candidate], draft: DraftID) throws -> ParagraphID {
        if let id = ParagraphID(rawValue: reference), candidates.contains(where: { $0.id == id }) { return id }
        var matches = candidates.filter { $0.label?.rawValue == reference }
        if matches.isEmpty, let space = reference.lastIndex(of: " ") {
            let block = FoldedKey.fold(String(reference[..<space])).lowercased()
            let item = String(reference[reference.index(after: space)...])
            var heading = ""
            for candidate in candidates {
                if candidate.label == nil {
                    heading = FoldedKey.fold(candidate.text).lowercased()
                } else if candidate.label?.rawValue == item, heading.hasPrefix(block) {
                    matches.append(candidate)
                }
            }
        }
        switch matches.count {
        case 1: return matches[0].id
        case 0: throw DraftingError(.badInput, "paragraph \(reference): no paragraph of \(draft) has this id or label")
        default:
            throw DraftingError(.badInput, """
                paragraph \(reference): several paragraphs of \(draft) carry this label \
                (\(matches.map(\.id.rawValue).joined(separator: ", "))); name one by its id or as block and item, e.g. "resolves 3"
                """)
        }
    }
}
