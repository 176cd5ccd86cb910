import ConcordDrafting
import ConcordGit

/// `round list`.
public enum RoundReport {
    struct Record: Encodable {
        let number: Int
        let base: String
        /// The published revision the round started from (`Rev.1`), when its base is one.
        let baseRevision: String?
        let deadline: String
        let state: String
        let opened: String
        let closed: String?
        let admitted: [String]
        let publishedRevision: Int?
    }

    /// `revisionNames`: the published revisions by commit (`Rev.1`), to name a round's base.
    public static func text(_ rounds: [Round], draft: String, revisionNames: [ObjectID: String] = [:]) -> String {
        guard !rounds.isEmpty else { return "Draft \(draft) has no round yet. Open one with: concord round open \(draft) --deadline …\n" }
        return rounds.map { round in
            var line = "round \(round.number)\t\(round.state.rawValue)\tdeadline \(round.deadline)\tbase "
                + (revisionNames[round.base].map { "\($0) (\(round.base.hex.prefix(10)))" } ?? String(round.base.hex.prefix(10)))
            if let revision = round.publishedRevision { line += "\tpublished as Rev.\(revision)" }
            if !round.admissions.isEmpty { line += "\tadmitted late: " + round.admissions.map { "\($0.member) (by \($0.by))" }.joined(separator: ", ") }
            return line + "\n"
        }.joined()
    }

    public static func json(_ rounds: [Round], draft: String, revisionNames: [ObjectID: String] = [:]) throws -> String {
        try DraftJSON.encode(rounds.map {
            Record(number: $0.number, base: $0.base.hex, baseRevision: revisionNames[$0.base], deadline: $0.deadline.text, state: $0.state.rawValue,
                   opened: $0.opened, closed: $0.closed, admitted: $0.admissions.map(\.member),
                   publishedRevision: $0.publishedRevision)
        })
    }
}
