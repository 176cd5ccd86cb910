import Foundation
import Testing
import TestSupport

/// A `git gc` running beside a command (Concord starts one in the background once loose
/// objects pile up) removes the object and reference folders it empties. When it does so
/// between libgit2 making a folder and moving a new object or reference lock into it, the
/// move fails with ENOENT. Git retries such a creation; libgit2 does not, and libgit2 up to
/// 1.9 even reports a commit written when its object is not. The race is made certain here
/// with strace's fault injection (`-e inject=CALL:error=ENOENT:when=N`) at each such move of
/// the commands that write: each must land as a run that met no such failure lands.
extension CLICrashConsistencyTests {
    /// One vanished folder: the system calls that fail, each as (call, its count on its thread).
    struct VanishedFolder: CustomStringConvertible {
        let path: String
        let failing: [(call: String, counts: ClosedRange<Int>)]
        var description: String { path }
    }

    /// The places in a trace (of `link`, `rename` and `openat`) where a folder can vanish:
    /// every new object, whose move libgit2 tries twice (a hard link, then a rename) and then
    /// twice again (its streamed write), so the folder vanishes under both; and every
    /// reference's lock file, created once.
    static func vanishingPoints(inTrace trace: String) -> [VanishedFolder] {
        var counts: [String: Int] = [:], points: [VanishedFolder] = []
        for line in trace.split(separator: "\n") {
            let thread = line.prefix { $0 != " " }
            let rest = line.dropFirst(thread.count).drop { $0 == " " }
            guard let open = rest.firstIndex(of: "("), !rest.hasPrefix("<") else { continue }
            let call = String(rest[..<open])
            counts["\(thread) \(call)", default: 0] += 1
            let count = counts["\(thread) \(call)"]!
            let path = rest.split(separator: "\"").dropFirst().first.map(String.init) ?? ""
            if call == "link", path.contains("/objects/tmp_object") {
                let renames = counts["\(thread) rename", default: 0]
                points.append(VanishedFolder(path: "object write #\(points.count + 1)",
                                             failing: [("link", count ... count + 1), ("rename", renames + 1 ... renames + 2)]))
            } else if call == "openat", path.contains("/refs/"), path.hasSuffix(".lock"), rest.contains("O_CREAT") {
                points.append(VanishedFolder(path: path.components(separatedBy: "/.git/").last ?? path,
                                             failing: [("openat", count ... count)]))
            }
        }
        return points
    }

    @Test(arguments: commands.filter { $0.name != "member add" })
    func aFolderVanishingUnderAWriteIsRetried(_ command: Command) throws {
        let strace = try #require(Self.strace)
        let scenario = try Self.prepared(publishable: command.publishable)
        let arguments = command.arguments.map { $0 == "USA.txt" ? scenario.scratch.file("USA.txt") : $0 }
        let now = DraftingScenario.beforeDeadline

        let reference = try copy(scenario, as: "reference")
        let clean = try run(Fixtures.concordExecutable, arguments, in: reference, environment: ["CONCORD_NOW": now])
        #expect(landed(clean), "\(command.name): \(clean.stderr)")
        let after = try references(in: reference)

        let counted = try copy(scenario, as: "counted")
        let trace = scenario.scratch.file("trace")
        try run(strace, ["-f", "-qq", "-o", trace, "-e", "trace=link,rename,openat", Fixtures.concordExecutable] + arguments,
                in: counted, environment: ["CONCORD_NOW": now])
        let points = Self.vanishingPoints(inTrace: try String(contentsOfFile: trace, encoding: .utf8))
        #expect(points.contains { $0.failing.first?.call == "link" }, "\(command.name) writes objects")
        #expect(points.contains { $0.failing.first?.call == "openat" }, "\(command.name) moves a reference")

        print("vanishing folders: \(command.name): \(points.count) places tried")
        for point in points {
            let repo = try copy(scenario, as: "vanished")
            let injected = point.failing.flatMap { failing in
                ["-e", "inject=\(failing.call):error=ENOENT:when=\(failing.counts.lowerBound)..\(failing.counts.upperBound)"]
            }
            let result = try run(strace, ["-f", "-qq", "-o", "/dev/null"] + injected + [Fixtures.concordExecutable] + arguments,
                                 in: repo, environment: ["CONCORD_NOW": now])
            #expect(result.status == clean.status && result.stdout == clean.stdout,
                    "\(command.name), folder gone at \(point): exit \(result.status): \(result.stderr)")
            #expect(try references(in: repo) == after, "\(command.name), folder gone at \(point): the references differ from a clean run's")
            #expect(try fsckComplaints(in: repo, allowingDangling: true).isEmpty, "\(command.name), folder gone at \(point)")
            try? FileManager.default.removeItem(atPath: repo)
        }
    }

    /// `pull` into a clone behind the hub by one submission: a tracking reference's folder
    /// vanishing under libgit2's fetch, or a branch's under the move forward.
    @Test func aFolderVanishingUnderPullIsRetried() throws {
        let strace = try #require(Self.strace)
        let scenario = try Self.prepared(publishable: false)
        let behind = scenario.scratch.file("behind")
        #expect(try git(["clone", "--quiet", scenario.repo, behind], in: scenario.scratch.path).status == 0)
        let submitted = try scenario.concord(["submit", "res140", scenario.scratch.file("USA.txt"), "--as", "USA"])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        /// `concord pull` in `clone`, under `tracer` (strace and its options) when given.
        func pull(in clone: String, under tracer: [String] = []) throws -> CommandResult {
            let command = tracer + [Fixtures.concordExecutable, "pull"]
            return try run(command[0], Array(command.dropFirst()), in: clone)
        }
        func copied(_ name: String) throws -> String {
            let target = scenario.scratch.file(name)
            try? FileManager.default.removeItem(atPath: target)
            #expect(try run("/bin/cp", ["-a", behind, target]).status == 0)
            return target
        }

        let reference = try copied("pulled")
        let clean = try pull(in: reference)
        #expect(clean.status == 0, "\(clean.stderr)")
        let after = try references(in: reference)
        #expect(after["refs/heads/comments/res140/USA"] != nil, "the clean pull brings USA's submission")

        let counted = try copied("counted")
        let trace = scenario.scratch.file("pull-trace")
        _ = try pull(in: counted, under: [strace, "-f", "-qq", "-o", trace, "-e", "trace=link,rename,openat"])
        let points = Self.vanishingPoints(inTrace: try String(contentsOfFile: trace, encoding: .utf8)).filter { $0.failing.first?.call == "openat" }
        #expect(points.contains { $0.path.hasPrefix("refs/remotes/") }, "pull moves a tracking reference")
        print("vanishing folders: pull: \(points.count) places tried")
        for point in points {
            let repo = try copied("vanished")
            let failing = point.failing[0]
            let result = try pull(in: repo, under: [strace, "-f", "-qq", "-o", "/dev/null", "-e", "inject=openat:error=ENOENT:when=\(failing.counts.lowerBound)"])
            #expect(result.status == 0 && result.stdout == clean.stdout, "pull, folder gone at \(point): exit \(result.status): \(result.stderr)")
            #expect(try references(in: repo) == after, "pull, folder gone at \(point): the references differ from a clean pull's")
        }
    }
}
