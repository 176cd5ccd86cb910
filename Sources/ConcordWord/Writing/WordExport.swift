import ConcordDrafting
import ConcordText
import Foundation

/// The Word documents Concord writes: the text a member edits, the chair's consolidated text
/// with each member's changes tracked under its name, one member's proposals, and the synoptic
/// table.
///
/// The tracked changes are laid out so that Word's "accept all" gives the new text and
/// "reject all" the old one: a kept span is a plain run, an inserted span a `w:ins`, a deleted
/// span a `w:del`, and an added or deleted paragraph has its paragraph mark tracked too. The
/// author of a change is its proposers, joined as `CEPT, F`.
public enum WordExport {
    /// The `.docx` bytes of `document`.
    public static func docx(_ document: WordDocument) throws -> Data {
        try WordDocumentWriter.package(document)
    }

    /// A date as Word writes it on changes and comments.
    public static func wordDate(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// The text a member edits in Word: each paragraph as the draft has it (typed labels, so that
    /// Word's numbering cannot relabel it), a bookmark named by its id at its start, blank lines
    /// as empty paragraphs. The package switches track changes on.
    public static func clean(_ text: DraftText, date: Date) -> WordDocument {
        var document = WordDocument(date: wordDate(date))
        for paragraph in text.paragraphs {
            for _ in paragraph.gapBefore { document.append(WordDocument.Paragraph([])) }
            document.append(WordDocument.Paragraph(bookmark: paragraph.id?.rawValue, [WordDocument.Run(paragraph.line)]))
        }
        for _ in text.gapAfter { document.append(WordDocument.Paragraph([])) }
        return document
    }

    /// The consolidated text of a round, for the chair.
    ///
    /// - Each applied change is tracked under its proposers; a joint one also has a comment
    ///   naming them all.
    /// - A conflict keeps the base text, followed by each alternative as a bracketed insertion
    ///   by its proposers (`[ALT 1: …]`), marked by one comment listing them: accepted, the text reads as
    ///   `concord consolidate` shows it, alternatives in brackets.
    /// - A moved paragraph is deleted where the base had it and inserted where it stands.
    /// - Reasons, supports, proposed moves and relabellings, and the chair's decisions (with an
    ///   outdated one's warning) are comments on the paragraph.
    public static func consolidated(_ consolidation: Consolidation, date: Date) -> WordDocument {
        var document = WordDocument(date: wordDate(date))
        // A moved paragraph is a tracked move: deleted where the base had it (after its base
        // predecessor), inserted where it now stands, both by its movers.
        var movedFromAfter: [ParagraphID?: [ConsolidatedParagraph]] = [:]
        let moved = Dictionary(consolidation.text.paragraphs.filter(\.isMoved).map { ($0.id, $0) }) { first, _ in first }
        var previous: ParagraphID?
        for paragraph in consolidation.base.text.paragraphs {
            if let id = paragraph.id, let movedParagraph = moved[id] { movedFromAfter[previous, default: []].append(movedParagraph) }
            previous = paragraph.id
        }
        func writeMovedAway(after id: ParagraphID?) {
            for paragraph in movedFromAfter[id] ?? [] {
                let by = author(paragraph.movedBy)
                document.append(WordDocument.Paragraph([WordDocument.Run((paragraph.base?.head ?? "") + paragraph.baseText, .deleted(by: by))],
                                                       mark: .deleted(by: by)))
            }
        }
        writeMovedAway(after: nil)
        for paragraph in consolidation.text.paragraphs {
            defer { writeMovedAway(after: paragraph.id) }
            for _ in paragraph.base?.gapBefore ?? [] { document.append(WordDocument.Paragraph([])) }
            let head = (paragraph.base ?? paragraph.shape)?.head ?? ""
            let relabellers = author(paragraph.relabels.map(\.member))
            let proposers = author(paragraph.spans.flatMap(\.by) + paragraph.proposals.flatMap(\.by))
            var runs: [WordDocument.Run] = []
            var mark = WordDocument.Revision.none
            switch paragraph.status {
            case .unchanged, .conflict:
                runs = [WordDocument.Run(head), WordDocument.Run(paragraph.baseText)]
            case .amended:
                runs = [WordDocument.Run(head)] + spanRuns(paragraph.spans, in: &document)
            case .added:
                mark = .inserted(by: proposers)
                runs = [WordDocument.Run(head, mark)] + spanRuns(paragraph.spans, in: &document)
            case .deleted:
                mark = .deleted(by: proposers)
                runs = [WordDocument.Run(head, mark)] + spanRuns(paragraph.spans, in: &document)
            }
            // A new label: the old head deleted and the new one inserted, by the relabellers.
            if let relabelled = paragraph.relabelled, mark == .none {
                runs.replaceSubrange(0 ..< 1, with: [WordDocument.Run(head, .deleted(by: relabellers)),
                                                     WordDocument.Run(relabelled.head, .inserted(by: relabellers))])
            }
            if paragraph.status == .conflict {
                // One comment marks the alternatives together, one line each: at 193 members a
                // paragraph can have dozens, and a balloon apiece buries the text.
                var note = "A conflict, for the chair to decide:"
                for (index, alternative) in paragraph.alternatives.enumerated() {
                    let by = author(alternative.by)
                    note += "\nALT \(index + 1), proposed by \(by)."
                    for (member, reason) in alternative.reasons.sorted(by: { $0.key < $1.key }) { note += " \(member): \(reason)" }
                    if !alternative.supporters.isEmpty { note += " Supported by \(alternative.supporters.joined(separator: ", "))." }
                    let proposal = alternative.op == .sup ? "delete the paragraph" : alternative.text
                    runs.append(WordDocument.Run(" [ALT \(index + 1): \(proposal)]", .inserted(by: by)))
                }
                let comment = document.comment(by: "Concord", note)
                runs[runs.count - paragraph.alternatives.count].startsComments = [comment]
                runs[runs.count - 1].endsComments = [comment]
            }
            var comments: [Int] = []
            if paragraph.status != .conflict {
                for (member, reason) in paragraph.reasons.sorted(by: { $0.key < $1.key }) {
                    comments.append(document.comment(by: member, "Reason: \(reason)"))
                }
                if !paragraph.supporters.isEmpty {
                    comments.append(document.comment(by: author(paragraph.supporters), "Supported by \(paragraph.supporters.joined(separator: ", "))."))
                }
            }
            if paragraph.isMoved {
                comments.append(document.comment(by: author(paragraph.movedBy), "Moved here on the proposal of \(paragraph.movedBy.joined(separator: ", "))."))
            } else if !paragraph.movedBy.isEmpty {
                comments.append(document.comment(by: author(paragraph.movedBy), "\(paragraph.movedBy.joined(separator: ", ")) propose moving this paragraph to different places; it stays in place until the chair decides."))
            }
            if paragraph.relabelled == nil, !paragraph.relabelledBy.isEmpty {
                comments.append(document.comment(by: "Concord", "Other labels proposed: \(paragraph.relabelledBy.joined(separator: "; "))."))
            }
            if let decision = paragraph.decision {
                comments.append(document.comment(by: decision.by, decisionNote(decision)))
            }
            if paragraph.isMoved, paragraph.status == .unchanged || paragraph.status == .amended {
                // Inserted here as it now reads: the kept words by its movers, the inserted ones
                // by their proposers; the words it lost go with the deleted copy.
                let by = author(paragraph.movedBy)
                mark = .inserted(by: by)
                runs = [WordDocument.Run(paragraph.head, mark)] + paragraph.spans.compactMap { span in
                    switch span.change {
                    case .delete: nil
                    case .insert: WordDocument.Run(span.text, .inserted(by: author(span.by)))
                    case .same: WordDocument.Run(span.text, .inserted(by: by))
                    }
                }
            }
            document.append(WordDocument.Paragraph(bookmark: paragraph.id.rawValue, runs, mark: mark, comments: comments))
        }
        for _ in consolidation.base.text.gapAfter { document.append(WordDocument.Paragraph([])) }
        return document
    }

    /// One member's proposals as changes by that member, to accept or reject in Word. A moved
    /// paragraph stands at its new place, with a comment.
    public static func member(_ member: MemberID, _ diff: ParagraphDiff, date: Date) -> WordDocument {
        var document = WordDocument(date: wordDate(date))
        let by = member.rawValue
        for change in diff.changes {
            let spans = change.spans.map { AttributedSpan(text: $0.text, change: $0.change, by: [by]) }
            var runs: [WordDocument.Run]
            var mark = WordDocument.Revision.none
            switch change.op {
            case .add:
                mark = .inserted(by: by)
                runs = [WordDocument.Run(change.new?.head ?? "", mark)]
            case .sup:
                mark = .deleted(by: by)
                runs = [WordDocument.Run(change.old?.head ?? "", mark)]
            case .mod, .noc, .move:
                let oldHead = change.old?.head ?? "", newHead = change.new?.head ?? ""
                runs = oldHead == newHead ? [WordDocument.Run(newHead)]
                    : [WordDocument.Run(oldHead, .deleted(by: by)), WordDocument.Run(newHead, .inserted(by: by))]
            }
            runs += spanRuns(spans, in: &document)
            var comments: [Int] = []
            if change.op == .move { comments.append(document.comment(by: by, "\(by) proposes moving this paragraph here.")) }
            document.append(WordDocument.Paragraph(bookmark: change.id.rawValue, runs, mark: mark, comments: comments))
        }
        return document
    }

    /// ITU's synoptic table: a row per paragraph, the base text, each member's text with its
    /// changes tracked under its name, and the chair's consolidated text where there is one.
    public static func synoptic(_ comparison: Comparison, date: Date, changedOnly: Bool) -> WordDocument {
        var document = WordDocument(date: wordDate(date))
        document.isLandscape = true
        document.append(WordDocument.Paragraph([WordDocument.Run("\(comparison.draft), round \(comparison.round.number): synoptic table", bold: true)]))
        var header = [[WordDocument.Paragraph([WordDocument.Run("Base", bold: true)])]]
        header += comparison.members.map { [WordDocument.Paragraph([WordDocument.Run($0.id.rawValue, bold: true)])] }
        if comparison.chair != nil { header.append([WordDocument.Paragraph([WordDocument.Run("Chair", bold: true)])]) }
        var rows = [header]
        for row in comparison.synopsis.rows where !changedOnly || row.isChanged {
            let label = row.label.map { "\($0) " } ?? ""
            var cells = [[WordDocument.Paragraph([WordDocument.Run(row.isAddition ? "" : label + row.base)])]]
            for (member, cell) in zip(comparison.synopsis.members, row.cells) {
                if cell.op == .noc {
                    cells.append([WordDocument.Paragraph([WordDocument.Run("NOC")])])
                    continue
                }
                let spans = cell.spans.map { AttributedSpan(text: $0.text, change: $0.change, by: [member]) }
                cells.append([WordDocument.Paragraph([WordDocument.Run("\(cell.op.rawValue) ", bold: true)] + spanRuns(spans, in: &document))])
            }
            if let chair = comparison.chair {
                let consolidated = chair[row.id]
                cells.append([WordDocument.Paragraph(consolidated.map { spanRuns($0.spans, in: &document) } ?? [])])
            }
            rows.append(cells)
        }
        document.blocks.append(.table(rows))
        return document
    }

    // MARK: - Pieces

    private static func spanRuns(_ spans: [AttributedSpan], in document: inout WordDocument) -> [WordDocument.Run] {
        spans.map { span in
            let by = author(span.by)
            let comments = span.by.count > 1 && span.change != .same
                ? [document.comment(by: by, "Proposed jointly by \(span.by.joined(separator: ", ")).")] : []
            switch span.change {
            case .same: return WordDocument.Run(span.text)
            case .insert: return WordDocument.Run(span.text, .inserted(by: by), comments: comments)
            case .delete: return WordDocument.Run(span.text, .deleted(by: by), comments: comments)
            }
        }
    }

    /// The author of a change: its proposers, each once, in their order.
    private static func author(_ members: [String]) -> String {
        members.isEmpty ? "Concord" : members.uniqued().joined(separator: ", ")
    }

    private static func decisionNote(_ decision: Decision) -> String {
        var note = "Decided by \(decision.by) (\(decision.at)): "
        switch decision.outcome {
        case .accept(let member): note += "\(member)'s proposal accepted."
        case .keepBase: note += "the base text kept."
        case .text: note += "a compromise text."
        }
        if let reason = decision.reason { note += "\nReason: \(reason)" }
        if decision.isOutdated { note += "\nOUTDATED – decide again: the proposals changed since this decision." }
        return note
    }
}
