// concord-bench: times the word diff in process on hostile shapes, and `concord redline`
// against `git diff --no-index --word-diff=plain` on seed-derived drafts, in the same run.
// Usage and targets: Benchmarks/README.md.
import BenchSupport
import ConcordText
import Foundation
import TestSupport

let options = BenchOptions.parse(CommandLine.arguments.dropFirst())
print("concord-bench: \(options.runs) runs each, seed Drafts/wsis-report.txt")

let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("concord-bench-\(ProcessInfo.processInfo.processIdentifier)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { if !options.keepFiles { try? FileManager.default.removeItem(at: directory) } }

// MARK: Drafts: a pair per size, 20% of paragraphs edited.

var drafts: [(label: String, old: URL, new: URL, oldText: String, newText: String)] = []
for megabytes in options.sizes {
    let old = SeedCorpus.draft(bytes: megabytes * 1_000_000, seed: 1)
    let new = SeedCorpus.edit(old, fraction: 0.2, seed: 2)
    let oldURL = directory.appendingPathComponent("draft-\(megabytes)MB-old.txt")
    let newURL = directory.appendingPathComponent("draft-\(megabytes)MB-new.txt")
    try old.write(to: oldURL, atomically: true, encoding: .utf8)
    try new.write(to: newURL, atomically: true, encoding: .utf8)
    drafts.append(("\(megabytes) MB", oldURL, newURL, old, new))
}
print("drafts in \(directory.path)\(options.keepFiles ? " (kept)" : "")")

// MARK: In process.

print("\nin-process WordDiff.spans (median of \(options.runs))")
for draft in drafts {
    let pairs = zip(draft.oldText.split(separator: "\n"), draft.newText.split(separator: "\n"))
        .filter { $0 != $1 }.map { (String($0), String($1)) }
    let bytes = pairs.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count }
    var spanCount = 0
    let time = median(runs: options.runs) {
        spanCount = 0
        for (old, new) in pairs { spanCount += WordDiff.spans(from: old, to: new).count }
    }
    report("\(draft.label) draft, \(pairs.count) edited paragraphs (\(megabytes(bytes)))", time)
}

// The stages of a redline, in process (the command adds process start, reading the files and
// rendering): where a change of speed comes from.
print("\nin-process redline stages (median of \(options.runs))")
for draft in drafts {
    // The files' bytes in memory, as the command has them once it has mapped the files.
    let oldBytes = SourceBytes(Array(draft.oldText.utf8)), newBytes = SourceBytes(Array(draft.newText.utf8))
    var old = try DraftText(parsing: oldBytes), new = try DraftText(parsing: newBytes)
    report("\(draft.label): parse both files", median(runs: options.runs) {
        old = try! DraftText(parsing: oldBytes)
        new = try! DraftText(parsing: newBytes)
    })
    report("\(draft.label): old file indexed (DiffBase)", median(runs: options.runs) { _ = DiffBase(old) })
    let identifiedOld = old.withMissingIDsAssigned()
    report("\(draft.label): paragraph alignment", median(runs: options.runs) {
        _ = ParagraphAlignment(old: identifiedOld.paragraphs, new: new.paragraphs)
    })
    report("\(draft.label): whole ParagraphDiff", median(runs: options.runs) { _ = ParagraphDiff(from: old, to: new) })
}

// Hostile shapes: nothing in common, everything in common but the order, and one huge
// paragraph. None may go quadratic.
var rng = SplitMix64(seed: 42)
let twentyK = SeedCorpus.singleParagraph(bytes: 60_000, seed: 5)
let twentyKWords = Array(twentyK.split(separator: " ").prefix(10_000))
let paragraph20k = twentyKWords.joined(separator: " ")
let disjoint20k = twentyKWords.indices.map { "mot\($0)" }.joined(separator: " ")
let shuffled20k = twentyKWords.shuffled(using: &rng).joined(separator: " ")
let oneMB = SeedCorpus.singleParagraph(bytes: 1_000_000, seed: 6)
let oneMBWords = oneMB.split(separator: " ")
let tenMB = SeedCorpus.singleParagraph(bytes: 10_000_000, seed: 7)
let tenMBEdited = RandomText.mutated(tenMB, edits: 2_000, vocabulary: Vocabulary.french, using: &rng)

let shapes: [(String, String, String)] = [
    ("20k tokens, disjoint paragraphs", paragraph20k, disjoint20k),
    ("20k tokens, same tokens shuffled", paragraph20k, shuffled20k),
    ("1 MB paragraph, disjoint", oneMB, oneMBWords.indices.map { "w\($0)" }.joined(separator: " ")),
    ("1 MB paragraph, shuffled", oneMB, oneMBWords.shuffled(using: &rng).joined(separator: " ")),
    ("10 MB paragraph, 2,000 scattered edits", tenMB, tenMBEdited),
]
for (label, old, new) in options.skipShapes ? [] : shapes {
    var spans: [Span] = []
    let time = median(runs: options.shapeRuns) { spans = WordDiff.spans(from: old, to: new) }
    guard spans.oldText.utf8.elementsEqual(old.utf8), spans.newText.utf8.elementsEqual(new.utf8) else { fatalError("\(label): spans do not rebuild the inputs") }
    let changed = spans.filter { $0.change != .same }.reduce(0) { $0 + $1.text.utf8.count }
    report("\(label) (\(megabytes(old.utf8.count + new.utf8.count)), \(megabytes(changed)) in changes)", time)
}

// MARK: Against git, alternating runs.

guard let concord = options.concordPath ?? besideThisBinary("concord") else {
    print("\nconcord binary not found (pass --concord PATH); skipping the comparison with git")
    exit(0)
}
print("\n\(concord) redline vs git diff --word-diff (median of \(options.runs), alternating)")
do {
    // The harness's own cost, in every figure that follows: a command that does nothing.
    var baselineTimes: [Duration] = []
    for _ in 0 ..< options.runs { baselineTimes.append(try timeProcess("/bin/true", [])) }
    print("  harness: /bin/true \(milliseconds(baselineTimes.sorted()[baselineTimes.count / 2]))  (spawn and wait, no work)")
    for draft in drafts {
        var concordTimes: [Duration] = [], gitTimes: [Duration] = []
        for _ in 0 ..< options.runs {
            concordTimes.append(try timeProcess(concord, ["redline", draft.old.path, draft.new.path, "--format", "text"]))
            // git from PATH, spawned directly: through /usr/bin/env its time would include a second exec.
            gitTimes.append(try timeProcess("git", ["diff", "--no-index", "--word-diff=plain", draft.old.path, draft.new.path]))
        }
        let concordMedian = concordTimes.sorted()[concordTimes.count / 2], gitMedian = gitTimes.sorted()[gitTimes.count / 2]
        print("  \(draft.label): concord \(milliseconds(concordMedian))  git \(milliseconds(gitMedian))  "
              + "ratio concord/git \(String(format: "%.2f", seconds(concordMedian) / seconds(gitMedian)))")
    }
} catch {
    FileHandle.standardError.write(Data("concord-bench: \(error)\n".utf8))
    if !options.keepFiles { try? FileManager.default.removeItem(at: directory) }   // exit skips the defer
    exit(1)
}
