import ConcordDrafting
import ConcordGit
import ConcordText
import Foundation
import Testing
import TestSupport

/// The secretariat's first steps on real temporary repositories, checked with stock git.
@Suite struct DraftImportTests {
    let scratch = ScratchDirectory("concord-drafting")
    let environment = ["GIT_AUTHOR_NAME": "Secretariat", "GIT_AUTHOR_EMAIL": "secretariat@example.org"]
    var path: String { scratch.file("drafts") }

    func makeRepository() throws -> DraftingRepository {
        try DraftingRepository.initialise(at: path, environment: environment).repository
    }

    func fsckIsClean() throws {
        let complaints = try fsckComplaints(in: path)
        #expect(complaints.isEmpty, "git fsck --strict: \(complaints)")
    }

    @Test func initialiseCreatesTheRepositoryOnceAndKeepsTheWorkTreeClean() throws {
        let (_, created) = try DraftingRepository.initialise(at: path, environment: environment)
        #expect(created)
        let again = try DraftingRepository.initialise(at: path, environment: environment)
        #expect(!again.created)
        #expect(try git(["log", "--format=%s|%an", "main"], in: path).stdout == "Make this a drafting repository|Secretariat\n")
        #expect(try git(["status", "--porcelain"], in: path).stdout == "")
        #expect(FileManager.default.fileExists(atPath: scratch.file("drafts/Drafts/README.md")))
        try fsckIsClean()
    }

    @Test func importsTheSeedByteForByte() throws {
        let repository = try makeRepository()
        let draft = try repository.importDraft(DraftID("wsis")!, from: Fixtures.seedBytes, named: "seed.txt", format: .plainText)
        let reread = try repository.draft(DraftID("wsis")!)
        #expect(Array(reread.text.plainForm().utf8) == Fixtures.seedBytes)
        #expect(reread.text == draft.text)
        #expect(reread.revision == draft.revision)
        // Stock git sees the stored form, one paragraph per line, and a clean work tree.
        let shown = try git(["show", "main:Drafts/wsis.txt"], in: path)
        #expect(shown.stdout == draft.text.storedForm())
        #expect(try git(["status", "--porcelain"], in: path).stdout == "")
        try fsckIsClean()
        #expect(try repository.draftIDs() == [DraftID("wsis")!])
    }

    @Test func importingAnExistingIDIsRefusedAndWritesNothing() throws {
        let repository = try makeRepository()
        try repository.importDraft(DraftID("res140")!, from: Array("1\tOne\n".utf8), named: "a.txt", format: .plainText)
        let before = try repository.mainTip()
        #expect(throws: DraftingError(.badInput, "draft res140 exists already (Drafts/res140.txt); choose another id")) {
            try repository.importDraft(DraftID("res140")!, from: Array("1\tOther\n".utf8), named: "b.txt", format: .plainText)
        }
        #expect(try repository.mainTip() == before)
    }

    @Test(arguments: [
        ([UInt8](), "b.txt: the file holds no paragraph (it is empty or only blank lines)"),
        (Array("\n \n\t\n".utf8), "b.txt: the file holds no paragraph (it is empty or only blank lines)"),
        (Array("ok\n".utf8) + [0xFF, 0xFE], "b.txt: line 2: byte 0xFF is not UTF-8 (it is \"ÿ\" in Latin-1 or Windows-1252); save the file as UTF-8"),
        ([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00], "b.txt: line 1: a NUL byte: this is a binary file, not a text"),
        (Array("[bookmark: x]1\tOne\n[bookmark: x]2\tTwo\n".utf8), "b.txt: paragraph id x appears twice (lines 1 and 2)"),
    ])
    func badTextsAreRefusedNamingTheFileAndWriteNothing(_ example: ([UInt8], String)) throws {
        let repository = try makeRepository()
        let before = try repository.mainTip()
        #expect(throws: DraftingError(.badInput, example.1)) {
            try repository.importDraft(DraftID("res140")!, from: example.0, named: "b.txt", format: .plainText)
        }
        #expect(try repository.mainTip() == before)
    }

    @Test func draftIDsRefusePathsAndReferenceTricks() {
        for bad in ["", "../x", "a/b", "a b", "refs/heads/main", ".hidden", "-x", "x.lock", "a..b", "x.", "é", String(repeating: "a", count: 65)] {
            #expect(DraftID(bad) == nil, "\(bad) accepted")
        }
        for good in ["res140", "RR-art5", "wsis_report.fr", "A"] {
            #expect(DraftID(good) != nil, "\(good) refused")
        }
    }

    @Test func aNewCommitOnMainKeepsItsParentAndTheWorkTreeFollows() throws {
        let repository = try makeRepository()
        let first = try repository.importDraft(DraftID("a")!, from: Array("One\n".utf8), named: "a.txt", format: .plainText)
        let second = try repository.importDraft(DraftID("b")!, from: Array("Two\n".utf8), named: "b.txt", format: .plainText)
        #expect(try repository.git.commitInfo(second.revision).parents == [first.revision])
        #expect(try String(contentsOfFile: scratch.file("drafts/Drafts/b.txt"), encoding: .utf8) == second.text.storedForm())
        #expect(try git(["status", "--porcelain"], in: path).stdout == "")
        #expect(try repository.draftIDs().map(\.rawValue) == ["a", "b"])
        // Any earlier revision can be read.
        #expect(throws: DraftingError.self) { try repository.draft(DraftID("b")!, at: first.revision.hex) }
        #expect(try repository.draft(DraftID("a")!, at: "main~1").text == first.text)
    }

    @Test func worksInABareRepository() throws {
        _ = try Repository.create(at: path, bare: true)
        let repository = try DraftingRepository.initialise(at: path, environment: environment).repository
        try repository.importDraft(DraftID("res140")!, from: Array("1\tOne\n".utf8), named: "a.txt", format: .plainText)
        #expect(try git(["show", "main:Drafts/res140.txt"], in: path).stdout.hasSuffix("1\tOne\n"))
        try fsckIsClean()
    }
}
