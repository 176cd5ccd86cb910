import ConcordGit
import Foundation
import Testing
import TestSupport

/// Pushing, fetching, notes and configuration through libgit2, on real repositories, checked
/// with stock git. (The same calls against a real server with hooks are exercised by the
/// CLI's shared-repository tests.)
@Suite struct RemoteTests {
    let scratch = ScratchDirectory("concord-remote")
    let author = Signature(name: "Chair", email: "chair@example.org", time: 1_645_224_000)

    func commit(_ repository: Repository, _ text: String, parent: ObjectID?) throws -> ObjectID {
        let blob = try repository.writeBlob(Array(text.utf8))
        let tree = try repository.writeTree(updating: parent.map(repository.treeID(ofCommit:)), with: [.upsert(path: "Drafts/a.txt", blob: blob)])
        return try repository.writeCommit(tree: tree, parents: parent.map { [$0] } ?? [], message: "Edit", author: author)
    }

    @Test func pushReportsEachReferenceAndNeverForces() throws {
        let hubPath = scratch.file("hub.git")
        let hub = try Repository.create(at: hubPath, bare: true)
        let local = try Repository.create(at: scratch.file("local"))
        let first = try commit(local, "one\n", parent: nil)
        try local.updateReference("refs/heads/comments/a/F", to: first, expecting: nil, message: "test")
        let pushed = try local.push(to: hubPath, credentials: .init()) { _ in ["refs/heads/comments/a/F:refs/heads/comments/a/F"] }
        #expect(pushed.references == [PushedReference(name: "refs/heads/comments/a/F", refusal: nil)])
        #expect(try hub.reference("refs/heads/comments/a/F") == first)

        // Someone else moved the branch on the hub: a push that is not a fast-forward is refused, not forced.
        let theirs = try commit(hub, "theirs\n", parent: first)
        try hub.updateReference("refs/heads/comments/a/F", to: theirs, expecting: first, message: "test")
        let mine = try commit(local, "mine\n", parent: first)
        try local.updateReference("refs/heads/comments/a/F", to: mine, expecting: first, message: "test")
        // libgit2 checks this before sending anything, and fails the whole push (which is why
        // `concord push` looks at the remote's references first and leaves such branches out).
        var advertised: [String: ObjectID] = [:]
        do {
            let pushed = try local.push(to: hubPath, credentials: .init()) { shared in
                advertised = shared
                return ["refs/heads/comments/a/F:refs/heads/comments/a/F"]
            }
            Issue.record("a push that is not a fast-forward went through: \(pushed.references)")
        } catch let error as GitError {
            #expect(error.message.hasPrefix("cannot push to \(hubPath): "), "\(error.message)")
            #expect(error.message.contains("contains commits that are not present locally"), "\(error.message)")
        }
        #expect(advertised["refs/heads/comments/a/F"] == theirs, "the remote's references are given as they are")
        let none = try local.push(to: hubPath, credentials: .init()) { _ in [] }
        #expect(none.references.isEmpty, "nothing chosen, nothing sent")
        #expect(local.contains(first) && !local.contains(theirs))
        #expect(try hub.reference("refs/heads/comments/a/F") == theirs)
        try hub.updateReference("refs/heads/main", to: first, expecting: nil, message: "test")
        let complaints = try fsckComplaints(in: hubPath)
        #expect(complaints.isEmpty, "\(complaints)")
    }

    @Test func fetchBringsReferencesIntoTheGivenNamespace() throws {
        let hubPath = scratch.file("hub.git")
        let hub = try Repository.create(at: hubPath, bare: true)
        let tip = try commit(hub, "one\n", parent: nil)
        try hub.updateReference("refs/heads/main", to: tip, expecting: nil, message: "test")
        let local = try Repository.create(at: scratch.file("local"))
        _ = try local.fetch(from: hubPath, refspecs: ["+refs/heads/*:refs/remotes/hub/*"], credentials: .init())
        #expect(try local.reference("refs/remotes/hub/main") == tip)
        #expect(try local.reference("refs/heads/main") == nil, "a fetch moves no local branch")
        #expect(!local.hasRemote(named: "hub"))
        #expect(try git(["remote", "add", "origin", hubPath], in: scratch.file("local")).status == 0)
        #expect(local.hasRemote(named: "origin"))
    }

    @Test func anUnknownRemoteIsNamedWithoutItsPassword() throws {
        let local = try Repository.create(at: scratch.file("local"))
        #expect(Repository.withoutPassword("https://jdupont:s3cret@git.example.org/group.git") == "https://jdupont@git.example.org/group.git")
        #expect(Repository.withoutPassword("https://git.example.org/a@b.git") == "https://git.example.org/a@b.git")
        #expect(Repository.withoutPassword("git@example.org:group.git") == "git@example.org:group.git")
        #expect(Repository.withoutPassword("origin") == "origin")
        #expect(Repository.withoutPassword("http://F:p/w@d@127.0.0.1:8080/hub.git") == "http://F@127.0.0.1:8080/hub.git")
        do {
            _ = try local.fetch(from: "http://F:s3cret@127.0.0.1:1/none.git", refspecs: ["+refs/heads/*:refs/remotes/x/*"], credentials: .init())
            Issue.record("fetched from a port nobody listens on")
        } catch let error as GitError {
            #expect(error.message.contains("http://F@127.0.0.1:1/none.git"), "\(error.message)")
            #expect(!error.message.contains("s3cret"))
        }
        do {
            // A password with a slash makes libgit2 quote the whole URL as malformed.
            _ = try local.fetch(from: "http://F:s3/cret@127.0.0.1:1/none.git", refspecs: ["+refs/heads/*:refs/remotes/x/*"], credentials: .init())
            Issue.record("fetched from a malformed URL")
        } catch let error as GitError {
            #expect(!error.message.contains("s3/cret") && !error.message.contains("cret@"), "\(error.message)")
        }
    }

    @Test func notesAreCommitsThatGitReads() throws {
        let path = scratch.file("hub.git")
        let repository = try Repository.create(at: path, bare: true)
        let target = try commit(repository, "one\n", parent: nil)
        let first = try repository.writeNote("pushed by F\n", on: target, parent: nil, author: author)
        let second = try repository.writeNote("pushed by F\npushed again\n", on: target, parent: first, author: author)
        try repository.updateReference("refs/notes/concord/pushes", to: second, expecting: nil, message: "test")
        #expect(try repository.note(on: target, notesCommit: first) == "pushed by F\n")
        #expect(try git(["notes", "--ref", "concord/pushes", "show", target.hex], in: path).stdout == "pushed by F\npushed again\n")
        #expect(try repository.note(on: try commit(repository, "two\n", parent: target), notesCommit: second) == nil)
        try repository.setConfiguration("receive.fsckObjects", to: true)
        #expect(try git(["config", "receive.fsckObjects"], in: path).stdout == "true\n")
        try repository.updateReference("refs/heads/main", to: target, expecting: nil, message: "test")
        let complaints = try fsckComplaints(in: path, allowingDangling: true)
        #expect(complaints.isEmpty, "\(complaints)")
    }
}
