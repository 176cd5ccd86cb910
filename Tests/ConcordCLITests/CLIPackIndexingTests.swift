import Foundation
import Testing
import TestSupport

/// `pull` hands the pack it receives to git's index-pack, which indexes on every core, when
/// git is on PATH, and to libgit2's own indexer when it is not (`PackIndexing`).
@Suite struct CLIPackIndexingTests {
    /// A clone of the scenario's repository, one submission behind it (USA's).
    static func cloneBehind() throws -> (scenario: DraftingScenario, clone: String) {
        let scenario = try DraftingScenario()
        let clone = scenario.scratch.file("clone")
        #expect(try git(["clone", "--quiet", scenario.repo, clone], in: scenario.scratch.path).status == 0)
        let file = try scenario.editedDraft("USA.txt") { $0.replace("the annual WSIS Forum organized", with: "the yearly WSIS Forum organized") }
        let submitted = try scenario.concord(["submit", "res140", file, "--as", "USA"])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        return (scenario, clone)
    }

    /// `concord pull` in `clone` with `PATH` set to `path`; then what it brought is checked.
    static func pull(_ clone: String, from scenario: DraftingScenario, path: String) throws {
        let pulled = try run(Fixtures.concordExecutable, ["pull"], in: clone, environment: ["PATH": path])
        #expect(pulled.status == 0, "\(pulled.stderr)")
        #expect(pulled.stdout.contains("created\trefs/heads/comments/res140/USA"), "\(pulled.stdout)")
        let theirs = try git(["rev-parse", "refs/heads/comments/res140/USA"], in: scenario.repo).stdout
        #expect(try git(["rev-parse", "refs/heads/comments/res140/USA"], in: clone).stdout == theirs)
        #expect(try fsckComplaints(in: clone).isEmpty)
    }

    @Test func aPulledPackIsIndexedByGitWhenGitIsInstalled() throws {
        let (scenario, clone) = try Self.cloneBehind()
        // A `git` first on PATH that notes each command it is given, then runs the real one.
        let folder = scenario.scratch.file("noting-git")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let log = scenario.scratch.file("git-commands")
        let script = scenario.scratch.write("noting-git/git", "#!/bin/sh\necho \"$*\" >> '\(log)'\nexec '\(gitExecutable)' \"$@\"\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        try Self.pull(clone, from: scenario, path: "\(folder):/usr/bin:/bin")
        let commands = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(commands.contains("index-pack --stdin --fix-thin"), "git was given: \(commands)")
    }

    @Test func withoutGitLibgit2IndexesThePack() throws {
        let (scenario, clone) = try Self.cloneBehind()
        let empty = scenario.scratch.file("no-git")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        try Self.pull(clone, from: scenario, path: empty)
    }

    @Test func aFailingIndexPackIsReportedInOneLineAndNothingMoves() throws {
        let (scenario, clone) = try Self.cloneBehind()
        let folder = scenario.scratch.file("failing-git")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let script = scenario.scratch.write("failing-git/git", "#!/bin/sh\necho 'fatal: out of disk space' >&2\nexit 128\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let before = try git(["for-each-ref"], in: clone).stdout
        let pulled = try run(Fixtures.concordExecutable, ["pull"], in: clone, environment: ["PATH": folder])
        #expect(pulled.status == 1)
        #expect(pulled.stderr.split(separator: "\n").count == 1 && pulled.stderr.contains("git index-pack exited with status 128: fatal: out of disk space"),
                "\(pulled.stderr)")
        #expect(try git(["for-each-ref"], in: clone).stdout == before, "no reference moved")
        #expect(try fsckComplaints(in: clone).isEmpty)
    }
}
