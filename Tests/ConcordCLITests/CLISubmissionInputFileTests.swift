import Foundation
import Testing
import TestSupport

/// Files as members save them, submitted with the real binary: a BOM, Windows line endings
/// without a last one, UTF-16 and Latin-1, a mangled id prefix, a file with no paragraph; and
/// inputs that are not text files at all (a named pipe, `/dev/zero`, a file over the size
/// limit), refused before they are read, with one line on stderr and exit 2, never a hang.
@Suite struct CLISubmissionInputFileTests {
    /// The draft as `draft show` prints it, one paragraph edited, as lines.
    func editedLines(_ scenario: DraftingScenario) throws -> [String] {
        var lines = try scenario.concord(["draft", "show", "res140"]).stdout
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.replace("to report annually", with: "to report every year")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Submits `bytes` as RUS's text and expects the one edit, nothing else.
    func expectOneModification(_ scenario: DraftingScenario, _ name: String, _ bytes: [UInt8],
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = scenario.scratch.write(name, bytes: bytes)
        let result = try scenario.concord(["submit", "res140", file, "--as", "RUS"])
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.contains("to report [-annually-][+every year+] to the Council"), sourceLocation: sourceLocation)
        #expect(result.stdout.contains("1 MOD, 0 ADD, 0 SUP, 0 MOVE"), "\(result.stdout)", sourceLocation: sourceLocation)
    }

    /// What a finished command printed and returned.
    struct Outcome {
        let status: Int32, stdout: String, stderr: String
    }

    func expectRefusal(_ result: CommandResult, naming: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expectRefusal(Outcome(status: result.status, stdout: result.stdout, stderr: result.stderr), naming: naming, sourceLocation: sourceLocation)
    }

    func expectRefusal(_ result: Outcome, naming: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 2, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("concord: ") && result.stderr.contains(naming), "\(result.stderr) does not name \(naming)",
                sourceLocation: sourceLocation)
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "not one line: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    func refs(_ scenario: DraftingScenario) throws -> String {
        try git(["for-each-ref", "--format=%(refname) %(objectname)"], in: scenario.repo).stdout
    }

    @Test func aFileWithAByteOrderMarkIsTheSameText() throws {
        let scenario = try DraftingScenario()
        try expectOneModification(scenario, "bom.txt", [0xEF, 0xBB, 0xBF] + Array((try editedLines(scenario).joined(separator: "\n") + "\n").utf8))
    }

    /// Windows line endings and no ending after the last line: the same paragraphs as the LF
    /// file, and the member's text kept with its CRLF endings, as it came.
    @Test func aWindowsFileWithoutItsLastLineEndingIsTheSameText() throws {
        let scenario = try DraftingScenario()
        let windows = try editedLines(scenario).joined(separator: "\r\n")
        try expectOneModification(scenario, "windows.txt", Array(windows.utf8))
        let stored = try git(["show", "comments/res140/RUS:Drafts/res140.txt"], in: scenario.repo).stdoutBytes
        #expect(stored == Array(windows.utf8))
        // Imported, such a file is printed back byte for byte.
        let base = scenario.scratch.write("base-windows.txt", "1\tUn.\r\n\r\n2\tDeux.")
        try scenario.expectSuccess(["draft", "import", "win", base])
        #expect(try scenario.concord(["draft", "show", "win", "--plain"]).stdout == "1\tUn.\r\n\r\n2\tDeux.")
    }

    @Test func aUTF16FileIsDecoded() throws {
        let scenario = try DraftingScenario()
        let text = try editedLines(scenario).joined(separator: "\r\n") + "\r\n"
        try expectOneModification(scenario, "utf16.txt", [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    }

    @Test func aLatin1FileIsRefusedNamingTheLineAndTheCharacter() throws {
        let scenario = try DraftingScenario()
        var lines = try editedLines(scenario)
        let index = try #require(lines.firstIndex { $0.contains("every year") })
        lines[index] = lines[index].replacingOccurrences(of: "every year", with: "chaque année")
        let bytes = Array((lines.joined(separator: "\n") + "\n").unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        let before = try refs(scenario)
        let result = try scenario.concord(["submit", "res140", scenario.scratch.write("latin1.txt", bytes: bytes), "--as", "RUS"])
        expectRefusal(result, naming: "latin1.txt: line \(index + 1): byte 0xE9 is not UTF-8 (it is \"é\" in Latin-1 or Windows-1252); save the file as UTF-8")
        #expect(try refs(scenario) == before)
    }

    @Test func aMangledIDPrefixIsRefusedNamingTheLineAndTheID() throws {
        let scenario = try DraftingScenario()
        var lines = try editedLines(scenario)
        let index = try #require(lines.firstIndex { $0.contains("every year") })
        let id = String(lines[index].dropFirst(2).prefix { $0 != "}" })
        lines[index] = lines[index].replacingOccurrences(of: "{#", with: "{# ")
        let before = try refs(scenario)
        let result = try scenario.concord(["submit", "res140", scenario.scratch.write("mangled.txt", lines.joined(separator: "\n")), "--as", "RUS"])
        expectRefusal(result, naming: "mangled.txt: line \(index + 1): \"{# \(id)}\" looks like the id prefix {#\(id)} mangled")
        #expect(try refs(scenario) == before)
    }

    @Test func aFileWithNoParagraphIsRefusedAsImportRefusesIt() throws {
        let scenario = try DraftingScenario()
        let before = try refs(scenario)
        for (name, contents, naming) in [("blank.txt", "\n  \n\t\n", "blank.txt: the file holds no paragraph (it is empty or only blank lines)"),
                                         ("crlf-blank.txt", "\r\n\r\n", "crlf-blank.txt: the file holds no paragraph"),
                                         ("empty.txt", "", "empty.txt: the file is empty")] {
            let file = scenario.scratch.write(name, contents)
            expectRefusal(try scenario.concord(["submit", "res140", file, "--as", "RUS"]), naming: naming)
            expectRefusal(try scenario.concord(["draft", "import", "other", file]), naming: naming)
        }
        #expect(try refs(scenario) == before)
    }

    /// Runs concord, stopping it after `seconds`: a command that waits on a pipe must not hang the suite.
    func concordWithin(_ seconds: Double, _ arguments: [String], in directory: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.concordExecutable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["CONCORD_NOW": DraftingScenario.beforeDeadline, "NO_COLOR": "1", "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
             "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org"]) { _, new in new }
        let out = Pipe(), err = Pipe()
        (process.standardOutput, process.standardError, process.standardInput) = (out, err, FileHandle.nullDevice)
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            process.interrupt()
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            Issue.record("concord \(arguments.joined(separator: " ")) still ran after \(seconds) s", sourceLocation: sourceLocation)
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func aNamedPipeIsRefusedWithoutWaitingForAWriter() throws {
        let scenario = try DraftingScenario()
        let fifo = scenario.scratch.file("pipe.txt")
        #expect(mkfifo(fifo, 0o600) == 0)
        let good = scenario.scratch.write("good.txt", "1\tOne\n")
        let naming = "pipe.txt: is a named pipe (fifo), not a regular file"
        expectRefusal(try concordWithin(20, ["submit", "res140", fifo, "--as", "RUS"], in: scenario.repo), naming: naming)
        expectRefusal(try concordWithin(20, ["draft", "import", "piped", fifo], in: scenario.repo), naming: naming)
        expectRefusal(try concordWithin(20, ["redline", good, fifo], in: scenario.repo), naming: naming)
        expectRefusal(try concordWithin(20, ["redline", fifo, good], in: scenario.repo), naming: naming)
    }

    @Test func aDeviceIsRefusedBeforeReading() throws {
        let scenario = try DraftingScenario()
        let good = scenario.scratch.write("good.txt", "1\tOne\n")
        let naming = "/dev/zero: is a character device, not a regular file"
        expectRefusal(try concordWithin(20, ["submit", "res140", "/dev/zero", "--as", "RUS"], in: scenario.repo), naming: naming)
        expectRefusal(try concordWithin(20, ["redline", good, "/dev/zero"], in: scenario.repo), naming: naming)
        expectRefusal(try concordWithin(20, ["draft", "import", "zero", "/dev/zero"], in: scenario.repo), naming: naming)
    }

    /// Over the limit (a sparse file of 300 MiB: nothing is read, its size says enough), the
    /// message says which option raises it; the option raises or lowers it.
    @Test func aFileOverTheSizeLimitIsRefusedNamingTheOption() throws {
        let scenario = try DraftingScenario()
        let huge = scenario.scratch.write("huge.txt", "")
        let handle = try #require(FileHandle(forWritingAtPath: huge))
        try handle.truncate(atOffset: 300 << 20)
        try handle.close()
        let good = scenario.scratch.write("good.txt", "1\tOne\n")
        let naming = "huge.txt: is 300 MiB, more than the 256 MiB concord reads; if this is the right file, raise the limit with --max-input-size 512M"
        expectRefusal(try concordWithin(60, ["submit", "res140", huge, "--as", "RUS"], in: scenario.repo), naming: naming)
        expectRefusal(try concordWithin(60, ["redline", good, huge], in: scenario.repo), naming: naming)
        expectRefusal(try concordWithin(60, ["draft", "import", "huge", huge], in: scenario.repo), naming: naming)

        let small = scenario.scratch.write("small.txt", String(repeating: "1\tUne ligne de texte.\n", count: 100))
        expectRefusal(try scenario.concord(["redline", good, small, "--max-input-size", "1K"]),
                      naming: "small.txt: is 2200 bytes, more than the 1 KiB concord reads; if this is the right file, raise the limit with --max-input-size 3K")
        #expect(try scenario.concord(["redline", good, small, "--max-input-size", "4K"]).status == 0)
        #expect(try scenario.concord(["redline", "--max-input-size", "4K", good, small]).status == 0)
        expectRefusal(try scenario.concord(["draft", "import", "small", small, "--max-input-size", "2000"]),
                      naming: "small.txt: is 2200 bytes, more than the 2000 bytes concord reads; if this is the right file, raise the limit with --max-input-size 4K")
        expectRefusal(try scenario.concord(["redline", good, small, "--max-input-size", "lots"]), naming: "\"lots\" is not a size")
        // A pipe claims no size: it is read up to the limit, and no further.
        let piped = try run("/bin/bash", ["-c", "exec \"$0\" redline \"$1\" <(cat \"$2\") --max-input-size 1K", Fixtures.concordExecutable, good, small],
                            in: scenario.scratch.path)
        expectRefusal(piped, naming: "holds more than the 1 KiB concord reads; if this is the right file, raise the limit with --max-input-size 2K")
    }
}
