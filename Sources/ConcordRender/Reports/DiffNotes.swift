import ConcordDrafting
import ConcordText

/// What `diff --member` states besides the member's text, in every format: the member's
/// co-sponsors and a late admission, the proposals it supports, and its reason beside each
/// paragraph it changes. A diff between revisions or between two members has none.
public struct DiffNotes: Sendable {
    let record: ProposalRecord

    public init(_ record: ProposalRecord) { self.record = record }

    /// The notes that head the diff.
    var heading: [ReportFact] {
        ReportFact.submission(record) + record.supports.map { support in
            ReportFact(kind: .support, sentence: "\(record.member) supports \(support.proposal)'s proposal on {#\(support.paragraph)}")
        }
    }

    /// The member's reason for changing `paragraph`.
    func facts(for paragraph: ParagraphID) -> [ReportFact] {
        record.reasons[paragraph].map { [ReportFact(kind: .reason, sentence: "Reason: \($0)")] } ?? []
    }
}
