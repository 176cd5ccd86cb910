import ConcordDrafting
import ConcordText

/// What a report says besides the text, said once for every format: each format renders the
/// same facts, so that no format tells a different story (a decision, an OUTDATED warning, a
/// reason, a support, a move, a renumbering, a late admission, a co-sponsor). JSON carries the
/// same facts as fields; `CLIReportFactsTests` checks one scenario in every format.
struct ReportFact: Hashable {
    enum Kind: String { case reason, support, move, renumbering, decision, submission }

    let kind: Kind
    let sentence: String
    /// An outdated decision: the chair must decide again.
    var isWarning = false
}

/// In JSON, a fact is its sentence: the fields beside it carry the same facts as data.
extension ReportFact: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(sentence)
    }
}

extension ConsolidatedParagraph {
    /// The reasons and supports of the text applied (in a conflict, each alternative has its
    /// own), then the moves, the renumbering and the chair's decision.
    var facts: [ReportFact] {
        let renumbering: String? = if let relabelled {
            "Relabelled \(base?.label?.rawValue ?? "(none)") → \(relabelled.label?.rawValue ?? "(none)") on the proposal of "
                + relabels.map(\.member).joined(separator: ", ")
        } else if !relabelledBy.isEmpty {
            "Renumbering proposed by \(relabelledBy.joined(separator: ", ")) (label kept as in the base)"
        } else {
            nil
        }
        return ReportFact.paragraph(reasons: status == .conflict ? [:] : reasons, supporters: status == .conflict ? [] : supporters,
                                    movedBy: movedBy, isMoved: isMoved, renumbering: renumbering, decision: decision)
    }

    /// Whether a report can show the paragraph as the document does, with nothing to say.
    var isPlain: Bool { status == .unchanged && decision == nil && movedBy.isEmpty && relabelledBy.isEmpty }
}

extension Alternative {
    /// Why its proposers want it, and who supports it.
    var facts: [ReportFact] { ReportFact.reasonsAndSupport(reasons: reasons, supporters: supporters) }
}

extension ReportFact {
    /// A paragraph's facts from their parts, as the consolidation holds them and as its
    /// stored report gives them back to `blame`.
    static func paragraph(reasons: [String: String], supporters: [String], movedBy: [String], isMoved: Bool,
                          renumbering: String?, decision: Decision?) -> [ReportFact] {
        var facts = reasonsAndSupport(reasons: reasons, supporters: supporters)
        if isMoved {
            facts.append(ReportFact(kind: .move, sentence: "MOVE: moved here on the proposal of \(movedBy.joined(separator: ", "))"))
        } else if !movedBy.isEmpty {
            facts.append(ReportFact(kind: .move, sentence: "Moving it proposed by \(movedBy.joined(separator: ", ")) to different places "
                                    + "(order kept as in the base; the chair applies one with `concord decide … --accept MEMBER`)"))
        }
        if let renumbering { facts.append(ReportFact(kind: .renumbering, sentence: renumbering)) }
        if let decision {
            facts.append(ReportFact(kind: .decision, sentence: ConsolidationReport.describe(decision), isWarning: decision.isOutdated))
        }
        return facts
    }

    static func reasonsAndSupport(reasons: [String: String], supporters: [String]) -> [ReportFact] {
        reasons.sorted { $0.key < $1.key }.map { ReportFact(kind: .reason, sentence: "Reason (\($0.key)): \($0.value)") }
            + (supporters.isEmpty ? [] : [ReportFact(kind: .support, sentence: "Supported by \(supporters.joined(separator: ", "))")])
    }

    /// What a round's report says of each submission besides its changes: co-sponsors, a late
    /// admission, and a text carried from an earlier revision.
    static func submissions(_ submissions: [Submission]) -> [ReportFact] {
        submissions.flatMap { submission($0.record, carriedFrom: $0.carriedFrom) }
    }

    static func coSponsored(_ member: String, by coSponsors: [String]) -> ReportFact {
        ReportFact(kind: .submission, sentence: "\(member)'s submission is co-sponsored by \(coSponsors.joined(separator: ", "))")
    }

    static func admittedLate(_ member: String, by chair: String) -> ReportFact {
        ReportFact(kind: .submission, sentence: "\(member)'s submission was admitted late by \(chair)")
    }

    /// As `submission(_:carriedFrom:)`, from what a recorded report keeps: member → its
    /// co-sponsors, member → the chair who admitted it late.
    static func submissions(of members: [String], coSponsors: [String: [String]], admittedLate late: [String: String]) -> [ReportFact] {
        members.flatMap { member in
            (coSponsors[member].map { [coSponsored(member, by: $0)] } ?? []) + (late[member].map { [admittedLate(member, by: $0)] } ?? [])
        }
    }

    static func submission(_ record: ProposalRecord, carriedFrom: String? = nil) -> [ReportFact] {
        let member = record.member.rawValue
        var facts: [ReportFact] = []
        if !record.coSponsors.isEmpty { facts.append(coSponsored(member, by: record.coSponsors.map(\.rawValue))) }
        if let chair = record.admittedLateBy { facts.append(admittedLate(member, by: chair.rawValue)) }
        if let carriedFrom {
            facts.append(ReportFact(kind: .submission, sentence: "\(member) edited \(carriedFrom); its changes were carried onto this round's base"))
        }
        return facts
    }
}

/// A long kept stretch of an alternative, shown by its two ends around "…": the base text
/// stands just above it, and what differs then stands out. JSON keeps the whole text.
public func elided(_ text: String) -> String {
    guard text.count > 150 else { return text }
    return String(text.prefix(60)) + " … " + String(text.suffix(60))
}

extension Alternative {
    /// The alternative as its word-level changes against `base`, credited to its proposers:
    /// the merge's own diff where it kept it, else diffed here.
    public func redline(against base: String) -> [AttributedSpan] {
        switch op {
        case .sup: return base.isEmpty ? [] : [AttributedSpan(text: base, change: .delete, by: by)]
        default:
            let spans = spans.isEmpty && !(base.isEmpty && text.isEmpty) ? WordDiff.spans(from: base, to: text) : spans
            return spans.map { AttributedSpan(text: $0.text, change: $0.change, by: by) }
        }
    }
}
