extension ParagraphDiff {
    /// What every paragraph diff holds to, checked in builds with `CONCORD_INTERNAL_CHECKS`
    /// (every test) at the end of `init`: each change's spans rebuild both paragraphs' texts,
    /// byte for byte (`same`+`delete` the old one, `same`+`insert` the new one), and no id
    /// stands twice among the changes.
    func checkInvariants() {
        #if CONCORD_INTERNAL_CHECKS
        var ids = Set<ParagraphID>()
        for change in changes {
            precondition(ids.insert(change.id).inserted, "paragraph \(change.id) stands twice in the diff")
            guard change.changesText else { continue }
            let spans = change.spans
            precondition(spans.oldText.utf8.elementsEqual((change.old?.text ?? "").utf8), "the spans of \(change.id) do not rebuild the old text")
            precondition(spans.newText.utf8.elementsEqual((change.new?.text ?? "").utf8), "the spans of \(change.id) do not rebuild the new text")
        }
        #endif
    }
}
