/// One member's proposals on a draft, as the consolidator reads them: what the member's text
/// changes against the round's base, with whom to credit and why.
public struct MemberProposal: Sendable {
    /// The submitting member.
    public let member: String
    /// Co-sponsors, credited with the member.
    public let coSponsors: [String]
    public let changes: ProposedChanges
    public let reasons: [ParagraphID: String]
    /// Submitter first, then co-sponsors, each once: made once, where the merge credits
    /// every version of every paragraph the member touches.
    let credit: [String]

    public init(member: String, coSponsors: [String] = [], changes: ProposedChanges, reasons: [ParagraphID: String] = [:]) {
        self.member = member
        self.coSponsors = coSponsors
        self.changes = changes
        self.reasons = reasons
        credit = ([member] + coSponsors).uniqued()
    }

    /// The proposals of a whole paragraph diff from the base to the member's text.
    public init(member: String, coSponsors: [String] = [], diff: ParagraphDiff, reasons: [ParagraphID: String] = [:]) {
        self.init(member: member, coSponsors: coSponsors, changes: ProposedChanges(diff), reasons: reasons)
    }
}

/// A member's support for another member's proposal on one paragraph.
public struct ProposalSupport: Sendable, Hashable {
    public let supporter: String
    public let paragraph: ParagraphID
    public let proposer: String

    public init(supporter: String, paragraph: ParagraphID, proposer: String) {
        self.supporter = supporter
        self.paragraph = paragraph
        self.proposer = proposer
    }
}
