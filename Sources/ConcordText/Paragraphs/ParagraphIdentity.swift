/// New paragraph ids.
///
/// An id is `p` and eight hexadecimal digits of a hash of the paragraph's text and the id of
/// the paragraph before it. Deriving it from content rather than a counter means that two
/// members who insert the same text at the same place get the same id (their additions then
/// fold into one, credited to both), while different insertions at the same place get
/// different ids; and importing the same file twice gives the same ids. A collision with an
/// id already taken is resolved by hashing again with a counter.
enum ParagraphIdentity {
    static func newID(for paragraph: Paragraph, after previous: ParagraphID?, taken: Set<ParagraphID>) -> ParagraphID {
        var attempt: UInt64 = 0
        while true {
            var hash = FNV1a()
            hash.combine(paragraph.text.isEmpty ? paragraph.line : paragraph.text)
            hash.combine("\u{0}" + (previous?.rawValue ?? ""))
            if attempt > 0 { hash.combine("\u{0}\(attempt)") }
            let hex = String(hash.value & 0xFFFF_FFFF, radix: 16)
            let id = ParagraphID(rawValue: "p" + String(repeating: "0", count: 8 - hex.count) + hex)!
            if !taken.contains(id) { return id }
            attempt += 1
        }
    }
}

/// 64-bit FNV-1a: a few lines, stable across runs and platforms (unlike `Hasher`, which is
/// seeded per process), and ids need no cryptographic strength.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes {
                value ^= UInt64(byte)
                value &*= 0x0000_0100_0000_01B3
            }
        }
    }
}

extension DraftText {
    /// This text with an id on every paragraph: the ids it carries, and new ones for the rest.
    public func withMissingIDsAssigned(taken: Set<ParagraphID> = []) -> DraftText {
        var result = self
        var taken = taken.union(paragraphs.compactMap(\.id))
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

    /// `identified(against:)` with the alignment it was derived from.
    func identify(against base: DraftText) -> (text: DraftText, alignment: ParagraphAlignment) {
        let alignment = ParagraphAlignment(old: base.paragraphs, new: paragraphs)
        var result = self
        for (newIndex, oldIndex) in alignment.oldIndexOfNew.enumerated() {
            if let oldIndex { result.paragraphs[newIndex].id = base.paragraphs[oldIndex].id }
        }
        // Ids the member typed that are not in the base stay theirs; every base id is reserved,
        // so a deleted paragraph's id is never given to a new one.
        let taken = Set(base.paragraphs.compactMap(\.id))
        var seen = Set<ParagraphID>()
        for index in result.paragraphs.indices {
            if let id = result.paragraphs[index].id, !seen.insert(id).inserted { result.paragraphs[index].id = nil }
        }
        return (result.withMissingIDsAssigned(taken: taken), alignment)
    }
}
