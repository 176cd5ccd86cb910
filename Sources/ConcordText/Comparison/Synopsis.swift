/// The synoptic table of a round: one row per paragraph, the base text and each chosen
/// member's proposal side by side, and how far the members agree.
///
/// Rows follow the consolidated order (base paragraphs, each member's additions after the
/// paragraph it put them after), so the table reads as the draft. Agreement is decided per
/// paragraph on what members *propose* — the same text, the same suppression, or no change —
/// never on who touched it first; NOC counts as a position ("leave it as it is").
public struct Synopsis: Sendable {
    public struct Cell: Sendable, Hashable {
        public let op: ParagraphOp
        /// The member's text of the paragraph; empty when it suppresses it or does not have it.
        public let text: String
        /// The member's redline against the base.
        public let spans: [Span]
    }

    /// A label changed: `from` the base's, `to` the member's (nil: no label).
    public struct Renumbering: Sendable, Hashable {
        public let from: Label?
        public let to: Label?
    }

    public enum Agreement: Sendable, Hashable {
        /// No chosen member changes the paragraph.
        case untouched
        /// Everyone who changes it proposes the same.
        case consensual(proposers: [String])
        /// Distinct proposals, each with its proposers (NOC among them when some leave it).
        case contested(groups: [[String]])
    }

    public struct Row: Sendable {
        public let id: ParagraphID
        public let label: Label?
        /// The base paragraph's text; empty for an addition.
        public let base: String
        public let isAddition: Bool
        /// One cell per member, in the order of `members`.
        public let cells: [Cell]
        /// Member index → its renumbering of the paragraph, for those who give it another
        /// label (kept apart from the cells: few have one, and every cell would carry room for it).
        public let renumberings: [Int: Renumbering]
        public let agreement: Agreement

        /// Someone proposes a text, a suppression or a move, or only renumbers the paragraph.
        public var isChanged: Bool { agreement != .untouched || !renumberings.isEmpty }
    }

    public let members: [String]
    public let rows: [Row]

    /// - Complexity: O(rows × members) for the table itself, which is its size.
    public init(base: DraftText, proposals: [MemberProposal]) {
        members = proposals.map(\.member)
        let order = Consolidator.merge(base: base, proposals: proposals, keepingAlternativeSpans: false).settled(with: []).paragraphs
        let changesByMember = proposals.map { proposal in
            Dictionary(proposal.changes.entries.map { ($0.change.id, $0.change) }, uniquingKeysWith: { first, _ in first })
        }
        rows = order.map { paragraph in
            // Not in a member's changes: an addition by someone else, or untouched. One cell,
            // shared by every member who leaves the paragraph as it is.
            let unchanged = paragraph.base == nil
                ? Cell(op: .noc, text: "", spans: [])
                : Cell(op: .noc, text: paragraph.baseText, spans: paragraph.baseText.isEmpty ? [] : [Span(text: paragraph.baseText, change: .same)])
            var renumberings: [Int: Renumbering] = [:]
            let cells = changesByMember.indices.map { member -> Cell in
                guard let change = changesByMember[member][paragraph.id] else { return unchanged }
                if change.isRelabelled { renumberings[member] = Renumbering(from: change.old?.label, to: change.new?.label) }
                return Cell(op: change.op, text: change.new?.text ?? "", spans: change.spans)
            }
            return Row(id: paragraph.id, label: paragraph.label, base: paragraph.baseText, isAddition: paragraph.base == nil,
                       cells: cells, renumberings: renumberings, agreement: Self.agreement(cells, members: proposals.map(\.member)))
        }
    }

    /// A member's position on a paragraph: leave it (NOC), suppress it, or a proposed text,
    /// told apart byte for byte, as the consolidator tells texts apart (`hasSameBytes`).
    /// `String`'s own equality and hashing normalise each text first: with 193 members
    /// proposing a text for each of 2,000 paragraphs, that was most of `compare`.
    struct Position: Hashable {
        let text: String

        init(of cell: Cell) {
            switch cell.op {
            case .noc: text = "\u{0}NOC"
            case .sup: text = "\u{0}SUP"
            default: text = cell.text
            }
        }

        static func == (a: Position, b: Position) -> Bool { a.text.hasSameBytes(as: b.text) }

        func hash(into hasher: inout Hasher) { text.hashBytes(into: &hasher) }
    }

    /// Untouched when nobody proposes anything; consensual when everyone who proposes
    /// something proposes the same; else contested, one group per distinct proposal.
    static func agreement(_ cells: [Cell], members: [String]) -> Agreement {
        var groups: [[String]] = []
        var groupOfPosition: [Position: Int] = [:]
        for (cell, member) in zip(cells, members) where cell.op != .noc {
            let position = Position(of: cell)
            if let index = groupOfPosition[position] {
                groups[index].append(member)
            } else {
                groupOfPosition[position] = groups.count
                groups.append([member])
            }
        }
        switch groups.count {
        case 0: return .untouched
        case 1: return .consensual(proposers: groups[0])
        default: return .contested(groups: groups)
        }
    }

    /// The rows on which someone proposes a text, a suppression or a move: what the
    /// agreement matrix counts (a renumbering alone is no position on the text).
    public var touchedRowCount: Int { rows.reduce(0) { $0 + ($1.agreement != .untouched ? 1 : 0) } }

    /// For each pair of members, the share of the rows someone changed on which they take
    /// the same position (the same text, the same suppression, or both leaving the paragraph
    /// as it is). Untouched rows are left out: every pair agrees on them, and in a draft of
    /// thousands of paragraphs they would make any two members look 99% alike. All 1 when
    /// nobody changed anything.
    ///
    /// Counted as disagreements, which only a member who changes a row can have: each row
    /// costs its proposers × members, not members², and most rows have no proposer.
    public var agreementMatrix: [[Double]] {
        let touched = touchedRowCount
        guard touched > 0 else { return members.map { _ in members.map { _ in 1 } } }
        let count = members.count
        var disagreements = [Int](repeating: 0, count: count * count)
        for row in rows {
            // Each proposer's position, as the index of the first proposer who takes it.
            var firstOfPosition: [Position: Int] = [:]
            let proposers = row.cells.indices.filter { row.cells[$0].op != .noc }
            guard !proposers.isEmpty else { continue }
            var group = [Int](repeating: -1, count: count)   // -1: leaves the row as it is
            for member in proposers {
                let position = Position(of: row.cells[member])
                group[member] = firstOfPosition[position] ?? member
                if firstOfPosition[position] == nil { firstOfPosition[position] = member }
            }
            for member in proposers {
                for other in 0 ..< count where group[other] != group[member] {
                    disagreements[member * count + other] += 1
                    if group[other] == -1 { disagreements[other * count + member] += 1 }
                }
            }
        }
        return (0 ..< count).map { a in
            (0 ..< count).map { b in Double(touched - disagreements[a * count + b]) / Double(touched) }
        }
    }
}
