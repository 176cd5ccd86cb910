import ConcordDrafting
import ConcordText
import Foundation
import Testing

/// The small values of the workflow: ids, deadlines, and the TOML records kept in Git.
@Suite struct RecordsTests {
    @Test func memberIDsAreITUSymbolsAndNothingElse() {
        for good in ["F", "USA", "RUS", "B", "CEPT", "APT", "G-77", "ITU_R"] { #expect(MemberID(good) != nil, "\(good)") }
        for bad in ["", "../x", "refs/heads/main", "A B", "1X", "-X", "X/Y", "É", String(repeating: "A", count: 17)] {
            #expect(MemberID(bad) == nil, "\(bad)")
        }
    }

    @Test func deadlinesNeedAZoneAndIncludeTheirLastSecond() throws {
        #expect(Deadline("2022-02-18T23:59:00") == nil)
        #expect(Deadline("18/02/2022 23:59") == nil)
        let deadline = try #require(Deadline("2022-02-18T23:59:00+01:00"))
        #expect(deadline.text == "2022-02-18T23:59:00+01:00")
        let utc = try #require(Deadline("2022-02-18T22:59:00Z"))
        #expect(deadline.instant == utc.instant)
        #expect(deadline.admits(utc.instant))
        #expect(!deadline.admits(utc.instant.addingTimeInterval(1)))
        #expect(deadline.timeLeft(at: utc.instant.addingTimeInterval(-90_000)) == "1 day 1 hour left")
        #expect(deadline.timeLeft(at: utc.instant.addingTimeInterval(120)) == "passed 2 minutes ago")
    }

    @Test func commentBranchesAreLegalReferences() {
        let branch = CommentBranch(draft: DraftID("res140")!, member: MemberID("RUS")!)
        #expect(branch.reference == "refs/heads/comments/res140/RUS")
    }
}
