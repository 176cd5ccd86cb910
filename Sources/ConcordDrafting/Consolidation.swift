import ConcordGit
import ConcordText

/// A round's consolidated text with its provenance: which submission (commit) each member's
/// proposals came from, and the chair's decisions applied.
public struct Consolidation: Sendable {
    public let draft: DraftID
    public let round: Round
    public let base: Draft
    public let text: ConsolidatedText
    /// The submissions merged, by member, with the commits they were read from.
    public let submissions: [Submission]
    public let decisions: [Decision]

    /// Member id → the commit of its submission merged here; a co-sponsor maps to the
    /// submission it co-sponsors (its own, if it submitted too).
    public var commits: [String: ObjectID] {
        var commits = Dictionary(submissions.map { ($0.member.rawValue, $0.commit) }, uniquingKeysWith: { first, _ in first })
        for submission in submissions {
            for coSponsor in submission.record.coSponsors where commits[coSponsor.rawValue] == nil {
                commits[coSponsor.rawValue] = submission.commit
            }
        }
        return commits
    }
}

/// The branch on which the chair records consolidated texts and decisions:
/// `consolidation/<draft>`.
public struct ConsolidationBranch: Sendable {
    public static let prefix = "refs/heads/consolidation/"
    public let draft: DraftID
    public var reference: String { Self.prefix + draft.rawValue }
    /// The branch as git names it to people: `consolidation/res140`.
    public var name: String { String(reference.dropFirst("refs/heads/".count)) }

    public init(draft: DraftID) { self.draft = draft }

    public static func decisionsPath(for draft: DraftID) -> String { "\(DraftingRepository.draftsFolder)/\(draft.rawValue).decisions.toml" }
    public static func reportPath(for draft: DraftID) -> String { "\(DraftingRepository.draftsFolder)/\(draft.rawValue).consolidation.json" }
}

/// The chair's decisions, kept as `Drafts/<draft>.decisions.toml` on the consolidation branch.
struct DecisionLedger {
    var decisions: [(round: Int, decision: Decision)]

    /// The decision standing on `paragraph` in round `round`: the last recorded.
    func decision(on paragraph: ParagraphID, in round: Int) -> Decision? {
        decisions.last { $0.round == round && $0.decision.paragraph == paragraph }?.decision
    }

    struct Record: Codable {
        var round: Int
        var paragraph: String
        var outcome: String
        var member: String?
        var text: String?
        var by: String
        var at: String
        var reason: String?
        var fingerprint: String
    }

    struct File: Codable { var decisions: [Record] }

    init(decisions: [(round: Int, decision: Decision)] = []) { self.decisions = decisions }

    init(toml: String, path: String) throws {
        let file = try TOMLRecord.decode(File.self, from: toml, path: path, what: "decision ledger")
        decisions = try file.decisions.map { record in
            guard let id = ParagraphID(rawValue: record.paragraph) else {
                throw DraftingError(.badInput, "\(path): bad paragraph id \(record.paragraph)")
            }
            let outcome: Decision.Outcome
            switch (record.outcome, record.member, record.text) {
            case ("accept", let member?, _): outcome = .accept(member: member)
            case ("keep-base", _, _): outcome = .keepBase
            case ("text", _, let text?): outcome = .text(text)
            default: throw DraftingError(.badInput, "\(path): decision on \(record.paragraph) has an unknown outcome")
            }
            if let text = record.text { try FreeText.check(text, "\(path): the decision on \(record.paragraph)", shape: .line) }
            if let reason = record.reason { try FreeText.check(reason, "\(path): the reason for the decision on \(record.paragraph)", shape: .paragraphs) }
            return (record.round, Decision(paragraph: id, outcome: outcome, by: record.by, at: record.at,
                                           reason: record.reason, fingerprint: record.fingerprint))
        }
    }

    func toml() throws -> String {
        let file = File(decisions: decisions.map { round, decision in
            var record = Record(round: round, paragraph: decision.paragraph.rawValue, outcome: "", member: nil, text: nil,
                                by: decision.by, at: decision.at, reason: decision.reason, fingerprint: decision.fingerprint)
            switch decision.outcome {
            case .accept(let member): record.outcome = "accept"; record.member = member
            case .keepBase: record.outcome = "keep-base"
            case .text(let text): record.outcome = "text"; record.text = text
            }
            return record
        })
        return try TOMLRecord.encode(file)
    }
}
