import ConcordDrafting

/// `member list`.
public enum MemberReport {
    struct Record: Encodable {
        let id: String
        let name: String
        let kind: String
        let signatories: [String]
        let accounts: [String]

        init(_ member: Member) {
            id = member.id.rawValue
            name = member.name
            kind = member.kind.rawValue
            signatories = member.signatories.map(\.rawValue)
            accounts = member.accounts
        }
    }

    public static func text(_ members: [Member]) -> String {
        guard !members.isEmpty else { return "No members yet. Add one with: concord member add ID --name NAME --kind KIND\n" }
        return members.map { member in
            var line = "\(member.id)\t\(member.kind.rawValue)\t\(member.name)"
            if !member.signatories.isEmpty { line += " (signed by \(member.signatories.map(\.rawValue).joined(separator: ", ")))" }
            if !member.accounts.isEmpty { line += " [pushes as \(member.accounts.joined(separator: ", "))]" }
            return line + "\n"
        }.joined()
    }

    public static func json(_ members: [Member]) throws -> String {
        try DraftJSON.encode(members.map(Record.init))
    }
}
