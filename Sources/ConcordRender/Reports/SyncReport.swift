import ConcordDrafting

/// `push` and `pull`.
public enum SyncReport {
    struct PushRecord: Encodable {
        let branch: String
        let accepted: Bool
        let upToDate: Bool
        let reason: String?
    }

    public static func pushText(_ branches: [PushedBranch], serverMessages: [String]) -> String {
        serverMessages.map { "remote: \($0)\n" }.joined() + branches.map { pushed in
            pushed.refusal.map { "refused \(pushed.branch): \($0)\n" } ?? "\(pushed.upToDate ? "up to date" : "pushed") \(pushed.branch)\n"
        }.joined()
    }

    public static func pushJSON(_ branches: [PushedBranch]) throws -> String {
        try DraftJSON.encode(branches.map { PushRecord(branch: $0.branch, accepted: $0.refusal == nil, upToDate: $0.upToDate, reason: $0.refusal) })
    }

    struct PullRecord: Encodable {
        let branch: String
        let outcome: String
    }

    public static func pullText(_ branches: [PulledBranch]) -> String {
        let changed = branches.filter { $0.outcome != .upToDate }
        let settled = branches.count - changed.count
        return changed.map { "\($0.outcome.rawValue)\t\($0.branch)\n" }.joined()
            + (settled > 0 ? "\(settled) branch\(settled == 1 ? "" : "es") already up to date\n" : "")
    }

    public static func pullJSON(_ branches: [PulledBranch]) throws -> String {
        try DraftJSON.encode(branches.map { PullRecord(branch: $0.branch, outcome: $0.outcome.rawValue) })
    }
}
