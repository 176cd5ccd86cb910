import Foundation
import Testing
import TestSupport

/// The word diffs of a member's edited paragraphs are kept beside its line patch
/// (`StoredRedlines`): by `submit`, or by the first command that reads the file. Whatever is
/// kept, missing, damaged or kept for another file, every report is the one diffing again
/// gives.
@Suite struct CLIKeptRedlinesTests {
    /// RUS, CEPT and CITEL each edit paragraphs in place; CEPT and CITEL compete on one.
    func submitted() throws -> DraftingScenario {
        let scenario = try DraftingScenario()
        try scenario.submitCompetingEditsInPlace()
        return scenario
    }

    /// The kept redlines of `member`'s file.
    func redlinesFile(of member: String, in scenario: DraftingScenario) throws -> String {
        let blob = try git(["rev-parse", "comments/res140/\(member):Drafts/res140.txt"], in: scenario.repo).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let folder = scenario.repo + "/.git/concord/line-patches"
        let bases = try FileManager.default.contentsOfDirectory(atPath: folder)
        return try #require(bases.map { "\(folder)/\($0)/\(blob).redlines" }.first { FileManager.default.fileExists(atPath: $0) },
                            "no redlines kept for \(member)")
    }

    /// Every report a chair reads of the round, in one string.
    func reports(_ scenario: DraftingScenario) throws -> String {
        try [["consolidate", "res140", "--format", "json"], ["consolidate", "res140"], ["compare", "res140", "--format", "json"]].map { arguments in
            let result = try scenario.concord(arguments)
            #expect(result.status <= 1, "\(arguments): \(result.stderr)")
            return result.stdout
        }.joined(separator: "\n")
    }

    @Test func keptMissingDamagedOrMismatchedRedlinesGiveTheSameReports() throws {
        let scenario = try submitted()
        let members = ["RUS", "CEPT", "CITEL"]
        let files = try members.map { try redlinesFile(of: $0, in: scenario) }
        let kept = try reports(scenario)
        #expect(kept.contains("UNESCO") && kept.contains("ITU-D") && kept.contains("play a leading role"))

        for file in files { try FileManager.default.removeItem(atPath: file) }
        #expect(try reports(scenario) == kept, "diffed again")
        #expect(files.allSatisfy { FileManager.default.fileExists(atPath: $0) }, "the first reading keeps them again")

        for file in files {
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            bytes[bytes.count - 1] ^= 0x01
            try Data(bytes).write(to: URL(fileURLWithPath: file))
        }
        #expect(try reports(scenario) == kept, "damaged")

        // Each member given another's redlines: a well-formed file whose places fit other texts.
        for file in files { try FileManager.default.removeItem(atPath: file) }
        _ = try reports(scenario)
        let contents = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        for (index, file) in files.enumerated() { try contents[(index + 1) % files.count].write(to: URL(fileURLWithPath: file)) }
        #expect(try reports(scenario) == kept, "kept for another file")
    }
}
