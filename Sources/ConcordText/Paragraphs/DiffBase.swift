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
    let indexOfID: IDIndex
    /// No id stands twice in `identified` (always so for a parsed text).
    let hasUniqueIDs: Bool
    /// `ContentHash` of each paragraph's key: new ids are made from it here, and alignment
    /// numbers the base's texts by it for every text diffed against this base.
    let keyHashes: [UInt64]
    /// The paragraph on each line of the text as stored (nil on a blank line), for reading a
    /// member's lines edited in place (`ProposedChanges(inPlace:base:)`); nil when lines do not
    /// end in LF alone.
    let paragraphOfLine: [Int?]?

    public init(_ text: DraftText) {
        self.text = text
        if text.lineEnding == .lf {
            var lines: [Int?] = []
            lines.reserveCapacity(text.paragraphs.count + 1)
            for (index, paragraph) in text.paragraphs.enumerated() {
                lines += paragraph.gapBefore.map { _ in nil }
                lines.append(index)
            }
            paragraphOfLine = lines
        } else {
            paragraphOfLine = nil
        }
        keyHashes = text.keyHashes ?? ContentHash.ofKeys(text.paragraphs)
        let missing = text.paragraphs.reduce(0) { $0 + ($1.id == nil ? 1 : 0) }
        var (indexOfID, hasUniqueIDs) = ParagraphAlignment.indexOfID(text.paragraphs, expectingMade: missing)
        // The ids `withMissingIDsAssigned` would give, with the index serving as its set of
        // ids taken. Each candidate is tried as a number, and claimed in the same probe when
        // it is free; a name is built only for the id given. The numbers follow one another
        // (each is made from the one before), the paragraphs that carry them do not: they
        // are written on every core, as tens of thousands of names and paragraph copies.
        var identified = text
        if missing > 0 {
            var madeNumbers = [UInt32?](repeating: nil, count: text.paragraphs.count)
            // The id before, as given in the text or as the number made for it here.
            var previous: ParagraphID?, previousMade: UInt32?
            for index in text.paragraphs.indices {
                if let id = text.paragraphs[index].id {
                    (previous, previousMade) = (id, nil)
                    continue
                }
                let chain = previousMade.map(ParagraphIdentity.chainHash(ofMade:)) ?? ParagraphIdentity.chainHash(of: previous)
                let number = ParagraphIdentity.newNumber(contentHash: keyHashes[index], afterHash: chain) {
                    !indexOfID.claim(madeNumber: $0, at: index)
                }
                madeNumbers[index] = number
                previousMade = number
            }
            let paragraphs = text.paragraphs, numbers = madeNumbers
            identified.paragraphs = concurrentMap(count: paragraphs.count, threshold: ParagraphDiff.parallelParagraphThreshold) { index in
                var paragraph = paragraphs[index]
                if let number = numbers[index] { paragraph.id = ParagraphID(madeFrom: number) }
                return paragraph
            }
        }
        self.identified = identified
        self.indexOfID = indexOfID
        self.hasUniqueIDs = hasUniqueIDs
    }
}
