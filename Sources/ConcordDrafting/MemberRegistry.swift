import TOMLKit

/// The members of the group, kept as `Drafts/members.toml` on the main branch:
///
/// ```toml
/// [members.CEPT]
/// kind = "regional-organisation"
/// name = "European Conference of Postal and Telecommunications Administrations"
/// signatories = ["D", "F"]
/// accounts = ["cept-delegate"]   # host accounts that push for it, besides "CEPT"
/// ```
public struct MemberRegistry: Sendable, Equatable {
    public static let path = "\(DraftingRepository.draftsFolder)/members.toml"

    public private(set) var members: [MemberID: Member] = [:]

    public init(members: [Member] = []) {
        for member in members { self.members[member.id] = member }
    }

    public var sorted: [Member] { members.values.sorted { $0.id < $1.id } }

    public subscript(id: MemberID) -> Member? { members[id] }

    public mutating func add(_ member: Member) { members[member.id] = member }

    public mutating func remove(_ id: MemberID) { members[id] = nil }

    /// The member, or a refusal naming it, the id it was probably meant to be, and the ids
    /// there are.
    public func member(_ id: MemberID) throws -> Member {
        guard let member = members[id] else {
            throw DraftingError(.badInput, "member \(id): not in the registry; \(suggestions(for: id))"
                                + " (a new member is added with `concord member add \(id) --name NAME`)")
        }
        return member
    }

    /// "did you mean F? The members are D, F, RUS." — the closest id (same letters in another
    /// case, or one or two keystrokes away) and every id, or where there are many, the first.
    func suggestions(for id: MemberID) -> String {
        guard !members.isEmpty else { return "the registry is empty" }
        let wanted = Array(id.rawValue.uppercased())
        let closest = sorted.map { ($0.id, Self.distance(wanted, Array($0.id.rawValue.uppercased()))) }
            .filter { $0.1 <= min(2, wanted.count / 2) }.min { $0.1 < $1.1 }?.0
        let listed = sorted.prefix(40).map(\.id.rawValue).joined(separator: ", ") + (members.count > 40 ? " …" : "")
        return (closest.map { "did you mean \($0)? " } ?? "") + "the members are \(listed)"
    }

    /// Levenshtein distance between two short ids.
    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The member a Git host's account pushes for: the one that lists it among its accounts,
    /// else the member whose id it is — unless that member lists accounts, which then are its
    /// only ones (on a host where anyone may pick the username `CHAIR`, the chair names its
    /// real accounts). The registry never lets two members claim one account.
    public func member(forAccount account: String) -> Member? {
        if let listing = members.values.first(where: { $0.accounts.contains(account) }) { return listing }
        guard let id = MemberID(account), let member = members[id], member.accounts.isEmpty else { return nil }
        return member
    }

    /// Refuses an account claimed twice, or named after another member's id: either would
    /// leave it to chance who a pusher is.
    func checkAccounts() throws {
        var claimed: [String: MemberID] = [:]
        for member in sorted {
            for account in member.accounts {
                if let other = claimed.updateValue(member.id, forKey: account), other != member.id {
                    throw DraftingError(.badInput, "\(Self.path): account \"\(account)\" is listed by both \(other) and \(member.id)")
                }
                if let id = MemberID(account), id != member.id, members[id] != nil {
                    throw DraftingError(.badInput, "\(Self.path): member \(member.id) lists account \"\(account)\", which is member \(id)'s id")
                }
            }
        }
    }

    // MARK: - TOML

    struct Record: Codable {
        var name: String
        var kind: Member.Kind
        var signatories: [String]?
        var accounts: [String]?
    }

    struct File: Codable {
        var members: [String: Record]
    }

    public init(toml: String) throws {
        let file = try TOMLRecord.decode(File.self, from: toml, path: Self.path, what: "member registry")
        for (key, record) in file.members {
            guard let id = MemberID(key) else {
                throw DraftingError(.badInput, "\(Self.path): \"\(key)\" is not a valid member id")
            }
            let signatories = try (record.signatories ?? []).map { raw in
                guard let signatory = MemberID(raw) else {
                    throw DraftingError(.badInput, "\(Self.path): member \(key) lists \"\(raw)\", which is not a valid member id")
                }
                return signatory
            }
            let member = Member(id: id, name: record.name, kind: record.kind, signatories: signatories,
                                accounts: record.accounts ?? [])
            do { try member.validate() } catch let error as DraftingError {
                throw DraftingError(.badInput, "\(Self.path): \(error.message)")
            }
            members[id] = member
        }
        try checkAccounts()
    }

    func toml() throws -> String {
        let file = File(members: Dictionary(uniqueKeysWithValues: members.map { id, member in
            (id.rawValue, Record(name: member.name, kind: member.kind,
                                 signatories: member.signatories.isEmpty ? nil : member.signatories.map(\.rawValue),
                                 accounts: member.accounts.isEmpty ? nil : member.accounts))
        }))
        return try TOMLRecord.encode(file)
    }
}
