import ConcordDrafting

/// `member list`.
public enum MemberReport {
    struct Record: Encodable {
        let id: String
        let name: String
        let kind: String
        let signatories: [String]
    }

    public static func text(_ members: [Member]) -> String {
        guard !members.isEmpty else { return "No members yet. Add one with: concord member add ID --name NAME --kind KIND\n" }
        return members.map { member in
            var line = "\(member.id)\t\(member.kind.rawValue)\t\(member.name)"
            if !member.signatories.isEmpty { line += " (signed by \(member.signatories.map(\.rawValue).joined(separator: ", ")))" }
            return line + "\n"
        }.joined()
    }

    public static func json(_ members: [Member]) throws -> String {
        try DraftJSON.encode(members.map {
            Record(id: $0.id.rawValue, name: $0.name, kind: $0.kind.rawValue, signatories: $0.signatories.map(\.rawValue))
        })
    }
}
