import ConcordGit
import Foundation
import Testing
import TestSupport

/// The libgit2 layer, on real temporary repositories, with the results checked by stock git.
@Suite struct RepositoryTests {
    let scratch = ScratchDirectory("concord-git")
    let author = Signature(name: "Chair", email: "chair@example.org", time: 1_645_224_000, offsetMinutes: 60)

    func fsckIsClean(_ path: String) throws {
        let complaints = try fsckComplaints(in: path)
        #expect(complaints.isEmpty, "git fsck --strict: \(complaints)")
    }

    /// Writes `files` as one commit on top of `parent` without touching the work tree.
    func commit(_ repository: Repository, _ files: [String: String], parent: ObjectID?, message: String = "Edit") throws -> ObjectID {
        let changes = try files.map { path, text in TreeChange.upsert(path: path, blob: try repository.writeBlob(Array(text.utf8))) }
        let tree = try repository.writeTree(updating: parent.map(repository.treeID(ofCommit:)), with: changes)
        return try repository.writeCommit(tree: tree, parents: parent.map { [$0] } ?? [], message: message, author: author)
    }

    @Test func createsNonBareAndBareRepositoriesThatGitRecognises() throws {
        let work = try Repository.create(at: scratch.file("checkout"))
        #expect(!work.isBare)
        #expect(work.workDirectory != nil)
        #expect(work.headBranch == "refs/heads/main")
        let bare = try Repository.create(at: scratch.file("hub.git"), bare: true)
        #expect(bare.isBare)
        #expect(bare.workDirectory == nil)
        #expect(try git(["rev-parse", "--is-bare-repository"], in: scratch.file("hub.git")).stdout == "true\n")
        #expect(try git(["symbolic-ref", "HEAD"], in: scratch.file("checkout")).stdout == "refs/heads/main\n")
    }

    @Test func creatingTwiceIsRefused() throws {
        _ = try Repository.create(at: scratch.file("checkout"))
        #expect(throws: GitError.self) { try Repository.create(at: scratch.file("checkout")) }
    }

    @Test func discoversTheRepositoryFromASubdirectory() throws {
        _ = try Repository.create(at: scratch.file("checkout"))
        try FileManager.default.createDirectory(atPath: scratch.file("checkout/a/b"), withIntermediateDirectories: true)
        let found = try Repository.discover(from: scratch.file("checkout/a/b"))
        #expect(found.workDirectory?.hasSuffix("/checkout/") == true)
        #expect(throws: GitError.self) { try Repository.open(at: scratch.file("checkout/a/b")) }
    }

    @Test func openingWhereThereIsNoRepositoryFailsWithNotFound() throws {
        do {
            _ = try Repository.open(at: scratch.path)
            Issue.record("opened a repository where there is none")
        } catch let error as GitError {
            #expect(error.code == .notFound)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func writesCommitsWithoutTouchingTheWorkTreeAndGitReadsThemBack() throws {
        let repository = try Repository.create(at: scratch.file("checkout"))
        let first = try commit(repository, ["Drafts/res140.txt": "1\tOne\n", "README.md": "hello\n"], parent: nil, message: "First")
        try repository.updateReference("refs/heads/main", to: first, expecting: nil, message: "test")
        let second = try commit(repository, ["Drafts/res140.txt": "1\tOne, amended\n"], parent: first, message: "Second")
        try repository.updateReference("refs/heads/main", to: second, expecting: first, message: "test")

        let path = scratch.file("checkout")
        #expect(try git(["show", "main:Drafts/res140.txt"], in: path).stdout == "1\tOne, amended\n")
        #expect(try git(["show", "main~1:Drafts/res140.txt"], in: path).stdout == "1\tOne\n")
        #expect(try git(["show", "main:README.md"], in: path).stdout == "hello\n")
        #expect(try git(["log", "--format=%s|%an|%ae", "main"], in: path).stdout
                == "Second|Chair|chair@example.org\nFirst|Chair|chair@example.org\n")
        #expect(!FileManager.default.fileExists(atPath: scratch.file("checkout/README.md")), "the work tree was touched")
        try fsckIsClean(path)

        #expect(try repository.fileContents(at: "Drafts/res140.txt", in: first) == Array("1\tOne\n".utf8))
        #expect(try repository.fileContents(at: "Drafts/missing.txt", in: first) == nil)
        #expect(try repository.entries(at: "Drafts", in: second).map(\.name) == ["res140.txt"])
        #expect(try repository.entries(at: "Nowhere", in: second).isEmpty)
    }

    @Test func removesFilesFromATree() throws {
        let repository = try Repository.create(at: scratch.file("checkout"))
        let first = try commit(repository, ["a.txt": "a\n", "b/c.txt": "c\n"], parent: nil)
        let tree = try repository.writeTree(updating: repository.treeID(ofCommit: first), with: [.remove(path: "b/c.txt")])
        let second = try repository.writeCommit(tree: tree, parents: [first], message: "Remove", author: author)
        try repository.updateReference("refs/heads/main", to: second, expecting: nil, message: "test")
        #expect(try git(["ls-tree", "-r", "--name-only", "main"], in: scratch.file("checkout")).stdout == "a.txt\n")
        try fsckIsClean(scratch.file("checkout"))
    }

    @Test func keepsEveryByteOfABlob() throws {
        let repository = try Repository.create(at: scratch.file("hub.git"), bare: true)
        let bytes: [UInt8] = Array("a\u{00A0}b\u{2011}c\r\n".utf8) + [0xFF, 0x00, 0x01]
        let first = try commit(repository, [:], parent: nil)
        let blob = try repository.writeBlob(bytes)
        let tree = try repository.writeTree(updating: repository.treeID(ofCommit: first), with: [.upsert(path: "x.bin", blob: blob)])
        let second = try repository.writeCommit(tree: tree, parents: [first], message: "Bytes", author: author)
        #expect(try repository.fileContents(at: "x.bin", in: second) == bytes)
        #expect(try git(["cat-file", "-s", blob.hex], in: scratch.file("hub.git")).stdout == "\(bytes.count)\n")
    }

    @Test func referenceUpdatesAreCompareAndSwap() throws {
        let repository = try Repository.create(at: scratch.file("checkout"))
        let base = try commit(repository, ["a.txt": "a\n"], parent: nil)
        let mine = try commit(repository, ["a.txt": "mine\n"], parent: base)
        let theirs = try commit(repository, ["a.txt": "theirs\n"], parent: base)
        try repository.updateReference("refs/heads/comments/RUS/res140", to: base, expecting: nil, message: "create")

        // Creating again where it exists loses.
        #expect { try repository.updateReference("refs/heads/comments/RUS/res140", to: mine, expecting: nil, message: "x") }
            throws: { ($0 as? GitError)?.code == .exists }
        // Two writers start from `base`: the first wins, the second loses and changes nothing.
        try repository.updateReference("refs/heads/comments/RUS/res140", to: theirs, expecting: base, message: "theirs")
        #expect { try repository.updateReference("refs/heads/comments/RUS/res140", to: mine, expecting: base, message: "mine") }
            throws: { ($0 as? GitError)?.code == .modified }
        #expect(try repository.reference("refs/heads/comments/RUS/res140") == theirs)
        #expect(try git(["rev-parse", "comments/RUS/res140"], in: scratch.file("checkout")).stdout == theirs.hex + "\n")
        #expect(try repository.reference("refs/heads/nothing") == nil)
    }

    @Test func listsReferencesUnderAPrefix() throws {
        let repository = try Repository.create(at: scratch.file("checkout"))
        let base = try commit(repository, ["a.txt": "a\n"], parent: nil)
        for name in ["refs/heads/comments/RUS/res140", "refs/heads/comments/CEPT/res140", "refs/heads/main", "refs/tags/round-1"] {
            try repository.updateReference(name, to: base, expecting: nil, message: "create")
        }
        #expect(try repository.referenceNames(matching: "refs/heads/comments/*")
                == ["refs/heads/comments/CEPT/res140", "refs/heads/comments/RUS/res140"])
        #expect(try repository.referenceNames(matching: "refs/tags/*") == ["refs/tags/round-1"])
        #expect(try repository.referenceNames(matching: "refs/notes/*").isEmpty)
        // In one pass, each with its target; packed references too.
        let next = try commit(repository, ["a.txt": "b\n"], parent: base)
        try repository.updateReference("refs/heads/comments/RUS/res140", to: next, expecting: base, message: "move")
        #expect(try git(["pack-refs", "--all"], in: scratch.file("checkout")).status == 0)
        try repository.updateReference("refs/heads/comments/CEPT/res140", to: next, expecting: base, message: "move")
        let targets = try repository.referenceTargets(matching: "refs/heads/comments/*")
        #expect(targets.map(\.name) == ["refs/heads/comments/CEPT/res140", "refs/heads/comments/RUS/res140"])
        #expect(targets.map(\.target) == [next, next])
    }

    @Test func walksHistoryAndFindsTheMergeBase() throws {
        let repository = try Repository.create(at: scratch.file("checkout"))
        let base = try commit(repository, ["a.txt": "a\n"], parent: nil)
        let left1 = try commit(repository, ["a.txt": "l1\n"], parent: base)
        let left2 = try commit(repository, ["a.txt": "l2\n"], parent: left1)
        let right = try commit(repository, ["a.txt": "r\n"], parent: base)
        #expect(try repository.history(from: left2) == [left2, left1, base])
        #expect(try repository.history(from: left2, limit: 2) == [left2, left1])
        #expect(try repository.mergeBase(left2, right) == base)
        #expect(try repository.isAncestor(base, of: left2))
        #expect(try !repository.isAncestor(right, of: left2))
        let orphan = try commit(repository, ["z.txt": "z\n"], parent: nil, message: "Orphan")
        #expect(try repository.mergeBase(orphan, left2) == nil)
        let info = try repository.commitInfo(left1)
        #expect(info.parents == [base])
        #expect(info.message == "Edit")
        #expect(info.author.name == "Chair" && info.author.offsetMinutes == 60 && info.author.time == 1_645_224_000)
    }

    @Test func resolvesRevisionsAndRejectsNonsense() throws {
        let repository = try Repository.create(at: scratch.file("checkout"))
        let base = try commit(repository, ["a.txt": "a\n"], parent: nil)
        let next = try commit(repository, ["a.txt": "b\n"], parent: base)
        try repository.updateReference("refs/heads/main", to: next, expecting: nil, message: "create")
        #expect(try repository.resolveCommit("main~1") == base)
        #expect(try repository.resolveCommit(next.hex) == next)
        #expect(throws: GitError.self) { try repository.resolveCommit("no-such-branch") }
        #expect(ObjectID(hex: next.hex) == next)
        #expect(ObjectID(hex: "xyz") == nil)
    }

    @Test func validatesReferenceNamesAsGitDoes() {
        #expect(Repository.isValidReferenceName("refs/heads/comments/RUS/res140"))
        #expect(!Repository.isValidReferenceName("refs/heads/a..b"))
        #expect(!Repository.isValidReferenceName("refs/heads/a b"))
        #expect(!Repository.isValidReferenceName("refs/heads/x.lock"))
    }

    @Test func theCheckedOutBranchCanBeFollowedByTheWorkTree() throws {
        let path = scratch.file("checkout")
        let repository = try Repository.create(at: path)
        let first = try commit(repository, ["Drafts/a.txt": "one\n"], parent: nil)
        try repository.updateReference("refs/heads/main", to: first, expecting: nil, message: "create")
        try repository.followCheckedOutBranch(from: nil, to: repository.treeID(ofCommit: first), paths: ["Drafts/a.txt"])
        let second = try commit(repository, ["Drafts/a.txt": "two\n"], parent: first)
        try repository.updateReference("refs/heads/main", to: second, expecting: first, message: "update")
        try repository.followCheckedOutBranch(from: repository.treeID(ofCommit: first), to: repository.treeID(ofCommit: second),
                                              paths: ["Drafts/a.txt"])
        #expect(try String(contentsOfFile: scratch.file("checkout/Drafts/a.txt"), encoding: .utf8) == "two\n")
        #expect(try git(["status", "--porcelain"], in: path).stdout == "")
    }

    @Test func followingNeverOverwritesALocalEdit() throws {
        let path = scratch.file("checkout")
        let repository = try Repository.create(at: path)
        let first = try commit(repository, ["a.txt": "one\n"], parent: nil)
        try repository.updateReference("refs/heads/main", to: first, expecting: nil, message: "create")
        try repository.followCheckedOutBranch(from: nil, to: repository.treeID(ofCommit: first), paths: ["a.txt"])
        scratch.write("checkout/a.txt", "my local edit\n")
        let second = try commit(repository, ["a.txt": "two\n"], parent: first)
        try repository.updateReference("refs/heads/main", to: second, expecting: first, message: "update")
        #expect(throws: GitError.self) {
            try repository.followCheckedOutBranch(from: repository.treeID(ofCommit: first),
                                                  to: repository.treeID(ofCommit: second), paths: ["a.txt"])
        }
        #expect(try String(contentsOfFile: scratch.file("checkout/a.txt"), encoding: .utf8) == "my local edit\n")
    }
}
