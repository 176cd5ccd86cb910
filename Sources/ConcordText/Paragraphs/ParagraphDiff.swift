/// The paragraph-by-paragraph difference between two versions of a draft, with a word-level
/// redline inside each paragraph.
///
/// Stages:
/// 1. **Identify.** Paragraphs of the new version get the ids of the old paragraphs they come
///    from (`ParagraphAlignment`); the old version's paragraphs without ids get new ones.
/// 2. **Classify.** Each paragraph is ADD (only new), SUP (only old), MOVE (out of the old
///    order), MOD (text changed) or NOC, and relabelled when its label changed. A change
///    that is formatting only (NBSP for a space, U+2011 for a hyphen) is NOC unless asked for.
/// 3. **Redline.** Inside each paragraph whose text changed, `WordDiff` gives the spans;
///    unchanged paragraphs are compared byte for byte and not diffed at all, so the cost
///    grows with what changed.
/// 4. **Order.** Changes read in the new version's order, each deleted paragraph at the place
///    it had among its old neighbours.
public struct ParagraphDiff: Sendable {
    public struct Change: Sendable, Hashable {
        // The stored properties, widest first (Swift lays them out in this order): a diff of
        // a large draft holds tens of thousands of changes, and the id, derived from the
        // paragraphs rather than stored, and the small fields at the end take a change from
        // 88 bytes to 64.
        public let old: Paragraph?
        public let new: Paragraph?
        /// The word diff where the text changed, as the places of its spans' bytes in the two
        /// paragraphs' texts (`SpanPlace`); nil where the spans are the whole text, as one
        /// kept, inserted or deleted span. Most paragraphs of most diffs are unchanged, and
        /// building a one-span array for each of them was a large part of diffing a
        /// member's text against a long base.
        let redline: [SpanPlace]?
        public let op: ParagraphOp
        /// Stored rather than computed: renderers ask it of every paragraph of the draft, and
        /// reading it through `old?.label` copied both paragraphs each time.
        public let isRelabelled: Bool

        /// The new paragraph's id (the old one's for a deleted paragraph): both carry it.
        public var id: ParagraphID { (new?.id ?? old?.id)! }

        /// The word-level redline of the paragraph's text: `oldText` of the spans is the old
        /// paragraph's text, `newText` the new one's.
        public var spans: [Span] {
            if let redline, let old, let new {
                return old.withTextUTF8 { oldBytes in new.withTextUTF8 { redline.spans(old: oldBytes, new: $0) } }
            }
            let text = new?.text ?? old?.text ?? ""
            return text.isEmpty ? [] : [Span(text: text, change: wholeTextChange)]
        }

        /// Each span of `spans`, in order: its change, whether it is formatting only, and its
        /// UTF-8 bytes (valid during the call only), read where the paragraphs keep their texts
        /// rather than made into strings. For a renderer that writes bytes: the text redline
        /// of two large drafts has tens of thousands of spans.
        public func forEachSpan(_ body: (ConcordText.Change, Bool, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
            if let redline, let old, let new {
                try old.withTextUTF8 { oldBytes in
                    try new.withTextUTF8 { newBytes in
                        for place in redline { try body(place.change, place.isFormattingOnly, place.bytes(old: oldBytes, new: newBytes)) }
                    }
                }
                return
            }
            guard let paragraph = new ?? old else { return }
            try paragraph.withTextUTF8 { if !$0.isEmpty { try body(wholeTextChange, false, $0) } }
        }

        /// The new paragraph's text as UTF-8 bytes (none for a deleted paragraph), valid during
        /// the call only: what a proposal says, read where the member's paragraph keeps it.
        public func withNewTextUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
            guard let new else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
            return try new.withTextUTF8(body)
        }

        /// The change of a text that is one span: deleted, inserted or kept whole.
        private var wholeTextChange: ConcordText.Change { new == nil ? .delete : old == nil ? .insert : .same }

        /// Whether the text's bytes differ from the old paragraph to the new, formatting
        /// included (an added or deleted paragraph's do): NOC may still hide such a change.
        public var changesText: Bool {
            guard let old, let new else { return true }
            return !old.hasSameText(as: new)
        }

        /// Whether this is something the member proposes: anything but NOC, or a new label.
        /// Every command asks this one question, so that submit, diff, status, compare and
        /// consolidate agree on what a member changed.
        public var isProposal: Bool { op != .noc || isRelabelled }

        /// The label as printed in the new version (the old one for a deleted paragraph).
        public var label: Label? { new?.label ?? old?.label }

        /// A paragraph of the old version paired with one of the new: MOVE when out of the
        /// old order, else MOD when the redline changes more than formatting (any change at
        /// all when formatting is reported), else NOC. How every pair is classified, whether
        /// the whole diff or `ProposedChanges(inPlace:base:)` made it.
        init(pairing old: Paragraph, with new: Paragraph, redline: [SpanPlace]?, moved: Bool, reportingFormatting: Bool) {
            let textChanged = redline?.contains { $0.change != .same && (reportingFormatting || !$0.isFormattingOnly) } ?? false
            self.init(op: moved ? .move : textChanged ? .mod : .noc, old: old, new: new, redline: redline)
        }

        /// The word diff of a pair whose texts differ.
        static func redline(from old: Paragraph, to new: Paragraph) -> [SpanPlace] {
            Paragraph.withBorrowedTexts(old, new) { WordDiff.places(from: $0, to: $1) }
        }

        init(op: ParagraphOp, old: Paragraph?, new: Paragraph?, redline: [SpanPlace]?) {
            assert(new?.id ?? old?.id != nil, "a change's paragraphs carry its id")
            self.op = op
            self.old = old
            self.new = new
            self.redline = redline
            if let old, let new { isRelabelled = !old.hasSameLabel(as: new) } else { isRelabelled = false }
        }
    }

    public let changes: [Change]
    /// The new version with every paragraph identified: what the changes lead to.
    public let new: DraftText
    /// Whether a change of formatting only (NBSP for a space) counts as a change here: MOD
    /// rather than NOC, and merged by the consolidator. Off unless the user asks
    /// (`--show-formatting`), so that every command agrees on what a member changed.
    public let reportsFormatting: Bool

    /// Above this many paragraphs to redline, the word diffs run on every core: each is
    /// independent of the others, and on large drafts they are most of the work.
    static let parallelThreshold = 64

    /// Above this many paragraphs, comparing each pair's bytes and classifying them run on
    /// every core too: each is a pass over both drafts.
    static let parallelParagraphThreshold = 4096

    /// - Complexity: O(n log n) in paragraphs, plus a word diff per paragraph whose text changed.
    public init(from old: DraftText, to new: DraftText, reportingFormatting: Bool = false) {
        self.init(from: DiffBase(old), to: new, reportingFormatting: reportingFormatting)
    }

    /// The diff from a base prepared once for many diffs (every member's text of a round).
    public init(from base: DiffBase, to new: DraftText, reportingFormatting: Bool = false) {
        let old = base.identified
        let (identified, alignment) = new.identify(against: old, indexOfID: base.indexOfID, baseHasUniqueIDs: base.hasUniqueIDs,
                                                   baseKeyHashes: base.keyHashes,
                                                   redlining: true)
        self.new = identified
        reportsFormatting = reportingFormatting

        // Stage 2 and 4: classify in reading order; word diffs are filled in afterwards.
        enum Slot { case deleted(Int), added(Int), paired(old: Int, new: Int, moved: Bool) }
        var order: [Slot] = []
        // Every new paragraph and every deleted old one: sized for all of them at once, where
        // growing moved a large draft's slots into fresh memory near the end.
        order.reserveCapacity(identified.paragraphs.count + alignment.newIndexOfOld.count { $0 == nil })
        var nextOld = 0
        func emitDeletions(upTo end: Int) {
            while nextOld < end {
                if alignment.newIndexOfOld[nextOld] == nil { order.append(.deleted(nextOld)) }
                nextOld += 1
            }
        }
        for newIndex in identified.paragraphs.indices {
            guard let oldIndex = alignment.oldIndexOfNew[newIndex] else {
                order.append(.added(newIndex))
                continue
            }
            let moved = !alignment.keepsOrder[newIndex]
            if !moved { emitDeletions(upTo: oldIndex + 1) }
            order.append(.paired(old: oldIndex, new: newIndex, moved: moved))
        }
        emitDeletions(upTo: old.paragraphs.count)

        let slots = order
        // Stage 3: redline only the pairs whose text differs. A pair made by text was compared
        // when it was made.
        let slotsDiffer = concurrentMap(count: slots.count, threshold: Self.parallelParagraphThreshold) { index in
            guard case .paired(let oldIndex, let newIndex, _) = slots[index] else { return false }
            switch alignment.textMatch[newIndex] {
            case .same: return false
            case .different: return true
            case .unknown: return !old.paragraphs[oldIndex].hasSameText(as: identified.paragraphs[newIndex])
            }
        }
        let edited = slots.indices.filter { slotsDiffer[$0] }
        // Pairs made by similarity come with their word diff already (see `ParagraphAlignment`).
        let redlines = concurrentMap(count: edited.count, threshold: Self.parallelThreshold) { position in
            guard case .paired(let oldIndex, let newIndex, _) = slots[edited[position]] else { preconditionFailure("only pairs are edited") }
            return (alignment.redlines.isEmpty ? nil : alignment.redlines[newIndex])
                ?? Change.redline(from: old.paragraphs[oldIndex], to: identified.paragraphs[newIndex])
        }
        var redlineOfEachSlot = [Int32](repeating: -1, count: slots.count)
        for (position, slot) in edited.enumerated() { redlineOfEachSlot[slot] = Int32(position) }
        let redlineOfSlot = redlineOfEachSlot

        changes = concurrentMap(count: slots.count, threshold: Self.parallelParagraphThreshold) { index in
            switch slots[index] {
            case .deleted(let oldIndex):
                let paragraph = old.paragraphs[oldIndex]
                return Change(op: .sup, old: paragraph, new: nil, redline: nil)
            case .added(let newIndex):
                let paragraph = identified.paragraphs[newIndex]
                return Change(op: .add, old: nil, new: paragraph, redline: nil)
            case .paired(let oldIndex, let newIndex, let moved):
                let redline = redlineOfSlot[index] >= 0 ? redlines[Int(redlineOfSlot[index])] : nil
                return Change(pairing: old.paragraphs[oldIndex], with: identified.paragraphs[newIndex], redline: redline,
                              moved: moved, reportingFormatting: reportingFormatting)
            }
        }
        checkInvariants()
    }

    /// How many paragraphs each op concerns.
    public var counts: [ParagraphOp: Int] {
        // Counted in a fixed array, reading only each change's op (a `reduce` over the
        // changes copied every change, paragraphs and spans included).
        var tally = [Int](repeating: 0, count: 5)
        for index in changes.indices {
            switch changes[index].op {
            case .mod: tally[0] += 1
            case .add: tally[1] += 1
            case .sup: tally[2] += 1
            case .noc: tally[3] += 1
            case .move: tally[4] += 1
            }
        }
        let order: [ParagraphOp] = [.mod, .add, .sup, .noc, .move]
        var counts: [ParagraphOp: Int] = [:]
        for (position, op) in order.enumerated() where tally[position] > 0 { counts[op] = tally[position] }
        return counts
    }

    /// Rebuilds the new version from the old one and this diff: each kept paragraph's text
    /// from its spans, in the diff's order. Equal to `new`, byte for byte, which tests check.
    public func applied(to old: DraftText) -> DraftText {
        let oldByID = Dictionary(old.withMissingIDsAssigned().paragraphs.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        var paragraphs: [Paragraph] = []
        for change in changes where change.op != .sup {
            guard let target = change.new else { continue }
            var paragraph = (oldByID[change.id] ?? Paragraph(id: change.id, line: "")).withHead(of: target)
            assert(change.old == nil || paragraph.text == change.spans.oldText, "spans do not start from the old text")
            paragraph.text = change.spans.newText
            paragraph.gapBefore = target.gapBefore
            paragraphs.append(paragraph)
        }
        return DraftText(paragraphs: paragraphs, gapAfter: new.gapAfter, lineEnding: new.lineEnding,
                         endsWithNewline: new.endsWithNewline)
    }
}
