/// Merges every member's proposals of a round into one consolidated text.
///
/// The idea (docs/consolidation.md): each submission is the member's whole text, so a
/// proposal is its diff against the round's base; all proposals are anchored to the same
/// base tokens and merged N-way, paragraph by paragraph.
///
/// Stages:
/// 1. **Gather.** Walk each member's changes once (members in id order, so the result does
///    not depend on the order of submissions): base paragraphs touched (MOD, SUP, MOVE) by
///    whom, and added paragraphs with the base paragraph they follow. A member's untouched
///    paragraphs are not in its `ProposedChanges`: the cost grows with what changed.
/// 2. **Versions.** Per touched paragraph, members proposing the same text (or the same
///    suppression) form one version, credited to all of them and their co-sponsors.
/// 3. **Merge.** Each version's word diff against the base becomes `TokenEdit`s; equal edits
///    fold into one credited jointly; if no two edits collide, all are applied and the
///    paragraph is amended, else it is a conflict with one alternative per version. SUP
///    against any MOD is a conflict; SUP by everyone who touches it deletes it.
/// 4. **Additions.** Added paragraphs stand after the base paragraph their proposer put them
///    after, in a stable order (first proposer's id, then the proposer's own order); equal
///    additions (same id, same text) fold.
/// 5. **Decisions.** A chair's decision settles its paragraph, unless the proposals on it
///    changed since it was taken: then it is flagged outdated and the merge stands.
public enum Consolidator {
    /// Below this many base paragraphs, merging on one core is quicker than starting others.
    static let parallelThreshold = 256

    /// - Complexity: O(Σ changed paragraphs × their length) beyond walking each member's diff.
    public static func consolidate(base: DraftText, proposals: [MemberProposal], supports: [ProposalSupport] = [],
                                   decisions: [Decision] = []) -> ConsolidatedText {
        merge(base: base, proposals: proposals, supports: supports).settled(with: decisions)
    }

    /// Stages 1 to 4, which decisions do not change: `decide` settles the same merge twice,
    /// before and after the decision, at the cost of a walk over the paragraphs.
    /// `keepingAlternativeSpans`: keep each contested alternative's diff against the base, as
    /// the reports show it (`Alternative.spans`); the synoptic table, which needs only the
    /// order, leaves them.
    public static func merge(base: DraftText, proposals: [MemberProposal], supports: [ProposalSupport] = [],
                             keepingAlternativeSpans: Bool = true) -> MergedRound {
        let proposals = proposals.sorted { $0.member < $1.member }
        let gathered = Gathered(base: base, proposals: proposals)
        let supportsByID = Dictionary(grouping: supports, by: \.paragraph)
        // Each base paragraph merges on its own, so the merges run on every core: with many
        // members most paragraphs are touched, and merging them is most of this function.
        let baseParagraphs = base.paragraphs
        let merged = concurrentMap(count: baseParagraphs.count, threshold: parallelThreshold) { index in
            let id = baseParagraphs[index].id!
            return merge(baseParagraphs[index], touches: gathered.touches[id] ?? [], proposals, supportsByID[id] ?? [],
                         keepingAlternativeSpans: keepingAlternativeSpans)
        }
        var paragraphs: [ConsolidatedParagraph] = []
        paragraphs.reserveCapacity(base.paragraphs.count + gathered.additionCount)
        paragraphs += additions(after: nil, gathered, proposals, supportsByID)
        for (index, paragraph) in base.paragraphs.enumerated() {
            paragraphs.append(merged[index])
            paragraphs += additions(after: paragraph.id!, gathered, proposals, supportsByID)
        }
        return MergedRound(paragraphs: paragraphs, moves: gathered.moves, proposals: proposals)
    }

    /// A round's proposals merged, in the consolidated order, before the chair's decisions.
    public struct MergedRound: Sendable {
        let paragraphs: [ConsolidatedParagraph]
        let moves: [ParagraphID: [(proposal: Int, after: ParagraphID?)]]
        /// Sorted by member, as `moves` counts them.
        let proposals: [MemberProposal]

        /// Stages 5 and 6: each decision settles its paragraph, unless outdated; then the
        /// moves are placed, as decided.
        public func settled(with decisions: [Decision]) -> ConsolidatedText {
            let decisionsByID = Dictionary(decisions.map { ($0.paragraph, $0) }, uniquingKeysWith: { _, last in last })
            var paragraphs = paragraphs
            for index in paragraphs.indices {
                paragraphs[index] = Consolidator.settled(paragraphs[index], with: decisionsByID[paragraphs[index].id])
            }
            applyMoves(moves, to: &paragraphs, proposals)
            let result = ConsolidatedText(paragraphs: paragraphs)
            result.checkInvariants(proposals: proposals)
            return result
        }
    }

    /// Stage 5 for one paragraph: the decision on it applied, unless outdated; a new label
    /// kept only by a paragraph that stays (a deleted or contested one keeps the base's).
    public static func settled(_ paragraph: ConsolidatedParagraph, with decision: Decision?) -> ConsolidatedParagraph {
        var paragraph = paragraph
        if let decision { apply(decision, to: &paragraph) }
        if paragraph.status == .deleted || paragraph.status == .conflict { paragraph.relabelled = nil }
        return paragraph
    }

    /// The base paragraphs `ids` merged alone, each exactly as `merge(base:proposals:supports:)`
    /// merges it among all the others (stages 1 to 3 read only the touches of a paragraph, its
    /// supports and its proposers): what `decide` settles again when the rest of the round
    /// stands recorded. `proposals` need hold only the changes to these paragraphs. Nil for
    /// an id that is not a base paragraph.
    public static func merge(paragraphs ids: [ParagraphID], of base: DraftText, proposals: [MemberProposal],
                             supports: [ProposalSupport] = []) -> [ConsolidatedParagraph?] {
        let proposals = proposals.sorted { $0.member < $1.member }
        let gathered = Gathered(base: base, proposals: proposals)
        let wanted = Set(ids)
        let baseParagraphs = Dictionary(base.paragraphs.lazy.filter { wanted.contains($0.id!) }.map { ($0.id!, $0) }) { first, _ in first }
        return ids.map { id in
            baseParagraphs[id].map { paragraph in
                merge(paragraph, touches: gathered.touches[id] ?? [], proposals, supports.filter { $0.paragraph == id })
            }
        }
    }

    // MARK: - Stage 6: moves

    /// A move every mover agrees on (the same place: after the same base paragraph) is applied:
    /// the paragraph stands there, marked moved and credited to its movers. Moves to different
    /// places, and a move of a paragraph that is deleted or in conflict, leave the base order,
    /// listed for the chair (`movedBy`), who settles them with a decision: accepting a mover
    /// applies its move, keeping the base keeps the base's order.
    static func applyMoves(_ moves: [ParagraphID: [(proposal: Int, after: ParagraphID?)]],
                           to paragraphs: inout [ConsolidatedParagraph], _ proposals: [MemberProposal]) {
        guard !moves.isEmpty else { return }
        // In the base's order, so that the result does not depend on hashing.
        let order = paragraphs.map(\.id).filter { moves[$0] != nil }
        for id in order {
            var targets = moves[id]!
            guard let from = paragraphs.firstIndex(where: { $0.id == id }) else { continue }
            if let decision = paragraphs[from].decision, !decision.isOutdated {
                switch decision.outcome {
                case .keepBase: continue
                case .accept(let member):
                    if let chosen = targets.first(where: { proposals[$0.proposal].credit.contains(member) }) {
                        targets = targets.filter { $0.after == chosen.after }
                    }
                case .text: break
                }
            }
            guard Set(targets.map { $0.after?.rawValue ?? "" }).count == 1,
                  paragraphs[from].status != .deleted, paragraphs[from].status != .conflict else { continue }
            let after = targets[0].after
            var moving = paragraphs.remove(at: from)
            let to: Int
            if let after {
                guard let target = paragraphs.firstIndex(where: { $0.id == after }) else {
                    paragraphs.insert(moving, at: from)
                    continue
                }
                to = target + 1
            } else {
                to = 0
            }
            moving.isMoved = true
            moving.movedBy = targets.flatMap { proposals[$0.proposal].credit }.uniqued()
            paragraphs.insert(moving, at: to)
        }
    }

    // MARK: - Stage 1: gather

    /// A member's change to a paragraph, as where it stands: the member's proposal and the
    /// change's place among its entries (`proposals[touch]` reads it). Two numbers rather
    /// than the change: gathering every member's changes copied each of them on one core,
    /// and each copy retained the member's paragraph and redline, scattered through memory
    /// (with 193 members editing 2,000 paragraphs, an eighth of the whole command).
    struct Touch {
        let proposal: Int
        let entry: Int
    }

    struct Gathered {
        var touches: [ParagraphID: [Touch]] = [:]
        /// Base paragraph id (nil: before the first) → additions in placement order.
        var additions: [ParagraphID?: [Touch]] = [:]
        var additionCount = 0
        /// Moved base paragraph → where each mover put it: after which base paragraph (nil: first).
        var moves: [ParagraphID: [(proposal: Int, after: ParagraphID?)]] = [:]

        init(base: DraftText, proposals: [MemberProposal]) {
            // An id added by several members stands once, where its first proposer put it:
            // the same id twice in one text would make the consolidated draft unreadable.
            var anchorOfAddition: [ParagraphID: ParagraphID?] = [:]
            for index in proposals.indices {
                // Each change read in place (see `Touch`).
                proposals[index].changes.entries.withUnsafeBufferPointer { entries in
                    for position in entries.indices {
                        let touch = Touch(proposal: index, entry: position)
                        let id = entries[position].change.id
                        if entries[position].change.old == nil {
                            let placed = anchorOfAddition[id] ?? entries[position].anchor
                            anchorOfAddition[id] = placed
                            additions[placed, default: []].append(touch)
                            additionCount += 1
                            continue
                        }
                        if entries[position].change.op == .move, entries[position].change.new != nil {
                            moves[id, default: []].append((index, entries[position].anchor))
                        }
                        // A formatting-only edit (NBSP for a space) is NOC unless the diff reports
                        // formatting: merged exactly where every other command shows it.
                        if entries[position].change.isProposal { touches[id, default: []].append(touch) }
                    }
                }
            }
        }
    }

    // MARK: - Stage 2: versions

    struct Version {
        var isSuppression: Bool
        /// The first proposer's change: its new paragraph is the version's text (none for a
        /// suppression), its redline the word diff from the base. Kept rather than strings
        /// made from it (see `Alternative`).
        var change: ParagraphDiff.Change
        var proposals: [Int]

        /// The proposed paragraph: head and label as the first proposer wrote them.
        var shape: Paragraph? { change.new }
        var text: String { change.new?.text ?? "" }

        /// Whether the version proposes `paragraph`'s text, byte for byte.
        func hasSameText(as paragraph: Paragraph) -> Bool { change.new?.hasSameText(as: paragraph) ?? false }
    }

    /// Distinct proposed texts of one paragraph, in order of their first proposer.
    ///
    /// Texts are matched by their `ContentHash` first and confirmed byte for byte: 193
    /// members ending one 50,000-word paragraph each with a different word of the same length
    /// had made every text be compared in full with every earlier one.
    static func versions(of touches: [Touch], base: Paragraph?, _ proposals: [MemberProposal]) -> [Version] {
        var versions: [Version] = []
        // The last version of each hash, and before each version the previous one of its hash
        // (-1: none): versions of a hash chained without an array for every hash.
        var lastOfHash: [UInt64: Int] = [:]
        lastOfHash.reserveCapacity(touches.count)
        var previousOfSameHash: [Int] = []
        for touch in touches {
            let change = proposals[touch]
            let isSuppression = change.op == .sup
            let new = isSuppression ? nil : change.new
            if let new, let base, new.hasSameText(as: base) { continue }   // moved or relabelled only
            let hash = new?.withTextUTF8(ContentHash.of) ?? 0
            var index = lastOfHash[hash] ?? -1
            while index >= 0, versions[index].isSuppression != isSuppression || !(new.map(versions[index].hasSameText) ?? true) {
                index = previousOfSameHash[index]
            }
            if index >= 0 {
                versions[index].proposals.append(touch.proposal)
            } else {
                previousOfSameHash.append(lastOfHash[hash] ?? -1)
                lastOfHash[hash] = versions.count
                versions.append(Version(isSuppression: isSuppression, change: change, proposals: [touch.proposal]))
            }
        }
        return versions
    }

    /// Members credited for a version: each proposer followed by its co-sponsors, once each.
    static func credit(_ version: Version, _ proposals: [MemberProposal]) -> [String] {
        version.proposals.count == 1 ? proposals[version.proposals[0]].credit : version.proposals.flatMap { proposals[$0].credit }.uniqued()
    }

    static func fingerprint(_ versions: [Version], _ proposals: [MemberProposal]) -> String {
        var hash = FNV1a()
        for version in versions {
            hash.combine(version.isSuppression ? "SUP\u{1}" : "TEXT\u{1}")
            version.change.withNewTextUTF8 { hash.combine($0) }
            for index in version.proposals {
                hash.combine("\u{1}")
                hash.combine(proposals[index].member)
            }
            hash.combine("\u{0}")
        }
        let hex = String(hash.value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    // MARK: - Stage 3: merge one base paragraph

    static func merge(_ paragraph: Paragraph, touches: [Touch], _ proposals: [MemberProposal],
                      _ supports: [ProposalSupport], keepingAlternativeSpans: Bool = true) -> ConsolidatedParagraph {
        let id = paragraph.id!
        let baseText = paragraph.text
        let versions = versions(of: touches, base: paragraph, proposals)
        var result = ConsolidatedParagraph(
            id: id, status: .unchanged, text: baseText,
            spans: baseText.isEmpty ? [] : [AttributedSpan(text: baseText, change: .same)],
            alternatives: [], proposals: [], reasons: [:], supporters: [],
            movedBy: touches.lazy.filter { proposals[$0].op == .move }.map { proposals[$0.proposal].member },
            base: paragraph, shape: nil, proposalsFingerprint: fingerprint(versions, proposals))
        let relabellers = touches.filter { proposals[$0].isRelabelled }
        result.relabels = relabellers.map { ConsolidatedParagraph.Relabel(member: proposals[$0.proposal].member, label: proposals[$0].new?.label) }
        if let first = relabellers.first.flatMap({ proposals[$0].new }), relabellers.allSatisfy({ proposals[$0].new?.hasSameLabel(as: first) == true }) {
            result.relabelled = first
        }
        guard !versions.isEmpty else { return result }
        annotate(&result, with: versions, proposals, supports)

        let suppressions = versions.filter(\.isSuppression)
        if !suppressions.isEmpty {
            // Moving a paragraph is keeping it: against a deletion, a conflict for the chair.
            let movers = touches.filter { proposals[$0].op == .move && proposals[$0].new?.hasSameText(as: paragraph) == true }
            if !movers.isEmpty {
                // A mover's change keeps the base's text: its spans are that text, kept.
                let kept = Version(isSuppression: false, change: proposals[movers[0]], proposals: movers.map(\.proposal))
                annotate(&result, with: versions + [kept], proposals, supports)
                makeConflict(&result, keepingSpans: keepingAlternativeSpans)
                return result
            }
            if suppressions.count == versions.count {
                result.status = .deleted
                result.text = ""
                result.spans = baseText.isEmpty ? [] : [AttributedSpan(text: baseText, change: .delete, by: credit(suppressions[0], proposals))]
            } else {
                makeConflict(&result, keepingSpans: keepingAlternativeSpans)
            }
            return result
        }
        // Every version's edits, equal edits folded with their credits joined.
        var credits: [TokenEdit: [String]] = [:]
        var order: [TokenEdit] = []
        for (index, version) in versions.enumerated() {
            let versionCredit = credit(version, proposals)
            let keepsFormatting = version.proposals.contains { proposals[$0].changes.reportsFormatting }
            for edit in TokenEdit.edits(of: version.change, keepingFormatting: keepsFormatting) {
                if credits[edit] == nil { order.append(edit) }
                credits[edit, default: []].append(contentsOf: versionCredit.filter { !(credits[edit]?.contains($0) ?? false) })
            }
            // Two edits that collide collide among all the others too, and a conflict keeps
            // the versions, not the edits: looked for as the edits grow (after 1, 2, 4, 8 …
            // versions), so that where members collide most versions' edits are never made
            // (193 members each editing every paragraph collide within the first few).
            let seen = index + 1
            if seen < versions.count, seen & index == 0, hasCollision(sortedByPlace(order)) {
                makeConflict(&result, keepingSpans: keepingAlternativeSpans)
                return result
            }
        }
        // Formatting edits left aside, a version may propose nothing (a move or a new label).
        if order.isEmpty { return result }
        let sorted = sortedByPlace(order)
        if hasCollision(sorted) {
            makeConflict(&result, keepingSpans: keepingAlternativeSpans)
            return result
        }
        result.spans = spans(applying: sorted, credits: credits, to: baseText)
        result.text = result.spans.filter { $0.change != .delete }.map(\.text).joined()
        result.status = .amended
        return result
    }

    /// Edits in order of position, an insertion before a replacement at the same place.
    static func sortedByPlace(_ edits: [TokenEdit]) -> [TokenEdit] {
        edits.sorted { ($0.start, $0.isInsertion ? 0 : 1, $0.end) < ($1.start, $1.isInsertion ? 0 : 1, $1.end) }
    }

    /// Sweeps the edits in order of position: an edit can only collide with those starting
    /// before it ends, so each is compared with its few neighbours, not with all.
    static func hasCollision(_ sorted: [TokenEdit]) -> Bool {
        for (index, edit) in sorted.enumerated() {
            for other in sorted[(index + 1)...] {
                if other.start > edit.end { break }
                if edit.collides(with: other) { return true }
            }
        }
        return false
    }

    static func spans(applying edits: [TokenEdit], credits: [TokenEdit: [String]], to base: String) -> [AttributedSpan] {
        let bytes = Array(base.utf8)
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var spans: [AttributedSpan] = []
        func append(_ span: AttributedSpan) {
            guard !span.text.isEmpty else { return }
            if let last = spans.last, last.change == span.change, last.by == span.by {
                spans[spans.count - 1].text += span.text
            } else {
                spans.append(span)
            }
        }
        var cursor = 0
        for edit in edits {
            if edit.start > cursor { append(AttributedSpan(text: text(cursor..<edit.start), change: .same)) }
            let by = credits[edit] ?? []
            if !edit.isInsertion { append(AttributedSpan(text: text(edit.start..<edit.end), change: .delete, by: by)) }
            append(AttributedSpan(text: edit.inserted, change: .insert, by: by))
            cursor = max(cursor, edit.end)
        }
        if cursor < bytes.count { append(AttributedSpan(text: text(cursor..<bytes.count), change: .same)) }
        return spans
    }

    /// The paragraph in conflict, its proposals (as `annotate` recorded them) its alternatives.
    static func makeConflict(_ result: inout ConsolidatedParagraph, keepingSpans: Bool) {
        result.status = .conflict
        result.text = result.baseText
        result.spans = result.baseText.isEmpty ? [] : [AttributedSpan(text: result.baseText, change: .same)]
        // Each alternative of a base paragraph shows its diff against the base, as the reports do.
        result.alternatives = keepingSpans && result.base != nil ? result.proposals.map { $0.keepingSpans() } : result.proposals
    }

    /// Records every version as a proposal (with its credit, reasons and supporters), and
    /// the reasons and supporters of the paragraph as a whole.
    static func annotate(_ result: inout ConsolidatedParagraph, with versions: [Version], _ proposals: [MemberProposal],
                         _ supports: [ProposalSupport]) {
        let reasonsOfVersions = versions.map { reasons($0, proposals, result.id) }
        result.proposals = versions.indices.map { index in
            let version = versions[index]
            return Alternative(
                op: version.isSuppression ? .sup : result.base.map { version.hasSameText(as: $0) ? .move : .mod } ?? .add,
                by: credit(version, proposals), change: version.change, keepingSpans: false,
                reasons: reasonsOfVersions[index], supporters: supporters(of: [version], proposals, supports))
        }
        for reasons in reasonsOfVersions where !reasons.isEmpty { result.reasons.merge(reasons) { first, _ in first } }
        result.supporters = supporters(of: versions, proposals, supports)
    }

    /// The supporters of the versions' proposers, each once, in the order of `supports`.
    static func supporters(of versions: [Version], _ proposals: [MemberProposal], _ supports: [ProposalSupport]) -> [String] {
        guard !supports.isEmpty else { return [] }
        let proposers = Set(versions.flatMap { $0.proposals.map { proposals[$0].member } })
        return supports.filter { proposers.contains($0.proposer) }.map(\.supporter).uniqued()
    }

    static func reasons(_ version: Version, _ proposals: [MemberProposal], _ id: ParagraphID) -> [String: String] {
        var reasons: [String: String] = [:]
        for index in version.proposals where !proposals[index].reasons.isEmpty {
            if let reason = proposals[index].reasons[id] { reasons[proposals[index].member] = reason }
        }
        return reasons
    }

    // MARK: - Stage 4: additions

    static func additions(after anchor: ParagraphID?, _ gathered: Gathered, _ proposals: [MemberProposal],
                          _ supports: [ParagraphID: [ProposalSupport]]) -> [ConsolidatedParagraph] {
        guard let touches = gathered.additions[anchor] else { return [] }
        // Group by paragraph id, keeping the order in which ids first appear: proposals are
        // already sorted by member, and each member's additions are in its reading order.
        var order: [ParagraphID] = []
        var byID: [ParagraphID: [Touch]] = [:]
        for touch in touches {
            let id = proposals[touch].id
            if byID[id] == nil { order.append(id) }
            byID[id, default: []].append(touch)
        }
        return order.map { id in
            let versions = versions(of: byID[id]!, base: nil, proposals)
            var result = ConsolidatedParagraph(
                id: id, status: .added, text: versions[0].text, spans: [], alternatives: [], proposals: [], reasons: [:], supporters: [],
                movedBy: [], base: nil, shape: versions[0].shape, proposalsFingerprint: fingerprint(versions, proposals))
            annotate(&result, with: versions, proposals, supports[id] ?? [])
            if versions.count > 1 {
                makeConflict(&result, keepingSpans: false)
            } else if !versions[0].text.isEmpty {
                result.spans = [AttributedSpan(text: versions[0].text, change: .insert, by: credit(versions[0], proposals))]
            }
            return result
        }
    }

    // MARK: - Stage 5: decisions

    static func apply(_ decision: Decision, to paragraph: inout ConsolidatedParagraph) {
        var decision = decision
        guard decision.fingerprint == paragraph.proposalsFingerprint else {
            decision.isOutdated = true
            paragraph.decision = decision
            return
        }
        let baseText = paragraph.baseText
        switch decision.outcome {
        case .keepBase:
            paragraph.status = paragraph.base == nil ? .deleted : .unchanged
            paragraph.text = baseText
            paragraph.spans = baseText.isEmpty ? [] : [AttributedSpan(text: baseText, change: .same)]
        case .text(let text):
            let proposals = paragraph.proposals.filter { $0.op != .sup }.map { (text: $0.text, by: $0.by) }
            settle(&paragraph, text: text, suppress: false, by: [decision.by])
            paragraph.spans = CompromiseCredit.spans(base: baseText, compromise: text, proposals: proposals, decider: decision.by)
        case .accept(let member):
            guard let chosen = paragraph.proposals.first(where: { $0.by.contains(member) }) else {
                // Accepting a member who only moves the paragraph settles its place (`applyMoves`).
                if paragraph.movedBy.contains(member) {
                    paragraph.decision = decision
                    return
                }
                // The member proposes nothing here (any more): the decision cannot stand.
                decision.isOutdated = true
                paragraph.decision = decision
                return
            }
            settle(&paragraph, text: chosen.text, suppress: chosen.op == .sup, by: chosen.by)
        }
        paragraph.alternatives = []
        paragraph.decision = decision
    }

    static func settle(_ paragraph: inout ConsolidatedParagraph, text: String, suppress: Bool, by: [String]) {
        let baseText = paragraph.baseText
        if suppress {
            paragraph.status = .deleted
            paragraph.text = ""
            paragraph.spans = baseText.isEmpty ? [] : [AttributedSpan(text: baseText, change: .delete, by: by)]
            return
        }
        paragraph.status = paragraph.base == nil ? .added : text.hasSameBytes(as: baseText) ? .unchanged : .amended
        paragraph.text = text
        paragraph.spans = WordDiff.spans(from: baseText, to: text).map { AttributedSpan(text: $0.text, change: $0.change, by: by) }
    }
}

extension [MemberProposal] {
    /// The change `touch` stands for.
    subscript(touch: Consolidator.Touch) -> ParagraphDiff.Change { self[touch.proposal].changes.entries[touch.entry].change }
}

extension Array where Element: Hashable {
    /// The elements, each once, in the order they first stand.
    public func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
