import Foundation
import Testing
import TestSupport

/// Packing the repository with git gc: explicitly (`concord gc`) and behind writing commands.
@Suite struct CLIMaintenanceTests {
    func looseObjects(in repo: String) -> Int {
        let objects = repo + "/.git/objects"
        return ((try? FileManager.default.contentsOfDirectory(atPath: objects)) ?? [])
            .filter { $0.count == 2 }
            .reduce(0) { $0 + ((try? FileManager.default.contentsOfDirectory(atPath: "\(objects)/\($1)").count) ?? 0) }
    }

    func packs(in repo: String) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: repo + "/.git/objects/pack")) ?? []).filter { $0.hasSuffix(".pack") }.count
    }

    func submitTwo(_ scenario: DraftingScenario) throws {
        let cept = try scenario.editedDraft("cept.txt") { $0.replace("to take a leading role", with: "to play a leading role") }
        let citel = try scenario.editedDraft("citel.txt") { $0.replace("Information Society (UNGIS),", with: "Information Society (UNGIS) and ITU-D,") }
        try scenario.expectSuccess(["submit", "res140", cept, "--as", "CEPT"])
        try scenario.expectSuccess(["submit", "res140", citel, "--as", "CITEL"])
    }

    @Test func gcPacksEveryLooseObjectAndChangesNoRecord() throws {
        let scenario = try DraftingScenario()
        try submitTwo(scenario)
        let before = try scenario.concord(["consolidate", "res140", "--format", "json"]).stdout
        #expect(looseObjects(in: scenario.repo) > 0)
        let result = try scenario.concord(["gc"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("After:  0 loose object(s)"), "\(result.stdout)")
        #expect(looseObjects(in: scenario.repo) == 0)
        #expect(packs(in: scenario.repo) == 1)
        #expect(try scenario.concord(["consolidate", "res140", "--format", "json"]).stdout == before)
        #expect(try git(["fsck", "--strict"], in: scenario.repo).status == 0)
    }

    /// With a threshold of one loose object, the next write packs in the background (a write
    /// while that runs stays loose until the one after: one `git gc` runs at a time).
    @Test func aWriteStartsPackingWhenLooseObjectsPassTheThreshold() throws {
        let scenario = try DraftingScenario()
        #expect(try git(["config", "concord.autoPackObjects", "1"], in: scenario.repo).status == 0)
        let cept = try scenario.editedDraft("cept.txt") { $0.replace("to take a leading role", with: "to play a leading role") }
        try scenario.expectSuccess(["submit", "res140", cept, "--as", "CEPT"])
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, looseObjects(in: scenario.repo) > 0 || FileManager.default.fileExists(atPath: scenario.repo + "/.git/gc.pid") {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(looseObjects(in: scenario.repo) == 0, "git gc did not run in the background")
        #expect(packs(in: scenario.repo) >= 1)
        #expect(try scenario.concord(["status", "res140"]).stdout.contains("CEPT"))
    }

    @Test func gcIsOffWhenTheThresholdIsZero() throws {
        let scenario = try DraftingScenario()
        #expect(try git(["config", "concord.autoPackObjects", "0"], in: scenario.repo).status == 0)
        try submitTwo(scenario)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(looseObjects(in: scenario.repo) > 0)
        #expect(packs(in: scenario.repo) == 0)
    }

    /// submit keeps the lines it changed (and their redlines) for the round's commands;
    /// publishing the round drops them with the base they were read against.
    @Test func theLinePatchesOfARoundGoWhenItIsPublished() throws {
        let scenario = try DraftingScenario()
        #expect(try git(["config", "concord.autoPackObjects", "0"], in: scenario.repo).status == 0)
        try submitTwo(scenario)
        let cache = scenario.repo + "/.git/concord/line-patches"
        let bases = (try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []
        #expect(bases.count == 1)
        let entries = bases.first.map { ((try? FileManager.default.contentsOfDirectory(atPath: cache + "/" + $0)) ?? []).sorted() } ?? []
        #expect(entries.count == 6 && entries.filter { $0.hasSuffix(".touched") }.count == 2 && entries.filter { $0.hasSuffix(".redlines") }.count == 2,
                "one patch, one list of touched paragraphs and the redlines per submission: \(entries)")
        let before = try scenario.concord(["consolidate", "res140"]).stdout
        let status = try scenario.concord(["status", "res140", "--format", "json"]).stdout
        #expect(status.contains("CEPT") && status.contains("CITEL"), "\(status)")
        // A damaged entry is read from Git again, never trusted.
        for base in bases {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: cache + "/" + base)) ?? [] {
                let garbage = entry.hasSuffix(".touched") ? "concord-touched 1 2\nMOD p00000000\n" : "concord-line-patch 1\n@ 0 1 1\ngarbage"
                try Data(garbage.utf8).write(to: URL(fileURLWithPath: cache + "/" + base + "/" + entry))
            }
        }
        #expect(try scenario.concord(["consolidate", "res140"]).stdout == before)
        // A damaged list is not read: status reads the submission again, and keeps it anew.
        #expect(try scenario.concord(["status", "res140", "--format", "json"]).stdout == status)
        // Without any cache, the same status and consolidation: the cache changes no record.
        try FileManager.default.removeItem(atPath: cache)
        #expect(try scenario.concord(["status", "res140", "--format", "json"]).stdout == status)
        #expect(try scenario.concord(["consolidate", "res140"]).stdout == before)
        try scenario.expectSuccess(["round", "close", "res140", "--publish", "--as", "CHAIR"])
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []).isEmpty)
    }
}
