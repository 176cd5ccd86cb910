/// A participant of the correspondence group.
public struct Member: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case memberState = "member-state"
        case sectorMember = "sector-member"
        case regionalOrganisation = "regional-organisation"
        case secretariat
        case chair

        /// The chair and the secretariat run the process: they publish, open rounds and decide.
        public var runsTheProcess: Bool { self == .chair || self == .secretariat }
    }

    public let id: MemberID
    public var name: String
    public var kind: Kind
    /// For a regional organisation: the member states that sign its common proposals.
    public var signatories: [MemberID]
    /// The names the shared repository's Git host knows the member's delegates by (a GitLab
    /// or Gitea user, an HTTP login), besides the member id itself: who may push for it.
    public var accounts: [String]

    public init(id: MemberID, name: String, kind: Kind, signatories: [MemberID] = [], accounts: [String] = []) {
        self.id = id
        self.name = name
        self.kind = kind
        self.signatories = signatories
        self.accounts = accounts
    }
}

extension Member {
    /// Refuses a member that could not be recorded and read back as given: an empty name, a
    /// name on more than one line or with control characters (`FreeText`), an account with
    /// spaces, signatories for anything but a regional organisation.
    func validate() throws {
        guard !name.allSatisfy(\.isWhitespace) else { throw DraftingError(.badInput, "member \(id): the name is empty") }
        try FreeText.check(name, "member \(id): name", shape: .line)
        for account in accounts where account.isEmpty || account.contains(where: { $0.isWhitespace })
            || account.unicodeScalars.contains(where: \.isControl) {
            throw DraftingError(.badInput, "member \(id): account \"\(FreeText.escaped(account))\": an account name has no spaces or control characters")
        }
        if !signatories.isEmpty && kind != .regionalOrganisation {
            throw DraftingError(.badInput, "member \(id): only a regional organisation has signatories")
        }
    }
}
