import Foundation
import Testing
import TestSupport

/// `kill -9` at every file-changing system call of the commands that write, through strace's
/// fault injection (`-e inject=SYSCALL:signal=KILL:when=N`): after each kill, `git fsck
/// --strict` is clean (dangling objects aside), every reference is at its old or its new value,
/// what the command reported as recorded is there, and the next run of the same command
/// succeeds — or names the lock file left behind, and succeeds once it is removed — and ends
/// with the same references as a run never interrupted, its work tree clean.
let straceExecutable: String? = ["/usr/bin/strace", "/bin/strace", "/usr/local/bin/strace"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite(.serialized, .enabled(if: straceExecutable != nil,
                             "strace is not installed (Debian package strace; `scripts/setup --tests` installs it)"))
struct CLICrashConsistencyTests {
    static var strace: String? { straceExecutable }

    /// The system calls that change files; `openat` counts only when it opens for writing.
    static let changingCalls = ["openat", "write", "pwrite64", "rename", "renameat", "renameat2", "fsync", "fdatasync",
                                "unlink", "unlinkat", "link", "linkat", "mkdir", "mkdirat", "ftruncate"]

    /// At most this many kill points per command (spread evenly over its calls), so that the
    /// suite adds about a minute or two to a run; CONCORD_CRASH_POINTS raises or lowers it.
    static let pointsPerCommand = ProcessInfo.processInfo.environment["CONCORD_CRASH_POINTS"].flatMap(Int.init) ?? 60

    struct Command: CustomTestStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        /// The repository the command runs on: conflicts to decide (nil) or none (publishable).
        let publishable: Bool
        var testDescription: String { name }
    }

    static let commands = [
        Command(name: "submit", arguments: ["submit", "res140", "USA.txt", "--as", "USA"], publishable: false),
        Command(name: "decide", arguments: ["decide", "res140", "resolves 1", "--accept", "RUS", "--as", "CHAIR"], publishable: false),
        Command(name: "consolidate --commit", arguments: ["consolidate", "res140", "--commit"], publishable: false),
        Command(name: "round close --publish", arguments: ["round", "close", "res140", "--as", "CHAIR", "--publish"], publishable: true),
        Command(name: "member add", arguments: ["member", "add", "GHA", "--name", "Ghana"], publishable: false),
    ]

    /// A drafting repository with a round open and submissions: RUS and F append their own
    /// words to `resolves 1` (a conflict), or (publishable) RUS alone changes two paragraphs.
    /// USA's edited text lies in the repository's parent folder, for `submit`.
    static func prepared(publishable: Bool) throws -> DraftingScenario {
        let scenario = try DraftingScenario()
        for member in publishable ? ["RUS"] : ["RUS", "F"] {
            let file = try scenario.editedDraft("\(member).txt") { lines in
                lines.replace("that ITU shall continue to take a leading role", with: "that ITU shall continue to take a leading role, as \(member) proposes,")
                if publishable { lines.replace("the need for close coordination", with: "the need for closer coordination") }
            }
            let submitted = try scenario.concord(["submit", "res140", file, "--as", member])
            guard submitted.status == 0 else { throw DraftingScenario.ScenarioError(message: submitted.stderr) }
        }
        _ = try scenario.editedDraft("USA.txt") { $0.replace("the annual WSIS Forum organized", with: "the yearly WSIS Forum organized") }
        return scenario
    }

    @Test(arguments: commands)
    func killedAtEveryWriteTheRepositoryStaysWhole(_ command: Command) throws {
        let strace = try #require(Self.strace)
        let scenario = try Self.prepared(publishable: command.publishable)
        let arguments = command.arguments.map { $0 == "USA.txt" ? scenario.scratch.file("USA.txt") : $0 }
        let before = try references(in: scenario.repo)
        let now = DraftingScenario.beforeDeadline

        // The run never interrupted, for the references it leaves and what it prints.
        let reference = try copy(scenario, as: "reference")
        let clean = try run(Fixtures.concordExecutable, arguments, in: reference, environment: ["CONCORD_NOW": now])
        #expect(landed(clean), "\(command.name): \(clean.stderr)")
        let after = try references(in: reference)
        #expect(after != before, "\(command.name) changes a reference")

        // The file-changing calls, counted per thread as strace's `when=` counts them.
        let counted = try copy(scenario, as: "counted")
        let trace = scenario.scratch.file("trace")
        try run(strace, ["-f", "-qq", "-o", trace, "-e", "trace=" + Self.changingCalls.joined(separator: ",")]
                + [Fixtures.concordExecutable] + arguments, in: counted, environment: ["CONCORD_NOW": now])
        let points = Self.killPoints(inTrace: try String(contentsOfFile: trace, encoding: .utf8))
        let chosen = Self.spread(points, keeping: Self.pointsPerCommand)

        var killed = 0, locksNamed = 0, inconsistencies: [String] = []
        for (call, count) in chosen {
            let point = "\(call)#\(count)"
            let repo = try copy(scenario, as: "killed")
            let result = try run(strace, ["-f", "-qq", "-o", "/dev/null", "-e", "trace=\(call)", "-e", "inject=\(call):signal=KILL:when=\(count)",
                                          Fixtures.concordExecutable] + arguments, in: repo, environment: ["CONCORD_NOW": now])
            guard result.status == 9 else { continue }   // the call was not reached on this run
            killed += 1
            var found: [String] = []
            let fsck = try fsckComplaints(in: repo, allowingDangling: true)
            if !fsck.isEmpty { found.append("git fsck: \(fsck)") }
            let left = try references(in: repo)
            for name in Set(left.keys).union(before.keys).union(after.keys) where left[name] != before[name] && left[name] != after[name] {
                found.append("\(name) at \(left[name] ?? "nothing"), neither before nor after")
            }
            if !result.stdout.isEmpty && left != after { found.append("reported \(result.stdout.prefix(80)) but it is not all there") }
            // The next run: a lock left behind must be named; the lock is made old enough to
            // be judged left behind (as it is a couple of seconds later), not waited for.
            backdateLocks(in: repo + "/.git")
            var next = try run(Fixtures.concordExecutable, arguments, in: repo, environment: ["CONCORD_NOW": now])
            if next.status == 1, let lock = Self.namedLock(in: next.stderr), next.stderr.split(separator: "\n").count == 1 {
                locksNamed += 1
                try? FileManager.default.removeItem(atPath: lock)
                next = try run(Fixtures.concordExecutable, arguments, in: repo, environment: ["CONCORD_NOW": now])
            }
            if !landed(next) && !Self.alreadyDone(next) { found.append("next run: exit \(next.status): \(next.stderr)") }
            let settled = try references(in: repo)
            if settled != after { found.append("after the next run the references differ from an uninterrupted run's: \(settled) vs \(after)") }
            let status = try git(["status", "--porcelain"], in: repo)
            if !status.stdout.isEmpty { found.append("work tree not clean after the next run: \(status.stdout)") }
            inconsistencies += found.map { "\(point): \($0)" }
            try? FileManager.default.removeItem(atPath: repo)
        }
        print("crash consistency: \(command.name): \(points.count) file-changing calls, \(chosen.count) tried, \(killed) killed, "
              + "\(locksNamed) lock(s) left and named, \(inconsistencies.count) inconsistencies")
        #expect(killed > 0, "\(command.name): no kill point was reached")
        for inconsistency in inconsistencies.prefix(10) { Issue.record("\(command.name): \(inconsistency)") }
    }

    /// Objects, references and their folders are synced to disk before a command says it
    /// recorded anything.
    @Test func writesAreOnDiskBeforeTheCommandReportsThem() throws {
        let strace = try #require(Self.strace)
        let scenario = try Self.prepared(publishable: false)
        let trace = scenario.scratch.file("fsync-trace")
        let added = try run(strace, ["-f", "-qq", "-o", trace, "-e", "trace=fsync,fdatasync,rename,link,write",
                                     Fixtures.concordExecutable, "member", "add", "GHA", "--name", "Ghana"], in: scenario.repo)
        #expect(added.status == 0, "\(added.stderr)")
        let calls = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
        let syncs = calls.indices.filter { calls[$0].contains("fsync(") || calls[$0].contains("fdatasync(") }
        let report = try #require(calls.firstIndex { $0.contains("write(1, \"Added member GHA") })
        let published = try #require(calls.lastIndex { $0.contains("rename(") && $0.contains("refs/heads/main.lock") })
        #expect(syncs.count >= 6, "the blob, tree, commit, reference and their folders are synced: \(syncs.count) syncs")
        #expect(syncs.contains { $0 > published && $0 < report }, "the reference's folder is synced after its rename, before the report")
    }

    // MARK: - Pieces

    /// Every file-changing call of a trace, as (system call, its count on its thread), in
    /// the order of the trace.
    static func killPoints(inTrace trace: String) -> [(String, Int)] {
        var counts: [String: Int] = [:], points: [(String, Int)] = [], seen = Set<String>()
        for line in trace.split(separator: "\n") {
            // `PID  call(arguments) = result`, the PID padded with spaces to a width.
            let thread = line.prefix { $0 != " " }
            let rest = line.dropFirst(thread.count).drop { $0 == " " }
            guard let open = rest.firstIndex(of: "("), !rest.hasPrefix("<") else { continue }
            let call = String(rest[..<open])
            guard changingCalls.contains(call) else { continue }
            let key = "\(thread) \(call)"
            counts[key, default: 0] += 1
            if call == "openat" && !["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC"].contains(where: rest.contains) { continue }
            if seen.insert("\(call)#\(counts[key]!)").inserted { points.append((call, counts[key]!)) }
        }
        return points
    }

    /// At most `count` of `points`, spread evenly, the first and last included.
    static func spread(_ points: [(String, Int)], keeping count: Int) -> [(String, Int)] {
        guard points.count > count, count > 1 else { return points }
        return (0..<count).map { points[$0 * (points.count - 1) / (count - 1)] }
    }

    /// The lock file a one-line refusal names.
    static func namedLock(in message: String) -> String? {
        message.split(separator: " ").first { $0.hasSuffix(".lock") && $0.hasPrefix("/") }.map(String.init)
    }

    /// A refusal that says the change is there already: the killed run had landed it.
    static func alreadyDone(_ result: CommandResult) -> Bool {
        result.status == 1 && ["is already", "already registered", "has no open round to close"].contains(where: result.stderr.contains)
    }

    /// Landed: exit 0, or 1 with nothing on stderr (`consolidate` recorded a text with conflicts left).
    func landed(_ result: CommandResult) -> Bool {
        result.status == 0 || (result.status == 1 && result.stderr.isEmpty)
    }

    func copy(_ scenario: DraftingScenario, as name: String) throws -> String {
        let target = scenario.scratch.file(name)
        try? FileManager.default.removeItem(atPath: target)
        let copied = try run("/bin/cp", ["-a", scenario.repo, target])
        guard copied.status == 0 else { throw DraftingScenario.ScenarioError(message: copied.stderr) }
        return target
    }

    func references(in repo: String) throws -> [String: String] {
        let listed = try git(["for-each-ref", "--format=%(refname) %(objectname)"], in: repo).stdout
        return Dictionary(uniqueKeysWithValues: listed.split(separator: "\n").map { line in
            let fields = line.split(separator: " ")
            return (String(fields[0]), String(fields[1]))
        })
    }

    func backdateLocks(in gitDirectory: String) {
        guard let walker = FileManager.default.enumerator(atPath: gitDirectory) else { return }
        for case let path as String in walker where path.hasSuffix(".lock") {
            try? FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -10)],
                                                   ofItemAtPath: gitDirectory + "/" + path)
        }
    }
}
