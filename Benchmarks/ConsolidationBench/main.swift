// Consolidation at the scale of the ITU: 193 members × a 2,000-paragraph draft, each member
// editing 5% of the paragraphs. Builds a real drafting repository with the `concord` binary
// (members, a round, one submission each), then times `concord consolidate --format json`
// (wall time and peak memory) beside N successive `git merge-file` runs over the same
// paragraph-per-line files, in the same run. Then the Word documents of the same round:
// `concord export --docx` of the consolidation, and reading one member's Word document
// (`draft import`) beside `pandoc -f docx -t plain --track-changes=accept` on the same file.
// Setup is not timed.
//
//   make release && .build/release/concord-bench-consolidation [--members 193] [--paragraphs 2000] [--runs 3] [--keep]
//   … --rounds 10   (then nine more rounds, each published with its open conflicts: blame at the
//                    last revision, and a member's round-1 file carried onto it, against a fresh submit)
//   .build/release/concord-bench-consolidation --reuse DIR   (the timings again on a setup kept by --keep)
//   … --edited 100   (the share of paragraphs each member edits, in percent; 5 by default)
//   … --edits-each 1   (instead: each member edits exactly this many paragraphs, at random)
//   … --unsynced-concord PATH   (every other submission made by PATH, a concord built without syncing to disk)
import BenchSupport
import ConcordText
import ConcordWord
import Foundation
import TestSupport

var members = 193, paragraphs = 2000, runs = 3, editedShare = 0.05, keep = false, rounds = 1
var editsEach: Int?
var reused: String?
var unsynced: String?
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    if flag == "--keep" { keep = true; continue }
    guard let value = arguments.popFirst() else { break }
    switch flag {
    case "--members": members = Int(value) ?? members
    case "--paragraphs": paragraphs = Int(value) ?? paragraphs
    case "--runs": runs = Int(value) ?? runs
    case "--rounds": rounds = Int(value) ?? rounds
    case "--edited": editedShare = (Double(value) ?? editedShare * 100) / 100
    case "--edits-each": editsEach = Int(value)
    case "--reuse": reused = value; keep = true
    case "--unsynced-concord": unsynced = value
    default: FileHandle.standardError.write(Data("unknown option \(flag)\n".utf8)); exit(2)
    }
}

let binary = Bundle.main.executableURL!.deletingLastPathComponent()
let concord = binary.appendingPathComponent("concord").path
guard FileManager.default.isExecutableFile(atPath: concord) else {
    print("concord-bench-consolidation: build concord first (make release)"); exit(2)
}
let work = reused.map { URL(fileURLWithPath: $0) }
    ?? FileManager.default.temporaryDirectory.appendingPathComponent("concord-consolidation-\(getpid())")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { if keep { print("kept \(work.path)") } else { try? FileManager.default.removeItem(at: work) } }
let repo = work.appendingPathComponent("drafts").path
let environment = ["GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org", "CONCORD_NOW": "2022-02-01T10:00:00Z"]

@discardableResult
func measure(_ executable: String, _ arguments: [String], in directory: String? = nil, output: String? = nil) throws -> Spawned {
    try spawn(executable, arguments, in: directory, environment: environment, output: output ?? "/dev/null", discardingErrors: true)
}

/// Peak resident memory of one run, in kilobytes (see `measured`).
func peakMemoryKB(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> Int? {
    try measured(executable, arguments, in: directory, environment: environment, scratch: work.path).peakMB.map { Int($0 * 1024) }
}

func must(_ result: Spawned, _ what: String) {
    guard result.status == 0 else { print("setup failed: \(what) exited \(result.status)"); exit(1) }
}


let storedPath = work.appendingPathComponent("stored.txt").path
var memberFiles: [String] = []
if reused == nil {
    try setUp()
} else {
    // A kept setup: the members are the M<n>.txt files beside the repository.
    members = 0
    while FileManager.default.fileExists(atPath: work.appendingPathComponent("M\(members).txt").path) {
        memberFiles.append(work.appendingPathComponent("M\(members).txt").path)
        members += 1
    }
    print("concord-bench-consolidation: the setup kept in \(work.path), \(members) members")
}

/// Builds the repository: a base draft of `paragraphs` seed-derived paragraphs, the
/// members, a round and one submission per member, timing each submission.
@MainActor func setUp() throws {
    var rng = SplitMix64(seed: 140)
    let baseLines = (0..<paragraphs).map { index in "\(index / 20 + 1).\(index % 20 + 1)\t" + SeedCorpus.paragraphs.randomElement(using: &rng)! }
    let basePath = work.appendingPathComponent("base.txt").path
    try (baseLines.joined(separator: "\n") + "\n").write(toFile: basePath, atomically: true, encoding: .utf8)

    print("concord-bench-consolidation: \(members) members × \(paragraphs) paragraphs, " + (editsEach.map { "\($0) edited each" } ?? "\(Int(editedShare * 100))% edited each"))
    print("setting up a drafting repository (not timed)…")
    must(try measure(concord, ["init", repo]), "init")
    must(try measure(concord, ["draft", "import", "bench", basePath], in: repo), "import")
    must(try measure(concord, ["member", "add", "CHAIR", "--name", "Chair", "--kind", "chair"], in: repo), "member add")
    must(try measure(concord, ["round", "open", "bench", "--as", "CHAIR", "--deadline", "2022-02-18T23:59:00+01:00"], in: repo), "round open")
    must(try measure(concord, ["draft", "show", "bench"], in: repo, output: storedPath), "draft show")
    let stored = try String(contentsOfFile: storedPath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

    // With --unsynced-concord, odd members submit through the build that does not sync to
    // disk: the two alternate on the same repository, so both see the same load and size.
    var submitTimes: [Double] = [], unsyncedTimes: [Double] = []
    for index in 0..<members {
        let id = "M\(index)"
        must(try measure(concord, ["member", "add", id, "--name", "Member \(index)"], in: repo), "member add \(id)")
        var lines = stored
        // Either a share of the paragraphs, or exactly `--edits-each` of them at random.
        let editable = lines.indices.filter { lines[$0].contains("\t") }
        let edited = editsEach.map { count in Set((0..<count).map { _ in editable.randomElement(using: &rng)! }) }
        for line in lines.indices where !lines[line].isEmpty
            && (edited.map { $0.contains(line) } ?? (Double.random(in: 0..<1, using: &rng) < editedShare)) {
            // Edit the text after the `{#id} label<TAB>` head, keeping the id.
            guard let tab = lines[line].firstIndex(of: "\t") else { continue }
            let head = lines[line][...tab], body = String(lines[line][lines[line].index(after: tab)...])
            // Mutated again when the edit only moved spaces: `submit` refuses a text that changes nothing.
            var mutated = body
            while mutated.split(whereSeparator: \.isWhitespace) == body.split(whereSeparator: \.isWhitespace) {
                mutated = RandomText.mutated(body, edits: 2, vocabulary: Vocabulary.french, using: &rng)
            }
            lines[line] = head + mutated
        }
        let file = work.appendingPathComponent("\(id).txt").path
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        memberFiles.append(file)
        let submitter = unsynced.flatMap { index % 2 == 1 ? $0 : nil } ?? concord
        let submitted = try measure(submitter, ["submit", "bench", file, "--as", id], in: repo)
        must(submitted, "submit \(id)")
        if submitter == concord { submitTimes.append(seconds(submitted.elapsed)) } else { unsyncedTimes.append(seconds(submitted.elapsed)) }
    }
    print(String(format: "one submission (concord submit, whole process): median %.1f ms, max %.1f ms",
                 submitTimes.sorted()[submitTimes.count / 2] * 1000, (submitTimes.max() ?? 0) * 1000))
    if !unsyncedTimes.isEmpty {
        let synced = submitTimes.sorted()[submitTimes.count / 2], bare = unsyncedTimes.sorted()[unsyncedTimes.count / 2]
        print(String(format: "  the same, not synced to disk (%d submissions): median %.1f ms, max %.1f ms; syncing costs %.1f ms (%.0f%%)",
                     unsyncedTimes.count, bare * 1000, (unsyncedTimes.max() ?? 0) * 1000, (synced - bare) * 1000, (synced / bare - 1) * 100))
    }
}

// The text core's share, in process: what every member costs without Git and rendering.
print("\nin-process stages, text core only (median of \(runs))")
let baseText = try DraftText(parsing: Array(FileManager.default.contents(atPath: storedPath)!))
let diffBase = DiffBase(baseText)   // as `concord consolidate` prepares it, once for every member
let memberBytes = try memberFiles.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
@MainActor func stage(_ label: String, _ body: () throws -> Void) rethrows {
    var times: [Double] = []
    for _ in 0..<runs {
        let clock = ContinuousClock(), start = clock.now
        try body()
        times.append(seconds(clock.now - start))
    }
    print(String(format: "  %8.1f ms  %@", times.sorted()[times.count / 2] * 1000, label))
}
var memberTexts: [DraftText] = []
try stage("parse \(members) member texts against the base") {
    memberTexts = try memberBytes.map { try DraftText(parsing: $0, reusingParagraphsOf: diffBase) }
}
var memberDiffs: [ParagraphDiff] = []
stage("\(members) paragraph diffs against the base") {
    memberDiffs = memberTexts.map { ParagraphDiff(from: diffBase, to: $0) }
}
stage("N-way merge (Consolidator)") {
    _ = Consolidator.consolidate(base: baseText, proposals: memberDiffs.enumerated().map {
        MemberProposal(member: "M\($0.offset)", diff: $0.element)
    })
}
memberTexts = []
memberDiffs = []

print("\nconcord consolidate --format json (median of \(runs))")
var times: [Double] = [], peaks: [Int] = []
var gitTimes: [Double] = []
for _ in 0..<runs {
    let result = try measure(concord, ["consolidate", "bench", "--format", "json"], in: repo)
    guard result.status == 0 || result.status == 1 else { print("consolidate exited \(result.status)"); exit(1) }
    times.append(seconds(result.elapsed))
    // A second run for the memory, untimed: through time, the timing would include time's own start.
    if let peak = try peakMemoryKB(concord, ["consolidate", "bench", "--format", "json"], in: repo) { peaks.append(peak) }
    // The same inputs through git merge-file, one member after another.
    let current = work.appendingPathComponent("current.txt").path
    try? FileManager.default.removeItem(atPath: current)
    try FileManager.default.copyItem(atPath: storedPath, toPath: current)
    // Only the merges are timed: moving each result into place is the harness's work, not git's.
    var mergeTime = 0.0
    for file in memberFiles {
        let merged = work.appendingPathComponent("merged.txt").path
        let result = try measure("/usr/bin/git", ["merge-file", "-p", current, storedPath, file], output: merged)
        // Its exit status is the number of conflicts (at most 127); above that, an error.
        guard result.status <= 127 else { print("git merge-file exited \(result.status)"); exit(1) }
        mergeTime += seconds(result.elapsed)
        try FileManager.default.removeItem(atPath: current)
        try FileManager.default.moveItem(atPath: merged, toPath: current)
    }
    gitTimes.append(mergeTime)
}
let concordTime = times.sorted()[times.count / 2], gitTime = gitTimes.sorted()[gitTimes.count / 2]
print(String(format: "  concord consolidate: %8.1f ms, peak memory %@", concordTime * 1000,
             peaks.max().map { String(format: "%.0f MB", Double($0) / 1024) } ?? "unknown (no /usr/bin/time)"))
print(String(format: "  %d × git merge-file:  %8.1f ms", members, gitTime * 1000))
print(String(format: "  ratio concord/git: %.2f", concordTime / gitTime))

// The Word documents of the round: the chair's export, and reading a member's document.
print("\nWord documents (median of \(runs))")
let consolidatedDocx = work.appendingPathComponent("consolidated.docx").path
var exportTimes: [Double] = [], exportPeaks: [Int] = []
for _ in 0..<runs {
    let result = try measure(concord, ["export", "bench", "--docx", consolidatedDocx], in: repo)
    must(result, "export --docx")
    exportTimes.append(seconds(result.elapsed))
    if let peak = try peakMemoryKB(concord, ["export", "bench", "--docx", consolidatedDocx], in: repo) { exportPeaks.append(peak) }
}
print(String(format: "  concord export --docx (%d members × %d paragraphs): %8.1f ms, peak memory %@", members, paragraphs,
             exportTimes.sorted()[runs / 2] * 1000, exportPeaks.max().map { String(format: "%.0f MB", Double($0) / 1024) } ?? "unknown"))

let memberDocx = work.appendingPathComponent("M0.docx").path
must(try measure(concord, ["export", "bench", "--docx", memberDocx, "--member", "M0"], in: repo), "export --member")
let package = try WordPackage(reading: Array(try Data(contentsOf: URL(fileURLWithPath: memberDocx))), named: memberDocx)
let documentXML = String(decoding: try package.parts([WordPackage.documentPath])[WordPackage.documentPath]!, as: UTF8.self)
let trackedChanges = documentXML.components(separatedBy: "<w:ins ").count + documentXML.components(separatedBy: "<w:del ").count - 2
var importTimes: [Double] = [], pandocTimes: [Double] = []
let pandoc = ["/usr/bin/pandoc", "/usr/local/bin/pandoc"].first { FileManager.default.isExecutableFile(atPath: $0) }
for run in 0..<runs {
    let imported = try measure(concord, ["draft", "import", "word\(run)-\(getpid())", memberDocx], in: repo)
    must(imported, "draft import of a .docx")
    importTimes.append(seconds(imported.elapsed))
    if let pandoc { pandocTimes.append(seconds(try measure(pandoc, ["-f", "docx", "-t", "plain", "--track-changes=accept", memberDocx]).elapsed)) }
}
let importTime = importTimes.sorted()[runs / 2]
print(String(format: "  concord draft import of a %d-paragraph .docx with %d tracked changes: %8.1f ms", paragraphs, trackedChanges, importTime * 1000))
if !pandocTimes.isEmpty {
    let pandocTime = pandocTimes.sorted()[runs / 2]
    print(String(format: "  pandoc -f docx -t plain --track-changes=accept:                 %8.1f ms", pandocTime * 1000))
    print(String(format: "  ratio concord/pandoc: %.2f", importTime / pandocTime))
} else {
    print("  (pandoc not installed: no ratio)")
}

// Rounds across revisions: publish, open the next round, every member submits again (its
// file edited from the new text), up to `rounds` revisions. Then blame at the last one, and a
// round-1 file submitted again (stale: its changes carried) against a fresh submission.
if rounds > 1 && reused == nil {
    print("\nrounds across revisions: \(rounds) revisions of \(members) members (setup not timed)…")
    var rng = SplitMix64(seed: 1400)
    for round in 1 ..< rounds {
        must(try measure(concord, ["round", "close", "bench", "--publish", "--as", "CHAIR"], in: repo), "publish Rev.\(round)")
        must(try measure(concord, ["round", "open", "bench", "--deadline", "2022-02-18T23:59:00+01:00", "--as", "CHAIR"], in: repo), "round open")
        if round == rounds - 1 { break }
        let current = work.appendingPathComponent("current.txt").path
        must(try measure(concord, ["draft", "show", "bench"], in: repo, output: current), "draft show")
        let stored = try String(contentsOfFile: current, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in 0 ..< members {
            var lines = stored
            // Either a share of the paragraphs, or exactly `--edits-each` of them at random.
        let editable = lines.indices.filter { lines[$0].contains("\t") }
        let edited = editsEach.map { count in Set((0..<count).map { _ in editable.randomElement(using: &rng)! }) }
        for line in lines.indices where !lines[line].isEmpty
            && (edited.map { $0.contains(line) } ?? (Double.random(in: 0..<1, using: &rng) < editedShare)) {
                guard let tab = lines[line].firstIndex(of: "\t") else { continue }
                lines[line] = lines[line][...tab] + RandomText.mutated(String(lines[line][lines[line].index(after: tab)...]), edits: 2,
                                                                       vocabulary: Vocabulary.french, using: &rng)
            }
            let file = work.appendingPathComponent("R\(round + 1)-M\(index).txt").path
            try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
            must(try measure(concord, ["submit", "bench", file, "--as", "M\(index)"], in: repo), "submit round \(round + 1)")
        }
    }
    var blameTimes: [Double] = []
    for _ in 0 ..< runs {
        let result = try measure(concord, ["blame", "bench", "--at", "Rev.\(rounds - 1)", "--format", "json"], in: repo)
        must(result, "blame")
        blameTimes.append(seconds(result.elapsed))
    }
    print(String(format: "  concord blame --at Rev.%d (%d members × %d paragraphs a round): %8.1f ms", rounds - 1, members, paragraphs,
                 blameTimes.sorted()[runs / 2] * 1000))
    // The last round is open with no submissions: M0's round-1 file is stale, M1 submits fresh.
    let fresh = work.appendingPathComponent("fresh.txt").path
    must(try measure(concord, ["draft", "show", "bench"], in: repo, output: fresh), "draft show")
    var freshLines = try String(contentsOfFile: fresh, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if let line = freshLines.indices.first(where: { freshLines[$0].contains("\t") }) { freshLines[line] += " modifié" }
    try freshLines.joined(separator: "\n").write(toFile: fresh, atomically: true, encoding: .utf8)
    let freshSubmit = try measure(concord, ["submit", "bench", fresh, "--as", "M1"], in: repo)
    let clashing = try measure(concord, ["submit", "bench", memberFiles[0], "--as", "M0"], in: repo)
    // Round 1's base with one paragraph edited that no round changed since: carried, no clash.
    let current = Set(freshLines)
    var staleLines = try String(contentsOfFile: storedPath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if let line = staleLines.indices.first(where: { staleLines[$0].contains("\t") && current.contains(staleLines[$0]) }) { staleLines[line] += " modifié" }
    let stale = work.appendingPathComponent("stale.txt").path
    try staleLines.joined(separator: "\n").write(toFile: stale, atomically: true, encoding: .utf8)
    let carried = try measure(concord, ["submit", "bench", stale, "--as", "M2"], in: repo)
    must(carried, "carried submit")
    print(String(format: "  a fresh submit: %.1f ms; a round-1 file carried onto Rev.%d: %.1f ms (ratio %.2f); "
                 + "one refused on a clash: %.1f ms (exit %d)",
                 seconds(freshSubmit.elapsed) * 1000, rounds - 1, seconds(carried.elapsed) * 1000,
                 seconds(carried.elapsed) / seconds(freshSubmit.elapsed), seconds(clashing.elapsed) * 1000, clashing.status))
}
