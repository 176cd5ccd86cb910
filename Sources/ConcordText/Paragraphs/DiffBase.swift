/// A version of a draft prepared once to be the old side of many diffs: the round's base,
/// against which every member's text is read (`DraftText(parsing:reusingParagraphsOf:)`)
/// and diffed (`ParagraphDiff(from:to:)`).
///
/// What every such read and diff needs of the base — an id on each paragraph, and where each
/// id stands — is computed here once. Built per member, that index was a dictionary of every
/// paragraph id, hashed again for each of 193 members: more than the rest of their diffs.
public struct DiffBase: Sendable {
    /// The text as given: a member's unchanged lines are compared with its paragraphs.
    public let text: DraftText
    /// The text with an id on every paragraph (`withMissingIDsAssigned`): the old side.
    let identified: DraftText
    /// Where each id of `identified` first stands.
    let indexOfID: [ParagraphID: Int]
    /// No id stands twice in `identified` (always so for a parsed text).
    let hasUniqueIDs: Bool
    /// `ContentHash` of each paragraph's key: new ids are made from it here, and alignment
    /// numbers the base's texts by it for every text diffed against this base.
    let keyHashes: [UInt64]

    public init(_ text: DraftText) {
        self.text = text
        keyHashes = ContentHash.ofKeys(text.paragraphs)
        let (index, hasUniqueIDs) = ParagraphAlignment.indexOfID(text.paragraphs)
        var indexOfID = index
        // The ids `withMissingIDsAssigned` would give, with the index serving as its set of
        // ids taken: a plain file's tens of thousands of ids are hashed once, not twice.
        // Each id is looked up once: inserted where it is free, put back where it was taken.
        var identified = text
        var previous: ParagraphID?
        for index in identified.paragraphs.indices {
            if identified.paragraphs[index].id == nil {
                let id = ParagraphIdentity.newID(contentHash: keyHashes[index], after: previous) { id in
                    guard let holder = indexOfID.updateValue(index, forKey: id) else { return false }
                    indexOfID[id] = holder
                    return true
                }
                identified.paragraphs[index].id = id
            }
            previous = identified.paragraphs[index].id
        }
        self.identified = identified
        self.indexOfID = indexOfID
        self.hasUniqueIDs = hasUniqueIDs
    }
}
