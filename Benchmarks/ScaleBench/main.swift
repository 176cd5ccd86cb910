// A correspondence group's life at the scale of the ITU, replayed with the real binary: 193
// members on a seed-derived 20,000-paragraph draft, ten rounds. Each round every member
// submits a few edited paragraphs and pushes; the chair consolidates, decides one paragraph
// and then forty at once, compares, reads the status and blame, and publishes. Each step is
// timed with its peak memory, beside the peer tool where one exists (`git merge-file`,
// `git commit`, `git push`, `git fetch`, `git gc --aggressive`). Then the growth laws:
// consolidate, status and compare against members and against paragraphs; and two hard
// shapes, every paragraph edited by every member, and one 50,000-word paragraph that every
// member ends with a different word. Figures go to results.tsv in the work folder, and
// Benchmarks/Scale/plot.py draws them (growth.png).
//
//   make bench-scale
//   .build/release/concord-bench-scale [--members 193] [--paragraphs 20000] [--rounds 10] [--edits-each 5]
//                                      [--work DIR] [--skip-life] [--skip-shapes] [--skip-growth]
// The last step of the ten rounds, `git gc --aggressive` of a copy, is the slowest by far at
// full scale (window 250 over 5 MB texts: more than ten minutes and 7 GB on two cores).
import BenchSupport
import Foundation
import TestSupport

var members = 193, paragraphs = 20000, rounds = 10, editsEach = 5, skipGrowth = false, skipLife = false, skipShapes = false
var workPath = FileManager.default.temporaryDirectory.appendingPathComponent("concord-scale-\(getpid())").path
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    if flag == "--skip-growth" { skipGrowth = true; continue }
    if flag == "--skip-life" { skipLife = true; continue }
    if flag == "--skip-shapes" { skipShapes = true; continue }
    guard let value = arguments.popFirst() else { break }
    switch flag {
    case "--members": members = Int(value) ?? members
    case "--paragraphs": paragraphs = Int(value) ?? paragraphs
    case "--rounds": rounds = Int(value) ?? rounds
    case "--edits-each": editsEach = Int(value) ?? editsEach
    case "--work": workPath = URL(fileURLWithPath: value).standardizedFileURL.path
    default: FileHandle.standardError.write(Data("unknown option \(flag)\n".utf8)); exit(2)
    }
}

let concord = Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent("concord").path
guard FileManager.default.isExecutableFile(atPath: concord) else { print("concord-bench-scale: build concord first (make release)"); exit(2) }
try FileManager.default.createDirectory(atPath: workPath, withIntermediateDirectories: true)
let environment = ["GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org", "GIT_COMMITTER_NAME": "Bench",
                   "GIT_COMMITTER_EMAIL": "bench@example.org", "CONCORD_NOW": "2022-02-01T10:00:00Z"]
let deadline = "2030-02-18T23:59:00+01:00"

// MARK: - Recording

struct Row {
    var step: String
    var round: Int
    var members: Int
    var paragraphs: Int
    var seconds: Double
    var peakMB: Double?
    var peer: String = ""
    var peerSeconds: Double?
}
var rows: [Row] = []

@MainActor func record(_ row: Row) {
    rows.append(row)
    let peak = row.peakMB.map { String(format: "%7.0f MB", $0) } ?? "          "
    let step = row.step.count < 46 ? row.step + String(repeating: " ", count: 46 - row.step.count) : row.step
    var line = step + String(format: " round %2d  %3d × %5d ¶  %9.1f ms %@", row.round, row.members, row.paragraphs, row.seconds * 1000, peak)
    if let peer = row.peerSeconds {
        line += String(format: "   %@ %9.1f ms, ratio %.2f", row.peer, peer * 1000, row.seconds / peer)
    }
    print(line)
    fflush(nil)
}

@MainActor func writeResults() throws {
    var tsv = "step\tround\tmembers\tparagraphs\tseconds\tpeak_mb\tpeer\tpeer_seconds\n"
    for row in rows {
        tsv += "\(row.step)\t\(row.round)\t\(row.members)\t\(row.paragraphs)\t\(row.seconds)\t\(row.peakMB.map { "\($0)" } ?? "")\t\(row.peer)\t\(row.peerSeconds.map { "\($0)" } ?? "")\n"
    }
    try tsv.write(toFile: workPath + "/results.tsv", atomically: true, encoding: .utf8)
}

@discardableResult
@MainActor func run(_ arguments: [String], in directory: String, output: String = "/dev/null", allowing statuses: Set<Int32> = [0]) throws -> Measured {
    let result = try measured(concord, arguments, in: directory, environment: environment, output: output, scratch: workPath)
    guard statuses.contains(result.status) else {
        throw CommandFailure(description: "concord \(arguments.joined(separator: " ")) exited \(result.status): \(result.errors)")
    }
    return result
}

@MainActor func gitTime(_ arguments: [String], in directory: String, output: String = "/dev/null") throws -> Double {
    let result = try spawn("git", arguments, in: directory, environment: environment, output: output, discardingErrors: true)
    guard result.status == 0 else { throw CommandFailure(description: "git \(arguments.joined(separator: " ")) exited \(result.status)") }
    return seconds(result.elapsed)
}

@MainActor func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// Bytes under a folder (the objects of a repository).
@MainActor func folderBytes(_ path: String) -> Int {
    guard let files = FileManager.default.enumerator(atPath: path) else { return 0 }
    var total = 0
    for case let file as String in files {
        total += ((try? FileManager.default.attributesOfItem(atPath: path + "/" + file))?[.size] as? Int) ?? 0
    }
    return total
}

/// Waits for a `git gc` started in the background to finish.
@MainActor func waitForBackgroundPacking(_ repo: String) {
    while FileManager.default.fileExists(atPath: repo + "/.git/gc.pid") { Thread.sleep(forTimeInterval: 0.2) }
}

// MARK: - Drafts and members

/// A draft of `count` seed-derived paragraphs, labelled `block.item`.
@MainActor func baseDraft(paragraphs count: Int, seed: UInt64) -> String {
    var rng = SplitMix64(seed: seed)
    return (0 ..< count).map { index in "\(index / 20 + 1).\(index % 20 + 1)\t" + SeedCorpus.paragraphs.randomElement(using: &rng)! }
        .joined(separator: "\n") + "\n"
}

/// A repository with the draft imported, a chair and `count` members, a round open.
@MainActor func setUpRepository(_ repo: String, draft: String, members count: Int) throws {
    try? FileManager.default.removeItem(atPath: repo)
    let file = workPath + "/base.txt"
    try draft.write(toFile: file, atomically: true, encoding: .utf8)
    try run(["init", repo], in: workPath)
    try run(["draft", "import", "bench", file], in: repo)
    try run(["member", "add", "CHAIR", "--name", "Chair", "--kind", "chair"], in: repo)
    for index in 0 ..< count { try run(["member", "add", "M\(index)", "--name", "Member \(index)"], in: repo) }
    try run(["round", "open", "bench", "--as", "CHAIR", "--deadline", deadline], in: repo)
}

/// The current round's base as stored, one line per paragraph.
@MainActor func storedLines(_ repo: String) throws -> [String] {
    let file = workPath + "/stored.txt"
    try run(["draft", "show", "bench"], in: repo, output: file)
    return try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

/// The member's text: `edits` paragraphs (all of them when nil) reworded, ids kept.
@MainActor func edited(_ lines: [String], edits: Int?, using rng: inout SplitMix64) -> [String] {
    var lines = lines
    let editable = lines.indices.filter { lines[$0].contains("\t") }
    let chosen = edits.map { count in Set((0 ..< count).map { _ in editable.randomElement(using: &rng)! }) } ?? Set(editable)
    for line in chosen {
        let tab = lines[line].firstIndex(of: "\t")!
        let head = lines[line][...tab], body = String(lines[line][lines[line].index(after: tab)...])
        var mutated = body
        while mutated.split(whereSeparator: \.isWhitespace) == body.split(whereSeparator: \.isWhitespace) {
            mutated = RandomText.mutated(body, edits: 2, vocabulary: Vocabulary.french, using: &rng)
        }
        lines[line] = head + mutated
    }
    return lines
}

/// Every member submits its text; returns each submission's time.
@MainActor func submitAll(_ repo: String, members count: Int, edits: Int?, rng: inout SplitMix64) throws -> [Double] {
    let lines = try storedLines(repo)
    var times: [Double] = []
    for index in 0 ..< count {
        let file = workPath + "/M\(index).txt"
        try edited(lines, edits: edits, using: &rng).joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        times.append(try run(["submit", "bench", file, "--as", "M\(index)"], in: repo).seconds)
    }
    return times
}

/// `git merge-file` of every member's file onto the base, one after another: the peer of a consolidation.
@MainActor func mergeFileTime(_ repo: String, members count: Int) throws -> Double {
    let base = workPath + "/stored.txt", current = workPath + "/current.txt", merged = workPath + "/merged.txt"
    try? FileManager.default.removeItem(atPath: current)
    try FileManager.default.copyItem(atPath: base, toPath: current)
    var total = 0.0
    for index in 0 ..< count {
        let result = try spawn("git", ["merge-file", "-p", current, base, workPath + "/M\(index).txt"], output: merged)
        guard result.status <= 127 else { throw CommandFailure(description: "git merge-file exited \(result.status)") }
        total += seconds(result.elapsed)
        try FileManager.default.removeItem(atPath: current)
        try FileManager.default.moveItem(atPath: merged, toPath: current)
    }
    return total
}

/// Paragraph ids in conflict, from `consolidate --format json`.
@MainActor func conflicts(_ repo: String) throws -> [(id: String, proposer: String)] {
    let file = workPath + "/consolidation.json"
    try run(["consolidate", "bench", "--format", "json"], in: repo, output: file, allowing: [0, 1])
    let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as! [String: Any]
    return (report["paragraphs"] as! [[String: Any]]).compactMap { paragraph in
        guard paragraph["status"] as? String == "conflict",
              let first = (paragraph["alternatives"] as? [[String: Any]])?.first?["by"] as? [String] else { return nil }
        return (paragraph["id"] as! String, first[0])
    }
}

// MARK: - A group's life

/// A `git daemon` serving the work folder read-only, for `pull` and `git fetch` over git://.
final class GitDaemon {
    let process = Process()
    let port = 9400 + Int(getpid() % 500)

    init(base: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "daemon", "--base-path=\(base)", "--export-all", "--reuseaddr", "--listen=127.0.0.1", "--port=\(port)", base]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.5)
    }

    func url(_ name: String) -> String { "git://127.0.0.1:\(port)/\(name)" }
    deinit { process.terminate() }
}

@MainActor func groupLife() throws {
    print("concord-bench-scale: \(members) members × \(paragraphs) paragraphs, \(editsEach) edited each, \(rounds) rounds")
    print("  in \(workPath)\n")
    let repo = workPath + "/drafts", hub = workPath + "/hub.git"
    try setUpRepository(repo, draft: baseDraft(paragraphs: paragraphs, seed: 140), members: members)
    _ = try gitTime(["init", "-q", "--bare", hub], in: workPath)
    let daemon = try GitDaemon(base: workPath)
    var rng = SplitMix64(seed: 25)
    for round in 1 ... rounds {
        let submits = try submitAll(repo, members: members, edits: editsEach, rng: &rng)
        var submitRow = Row(step: "submit (median)", round: round, members: members, paragraphs: paragraphs, seconds: median(submits))
        if round == 1 || round == rounds {
            // The peer: one edited line committed in a plain repository of the same file.
            let plain = workPath + "/plain"
            try? FileManager.default.removeItem(atPath: plain)
            try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
            _ = try gitTime(["init", "-q"], in: plain)
            try FileManager.default.copyItem(atPath: workPath + "/stored.txt", toPath: plain + "/res.txt")
            _ = try gitTime(["add", "res.txt"], in: plain)
            _ = try gitTime(["commit", "-qm", "base"], in: plain)
            try FileManager.default.removeItem(atPath: plain + "/res.txt")
            try FileManager.default.copyItem(atPath: workPath + "/M0.txt", toPath: plain + "/res.txt")
            (submitRow.peer, submitRow.peerSeconds) = ("git commit -am", try gitTime(["commit", "-qam", "edit"], in: plain))
        }
        record(submitRow)

        let consolidate = try run(["consolidate", "bench", "--format", "json"], in: repo, allowing: [0, 1])
        var consolidateRow = Row(step: "consolidate --format json", round: round, members: members, paragraphs: paragraphs,
                                 seconds: consolidate.seconds, peakMB: consolidate.peakMB)
        if round == 1 || round == rounds { (consolidateRow.peer, consolidateRow.peerSeconds) = ("git merge-file ×N", try mergeFileTime(repo, members: members)) }
        record(consolidateRow)
        let commit = try run(["consolidate", "bench", "--commit"], in: repo, allowing: [0, 1])
        record(Row(step: "consolidate --commit", round: round, members: members, paragraphs: paragraphs, seconds: commit.seconds, peakMB: commit.peakMB))

        let contested = try conflicts(repo)
        if let first = contested.first {
            let decide = try run(["decide", "bench", first.id, "--accept", first.proposer, "--as", "CHAIR"], in: repo)
            record(Row(step: "decide (one paragraph)", round: round, members: members, paragraphs: paragraphs, seconds: decide.seconds, peakMB: decide.peakMB))
        }
        let forty = contested.dropFirst().prefix(40).map(\.id)
        if !forty.isEmpty {
            let decide = try run(["decide", "bench"] + forty + ["--keep-base", "--as", "CHAIR"], in: repo)
            record(Row(step: "decide (up to 40 paragraphs at once)", round: round, members: members, paragraphs: paragraphs,
                       seconds: decide.seconds, peakMB: decide.peakMB))
        }
        for (step, arguments) in [("compare --format json", ["compare", "bench", "--format", "json"]), ("status", ["status", "bench"]),
                                  ("blame --format json", ["blame", "bench", "--format", "json"])] {
            let result = try run(arguments, in: repo, allowing: [0, 1])
            record(Row(step: step, round: round, members: members, paragraphs: paragraphs, seconds: result.seconds, peakMB: result.peakMB))
        }

        // Every member pushes its branch; the chair pushes main and the consolidation.
        var pushes: [Double] = []
        for index in 0 ..< members { pushes.append(try run(["push", hub, "--as", "M\(index)"], in: repo).seconds) }
        record(Row(step: "push (median)", round: round, members: members, paragraphs: paragraphs, seconds: median(pushes)))

        let published = try run(["round", "close", "bench", "--publish", "--as", "CHAIR"], in: repo)
        record(Row(step: "round close --publish", round: round, members: members, paragraphs: paragraphs, seconds: published.seconds, peakMB: published.peakMB))
        try run(["push", hub, "--as", "CHAIR"], in: repo)
        if round < rounds { try run(["round", "open", "bench", "--as", "CHAIR", "--deadline", deadline], in: repo) }
        waitForBackgroundPacking(repo)
        print(String(format: "    repository after round %d: %.1f MB of objects", round, Double(folderBytes(repo + "/.git/objects")) / 1e6))
    }

    // The hub as members' pushes left it, then packed by `concord gc` there; the peer is one
    // `git push --all` of the same branches to a fresh bare repository.
    let hubBefore = folderBytes(hub + "/objects")
    let hubGC = try run(["gc"], in: hub)
    let peerHub = workPath + "/peer-hub.git"
    _ = try gitTime(["init", "-q", "--bare", peerHub], in: workPath)
    let gitPush = try gitTime(["push", "-q", "--all", peerHub], in: repo)
    _ = try gitTime(["push", "-q", "--tags", peerHub], in: repo)
    print(String(format: "\n  hub after %d rounds of pushes: %.1f MB; after concord gc there (%.1f s): %.1f MB; git push --all to a fresh hub (%.1f s): %.1f MB",
                 rounds, Double(hubBefore) / 1e6, hubGC.seconds, Double(folderBytes(hub + "/objects")) / 1e6, gitPush, Double(folderBytes(peerHub + "/objects")) / 1e6))

    // Pull of every branch into an empty clone, over git://, beside git fetch of the same.
    var pulls: [Double] = [], fetches: [Double] = []
    for attempt in 0 ..< 3 {
        let clone = workPath + "/clone\(attempt)", peer = workPath + "/fetched\(attempt)"
        for folder in [clone, peer] {
            try? FileManager.default.removeItem(atPath: folder)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            _ = try gitTime(["init", "-q"], in: folder)
        }
        pulls.append(try run(["pull", daemon.url("hub.git")], in: clone).seconds)
        fetches.append(try gitTime(["fetch", "-q", daemon.url("hub.git"), "+refs/heads/*:refs/remotes/hub/*", "+refs/tags/*:refs/tags/*"], in: peer))
    }
    record(Row(step: "pull into an empty clone", round: rounds, members: members, paragraphs: paragraphs, seconds: median(pulls),
               peer: "git fetch", peerSeconds: median(fetches)))

    // The repository after the rounds, against git gc --aggressive of a copy.
    waitForBackgroundPacking(repo)
    let ours = folderBytes(repo + "/.git/objects")
    let copy = workPath + "/aggressive"
    try? FileManager.default.removeItem(atPath: copy)
    _ = try gitTime(["clone", "-q", "--mirror", "--no-local", repo, copy], in: workPath)
    let aggressive = try gitTime(["gc", "-q", "--aggressive"], in: copy)
    let theirs = folderBytes(copy + "/objects")
    print(String(format: "  repository after %d rounds: %.1f MB of objects; git gc --aggressive of a copy (%.1f s): %.1f MB, ratio %.2f\n",
                 rounds, Double(ours) / 1e6, aggressive, Double(theirs) / 1e6, Double(ours) / Double(theirs)))
    rows.append(Row(step: "repository MB", round: rounds, members: members, paragraphs: paragraphs, seconds: Double(ours) / 1e6,
                    peer: "git gc --aggressive MB", peerSeconds: Double(theirs) / 1e6))
}

// MARK: - Growth laws and hard shapes

/// consolidate, status and compare in one repository, recorded as a growth point.
@MainActor func growthPoint(_ repo: String, members count: Int, paragraphs: Int, label: String) throws {
    for (step, arguments) in [("consolidate --format json", ["consolidate", "bench", "--format", "json"]), ("status", ["status", "bench"]),
                              ("compare --format json", ["compare", "bench", "--format", "json"])] {
        let result = try run(arguments, in: repo, allowing: [0, 1])
        record(Row(step: "\(label): \(step)", round: 1, members: count, paragraphs: paragraphs, seconds: result.seconds, peakMB: result.peakMB))
    }
}

@MainActor func growth() throws {
    print("growth against paragraphs (\(members) members, \(editsEach) edited each)")
    var rng = SplitMix64(seed: 7)
    let sizes = [1000, 2000, 5000, 10000, 20000].filter { $0 < paragraphs } + [paragraphs]
    var largest = ""
    for size in sizes {
        let repo = workPath + "/growth-\(size)"
        try setUpRepository(repo, draft: baseDraft(paragraphs: size, seed: 140), members: members)
        _ = try submitAll(repo, members: members, edits: editsEach, rng: &rng)
        try growthPoint(repo, members: members, paragraphs: size, label: "by paragraphs")
        largest = repo
    }
    print("growth against members (\(sizes.last ?? paragraphs) paragraphs): the same round, members' branches taken away")
    let branches = (0 ..< members).map { "refs/heads/comments/bench/M\($0)" }
    for count in [members, 100, 50, 25, 12].filter({ $0 <= members }).sorted(by: >) {
        for name in branches.dropFirst(count) { _ = try? gitTime(["update-ref", "-d", name], in: largest) }
        try growthPoint(largest, members: count, paragraphs: sizes.last ?? paragraphs, label: "by members")
    }
}

@MainActor func hardShapes() throws {
    print("hard shapes")
    var rng = SplitMix64(seed: 11)
    let everything = workPath + "/all-edited"
    try setUpRepository(everything, draft: baseDraft(paragraphs: 2000, seed: 140), members: members)
    _ = try submitAll(everything, members: members, edits: nil, rng: &rng)
    let all = try run(["consolidate", "bench", "--format", "json"], in: everything, allowing: [0, 1])
    record(Row(step: "consolidate, every paragraph edited", round: 1, members: members, paragraphs: 2000, seconds: all.seconds, peakMB: all.peakMB))
    // A clone that kept nothing of the members' files (the chair's, after a pull): each file
    // read from Git and every paragraph diffed again.
    try FileManager.default.removeItem(atPath: everything + "/.git/concord")
    let fresh = try run(["consolidate", "bench", "--format", "json"], in: everything, allowing: [0, 1])
    record(Row(step: "consolidate, every paragraph edited, nothing kept", round: 1, members: members, paragraphs: 2000,
               seconds: fresh.seconds, peakMB: fresh.peakMB))

    // One paragraph of 50,000 words, each member ending it with a word of its own.
    let long = workPath + "/long-paragraph"
    let words = (0 ..< 50_000).map { _ in Vocabulary.french.randomElement(using: &rng)! }
    try setUpRepository(long, draft: "1\tOpening.\n2\t" + words.joined(separator: " ") + ".\n3\tClosing.\n", members: members)
    let lines = try storedLines(long)
    for index in 0 ..< members {
        var text = lines
        let line = text.firstIndex { $0.contains("\t2\t") || $0.contains("} 2\t") }!
        text[line] = String(text[line].dropLast()) + " mot\(String(format: "%03d", index))."
        let file = workPath + "/long-M\(index).txt"
        try text.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        try run(["submit", "bench", file, "--as", "M\(index)"], in: long)
    }
    let longMerge = try run(["consolidate", "bench", "--format", "json"], in: long, allowing: [0, 1])
    record(Row(step: "consolidate, one 50,000-word paragraph", round: 1, members: members, paragraphs: 3, seconds: longMerge.seconds, peakMB: longMerge.peakMB))
}

do {
    if !skipLife { try groupLife() }
    try writeResults()
    if !skipShapes { try hardShapes() }
    try writeResults()
    if !skipGrowth { try growth() }
    try writeResults()
    print("\nresults: \(workPath)/results.tsv")
} catch {
    try? writeResults()
    print("concord-bench-scale: \(error)")
    exit(1)
}
