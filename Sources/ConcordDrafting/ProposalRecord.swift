import ConcordText

/// What a submission says besides the text: co-sponsors, a reason per changed paragraph,
/// and support for other members' proposals. Kept beside the text on the comment branch as
/// `Drafts/<draft>.proposal.toml`, so that it travels with the branch and the latest commit
/// holds the member's whole current position (earlier ones stay in history):
///
/// ```toml
/// member = "RUS"
/// round = 1
/// co-sponsors = ["ARM", "KAZ"]
///
/// [reasons]
/// p24df39ec = "The Union is named in full in the Constitution."
///
/// [[supports]]
/// paragraph = "p0c1a9e33"
/// proposal = "CEPT"
/// ```
public struct ProposalRecord: Sendable, Equatable {
    public struct Support: Sendable, Equatable, Codable, Hashable {
        public let paragraph: String
        public let proposal: String
    }

    public var member: MemberID
    public var round: Int
    public var coSponsors: [MemberID]
    public var reasons: [ParagraphID: String]
    public var supports: [Support]
    /// Set when the chair admitted this submission after the deadline.
    public var admittedLateBy: MemberID?

    public init(member: MemberID, round: Int, coSponsors: [MemberID] = [], reasons: [ParagraphID: String] = [:],
                supports: [Support] = [], admittedLateBy: MemberID? = nil) {
        self.member = member
        self.round = round
        self.coSponsors = coSponsors
        self.reasons = reasons
        self.supports = supports
        self.admittedLateBy = admittedLateBy
    }

    static func path(for draft: DraftID) -> String {
        "\(DraftingRepository.draftsFolder)/\(draft.rawValue).proposal.toml"
    }

    struct File: Codable {
        var member: String
        var round: Int
        var coSponsors: [String]?
        var reasons: [String: String]?
        var supports: [Support]?
        var admittedLateBy: String?

        enum CodingKeys: String, CodingKey {
            case member, round, reasons, supports
            case coSponsors = "co-sponsors"
            case admittedLateBy = "admitted-late-by"
        }
    }

    init(toml: String, path: String) throws {
        let file = try TOMLRecord.decode(File.self, from: toml, path: path, what: "proposal record")
        guard let member = MemberID(file.member) else { throw DraftingError(.badInput, "\(path): bad member \(file.member)") }
        self.member = member
        round = file.round
        coSponsors = (file.coSponsors ?? []).compactMap(MemberID.init)
        reasons = Dictionary(uniqueKeysWithValues: (file.reasons ?? [:]).compactMap { key, value in
            ParagraphID(rawValue: key).map { ($0, value) }
        })
        for (id, reason) in reasons { try FreeText.check(reason, "\(path): the reason for paragraph \(id)", shape: .paragraphs) }
        supports = file.supports ?? []
        admittedLateBy = file.admittedLateBy.flatMap(MemberID.init)
    }

    func toml() throws -> String {
        let file = File(member: member.rawValue, round: round,
                        coSponsors: coSponsors.isEmpty ? nil : coSponsors.map(\.rawValue),
                        reasons: reasons.isEmpty ? nil : Dictionary(uniqueKeysWithValues: reasons.map { ($0.key.rawValue, $0.value) }),
                        supports: supports.isEmpty ? nil : supports,
                        admittedLateBy: admittedLateBy?.rawValue)
        return try TOMLRecord.encode(file)
    }
}
