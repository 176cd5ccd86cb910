import ConcordGit
import Foundation
import Testing
import TestSupport

/// The index and work tree compared with HEAD, set back to HEAD, and lock files, on real
/// temporary repositories checked with stock git.
@Suite struct WorkTreeTests {
    let scratch = ScratchDirectory("concord-worktree")
    let author = Signature(name: "Chair", email: "chair@example.org", time: 1_645_224_000, offsetMinutes: 60)

    /// A repository whose main has two commits of `Drafts/a.txt` ("one", then "two"), its
    /// index and work tree at the first: as a checkout killed before it began leaves them.
    func repositoryLeftBehind() throws -> (Repository, String, first: ObjectID, second: ObjectID) {
        let path = scratch.file("checkout")
        let repository = try Repository.create(at: path)
        var parent: ObjectID?
        var commits: [ObjectID] = []
        for text in ["one\n", "two\n"] {
            let tree = try repository.writeTree(updating: parent.map(repository.treeID(ofCommit:)),
                                                with: [.upsert(path: "Drafts/a.txt", blob: try repository.writeBlob(Array(text.utf8)))])
            let commit = try repository.writeCommit(tree: tree, parents: parent.map { [$0] } ?? [], message: "Edit", author: author)
            try repository.updateReference("refs/heads/main", to: commit, expecting: parent, message: "edit")
            if parent == nil { try repository.followCheckedOutBranch(from: nil, to: tree, paths: ["Drafts/a.txt"]) }
            parent = commit
            commits.append(commit)
        }
        return (repository, path, commits[0], commits[1])
    }

    @Test func aFileBehindHeadIsListedWithItsThreeVersions() throws {
        let (repository, _, first, second) = try repositoryLeftBehind()
        let differences = try repository.workTreeDifferences(under: "Drafts")
        let old = try repository.blobID(at: "Drafts/a.txt", in: first), new = try repository.blobID(at: "Drafts/a.txt", in: second)
        #expect(differences.map(\.path) == ["Drafts/a.txt"])
        #expect(differences.first?.head == new && differences.first?.index == old && differences.first?.workTree == old)
        #expect(try repository.workTreeDifferences(under: "Elsewhere").isEmpty)
    }

    @Test func resettingToHeadSetsTheIndexAndTheFile() throws {
        let (repository, path, _, _) = try repositoryLeftBehind()
        // The file already at HEAD's version, the index not: a checkout killed before it wrote the index.
        scratch.write("checkout/Drafts/a.txt", "two\n")
        try repository.resetToHead(["Drafts/a.txt"])
        #expect(try git(["status", "--porcelain"], in: path).stdout == "")
        #expect(try repository.workTreeDifferences(under: "Drafts").isEmpty)
        #expect(try fsckComplaints(in: path).isEmpty)
    }

    @Test func lockFilesAreFoundWithTheirAge() throws {
        let (repository, _, _, _) = try repositoryLeftBehind()
        #expect(repository.lockFile(ofReference: "refs/heads/main") == nil)
        #expect(repository.indexLockFile == nil)
        let lock = scratch.write("checkout/.git/refs/heads/main.lock", "")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -30)], ofItemAtPath: lock)
        let found = try #require(repository.lockFile(ofReference: "refs/heads/main"))
        #expect(found.path.hasSuffix("/.git/refs/heads/main.lock"))
        #expect(found.age >= 29 && found.age < 60)
    }
}
