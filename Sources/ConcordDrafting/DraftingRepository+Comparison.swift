import ConcordText

/// The synoptic table of a draft's current round for chosen members (default: every member
/// who submitted), with the registry entries (names, signatories) and, on request, the
/// consolidated text as the chair's column.
public struct Comparison: Sendable {
    public let draft: DraftID
    public let round: Round
    public let members: [Member]
    public let synopsis: Synopsis
    /// Consolidated paragraph by id, when the chair's column was asked for.
    public let chair: [ParagraphID: ConsolidatedParagraph]?
    /// Whether changes of formatting only count and show (`--show-formatting`).
    public let showsFormatting: Bool
    /// What every submission of the round says besides its text (reasons, supports,
    /// co-sponsors, late admission), by member, the members not compared included: a member
    /// may support a proposal without having one of its own.
    public let records: [MemberID: ProposalRecord]

    /// Paragraph → member → the reason it gave for its change there.
    public let reasons: [ParagraphID: [MemberID: String]]

    /// The reason `member` gave for its change to `paragraph`.
    public func reason(of member: MemberID, on paragraph: ParagraphID) -> String? {
        reasons[paragraph]?[member]
    }

    /// Paragraph → proposer → the members who support that proposal, by id.
    public let supporters: [ParagraphID: [MemberID: [MemberID]]]
    /// Paragraph → supporter → the proposers whose proposals it supports there.
    public let supported: [ParagraphID: [MemberID: [String]]]

    init(draft: DraftID, round: Round, members: [Member], synopsis: Synopsis, chair: [ParagraphID: ConsolidatedParagraph]?,
         showsFormatting: Bool, records: [MemberID: ProposalRecord]) {
        self.draft = draft
        self.round = round
        self.members = members
        self.synopsis = synopsis
        self.chair = chair
        self.showsFormatting = showsFormatting
        self.records = records
        var supporters: [ParagraphID: [MemberID: [MemberID]]] = [:]
        var supported: [ParagraphID: [MemberID: [String]]] = [:]
        for record in records.values.sorted(by: { $0.member < $1.member }) {
            for support in record.supports {
                guard let paragraph = ParagraphID(rawValue: support.paragraph), let proposer = MemberID(support.proposal) else { continue }
                supporters[paragraph, default: [:]][proposer, default: []].append(record.member)
                supported[paragraph, default: [:]][record.member, default: []].append(support.proposal)
            }
        }
        self.supporters = supporters
        self.supported = supported
        var reasons: [ParagraphID: [MemberID: String]] = [:]
        for record in records.values {
            for (paragraph, reason) in record.reasons { reasons[paragraph, default: [:]][record.member] = reason }
        }
        self.reasons = reasons
    }

    /// The proposals `member` supports on `paragraph`, by their proposers.
    public func supported(by member: MemberID, on paragraph: ParagraphID) -> [String] {
        supported[paragraph]?[member] ?? []
    }

    /// The members who support `member`'s proposal on `paragraph`.
    public func supporters(of member: MemberID, on paragraph: ParagraphID) -> [MemberID] {
        supporters[paragraph]?[member] ?? []
    }
}

extension DraftingRepository {
    /// `showingFormatting`: count changes of formatting only as changes (`--show-formatting`).
    public func compare(_ draft: DraftID, members chosen: [MemberID]?, withChairColumn: Bool,
                        showingFormatting: Bool = false) throws -> Comparison {
        let registry = try memberRegistry()
        let (round, submissions) = try submissions(on: draft, reportingFormatting: showingFormatting)
        let base = try self.draft(draft, at: round.base)
        let ids = chosen ?? submissions.filter(\.proposesChanges).map(\.member)
        guard !ids.isEmpty else {
            throw DraftingError(.refused, "nobody has submitted on \(draft) in round \(round.number) yet; name members with --members to compare them anyway")
        }
        // Named members must be registered; by default every member who submitted is shown,
        // even one removed from the registry since (its proposals are still in the round).
        let members = try ids.map { id in
            if chosen == nil, registry[id] == nil { return Member(id: id, name: "\(id) (not in the registry)", kind: .memberState) }
            return try registry.member(id)
        }
        let byMember = Dictionary(submissions.map { ($0.member, $0) }, uniquingKeysWith: { first, _ in first })
        let unchanged = ProposedChanges.none(paragraphCount: base.text.paragraphs.count, reportingFormatting: showingFormatting)
        let proposals = members.map { member in
            MemberProposal(member: member.id.rawValue, coSponsors: byMember[member.id]?.record.coSponsors.map(\.rawValue) ?? [],
                           changes: byMember[member.id]?.proposed ?? unchanged, reasons: byMember[member.id]?.record.reasons ?? [:])
        }
        let chair = try withChairColumn
            ? Dictionary(consolidate(draft, showingFormatting: showingFormatting).text.paragraphs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            : nil
        return Comparison(draft: draft, round: round, members: members,
                          synopsis: Synopsis(base: base.text, proposals: proposals), chair: chair,
                          showsFormatting: showingFormatting, records: byMember.mapValues(\.record))
    }
}
