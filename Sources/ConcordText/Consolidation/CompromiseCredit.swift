/// A chair's compromise text (`decide --text`), credited word by word.
///
/// The chair usually writes a compromise out of the members' proposals: one member's
/// wording here, another's deletion there, a word of its own to join them. Crediting the
/// whole text to the chair would erase the members from the record, so each change the
/// compromise makes to the base is credited to the members whose proposals make the same
/// change, and only what no proposal made goes to the chair:
///
/// - an inserted word of the compromise is a proposal's when the word diff of that
///   proposal against the compromise keeps it, and the proposal itself inserted it into
///   the base (a word the proposal merely kept from the base was nobody's proposal);
/// - a deleted base word is a proposal's when that proposal deletes it too.
///
/// All offsets are UTF-8 offsets, on token boundaries since they come from word diffs.
enum CompromiseCredit {
    /// The spans of `base` → `compromise`, each change credited to the members of `proposals`
    /// that make it, in the order the proposals name them, or to `decider` where none does.
    static func spans(base: String, compromise: String, proposals: [(text: String, by: [String])], decider: String) -> [AttributedSpan] {
        var inserted: [Credit] = []   // compromise ranges
        var deleted: [Credit] = []    // base ranges
        for proposal in proposals where !proposal.text.isEmpty {
            let own = Place.of(WordDiff.spans(from: base, to: proposal.text))
            deleted += own.filter { $0.change == .delete }.map { Credit(range: $0.old, by: proposal.by) }
            let insertedByProposal = own.filter { $0.change == .insert }.map(\.new)
            for kept in Place.of(WordDiff.spans(from: proposal.text, to: compromise)) where kept.change == .same {
                let shift = kept.new.lowerBound - kept.old.lowerBound
                for range in insertedByProposal {
                    let common = range.clamped(to: kept.old)
                    if !common.isEmpty { inserted.append(Credit(range: common.lowerBound + shift ..< common.upperBound + shift, by: proposal.by)) }
                }
            }
        }
        var result: [AttributedSpan] = []
        for place in Place.of(WordDiff.spans(from: base, to: compromise)) {
            switch place.change {
            case .same: result.append(AttributedSpan(text: place.text, change: .same))
            case .insert: result += split(place, over: place.new, by: inserted, decider: decider)
            case .delete: result += split(place, over: place.old, by: deleted, decider: decider)
            }
        }
        return result
    }

    /// A range of one text and the members whose proposals changed it.
    struct Credit {
        let range: Range<Int>
        let by: [String]
    }

    /// A span with its place in the old and new texts.
    struct Place {
        let text: String
        let change: Change
        let old: Range<Int>
        let new: Range<Int>

        static func of(_ spans: [Span]) -> [Place] {
            var (old, new) = (0, 0)
            return spans.map { span in
                let count = span.text.utf8.count
                let oldCount = span.change == .insert ? 0 : count, newCount = span.change == .delete ? 0 : count
                defer { old += oldCount; new += newCount }
                return Place(text: span.text, change: span.change, old: old ..< old + oldCount, new: new ..< new + newCount)
            }
        }
    }

    /// `place`, whose bytes lie at `range`, cut where the credit changes.
    static func split(_ place: Place, over range: Range<Int>, by credits: [Credit], decider: String) -> [AttributedSpan] {
        let touching = credits.filter { $0.range.overlaps(range) }
        var cuts = Set([range.lowerBound, range.upperBound])
        for credit in touching {
            cuts.formUnion([credit.range.lowerBound, credit.range.upperBound].filter { range.contains($0) })
        }
        let bytes = Array(place.text.utf8)
        var result: [AttributedSpan] = []
        let points = cuts.sorted()
        for (start, end) in zip(points, points.dropFirst()) {
            let members = touching.filter { $0.range.contains(start) }.flatMap(\.by).uniqued()
            let by = members.isEmpty ? [decider] : members
            let text = String(decoding: bytes[start - range.lowerBound ..< end - range.lowerBound], as: UTF8.self)
            if let last = result.last, last.by == by {
                result[result.count - 1].text += text
            } else {
                result.append(AttributedSpan(text: text, change: place.change, by: by))
            }
        }
        return result
    }
}
