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

    @Test func dateTimesAreReadAsRFC3339AndWrittenInUTC() throws {
        // The instants, checked against ISO8601DateFormatter, which the reader replaces.
        let cases: [(String, TimeInterval)] = [
            ("2022-02-18T23:59:00+01:00", 1_645_225_140), ("2022-02-18T22:59:00Z", 1_645_225_140),
            ("2022-02-18T23:59:00-03:30", 1_645_241_340), ("2024-02-29T00:00:00Z", 1_709_164_800),
            ("1999-12-31T23:59:59+14:00", 946_634_399), ("2022-02-18t22:59:00z", 1_645_225_140),
        ]
        let reference = ISO8601DateFormatter()
        for (text, seconds) in cases {
            let deadline = try #require(Deadline(text), "\(text)")
            #expect(deadline.instant.timeIntervalSince1970 == seconds, "\(text)")
            if text.uppercased() == text { #expect(reference.date(from: text)?.timeIntervalSince1970 == seconds, "\(text)") }
        }
        #expect(Deadline("2022-02-18T22:59:00.250Z")?.instant.timeIntervalSince1970 == 1_645_225_140.25)
        for bad in ["2022-02-18T22:59:00", "2022-02-18 22:59:00Z", "2022-13-18T22:59:00Z", "2022-02-18T24:00:00Z",
                    "2022-02-18T22:59:00+0100", "2022-02-18T22:59:00Zjunk", "2022-02-18T22:59:00.Z", "22-02-18T22:59:00Z"] {
            #expect(Deadline(bad) == nil, "\(bad)")
        }
        #expect(timestamp(Date(timeIntervalSince1970: 1_645_225_140)) == "2022-02-18T22:59:00Z")
        #expect(timestamp(Date(timeIntervalSince1970: 946_684_799.9)) == "1999-12-31T23:59:59Z")
        #expect(timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    }

    @Test func commentBranchesAreLegalReferences() {
        let branch = CommentBranch(draft: DraftID("res140")!, member: MemberID("RUS")!)
        #expect(branch.reference == "refs/heads/comments/res140/RUS")
    }
}
