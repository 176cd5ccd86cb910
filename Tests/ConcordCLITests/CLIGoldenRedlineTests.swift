import Foundation
import Testing
import TestSupport

/// The redline of a seed-derived pair, byte for byte, in text (with and without formatting)
/// and JSON. The pair (`Golden/redline-old.txt`, `-new.txt`: the first 70 lines of the French
/// report with a word replaced, words deleted and added, an NBSP for a space, a sentence
/// appended, a paragraph moved, one deleted, one inserted and one relabelled) and the expected
/// outputs are in the repository, so that an optimisation of the diff that changes any byte
/// of what users see fails here, not in a commit message. An intended change of output
/// regenerates them with `CONCORD_UPDATE_GOLDEN=1` and shows up in review as a diff.
@Suite struct CLIGoldenRedlineTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func expectGolden(_ arguments: [String], _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // Named relative to the folder: the JSON names both files.
        let result = try run(Fixtures.concordExecutable, ["redline", "redline-old.txt", "redline-new.txt"] + arguments,
                             in: Self.folder.path)
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        let golden = Self.folder.appendingPathComponent(expected)
        if ProcessInfo.processInfo.environment["CONCORD_UPDATE_GOLDEN"] == "1" {
            try Data(result.stdout.utf8).write(to: golden)
            return
        }
        let want = try String(contentsOf: golden, encoding: .utf8)
        let firstDifference = zip(result.stdout.split(separator: "\n", omittingEmptySubsequences: false),
                                  want.split(separator: "\n", omittingEmptySubsequences: false))
            .enumerated().first { $0.element.0 != $0.element.1 }
        #expect(result.stdout.utf8.elementsEqual(want.utf8),
                "\(expected) differs at line \((firstDifference?.offset ?? -1) + 1): got \(String(describing: firstDifference?.element.0)), want \(String(describing: firstDifference?.element.1))",
                sourceLocation: sourceLocation)
    }

    @Test func text() throws { try expectGolden([], "redline.txt") }
    @Test func textWithFormatting() throws { try expectGolden(["--show-formatting"], "redline-formatting.txt") }
    @Test func json() throws { try expectGolden(["--format", "json"], "redline.json") }
}
