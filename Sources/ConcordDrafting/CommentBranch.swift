/// The branch that holds one member's proposals for one draft: `comments/<draft>/<member>`.
/// Both parts are validated ids, so the name is always a legal reference.
public struct CommentBranch: Hashable, Sendable {
    public static let prefix = "refs/heads/comments/"

    public let draft: DraftID
    public let member: MemberID

    public init(draft: DraftID, member: MemberID) {
        self.draft = draft
        self.member = member
    }

    public var reference: String { "\(Self.prefix)\(draft.rawValue)/\(member.rawValue)" }
    /// The branch as git names it to people: `comments/res140/RUS`.
    public var name: String { String(reference.dropFirst("refs/heads/".count)) }

    /// The glob matching every member's comment branch for `draft`.
    static func glob(for draft: DraftID) -> String { "\(prefix)\(draft.rawValue)/*" }

    init?(reference: String) {
        guard reference.hasPrefix(Self.prefix) else { return nil }
        let parts = reference.dropFirst(Self.prefix.count).split(separator: "/")
        guard parts.count == 2, let draft = DraftID(String(parts[0])), let member = MemberID(String(parts[1])) else { return nil }
        self.init(draft: draft, member: member)
    }
}
