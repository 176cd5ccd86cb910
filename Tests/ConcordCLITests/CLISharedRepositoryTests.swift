import Foundation
import Testing
import TestSupport

/// A correspondence group working through a shared repository on a real Git server on
/// loopback (lighttpd + git http-backend with logins, git daemon without): the hooks decide
/// who may write what, members push and pull with the real `concord` binary or plain git.
@Suite(.serialized) struct CLISharedRepositoryTests {
    /// One member's clone of the shared repository, logged in as `account`.
    struct Workspace {
        let scenario: DraftingScenario
        let path: String
        let account: String

        init(_ scenario: DraftingScenario, hub: SharedRepository, account: String, password: String? = nil) throws {
            self.scenario = scenario
            self.account = account
            path = scenario.scratch.file("clone-\(account)-\(UUID().uuidString.prefix(8))")
            let clone = try TestSupport.git(["clone", "--quiet", hub.url(as: account, password: password), path], in: scenario.scratch.path)
            guard clone.status == 0 else { throw DraftingScenario.ScenarioError(message: "git clone: \(clone.stderr)") }
        }

        @discardableResult
        func concord(_ arguments: [String], now: String = DraftingScenario.beforeDeadline) throws -> CommandResult {
            try run(Fixtures.concordExecutable, arguments, in: path, environment: ["CONCORD_NOW": now])
        }

        /// Plain git, its commits dated at the scenario's moment, as concord's are: the hooks
        /// refuse submissions dated after their clock.
        @discardableResult
        func git(_ arguments: [String]) throws -> CommandResult {
            try run(gitExecutable, arguments, in: path, environment: ["GIT_COMMITTER_DATE": DraftingScenario.beforeDeadline,
                                                                      "GIT_AUTHOR_DATE": DraftingScenario.beforeDeadline])
        }

        /// Submits the draft with one line changed, as `member`.
        @discardableResult
        func submit(as member: String, replacing old: String = "a leading role", with new: String) throws -> CommandResult {
            var lines = try concord(["draft", "show", "res140"]).stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines.replace(old, with: new)
            let file = scenario.scratch.write("\(account)-\(member)-\(UUID().uuidString).txt", lines.joined(separator: "\n"))
            let result = try concord(["submit", "res140", file, "--as", member])
            guard result.status == 0 else { throw DraftingScenario.ScenarioError(message: "submit: \(result.stderr)") }
            return result
        }

        func tip(_ reference: String) throws -> String {
            try git(["rev-parse", reference]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    static let accounts = ["CHAIR", "F", "RUS", "arm-delegate", "mallory"]

    /// The scenario's repository with ARM's delegate known by a host login, served.
    func makeHub(now: String = DraftingScenario.beforeDeadline) throws -> (DraftingScenario, SharedRepository) {
        let scenario = try DraftingScenario()
        try scenario.expectSuccess(["member", "add", "ARM", "--name", "Armenia", "--account", "arm-delegate"])
        return (scenario, try SharedRepository(cloning: scenario.repo, accounts: Self.accounts, now: now))
    }

    @Test func aMemberPushesItsOwnCommentBranchAndTheHubNotesWhoDid() throws {
        let (scenario, hub) = try makeHub()
        let france = try Workspace(scenario, hub: hub, account: "F")
        try france.submit(as: "F", with: "an essential role")
        let pushed = try france.concord(["push", "--as", "F"])
        #expect(pushed.status == 0, "\(pushed.stderr)")
        #expect(pushed.stdout.contains("pushed refs/heads/comments/res140/F"))
        #expect(try hub.tip("refs/heads/comments/res140/F") == france.tip("comments/res140/F"))
        let receipt = try hub.gitInHub(["notes", "--ref", "concord/pushes", "show", "refs/heads/comments/res140/F"])
        #expect(receipt.stdout.contains("refs/heads/comments/res140/F pushed by F (REMOTE_USER=F)"), "\(receipt.stdout)\(receipt.stderr)")
        #expect(try fsckComplaints(in: hub.path).isEmpty)
    }

    @Test func aHostAccountPushesForTheMemberThatListsIt() throws {
        let (scenario, hub) = try makeHub()
        let armenia = try Workspace(scenario, hub: hub, account: "arm-delegate")
        try armenia.submit(as: "ARM", with: "the leading role")
        #expect(try armenia.concord(["push", "--as", "ARM"]).status == 0)
        #expect(try hub.tip("refs/heads/comments/res140/ARM") != nil)
        // The same login cannot write France's branch, whatever it claims with --as.
        try armenia.submit(as: "F", with: "a decisive role")
        let forged = try armenia.concord(["push", "--as", "F"])
        #expect(forged.status == 1)
        #expect(forged.stdout.contains("refused refs/heads/comments/res140/F: only F writes its comment branches; ARM pushes to refs/heads/comments/res140/ARM"), "\(forged.stdout)")
        #expect(forged.stderr == "concord: origin refused 1 of 1 reference(s): refs/heads/comments/res140/F\n")
        #expect(try hub.tip("refs/heads/comments/res140/F") == nil)
    }

    @Test func plainGitPushesToAnotherMembersBranchMainOrTheConsolidationAreRefused() throws {
        let (scenario, hub) = try makeHub()
        let published = try hub.tip("refs/heads/main")
        let france = try Workspace(scenario, hub: hub, account: "F")
        try france.submit(as: "F", with: "an essential role")
        let other = try france.git(["push", "origin", "comments/res140/F:refs/heads/comments/res140/RUS"])
        #expect(other.status != 0)
        #expect(other.stderr.contains("remote: concord: refused refs/heads/comments/res140/RUS: only RUS writes its comment branches"), "\(other.stderr)")

        try france.git(["commit", "--quiet", "--allow-empty", "-m", "France edits main"])
        let main = try france.git(["push", "origin", "main"])
        #expect(main.stderr.contains("refused refs/heads/main: only the chair or the secretariat update it; F is a member-state"), "\(main.stderr)")

        let consolidation = try france.git(["push", "origin", "comments/res140/F:refs/heads/consolidation/res140"])
        #expect(consolidation.stderr.contains("refused refs/heads/consolidation/res140: only the chair or the secretariat update it"))
        let stray = try france.git(["push", "origin", "comments/res140/F:refs/heads/my-ideas"])
        #expect(stray.stderr.contains("refused refs/heads/my-ideas: F may push only its own comment branches"))

        // One push of a good and a bad reference lands whole or not at all.
        let mixed = try france.git(["push", "origin", "comments/res140/F", "main"])
        #expect(mixed.stderr.contains("refs/heads/comments/res140/F was fine, but a push lands whole or not at all"))
        #expect(try hub.tip("refs/heads/comments/res140/F") == nil)
        #expect(try hub.tip("refs/heads/comments/res140/RUS") == nil)
        #expect(try hub.tip("refs/heads/my-ideas") == nil)
        #expect(try hub.tip("refs/heads/main") == published)
        #expect(try fsckComplaints(in: hub.path, allowingDangling: true).isEmpty)
    }

    @Test func theChairUpdatesMainAndNewMembersCanPushAtOnce() throws {
        let (scenario, hub) = try makeHub()
        let chair = try Workspace(scenario, hub: hub, account: "CHAIR")
        #expect(try chair.concord(["member", "add", "mallory", "--name", "Mallory's administration"]).status == 0)
        let pushed = try chair.concord(["push", "--as", "CHAIR"])
        #expect(pushed.status == 0, "\(pushed.stdout)\(pushed.stderr)")
        #expect(try hub.tip("refs/heads/main") == chair.tip("main"))

        let mallory = try Workspace(scenario, hub: hub, account: "mallory")
        try mallory.submit(as: "mallory", with: "a leading role, among others,")
        #expect(try mallory.concord(["push", "--as", "mallory"]).status == 0)
    }

    @Test func mainMustKeepAChairAndDraftsThatParse() throws {
        let (scenario, hub) = try makeHub()
        let chair = try Workspace(scenario, hub: hub, account: "CHAIR")
        let published = try hub.tip("refs/heads/main")
        let registryPath = chair.path + "/Drafts/members.toml"
        let registry = try String(contentsOfFile: registryPath, encoding: .utf8)
        try registry.replacingOccurrences(of: "kind = \"chair\"", with: "kind = \"member-state\"")
            .write(toFile: registryPath, atomically: true, encoding: .utf8)
        try chair.git(["commit", "--quiet", "-am", "Demote the chair"])
        let demoted = try chair.git(["push", "origin", "main"])
        #expect(demoted.stderr.contains("refused refs/heads/main: its Drafts/members.toml has no chair or secretariat left"), "\(demoted.stderr)")

        try chair.git(["reset", "--quiet", "--hard", "origin/main"])
        _ = FileManager.default.createFile(atPath: chair.path + "/Drafts/res140.txt", contents: Data([0x61, 0xFF, 0x0A]))
        try chair.git(["commit", "--quiet", "-am", "Break the draft"])
        let broken = try chair.git(["push", "origin", "main"])
        #expect(broken.stderr.contains("refused refs/heads/main: Drafts/res140.txt at"), "\(broken.stderr)")
        #expect(broken.stderr.contains("line 1: byte 0xFF is not UTF-8"))
        #expect(try hub.tip("refs/heads/main") == published)

        try chair.git(["reset", "--quiet", "--hard", "origin/main"])
        try chair.git(["commit", "--quiet", "--allow-empty", "-m", "A note to the group"])
        #expect(try chair.git(["push", "origin", "main"]).status == 0, "the chair's ordinary commit lands")
    }

    @Test func historyIsRewrittenOrDeletedOnlyByTheChair() throws {
        let (scenario, hub) = try makeHub()
        let france = try Workspace(scenario, hub: hub, account: "F")
        try france.submit(as: "F", with: "an essential role")
        #expect(try france.concord(["push", "--as", "F"]).status == 0)
        let landed = try hub.tip("refs/heads/comments/res140/F")

        try france.git(["checkout", "--quiet", "comments/res140/F"])
        try france.git(["commit", "--quiet", "--amend", "-m", "Rewritten"])
        let forced = try france.git(["push", "--force", "origin", "comments/res140/F"])
        #expect(forced.stderr.contains("refused refs/heads/comments/res140/F: not a fast-forward of \(landed!.prefix(10))"), "\(forced.stderr)")
        let deleted = try france.git(["push", "origin", ":refs/heads/comments/res140/F"])
        #expect(deleted.stderr.contains("refused refs/heads/comments/res140/F: deleting it would drop history others rely on"))
        #expect(try hub.tip("refs/heads/comments/res140/F") == landed)

        let chair = try Workspace(scenario, hub: hub, account: "CHAIR")
        #expect(try chair.git(["push", "origin", ":refs/heads/comments/res140/F"]).status == 0)
        #expect(try hub.tip("refs/heads/comments/res140/F") == nil)
    }

    @Test func aLateSubmissionIsRefusedUntilTheChairAdmitsIt() throws {
        let (scenario, hub) = try makeHub(now: "2022-02-19T09:00:00+01:00")
        let france = try Workspace(scenario, hub: hub, account: "F")
        try france.submit(as: "F", with: "an essential role")
        let late = try france.concord(["push", "--as", "F"])
        #expect(late.status == 1)
        #expect(late.stdout.contains("refused refs/heads/comments/res140/F: the deadline of round 1 on res140 (2022-02-18T23:59:00+01:00) has passed; ask the chair to admit a late submission from F"), "\(late.stdout)")

        let chair = try Workspace(scenario, hub: hub, account: "CHAIR")
        #expect(try chair.concord(["round", "admit", "res140", "F", "--as", "CHAIR"]).status == 0)
        #expect(try chair.concord(["push", "--as", "CHAIR"]).status == 0)
        let admitted = try france.concord(["push", "--as", "F"])
        #expect(admitted.status == 0, "\(admitted.stdout)\(admitted.stderr)")
    }

    @Test func aDraftThatDoesNotParseOrARecordThatSpeaksForAnotherIsRefused() throws {
        let (scenario, hub) = try makeHub()
        let france = try Workspace(scenario, hub: hub, account: "F")
        try france.submit(as: "F", with: "an essential role")
        try france.git(["checkout", "--quiet", "comments/res140/F"])
        let draftPath = france.path + "/Drafts/res140.txt"
        let good = FileManager.default.contents(atPath: draftPath)!

        _ = FileManager.default.createFile(atPath: draftPath, contents: Data("nul\u{0}byte\n".utf8) + good)
        try france.git(["commit", "--quiet", "-am", "binary"])
        let binary = try france.git(["push", "origin", "HEAD:refs/heads/comments/res140/F"])
        #expect(binary.stderr.contains("refused refs/heads/comments/res140/F: Drafts/res140.txt: line 1: a NUL byte"), "\(binary.stderr)")

        let firstLine = String(decoding: good, as: UTF8.self).split(separator: "\n")[0]
        _ = FileManager.default.createFile(atPath: draftPath, contents: Data((firstLine + "\n").utf8) + good)
        try france.git(["commit", "--quiet", "-am", "twice"])
        let twice = try france.git(["push", "origin", "HEAD:refs/heads/comments/res140/F"])
        #expect(twice.stderr.contains("appears twice (lines 1 and 2)"), "\(twice.stderr)")

        try france.git(["reset", "--quiet", "--hard", "HEAD~2"])
        let recordPath = france.path + "/Drafts/res140.proposal.toml"
        let record = try String(contentsOfFile: recordPath, encoding: .utf8)
        try record.replacingOccurrences(of: "member = \"F\"", with: "member = \"RUS\"").write(toFile: recordPath, atomically: true, encoding: .utf8)
        try france.git(["commit", "--quiet", "-am", "speak for Russia"])
        let forged = try france.git(["push", "origin", "HEAD:refs/heads/comments/res140/F"])
        #expect(forged.stderr.contains("refused refs/heads/comments/res140/F: Drafts/res140.proposal.toml speaks for member RUS"), "\(forged.stderr)")

        try france.git(["reset", "--quiet", "--hard", "HEAD~1"])
        try (record + "admitted-late-by = \"CHAIR\"\n").write(toFile: recordPath, atomically: true, encoding: .utf8)
        try france.git(["commit", "--quiet", "-am", "claim an admission"])
        let claimed = try france.git(["push", "origin", "HEAD:refs/heads/comments/res140/F"])
        #expect(claimed.stderr.contains("says CHAIR admitted it late, which round 1's ledger does not record"), "\(claimed.stderr)")
        #expect(try hub.tip("refs/heads/comments/res140/F") == nil)
    }

    @Test func aPushWithoutAnIdentityOrFromAStrangerIsRefused() throws {
        let (scenario, hub) = try makeHub()
        let france = try Workspace(scenario, hub: hub, account: "F")
        try france.submit(as: "F", with: "an essential role")
        let daemon = try hub.startGitDaemon(now: DraftingScenario.beforeDeadline)
        let anonymous = try france.git(["push", daemon, "comments/res140/F"])
        #expect(anonymous.status != 0)
        #expect(anonymous.stderr.contains("refused refs/heads/comments/res140/F: the Git host did not say who is pushing"), "\(anonymous.stderr)")

        let stranger = try france.git(["push", hub.url(as: "mallory"), "comments/res140/F"])
        #expect(stranger.stderr.contains("refused refs/heads/comments/res140/F: REMOTE_USER=mallory is not a member in Drafts/members.toml"), "\(stranger.stderr)")

        let wrongPassword = try france.concord(["push", hub.url(as: "F", password: "guess"), "--as", "F"])
        #expect(wrongPassword.status == 1)
        #expect(wrongPassword.stderr.contains("did not accept the credentials"), "\(wrongPassword.stderr)")
        #expect(wrongPassword.stderr.contains("http://F@127.0.0.1:"), "the URL is named without its password: \(wrongPassword.stderr)")
        #expect(!wrongPassword.stderr.contains("guess"))
        let typo = try france.concord(["push", "orign", "--as", "F"])
        #expect(typo.status == 2)
        #expect(typo.stderr == "concord: orign: no remote of that name (`git remote -v` lists them); give its name or a URL\n")
        #expect(try hub.tip("refs/heads/comments/res140/F") == nil)
    }

    @Test func twentyMembersPushingAtOnceAllLand() async throws {
        let scenario = try DraftingScenario()
        let members = (1...20).map { String(format: "M%02d", $0) }
        for member in members { try scenario.expectSuccess(["member", "add", member, "--name", "Member \(member)"]) }
        let hub = try SharedRepository(cloning: scenario.repo, accounts: members + ["CHAIR"], now: DraftingScenario.beforeDeadline)
        let workspaces = try members.map { member -> Workspace in
            let workspace = try Workspace(scenario, hub: hub, account: member)
            try workspace.submit(as: member, with: "a leading role, says \(member),")
            return workspace
        }
        let results = await withTaskGroup(of: (String, CommandResult?).self) { group in
            for workspace in workspaces {
                group.addTask { (workspace.account, try? workspace.concord(["push", "--as", workspace.account])) }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        for workspace in workspaces {
            let result = try #require(results[workspace.account] ?? nil)
            #expect(result.status == 0, "\(workspace.account): \(result.stdout)\(result.stderr)")
            #expect(try hub.tip("refs/heads/comments/res140/\(workspace.account)") == workspace.tip("comments/res140/\(workspace.account)"))
        }
        let receipts = try hub.gitInHub(["notes", "--ref", "concord/pushes", "list"]).stdout.split(separator: "\n")
        #expect(receipts.count == members.count, "every push noted once")
        let complaints = try fsckComplaints(in: hub.path)
        #expect(complaints.isEmpty, "\(complaints)")

        // The chair brings everything in and consolidates all twenty.
        let chair = try Workspace(scenario, hub: hub, account: "CHAIR")
        let pulled = try chair.concord(["pull"])
        #expect(pulled.status == 0, "\(pulled.stderr)")
        let status = try chair.concord(["status", "res140", "--format", "json"]).stdout
        for member in members { #expect(status.contains("\"\(member)\""), "\(member) in the chair's status") }
    }

    @Test func pullBringsBranchesForwardAndNeverOverwritesLocalWork() throws {
        let (scenario, hub) = try makeHub()
        let france = try Workspace(scenario, hub: hub, account: "F")
        let russia = try Workspace(scenario, hub: hub, account: "RUS")
        try france.submit(as: "F", with: "an essential role")
        #expect(try france.concord(["push", "--as", "F"]).status == 0)
        try russia.submit(as: "RUS", with: "the leading role")

        let first = try russia.concord(["pull"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("created\trefs/heads/comments/res140/F"), "\(first.stdout)")
        #expect(try russia.tip("comments/res140/F") == france.tip("comments/res140/F"))
        let diff = try russia.concord(["diff", "res140", "--member", "F"])
        #expect(diff.stdout.contains("essential"), "the pulled submission reads as France's")

        // Russia's unpushed submission is ahead: kept. A rewritten local copy of France's: kept, reported.
        try russia.git(["update-ref", "refs/heads/comments/res140/F", "main"])
        let second = try russia.concord(["pull", "--format", "json"])
        #expect(second.status == 1)
        #expect(second.stdout.contains("\"outcome\" : \"diverged\""), "\(second.stdout)")
        #expect(second.stderr.contains("refs/heads/comments/res140/F (diverged) not brought in from origin; yours are kept"), "\(second.stderr)")
        #expect(try russia.tip("comments/res140/F") == russia.tip("main"))
        #expect(try russia.tip("refs/remotes/origin/comments/res140/F") == france.tip("comments/res140/F"))
        #expect(try russia.git(["rev-parse", "--verify", "--quiet", "comments/res140/RUS"]).status == 0)
    }

    @Test func pullMovesACheckedOutMainAndItsWorkTree() throws {
        let (scenario, hub) = try makeHub()
        let france = try Workspace(scenario, hub: hub, account: "F")
        let chair = try Workspace(scenario, hub: hub, account: "CHAIR")
        #expect(try chair.concord(["member", "add", "KAZ", "--name", "Kazakhstan"]).status == 0)
        #expect(try chair.concord(["push", "--as", "CHAIR"]).status == 0)
        let pulled = try france.concord(["pull"])
        #expect(pulled.stdout.contains("updated\trefs/heads/main"), "\(pulled.stdout)")
        #expect(try String(contentsOfFile: france.path + "/Drafts/members.toml", encoding: .utf8).contains("KAZ"))
        #expect(try france.git(["status", "--porcelain"]).stdout.isEmpty, "the work tree followed main")
    }

    @Test func pullKeepsACheckedOutMainWhoseWorkTreeHasLocalChanges() throws {
        let (scenario, hub) = try makeHub()
        let france = try Workspace(scenario, hub: hub, account: "F")
        let russia = try Workspace(scenario, hub: hub, account: "RUS")
        try russia.submit(as: "RUS", with: "the leading role")
        #expect(try russia.concord(["push", "--as", "RUS"]).status == 0)
        let chair = try Workspace(scenario, hub: hub, account: "CHAIR")
        #expect(try chair.concord(["member", "add", "KAZ", "--name", "Kazakhstan"]).status == 0)
        #expect(try chair.concord(["push", "--as", "CHAIR"]).status == 0)

        let registry = france.path + "/Drafts/members.toml"
        try (try String(contentsOfFile: registry, encoding: .utf8) + "# France's local note\n").write(toFile: registry, atomically: true, encoding: .utf8)
        let before = try france.tip("main")
        let pulled = try france.concord(["pull"])
        #expect(pulled.status == 1)
        #expect(pulled.stdout.contains("kept for local changes\trefs/heads/main"), "\(pulled.stdout)")
        #expect(pulled.stdout.contains("created\trefs/heads/comments/res140/RUS"), "the other branches still came in: \(pulled.stdout)")
        #expect(try france.tip("main") == before)
        #expect(try france.git(["diff", "--cached", "--name-only"]).stdout.isEmpty, "nothing staged behind the user's back")
        #expect(try String(contentsOfFile: registry, encoding: .utf8).hasSuffix("# France's local note\n"))
    }

    @Test func theChairOpensARoundAndSubmitsInOnePush() throws {
        let (scenario, hub) = try makeHub()
        let chair = try Workspace(scenario, hub: hub, account: "CHAIR")
        #expect(try chair.concord(["round", "close", "res140", "--as", "CHAIR"]).status == 0)
        #expect(try chair.concord(["round", "open", "res140", "--as", "CHAIR", "--deadline", "2022-03-31T23:59:00+02:00"]).status == 0)
        try chair.submit(as: "CHAIR", with: "a central role")
        let pushed = try chair.concord(["push", "--as", "CHAIR"])
        #expect(pushed.status == 0, "\(pushed.stdout)\(pushed.stderr)")
        #expect(try hub.tip("refs/heads/comments/res140/CHAIR") == chair.tip("comments/res140/CHAIR"))
    }

    /// A published revision's tag travels with the branches: the chair pushes it, members pull
    /// it, and nobody else may make or move one.
    @Test func revisionTagsArePushedByTheChairAndPulledByMembers() throws {
        let (scenario, hub) = try makeHub()
        let chair = try Workspace(scenario, hub: hub, account: "CHAIR")
        try chair.submit(as: "CHAIR", with: "a central role")
        #expect(try chair.concord(["push", "--as", "CHAIR"]).status == 0, "the submission lands while the round is open")
        #expect(try chair.concord(["round", "close", "res140", "--publish", "--as", "CHAIR"]).status == 0)
        let pushed = try chair.concord(["push", "--as", "CHAIR"])
        #expect(pushed.status == 0 && pushed.stdout.contains("refs/tags/res140/Rev.1"), "\(pushed.stdout)\(pushed.stderr)")
        #expect(try hub.tip("refs/tags/res140/Rev.1") == chair.tip("refs/tags/res140/Rev.1"))

        let france = try Workspace(scenario, hub: hub, account: "F")
        try france.git(["tag", "-d", "res140/Rev.1"])
        let pulled = try france.concord(["pull"])
        #expect(pulled.stdout.contains("created\trefs/tags/res140/Rev.1"), "\(pulled.stdout)\(pulled.stderr)")
        #expect(try france.concord(["draft", "show", "res140", "--at", "Rev.1"]).stdout == (try chair.concord(["draft", "show", "res140"]).stdout))

        // A member's tag, and a moved one, are refused by the hook.
        try france.git(["tag", "-a", "-m", "mine", "res140/Rev.2", "main"])
        let sneaky = try france.git(["push", "origin", "refs/tags/res140/Rev.2"])
        #expect(sneaky.status != 0 && sneaky.stderr.contains("only the chair or the secretariat tag published revisions"), "\(sneaky.stderr)")
        try chair.git(["tag", "-f", "-a", "-m", "moved", "res140/Rev.1", "main~1"])
        let moved = try chair.git(["push", "--force", "origin", "refs/tags/res140/Rev.1"])
        #expect(moved.status != 0 && moved.stderr.contains("a published revision's tag never moves"), "\(moved.stderr)")
    }

    /// A member who goes on, with plain git, from its round-1 branch after Rev.1 is refused
    /// with the commands that carry its own changes onto the new base; following them lands.
    @Test func aStaleBranchPushedIsRefusedWithHowToCarryIt() throws {
        let (scenario, hub) = try makeHub()
        let chair = try Workspace(scenario, hub: hub, account: "CHAIR")
        let france = try Workspace(scenario, hub: hub, account: "F")
        try chair.submit(as: "CHAIR", with: "a central role")
        #expect(try chair.concord(["push", "--as", "CHAIR"]).status == 0)
        try france.submit(as: "F", replacing: "in Geneva and in Tunis", with: "in Geneva (2003) and in Tunis (2005)")
        #expect(try chair.concord(["round", "close", "res140", "--publish", "--as", "CHAIR"]).status == 0)
        #expect(try chair.concord(["round", "open", "res140", "--deadline", DraftingScenario.deadline, "--as", "CHAIR"]).status == 0)
        #expect(try chair.concord(["push", "--as", "CHAIR"]).status == 0)

        try france.git(["checkout", "--quiet", "comments/res140/F"])
        let path = france.path + "/Drafts/res140.txt"
        let edited = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "remain open to all", with: "remain open to all interested")
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        try france.git(["-c", "user.name=F", "-c", "user.email=f@example.org", "commit", "--quiet", "-am", "More"])
        let stale = try france.git(["push", "origin", "comments/res140/F"])
        #expect(stale.status != 0 && stale.stderr.contains("is not built on round 2's base") && stale.stderr.contains("concord submit res140 mine.txt --as F"),
                "\(stale.stderr)")

        try france.git(["checkout", "--quiet", "main"])
        #expect(try france.concord(["pull"]).status == 0)
        let mine = scenario.scratch.write("f-mine.txt", try france.git(["show", "comments/res140/F:Drafts/res140.txt"]).stdout)
        let carried = try france.concord(["submit", "res140", mine, "--as", "F"])
        #expect(carried.status == 0 && carried.stdout.contains("edited from"), "\(carried.stdout)\(carried.stderr)")
        let pushed = try france.concord(["push", "--as", "F"])
        #expect(pushed.status == 0 && pushed.stdout.contains("pushed refs/heads/comments/res140/F"), "\(pushed.stdout)\(pushed.stderr)")
        let landed = try hub.gitInHub(["show", "refs/heads/comments/res140/F:Drafts/res140.txt"]).stdout
        #expect(landed.contains("(2003)") && landed.contains("open to all interested") && landed.contains("a central role"), "the base's change is kept")
    }

    @Test func aBranchBehindTheSharedOneIsLeftOutAndTheRestIsPushed() throws {
        let (scenario, hub) = try makeHub()
        let first = try Workspace(scenario, hub: hub, account: "CHAIR")
        let second = try Workspace(scenario, hub: hub, account: "CHAIR")
        #expect(try first.concord(["member", "add", "KAZ", "--name", "Kazakhstan"]).status == 0)
        #expect(try first.concord(["push", "--as", "CHAIR"]).status == 0)
        #expect(try second.concord(["member", "add", "UZB", "--name", "Uzbekistan"]).status == 0)
        try second.submit(as: "CHAIR", with: "a central role")
        let pushed = try second.concord(["push", "--as", "CHAIR"])
        #expect(pushed.status == 1)
        #expect(pushed.stdout.contains("refused refs/heads/main: the shared repository has commits this branch lacks; run `concord pull`, then push"), "\(pushed.stdout)")
        #expect(pushed.stdout.contains("pushed refs/heads/comments/res140/CHAIR"))
        #expect(try hub.tip("refs/heads/main") == first.tip("main"))
        let again = try second.concord(["push", "--as", "CHAIR", "--format", "json"])
        #expect(again.stdout.contains("\"upToDate\" : true"), "\(again.stdout)")
    }

    @Test func aSubmissionDatedInTheFutureOrChangingOtherFilesIsRefused() throws {
        let (scenario, hub) = try makeHub()
        let france = try Workspace(scenario, hub: hub, account: "F")
        try france.submit(as: "F", with: "an essential role")
        try france.git(["checkout", "--quiet", "comments/res140/F"])
        let future = try run(gitExecutable, ["commit", "--quiet", "--amend", "--no-edit"], in: france.path,
                             environment: ["GIT_COMMITTER_DATE": "2031-01-01T00:00:00Z"])
        #expect(future.status == 0)
        let dated = try france.git(["push", "origin", "HEAD:refs/heads/comments/res140/F"])
        #expect(dated.stderr.contains("is dated in the future (2031-01-01T00:00:00Z)"), "\(dated.stderr)")

        try france.git(["reset", "--quiet", "--hard", "HEAD@{1}"])
        let registry = france.path + "/Drafts/members.toml"
        try (try String(contentsOfFile: registry, encoding: .utf8)).replacingOccurrences(of: "name = \"France\"\n", with: "name = \"France\"\nkind = \"chair\"\n")
            .write(toFile: registry, atomically: true, encoding: .utf8)
        try france.git(["commit", "--quiet", "-am", "Promote France"])
        let promoted = try france.git(["push", "origin", "HEAD:refs/heads/comments/res140/F"])
        #expect(promoted.stderr.contains("refused refs/heads/comments/res140/F: it changes Drafts/members.toml; a comment branch changes only Drafts/res140.txt and Drafts/res140.proposal.toml"), "\(promoted.stderr)")
        #expect(try hub.tip("refs/heads/comments/res140/F") == nil)
    }

    /// What Git would write into every clone's work tree: a symbolic link, an executable,
    /// a submodule under Drafts/, or any file made executable, is refused whoever pushes it.
    @Test func linksSubmodulesAndExecutablesAreRefused() throws {
        let (scenario, hub) = try makeHub()
        let france = try Workspace(scenario, hub: hub, account: "F")
        try france.submit(as: "F", with: "an essential role")
        try france.git(["checkout", "--quiet", "comments/res140/F"])
        let draft = france.path + "/Drafts/res140.txt"
        try FileManager.default.removeItem(atPath: draft)
        try FileManager.default.createSymbolicLink(atPath: draft, withDestinationPath: "/etc/passwd")
        try france.git(["commit", "--quiet", "-am", "Link"])
        let linked = try france.git(["push", "origin", "HEAD:refs/heads/comments/res140/F"])
        #expect(linked.stderr.contains("refused refs/heads/comments/res140/F: Drafts/res140.txt is a symbolic link; only regular files go under Drafts/"),
                "\(linked.stderr)")

        try france.git(["reset", "--quiet", "--hard", "HEAD~1"])
        try france.git(["update-index", "--chmod=+x", "Drafts/res140.txt"])
        try france.git(["commit", "--quiet", "-m", "Executable"])
        let executable = try france.git(["push", "origin", "HEAD:refs/heads/comments/res140/F"])
        #expect(executable.stderr.contains("refused refs/heads/comments/res140/F: Drafts/res140.txt is an executable file"), "\(executable.stderr)")

        try france.git(["reset", "--quiet", "--hard", "HEAD~1"])
        let head = try france.tip("HEAD")
        try france.git(["update-index", "--add", "--cacheinfo", "160000,\(head),Drafts/vendor"])
        try france.git(["commit", "--quiet", "-m", "Submodule"])
        let submodule = try france.git(["push", "origin", "HEAD:refs/heads/comments/res140/F"])
        #expect(submodule.stderr.contains("Drafts/vendor is a submodule"), "\(submodule.stderr)")
        #expect(try hub.tip("refs/heads/comments/res140/F") == nil)

        // The chair too: main with a file made executable, outside Drafts/ as well.
        let chair = try Workspace(scenario, hub: hub, account: "CHAIR")
        _ = scenario.scratch.write("tool.sh", "#!/bin/sh\n")
        try FileManager.default.copyItem(atPath: scenario.scratch.file("tool.sh"), toPath: chair.path + "/tool.sh")
        try chair.git(["add", "tool.sh"])
        try chair.git(["commit", "--quiet", "-m", "A script"])
        #expect(try chair.git(["push", "origin", "main"]).status == 0, "a regular file outside Drafts/ is the chair's to add")
        try chair.git(["update-index", "--chmod=+x", "tool.sh"])
        try chair.git(["commit", "--quiet", "-m", "Make it run"])
        let made = try chair.git(["push", "origin", "main"])
        #expect(made.stderr.contains("refused refs/heads/main: it makes tool.sh executable"), "\(made.stderr)")
    }

    /// A commit on a member's branch speaks for that branch, in its trailers only.
    @Test func trailersThatDisagreeWithTheBranchOrFreeTextThatImitatesThemAreRefused() throws {
        let (scenario, hub) = try makeHub()
        let france = try Workspace(scenario, hub: hub, account: "F")
        try france.submit(as: "F", with: "an essential role")
        try france.git(["checkout", "--quiet", "comments/res140/F"])
        let message = try france.git(["log", "-1", "--format=%B"]).stdout
        let forged = message.replacingOccurrences(of: "Concord-Member: F", with: "Concord-Member: RUS")
        #expect(forged != message)
        try france.git(["commit", "--quiet", "--amend", "-m", forged])
        let other = try france.git(["push", "origin", "HEAD:refs/heads/comments/res140/F"])
        #expect(other.stderr.contains("says Concord-Member: RUS, but this is F's branch for res140"), "\(other.stderr)")

        let trailers = message.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n\n").last!
        #expect(trailers.hasPrefix("Concord-Draft: res140"))
        let imitated = "res140: F's proposals\n\nAs agreed:\nConcord-Member: RUS\n\n" + trailers
        try france.git(["commit", "--quiet", "--amend", "-m", imitated])
        let body = try france.git(["push", "origin", "HEAD:refs/heads/comments/res140/F"])
        #expect(body.stderr.contains("has a line that reads like a trailer outside its trailers (Concord-Member: RUS)"), "\(body.stderr)")
        #expect(try hub.tip("refs/heads/comments/res140/F") == nil)

        try france.git(["commit", "--quiet", "--amend", "-m", message])
        #expect(try france.git(["push", "origin", "HEAD:refs/heads/comments/res140/F"]).status == 0, "the message as concord wrote it goes")
    }

    /// A hub reached through the file system runs no hook: `concord push` will not go round them.
    @Test func pushByPathToAHubWithHooksIsRefused() throws {
        let (scenario, hub) = try makeHub()
        let france = try Workspace(scenario, hub: hub, account: "F")
        try france.submit(as: "F", with: "an essential role")
        for remote in [hub.path, "file://" + hub.path] {
            let refused = try france.concord(["push", remote, "--as", "F"])
            #expect(refused.status == 1 && refused.stderr.contains("runs Concord's hooks, and a push by path writes its references directly"),
                    "\(remote): \(refused.stderr)")
        }
        try france.git(["remote", "add", "byPath", hub.path])
        #expect(try france.concord(["push", "byPath", "--as", "F"]).status == 1, "a remote's name stands for its path")
        #expect(try hub.tip("refs/heads/comments/res140/F") == nil)
        #expect(try france.concord(["push", "--as", "F"]).status == 0, "through the server, the hooks judge it and it goes")
    }

    @Test func hooksInstallKeepsAnAdministratorsHookAndMatchesTheHooksFolder() throws {
        let scratch = ScratchDirectory()
        let bare = scratch.file("shared.git")
        #expect(try git(["init", "--quiet", "--bare", bare], in: scratch.path).status == 0)
        scratch.write("shared.git/hooks/pre-receive", "#!/bin/sh\nexit 0\n")
        let refused = try run(Fixtures.concordExecutable, ["hooks", "install", "--repo", bare])
        #expect(refused.status == 1)
        #expect(refused.stderr == "concord: hooks/pre-receive exists and is not Concord's; nothing was installed (--force keeps it as hooks/pre-receive.before-concord and installs Concord's)\n")
        #expect(!FileManager.default.fileExists(atPath: bare + "/hooks/post-receive"), "nothing was installed")

        #expect(try run(Fixtures.concordExecutable, ["hooks", "install", "--repo", bare, "--force"]).status == 0)
        #expect(FileManager.default.contents(atPath: bare + "/hooks/pre-receive.before-concord") == Data("#!/bin/sh\nexit 0\n".utf8))
        for name in ["pre-receive", "post-receive"] {
            let installed = FileManager.default.contents(atPath: "\(bare)/hooks/\(name)")
            #expect(installed == FileManager.default.contents(atPath: Fixtures.packageRoot.appendingPathComponent("Hooks/\(name)").path),
                    "hooks/\(name) is the script in Hooks/")
            #expect(FileManager.default.isExecutableFile(atPath: "\(bare)/hooks/\(name)"))
        }
        #expect(try git(["config", "receive.fsckObjects"], in: bare).stdout == "true\n")
        #expect(try run(Fixtures.concordExecutable, ["hooks", "install", "--repo", bare]).status == 0, "installing again is fine")
        let inside = try run(Fixtures.concordExecutable, ["hooks", "install", "--repo", bare + "/refs"])
        #expect(inside.status == 2, "a folder inside a repository is not that repository")
        #expect(inside.stderr.hasPrefix("concord: \(bare)/refs: not a Git repository"), "\(inside.stderr)")
    }
}
