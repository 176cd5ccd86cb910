/// New paragraph ids.
///
/// An id is `p` and eight hexadecimal digits of a hash of the paragraph's text and the id of
/// the paragraph before it. Deriving it from content rather than a counter means that two
/// members who insert the same text at the same place get the same id (their additions then
/// fold into one, credited to both), while different insertions at the same place get
/// different ids; and importing the same file twice gives the same ids. A collision with an
/// id already taken is resolved by hashing again with a counter.
///
/// The text's part is `ContentHash` of its bytes (the same hash alignment keys on), so a
/// large draft costs one fast pass over its bytes; the id before it and the counter are
/// mixed in afterwards.
enum ParagraphIdentity {
    static func newID(for paragraph: Paragraph, after previous: ParagraphID?, taken: Set<ParagraphID>) -> ParagraphID {
        newID(for: paragraph, after: previous) { taken.contains($0) }
    }

    /// `isTaken` says whether an id is in use (the text's own, the base's, those given before).
    /// It is asked of candidate ids in order, and the first it answers `false` for is the id:
    /// a caller may claim that id in its answer (`DiffBase` does, with one lookup).
    static func newID(for paragraph: Paragraph, after previous: ParagraphID?, isTaken: (ParagraphID) -> Bool) -> ParagraphID {
        newID(contentHash: paragraph.withKeyUTF8(ContentHash.of), after: previous, isTaken: isTaken)
    }

    static func newID(contentHash: UInt64, after previous: ParagraphID?, taken: Set<ParagraphID>) -> ParagraphID {
        newID(contentHash: contentHash, after: previous) { taken.contains($0) }
    }

    static func newID(contentHash: UInt64, after previous: ParagraphID?, isTaken: (ParagraphID) -> Bool) -> ParagraphID {
        ParagraphID(madeFrom: newNumber(contentHash: contentHash, afterHash: chainHash(of: previous)) {
            isTaken(ParagraphID(madeFrom: $0))
        })
    }

    /// The new id as the number it spells (`ParagraphID(madeFrom:)`), for a caller that
    /// keeps made ids as numbers (`IDIndex`): no name is built for the candidates it refuses.
    /// `previous` is `chainHash(of:)` the id before.
    static func newNumber(contentHash: UInt64, afterHash previous: UInt64, isTaken: (UInt32) -> Bool) -> UInt32 {
        let base = ContentHash.combined(contentHash, previous)
        var attempt: UInt64 = 0
        while true {
            // An id keeps the low 32 bits of its hash.
            let number = UInt32(truncatingIfNeeded: attempt == 0 ? base : ContentHash.combined(base, attempt))
            if !isTaken(number) { return number }
            attempt += 1
        }
    }

    /// What a new id takes of the id before it: the hash of its name, 0 when there is none.
    static func chainHash(of previous: ParagraphID?) -> UInt64 {
        previous.map { ContentHash.of($0.rawValue) } ?? 0
    }

    /// `chainHash(of: ParagraphID(madeFrom: number))`, without building the id.
    static func chainHash(ofMade number: UInt32) -> UInt64 {
        ParagraphID.withMadeName(number, ContentHash.of)
    }
}

/// 64-bit FNV-1a: a few lines, stable across runs and platforms (unlike `Hasher`, which is
/// seeded per process), and ids need no cryptographic strength.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine($0) }
    }

    mutating func combine(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
    }
}

extension DraftText {
    /// This text with an id on every paragraph: the ids it carries, and new ones for the rest.
    public func withMissingIDsAssigned(taken: Set<ParagraphID> = []) -> DraftText {
        // The common case — a stored draft or an identified text — has nothing to assign.
        if paragraphs.allSatisfy({ $0.id != nil }) { return self }
        var result = self
        // Sized once for every id there will be: growing a set of tens of thousands of ids
        // rehashes them all at each doubling.
        var taken = taken
        taken.reserveCapacity(taken.count + paragraphs.count)
        for paragraph in paragraphs { if let id = paragraph.id { taken.insert(id) } }
        var previous: ParagraphID?
        for index in result.paragraphs.indices {
            if result.paragraphs[index].id == nil {
                let id = ParagraphIdentity.newID(for: result.paragraphs[index], after: previous, taken: taken)
                result.paragraphs[index].id = id
                taken.insert(id)
            }
            previous = result.paragraphs[index].id
        }
        return result
    }

    /// An edited version of `base` with each paragraph carrying the id of the base paragraph it
    /// comes from (see `ParagraphAlignment`), and new ids for the paragraphs it adds.
    public func identified(against base: DraftText) -> DraftText {
        identify(against: base).text
    }

    /// `identified(against:)` with the alignment it was derived from. `indexOfID` is where each
    /// id of `base` stands, when known (`DiffBase`); `baseHasUniqueIDs` that no id repeats there;
    /// `baseKeyHashes` the `ContentHash` of each base paragraph's key.
    /// `redlining`: the alignment keeps the word diffs of the pairs it makes by similarity.
    func identify(against base: DraftText, indexOfID: IDIndex? = nil, baseHasUniqueIDs: Bool = false,
                  baseKeyHashes: [UInt64]? = nil, redlining: Bool = false) -> (text: DraftText, alignment: ParagraphAlignment) {
        let alignment = ParagraphAlignment(old: base.paragraphs, new: paragraphs,
                                           oldIndexOfID: indexOfID.map { ($0, baseHasUniqueIDs) },
                                           oldKeyHashes: baseKeyHashes ?? base.keyHashes, newKeyHashes: keyHashes,
                                           redlining: redlining)
        var result = self
        // Written only where it differs: an untouched text then shares its array with the member's.
        let oldIndexOfNew = alignment.oldIndexOfNew
        let differs = oldIndexOfNew.indices.contains { newIndex in
            oldIndexOfNew[newIndex].map { paragraphs[newIndex].id != base.paragraphs[$0].id } ?? false
        }
        if differs {
            // A text without ids of its own (a plain file) takes an id for every paragraph:
            // tens of thousands of paragraphs copied and written, on every core.
            let paragraphs = paragraphs, baseParagraphs = base.paragraphs
            result.paragraphs = concurrentMap(count: paragraphs.count, threshold: ParagraphDiff.parallelParagraphThreshold) { newIndex in
                var paragraph = paragraphs[newIndex]
                if let oldIndex = oldIndexOfNew[newIndex], paragraph.id != baseParagraphs[oldIndex].id {
                    paragraph.id = baseParagraphs[oldIndex].id
                }
                return paragraph
            }
        }
        // An id standing twice loses its second place. Paired paragraphs carry distinct base ids
        // (pairs are one to one), so when the base's ids are unique only a paragraph that kept
        // an id of its own can repeat one; without such a paragraph, hashing every id is spared.
        let mayRepeat = !baseHasUniqueIDs || alignment.oldIndexOfNew.indices.contains {
            alignment.oldIndexOfNew[$0] == nil && result.paragraphs[$0].id != nil
        }
        if mayRepeat {
            var seen = Set<ParagraphID>(minimumCapacity: result.paragraphs.count)
            for index in result.paragraphs.indices {
                if let id = result.paragraphs[index].id, !seen.insert(id).inserted { result.paragraphs[index].id = nil }
            }
        }
        if result.paragraphs.allSatisfy({ $0.id != nil }) { return (result, alignment) }
        // Ids the member typed that are not in the base stay theirs; every base id is reserved,
        // so a deleted paragraph's id is never given to a new one.
        guard let indexOfID else {
            var taken = Set<ParagraphID>(minimumCapacity: base.paragraphs.count)
            for paragraph in base.paragraphs { if let id = paragraph.id { taken.insert(id) } }
            return (result.withMissingIDsAssigned(taken: taken), alignment)
        }
        // With the base indexed, the ids in use are the base's (every paired paragraph carries
        // one), the member's own (unpaired paragraphs that kept one) and those given here: only
        // the last two need a set, and they are few.
        var own = Set<ParagraphID>()
        for index in result.paragraphs.indices where alignment.oldIndexOfNew[index] == nil {
            if let id = result.paragraphs[index].id, indexOfID[id] == nil { own.insert(id) }
        }
        var previous: ParagraphID?
        for index in result.paragraphs.indices {
            if result.paragraphs[index].id == nil {
                let id = ParagraphIdentity.newID(for: result.paragraphs[index], after: previous) {
                    indexOfID[$0] != nil || own.contains($0)
                }
                result.paragraphs[index].id = id
                own.insert(id)
            }
            previous = result.paragraphs[index].id
        }
        return (result, alignment)
    }
}
