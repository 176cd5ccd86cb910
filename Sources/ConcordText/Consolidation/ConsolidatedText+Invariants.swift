extension ConsolidatedText {
    /// What every consolidation holds to, checked in builds with `CONCORD_INTERNAL_CHECKS`
    /// (every test) at the end of `Consolidator.consolidate`:
    /// - each paragraph's spans rebuild both texts: `same`+`insert` its text, `same`+`delete`
    ///   its base text; a conflict keeps the base text;
    /// - every inserted or deleted span is credited to someone, and no `same` span is;
    /// - ids do not repeat;
    /// - nothing is dropped: every member whose diff proposes something on a paragraph
    ///   (`isProposal`, beyond a move or a new label) is among the proposers of that
    ///   paragraph's proposals.
    func checkInvariants(proposals: [MemberProposal]) {
        #if CONCORD_INTERNAL_CHECKS
        var ids = Set<ParagraphID>()
        for paragraph in paragraphs {
            precondition(ids.insert(paragraph.id).inserted, "paragraph \(paragraph.id) stands twice")
            let kept = paragraph.spans.filter { $0.change != .delete }.map(\.text).joined()
            let base = paragraph.spans.filter { $0.change != .insert }.map(\.text).joined()
            precondition(kept.utf8.elementsEqual(paragraph.text.utf8), "the spans of \(paragraph.id) do not rebuild its text")
            precondition(base.utf8.elementsEqual(paragraph.baseText.utf8), "the spans of \(paragraph.id) do not rebuild its base")
            if paragraph.status == .conflict {
                precondition(paragraph.text.utf8.elementsEqual(paragraph.baseText.utf8), "a conflict on \(paragraph.id) changed the text")
            }
            for span in paragraph.spans {
                precondition((span.change == .same) == span.by.isEmpty, "a span of \(paragraph.id) is credited wrongly")
            }
        }
        let byID = Dictionary(paragraphs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for proposal in proposals {
            for change in proposal.changes.touched {
                guard let paragraph = byID[change.id] else { preconditionFailure("\(proposal.member)'s \(change.op) on \(change.id) is gone") }
                let movedOrRelabelledOnly = change.op != .sup && change.old.map { old in change.new?.hasSameText(as: old) ?? false } ?? false
                precondition(movedOrRelabelledOnly || paragraph.proposals.contains { $0.by.contains(proposal.member) },
                             "\(proposal.member)'s \(change.op) on \(change.id) is not among the proposals")
            }
        }
        #endif
    }
}
