import Foundation

/// A drafting repository set up through the real `concord` binary: the sample resolution
/// imported, a chair and a few members registered, round 1 open until 18 February 2022,
/// 23:59 in Geneva (+01:00). The clock is fixed with CONCORD_NOW so deadlines can be tested.
public final class DraftingScenario: @unchecked Sendable {
    public let scratch = ScratchDirectory("concord-scenario")
    public var repo: String { scratch.file("drafts") }
    public static let deadline = "2022-02-18T23:59:00+01:00"
    public static let beforeDeadline = "2022-02-01T10:00:00Z"

    public init(openRound: Bool = true) throws {
        try expectSuccess(["init", repo])
        // No `git gc` in the background: tests copy, kill and delete these repositories, and
        // a gc left running in a deleted one would act on the copy made at its path next.
        // CLIMaintenanceTests turn it on where they test it.
        let config = try git(["config", "concord.autoPackObjects", "0"], in: repo)
        guard config.status == 0 else { throw ScenarioError(message: "git config: \(config.stderr)") }
        try expectSuccess(["draft", "import", "res140", Fixtures.packageRoot.appendingPathComponent("Drafts/res140.txt").path])
        for (id, name, kind) in [("CHAIR", "Chair of the group", "chair"), ("RUS", "Russian Federation", "member-state"),
                                 ("ARM", "Armenia", "member-state"), ("F", "France", "member-state"),
                                 ("USA", "United States", "member-state")] {
            try expectSuccess(["member", "add", id, "--name", name, "--kind", kind])
        }
        try expectSuccess(["member", "add", "CEPT", "--name", "CEPT", "--kind", "regional-organisation", "--signatories", "F"])
        try expectSuccess(["member", "add", "CITEL", "--name", "CITEL", "--kind", "regional-organisation"])
        if openRound { try expectSuccess(["round", "open", "res140", "--as", "CHAIR", "--deadline", Self.deadline]) }
    }

    /// Runs concord in the repository at `now`.
    @discardableResult
    public func concord(_ arguments: [String], now: String = beforeDeadline) throws -> CommandResult {
        try run(Fixtures.concordExecutable, arguments, in: repo, environment: ["CONCORD_NOW": now])
    }

    public func expectSuccess(_ arguments: [String]) throws {
        let result = try run(Fixtures.concordExecutable, arguments, in: FileManager.default.fileExists(atPath: repo) ? repo : scratch.path,
                             environment: ["CONCORD_NOW": Self.beforeDeadline])
        guard result.status == 0 else { throw ScenarioError(message: "concord \(arguments.joined(separator: " ")): \(result.stderr)") }
    }

    /// The draft as `draft show` prints it, with `replacements` applied line by line.
    public func editedDraft(_ name: String, _ edit: (inout [String]) -> Void) throws -> String {
        let shown = try concord(["draft", "show", "res140"])
        var lines = shown.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        edit(&lines)
        return scratch.write(name, lines.joined(separator: "\n"))
    }

    /// A round where every file is edited in place: RUS (with ARM) edits `resolves 1`; CEPT
    /// and CITEL compete on `instructs 2`, and CEPT (giving a reason) edits `resolves 2` too.
    public func submitCompetingEditsInPlace() throws {
        let rus = try editedDraft("rus.txt") { $0.replace("to take a leading role", with: "to play a leading role") }
        let cept = try editedDraft("cept.txt") { lines in
            lines.replace("Information Society (UNGIS),", with: "Information Society (UNGIS) and UNESCO,")
            lines.replace("to continue aligning", with: "to keep aligning")
        }
        let citel = try editedDraft("citel.txt") { $0.replace("Information Society (UNGIS),", with: "Information Society (UNGIS) and ITU-D,") }
        for (file, member, extra) in [(rus, "RUS", ["--with", "ARM"]), (cept, "CEPT", ["--reason", "instructs the Secretary‑General 2=Culture"]), (citel, "CITEL", [])] {
            try expectSuccess(["submit", "res140", file, "--as", member] + extra)
        }
    }

    public struct ScenarioError: Error, CustomStringConvertible {
        public let message: String
        public init(message: String) { self.message = message }
        public var description: String { message }
    }
}

extension Array where Element == String {
    /// Replaces `old` by `new` in the one line that contains `old`.
    public mutating func replace(_ old: String, with new: String) {
        guard let index = firstIndex(where: { $0.contains(old) }) else { fatalError("no line contains \(old)") }
        self[index] = self[index].replacingOccurrences(of: old, with: new)
    }
}
