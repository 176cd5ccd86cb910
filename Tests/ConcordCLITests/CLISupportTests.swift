import Foundation
import Testing
import TestSupport

@Suite struct CLISupportTests {
    /// A support is recorded on the supporter's comment branch; `status` must still say when
    /// the supporter last submitted, not when it supported.
    @Test func supportingLeavesTheSupportersSubmissionTimeAlone() throws {
        let scenario = try DraftingScenario()
        let rus = try scenario.editedDraft("rus.txt") { $0.replace("the need for close coordination", with: "the need for closer coordination") }
        let france = try scenario.editedDraft("f.txt") { $0.replace("the annual WSIS Forum organized", with: "the yearly WSIS Forum organized") }
        #expect(try scenario.concord(["submit", "res140", rus, "--as", "RUS"], now: "2022-02-01T10:00:00Z").status == 0)
        #expect(try scenario.concord(["submit", "res140", france, "--as", "F"], now: "2022-02-02T10:00:00Z").status == 0)
        let supported = try scenario.concord(["support", "res140", "noting b)", "--as", "RUS", "--proposal", "F"], now: "2022-02-05T10:00:00Z")
        #expect(supported.status == 0, "\(supported.stderr)")
        let status = try scenario.concord(["status", "res140", "--format", "json"], now: "2022-02-06T10:00:00Z")
        let record = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let members = record?["members"] as? [[String: Any]] ?? []
        let russia = members.first { $0["member"] as? String == "RUS" }
        #expect((russia?["when"] as? String)?.hasPrefix("2022-02-01") == true, "\(String(describing: russia))")
        #expect((russia?["supports"] as? [Any])?.count == 1)
    }
}
