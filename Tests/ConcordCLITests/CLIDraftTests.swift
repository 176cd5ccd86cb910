import Foundation
import Testing
import TestSupport

/// The real `concord` binary: stdout, the one stderr line, exit codes 0/1/2, and what stock
/// git finds in the repository afterwards.
@Suite struct CLIDraftTests {
    let scratch = ScratchDirectory("concord-cli")
    var repo: String { scratch.file("drafts") }

    func concord(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> CommandResult {
        try run(Fixtures.concordExecutable, arguments, in: directory ?? scratch.path, environment: environment)
    }

    /// Checks the contract for a failure: the exit code and exactly one line on stderr that contains `naming`.
    func expectFailure(_ result: CommandResult, code: Int32, naming: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == code, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("concord: "), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "not one line: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(naming), "\(result.stderr) does not name \(naming)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    func fsckIsClean(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let complaints = try fsckComplaints(in: repo)
        #expect(complaints.isEmpty, "git fsck --strict: \(complaints)", sourceLocation: sourceLocation)
    }

    func initialised() throws {
        #expect(try concord(["init", repo]).status == 0)
    }

    @Test func importShowListRoundTripTheSeed() throws {
        try initialised()
        let imported = try concord(["draft", "import", "wsis", Fixtures.seedPath], in: repo)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Imported draft wsis"))
        try fsckIsClean()

        let plain = try concord(["draft", "show", "wsis", "--plain"], in: repo)
        #expect(plain.stdoutBytes == Fixtures.seedBytes)

        // The editable form is what is stored, and what git shows.
        let shown = try concord(["draft", "show", "wsis"], in: repo)
        #expect(shown.stdout == (try git(["show", "main:Drafts/wsis.txt"], in: repo)).stdout)
        #expect(shown.stdout.contains("[bookmark: lt_pId038]2.11\t"))

        // From a subdirectory, and with --repo from elsewhere.
        try FileManager.default.createDirectory(atPath: scratch.file("drafts/Drafts/sub"), withIntermediateDirectories: true)
        #expect(try concord(["draft", "list"], in: scratch.file("drafts/Drafts/sub")).stdout.hasPrefix("wsis\t"))
        #expect(try concord(["draft", "list", "--repo", repo], in: "/").stdout.hasPrefix("wsis\t"))
        try fsckIsClean()
    }

    @Test func showAsJSONGivesIDLabelAndText() throws {
        try initialised()
        #expect(try concord(["draft", "import", "wsis", Fixtures.seedPath, "--repo", repo]).status == 0)
        let result = try concord(["draft", "show", "wsis", "--format", "json", "--repo", repo])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(json["draft"] as? String == "wsis")
        let paragraphs = json["paragraphs"] as! [[String: Any]]
        let bookmarked = try #require(paragraphs.first { $0["id"] as? String == "lt_pId038" })
        #expect(bookmarked["label"] as? String == "2.11")
        #expect((bookmarked["text"] as? String)?.hasPrefix("Évolutions") == true)
        #expect(Set(paragraphs.map { $0["id"] as! String }).count == paragraphs.count)
    }

    @Test func anEditedTextKeepsItsIDsThroughShowAndParse() throws {
        try initialised()
        #expect(try concord(["draft", "import", "res140", Fixtures.packageRoot.appendingPathComponent("Drafts/res140.txt").path,
                             "--repo", repo]).status == 0)
        let shown = try concord(["draft", "show", "res140", "--repo", repo]).stdout
        #expect(shown.split(separator: "\n").allSatisfy { $0.hasPrefix("{#") })
    }

    @Test func markdownImports() throws {
        try initialised()
        let file = scratch.write("res.md", "# Resolution\n\nresolves\n\n1. to act\n2. to report\n   annually\n")
        #expect(try concord(["draft", "import", "res", file, "--repo", repo]).status == 0)
        let json = try concord(["draft", "show", "res", "--format", "json", "--repo", repo]).stdout
        #expect(json.contains("\"text\" : \"to report annually\""))
    }

    @Test func badInputsGetOneLineAndExitTwoAndWriteNothing() throws {
        try initialised()
        let tip = try git(["rev-parse", "main"], in: repo).stdout
        let empty = scratch.write("empty.txt", "")
        let blank = scratch.write("blank.txt", "\n\n")
        let latin1 = scratch.write("latin1.txt", bytes: Array("Résumé\n".utf8.map { $0 == 0xC3 ? 0xE9 : $0 }.filter { $0 != 0xA9 }))
        // A ZIP's first bytes: read as the Word document it claims to be, and refused as a broken one.
        let zipHead = scratch.write("doc.bin", bytes: [0x50, 0x4B, 0x03, 0x04, 0x00, 0x14, 0x00])
        let binary = scratch.write("data.bin", bytes: [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01])
        let duplicated = scratch.write("dup.txt", "[bookmark: x]1\tOne\n[bookmark: x]2\tTwo\n")
        let good = scratch.write("good.txt", "1\tOne\n")
        let cases: [([String], String)] = [
            (["draft", "import", "res140", scratch.file("missing.txt")], "missing.txt: no such file"),
            (["draft", "import", "res140", scratch.path], "is a directory"),
            (["draft", "import", "res140", empty], "empty.txt: the file is empty"),
            (["draft", "import", "res140", blank], "blank.txt: the file holds no paragraph"),
            (["draft", "import", "res140", latin1], "latin1.txt: line 1: byte 0xE9 is not UTF-8"),
            (["draft", "import", "res140", zipHead], "doc.bin: not a readable ZIP package"),
            (["draft", "import", "res140", binary], "data.bin: line 1: a NUL byte"),
            (["draft", "import", "res140", duplicated], "dup.txt: paragraph id x appears twice (lines 1 and 2)"),
            (["draft", "import", "../x", good], "\"../x\" is not a valid draft id"),
            (["draft", "import", "a/b", good], "\"a/b\" is not a valid draft id"),
            (["draft", "import", "a b", good], "\"a b\" is not a valid draft id"),
            (["draft", "import", "refs/heads/main", good], "\"refs/heads/main\" is not a valid draft id"),
            (["draft", "import", "x.lock", good], "\"x.lock\" is not a valid draft id"),
            (["draft", "import", "x..y", good], "\"x..y\" is not a valid draft id"),
            (["draft", "show", "nothing"], "draft nothing: no such draft"),
            (["draft", "show", "nothing", "--at", "no-such-rev"], "no-such-rev: not a revision"),
            (["draft", "show"], "Missing expected argument"),
            (["draft", "show", "x", "--format", "yaml"], "yaml"),
            (["draft", "frobnicate"], "frobnicate"),
        ]
        for (arguments, naming) in cases {
            expectFailure(try concord(arguments, in: repo), code: 2, naming: naming)
        }
        #expect(try git(["rev-parse", "main"], in: repo).stdout == tip, "something was written")
        try fsckIsClean()
    }

    @Test func importingAnExistingDraftIsRefusedWithExitTwo() throws {
        try initialised()
        let good = scratch.write("good.txt", "1\tOne\n")
        #expect(try concord(["draft", "import", "res140", good, "--repo", repo]).status == 0)
        let tip = try git(["rev-parse", "main"], in: repo).stdout
        expectFailure(try concord(["draft", "import", "res140", good, "--repo", repo]), code: 2, naming: "draft res140 exists already")
        #expect(try git(["rev-parse", "main"], in: repo).stdout == tip)
    }

    @Test func outsideAnyRepositoryIsACleanError() throws {
        let outside = ScratchDirectory("concord-outside")
        expectFailure(try concord(["draft", "list"], in: outside.path), code: 2, naming: "not inside a drafting repository")
        expectFailure(try concord(["draft", "list", "--repo", outside.file("nowhere")]), code: 2, naming: "not inside a drafting repository")
    }

    @Test func noAuthorIdentityIsExplained() throws {
        let home = ScratchDirectory("concord-home")
        let environment = ["HOME": home.path, "XDG_CONFIG_HOME": home.path, "GIT_CONFIG_NOSYSTEM": "1",
                           "GIT_AUTHOR_NAME": "", "GIT_AUTHOR_EMAIL": ""]
        expectFailure(try concord(["init", repo], environment: environment), code: 2, naming: "no author identity")
    }

    @Test func initTwiceSaysNothingChanged() throws {
        try initialised()
        let again = try concord(["init", repo])
        #expect(again.status == 0)
        #expect(again.stdout.contains("already a drafting repository"))
        #expect(try git(["rev-list", "--count", "main"], in: repo).stdout == "1\n")
    }

    @Test func helpExitsZero() throws {
        let help = try concord(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("draft"))
    }
}
