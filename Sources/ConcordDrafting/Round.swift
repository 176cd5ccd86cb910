import ConcordGit
import Foundation

/// A comment period on one published version of a draft.
public struct Round: Sendable, Equatable {
    public enum State: String, Sendable, Codable { case open, closed }

    /// A member the chair allowed to submit after the deadline.
    public struct Admission: Sendable, Equatable, Codable {
        public let member: String
        public let by: String
        public let at: String
    }

    public let number: Int
    /// The commit whose text of the draft members amend in this round.
    public let base: ObjectID
    public let deadline: Deadline
    public var state: State
    public let opened: String
    /// Who opened it (the chair or the secretariat); nil in ledgers written before it was recorded.
    public var openedBy: String?
    public var closed: String?
    public var closedBy: String?
    public var admissions: [Admission]
    /// The revision (Rev.1, Rev.2 …) this round's consolidated text was published as.
    public var publishedRevision: Int?

    public func admits(_ member: MemberID) -> Admission? {
        admissions.first { $0.member == member.rawValue }
    }
}

/// The rounds of one draft, kept as `Drafts/<draft>.rounds.toml` on the main branch: the
/// chair's commits are the history of every round opened, closed and every late admission.
struct RoundLedger: Equatable {
    var rounds: [Round]

    static func path(for draft: DraftID) -> String {
        "\(DraftingRepository.draftsFolder)/\(draft.rawValue).rounds.toml"
    }

    var latest: Round? { rounds.last }

    struct Record: Codable {
        var number: Int
        var base: String
        var deadline: String
        var state: Round.State
        var opened: String
        var openedBy: String?
        var closed: String?
        var closedBy: String?
        var admissions: [Round.Admission]?
        var publishedRevision: Int?

        enum CodingKeys: String, CodingKey {
            case number, base, deadline, state, opened, closed, admissions
            case openedBy = "opened-by", closedBy = "closed-by"
            case publishedRevision = "published-revision"
        }
    }

    struct File: Codable { var rounds: [Record] }

    init(rounds: [Round] = []) { self.rounds = rounds }

    init(toml: String, path: String) throws {
        let file = try TOMLRecord.decode(File.self, from: toml, path: path, what: "round ledger")
        rounds = try file.rounds.map { record in
            guard let base = ObjectID(hex: record.base), let deadline = Deadline(record.deadline) else {
                throw DraftingError(.badInput, "\(path): round \(record.number) has a bad base or deadline")
            }
            return Round(number: record.number, base: base, deadline: deadline, state: record.state,
                         opened: record.opened, openedBy: record.openedBy, closed: record.closed, closedBy: record.closedBy,
                         admissions: record.admissions ?? [], publishedRevision: record.publishedRevision)
        }
    }

    func toml() throws -> String {
        let file = File(rounds: rounds.map {
            Record(number: $0.number, base: $0.base.hex, deadline: $0.deadline.text, state: $0.state,
                   opened: $0.opened, openedBy: $0.openedBy, closed: $0.closed, closedBy: $0.closedBy,
                   admissions: $0.admissions.isEmpty ? nil : $0.admissions, publishedRevision: $0.publishedRevision)
        })
        return try TOMLRecord.encode(file)
    }
}
