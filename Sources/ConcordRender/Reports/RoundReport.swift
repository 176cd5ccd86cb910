import ConcordDrafting

/// `round list`.
public enum RoundReport {
    struct Record: Encodable {
        let number: Int
        let base: String
        let deadline: String
        let state: String
        let opened: String
        let closed: String?
        let admitted: [String]
        let publishedRevision: Int?
    }

    public static func text(_ rounds: [Round], draft: String) -> String {
        guard !rounds.isEmpty else { return "Draft \(draft) has no round yet. Open one with: concord round open \(draft) --deadline …\n" }
        return rounds.map { round in
            var line = "round \(round.number)\t\(round.state.rawValue)\tdeadline \(round.deadline)\tbase \(round.base.hex.prefix(10))"
            if let revision = round.publishedRevision { line += "\tpublished as Rev.\(revision)" }
            if !round.admissions.isEmpty { line += "\tadmitted late: " + round.admissions.map { "\($0.member) (by \($0.by))" }.joined(separator: ", ") }
            return line + "\n"
        }.joined()
    }

    public static func json(_ rounds: [Round], draft: String) throws -> String {
        try DraftJSON.encode(rounds.map {
            Record(number: $0.number, base: $0.base.hex, deadline: $0.deadline.text, state: $0.state.rawValue,
                   opened: $0.opened, closed: $0.closed, admitted: $0.admissions.map(\.member),
                   publishedRevision: $0.publishedRevision)
        })
    }
}
