import ConcordDrafting
import ConcordText

/// `diff --from Rev.K --to Rev.N`: on whose proposal each change between two published
/// revisions was made.
///
/// Each round's recorded consolidation says what it changed in its base, and on whose
/// proposal. Walking rounds K+1 … N in order, each paragraph's text is kept as pieces that
/// remember where they came from: characters of Rev.K (their offset there), or words
/// inserted since (their proposers). A round's deleted span over characters of Rev.K
/// records who deleted them. In the redline of Rev.K against Rev.N, an inserted span is
/// then credited to the proposers of the pieces under it, and a deleted span to those who
/// deleted its characters. Offsets count Unicode scalars, as blame's do.
public struct RevisionCredit {
    /// A stretch of a paragraph's text: from Rev.K (`origin`, its offset there) or inserted
    /// since by `by`.
    struct Piece: Stretch {
        var count: Int
        var origin: Int?
        var by: [String]

        func part(from offset: Int, count: Int) -> Piece {
            Piece(count: count, origin: origin.map { $0 + offset }, by: by)
        }
    }

    struct Deletion {
        let range: Range<Int>
        let by: [String]
    }

    /// Paragraph id → its text at Rev.N, as pieces.
    private var pieces: [String: [Piece]] = [:]
    /// Paragraph id → stretches of its Rev.K text, and who deleted them.
    private var deletions: [String: [Deletion]] = [:]

    /// The credit between the draft at commit `from` and at commit `to` (in hex), from the
    /// recorded consolidations of the draft's published revisions, by number. Nil unless
    /// both are published revisions (or `from` the imported text), `to` the later.
    public init?(from: String, to: String, revisions: [(number: Int, commit: String, recorded: RecordedConsolidation)]) throws {
        let decoded = try revisions.map { revision -> (number: Int, commit: String, report: BlameReport.Stored) in
            guard let report = BlameReport.decode(revision.recorded) else { throw BlameReport.Failure.notAReport }
            return (revision.number, revision.commit, report)
        }.sorted { $0.number < $1.number }
        let imported = decoded.first.map { (number: $0.number - 1, commit: $0.report.base) }
        let numbers = Dictionary(decoded.map { ($0.commit, $0.number) } + (imported.map { [($0.commit, $0.number)] } ?? [])) { first, _ in first }
        guard let first = numbers[from], let last = numbers[to], first <= last else { return nil }
        for (index, round) in decoded.filter({ first < $0.number && $0.number <= last }).enumerated() {
            walk(round.report, startingHere: index == 0)
        }
    }

    /// Applies one round's consolidation; `startingHere`: its base is Rev.K itself.
    private mutating func walk(_ report: BlameReport.Stored, startingHere: Bool) {
        for paragraph in report.paragraphs {
            let id = paragraph.id
            var before = pieces[id] ?? []
            if startingHere {
                let count = paragraph.spans.filter { $0.change != .insert }.reduce(0) { $0 + $1.text.unicodeScalars.count }
                before = count > 0 ? [Piece(count: count, origin: 0, by: [])] : []
            }
            var after: [Piece] = []
            var offset = 0
            for span in paragraph.spans {
                let count = span.text.unicodeScalars.count
                switch span.change {
                case .insert:
                    after.append(Piece(count: count, origin: nil, by: span.by))
                case .same:
                    after += before.slice(from: offset, count: count)
                    offset += count
                case .delete:
                    for piece in before.slice(from: offset, count: count) {
                        guard let origin = piece.origin else { continue }
                        deletions[id, default: []].append(Deletion(range: origin ..< origin + piece.count, by: span.by))
                    }
                    offset += count
                }
            }
            pieces[id] = after
        }
    }


    /// Who proposed each span of `change`, a paragraph of the redline of Rev.K against Rev.N
    /// (empty for kept spans).
    public func credit(_ change: ParagraphDiff.Change) -> [[String]] {
        let id = change.id.rawValue
        var (old, new) = (0, 0)
        return change.spans.map { span in
            let count = span.text.unicodeScalars.count
            switch span.change {
            case .same:
                old += count
                new += count
                return []
            case .delete:
                defer { old += count }
                let range = old ..< old + count
                return (deletions[id] ?? []).filter { $0.range.overlaps(range) }.flatMap(\.by).uniqued()
            case .insert:
                defer { new += count }
                return (pieces[id] ?? []).slice(from: new, count: count).filter { $0.origin == nil }.flatMap(\.by).uniqued()
            }
        }
    }
}
