import Foundation
import Testing
import TestSupport

/// What a command killed midway leaves behind, as the next command finds it: a lock file, or
/// the index and work tree at an earlier version of main, a file half written.
@Suite struct CLIInterruptedCommandTests {
    func backdate(_ path: String, seconds: Double) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -seconds)], ofItemAtPath: path)
    }

    @Test func aLockLeftOnMainIsNamedWithWhatToDo() throws {
        let scenario = try DraftingScenario(openRound: false)
        let lock = scenario.repo + "/.git/refs/heads/main.lock"
        scenario.scratch.write("drafts/.git/refs/heads/main.lock", "")
        try backdate(lock, seconds: 30)
        let refused = try scenario.concord(["member", "add", "GHA", "--name", "Ghana"])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("concord: \(lock) was left 30 s ago by an interrupted command")
                && refused.stderr.contains("remove it and run the command again") && refused.stderr.split(separator: "\n").count == 1,
                "\(refused.stderr)")
        try FileManager.default.removeItem(atPath: lock)
        #expect(try scenario.concord(["member", "add", "GHA", "--name", "Ghana"]).status == 0)
    }

    @Test func aLockHeldForAMomentIsWaitedFor() throws {
        let scenario = try DraftingScenario(openRound: false)
        let lock = scenario.scratch.write("drafts/.git/refs/heads/main.lock", "")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { try? FileManager.default.removeItem(atPath: lock) }
        let added = try scenario.concord(["member", "add", "GHA", "--name", "Ghana"])
        #expect(added.status == 0, "\(added.stderr)")
    }

    @Test func aLockLeftOnACommentBranchIsNamed() throws {
        let scenario = try DraftingScenario()
        let rus = try scenario.editedDraft("rus.txt") { $0.replace("the need for close coordination", with: "the need for closer coordination") }
        let lock = scenario.scratch.write("drafts/.git/refs/heads/comments/res140/RUS.lock", "")
        try backdate(lock, seconds: 10)
        let refused = try scenario.concord(["submit", "res140", rus, "--as", "RUS"])
        #expect(refused.status == 1 && refused.stderr.contains("\(lock) was left 10 s ago"), "\(refused.stderr)")
    }

    @Test func aWorkTreeLeftBehindMainIsBroughtForward() throws {
        let scenario = try DraftingScenario(openRound: false)
        // The index and work tree at main's version of two commits back, one file half written,
        // as a checkout killed midway leaves them.
        #expect(try git(["checkout", "main~2", "--", "Drafts"], in: scenario.repo).status == 0)
        let registry = scenario.repo + "/Drafts/members.toml"
        let full = try #require(FileManager.default.contents(atPath: registry))
        _ = FileManager.default.createFile(atPath: registry, contents: full.prefix(full.count / 2))
        let added = try scenario.concord(["member", "add", "GHA", "--name", "Ghana"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try git(["status", "--porcelain"], in: scenario.repo).stdout == "")
    }

    @Test func aWorkTreeLeftBehindIsBroughtForwardByACommandThatWritesElsewhere() throws {
        let scenario = try DraftingScenario()
        #expect(try git(["checkout", "main~1", "--", "Drafts"], in: scenario.repo).status == 0)
        let rus = try scenario.editedDraft("rus.txt") { $0.replace("the need for close coordination", with: "the need for closer coordination") }
        #expect(try scenario.concord(["submit", "res140", rus, "--as", "RUS"]).status == 0)
        #expect(try git(["status", "--porcelain"], in: scenario.repo).stdout == "")
    }

    @Test func theUsersOwnChangesAreKeptAndNamedWithWhatToRun() throws {
        let scenario = try DraftingScenario(openRound: false)
        #expect(try git(["checkout", "main~1", "--", "Drafts"], in: scenario.repo).status == 0)
        let registry = scenario.repo + "/Drafts/members.toml"
        let mine = Array((try String(contentsOfFile: registry, encoding: .utf8) + "# a note of mine\n").utf8)
        _ = FileManager.default.createFile(atPath: registry, contents: Data(mine))
        let added = try scenario.concord(["member", "add", "GHA", "--name", "Ghana"])
        #expect(added.status == 1)
        #expect(added.stderr.contains("committed to main, but the work tree kept your local changes to Drafts/members.toml")
                && added.stderr.contains("`git checkout main -- Drafts/members.toml`"), "\(added.stderr)")
        #expect(FileManager.default.contents(atPath: registry).map(Array.init) == mine, "the user's text is untouched")
        #expect(try scenario.concord(["member", "list"]).stdout.contains("GHA\t"))
    }

    @Test func anIndexLockLeftBehindIsNamed() throws {
        let scenario = try DraftingScenario(openRound: false)
        #expect(try git(["checkout", "main~1", "--", "Drafts"], in: scenario.repo).status == 0)
        let lock = scenario.scratch.write("drafts/.git/index.lock", "")
        try backdate(lock, seconds: 10)
        let main = try git(["rev-parse", "main"], in: scenario.repo).stdout
        let refused = try scenario.concord(["member", "add", "GHA", "--name", "Ghana"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "concord: \(lock) was left 10 s ago by an interrupted command, and no Concord or git process "
                + "holds a lock that long: remove it and run the command again; nothing was written\n", "\(refused.stderr)")
        #expect(try git(["rev-parse", "main"], in: scenario.repo).stdout == main)
        try FileManager.default.removeItem(atPath: lock)
        #expect(try scenario.concord(["member", "add", "GHA", "--name", "Ghana"]).status == 0)
        #expect(try git(["status", "--porcelain"], in: scenario.repo).stdout == "")
    }
}
