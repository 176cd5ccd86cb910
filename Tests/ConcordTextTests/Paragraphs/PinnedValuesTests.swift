@testable import ConcordText
import Foundation
import Testing
import TestSupport

/// Values stored in users' repositories, pinned to literals. A made id rides on every line
/// of every stored draft (`{#p24df39ec} …`) and is derived from `ContentHash`: if either
/// changed, re-importing a text would give it new ids, and every comment branch would stop
/// lining up with its base. A change here must come with a migration, never silently.
@Suite struct PinnedValuesTests {
    @Test func contentHashes() {
        #expect(ContentHash.of("") == 0x0ff2_e696_99c4_857e)
        #expect(ContentHash.of("Le Groupe") == 0xb7bd_961b_1d3b_8ca0)
        #expect(ContentHash.of("l’UIT\u{00A0}a") == 0x9fb2_d771_a42d_2364)
        #expect(ContentHash.of("国际电信联盟") == 0x73ec_c794_efe9_018f)
        #expect(ContentHash.of("RESOLUTION 140 (REV. SAMPLE)") == 0xb4c7_a4c4_fda1_0f5f)
    }

    @Test func madeIDs() {
        #expect(ParagraphID(madeFrom: 0x9ABC_DEF0).rawValue == "p9abcdef0")
        #expect(ParagraphID(madeFrom: 0xF).rawValue == "p0000000f")
        let hash = ContentHash.of("Le Groupe")
        #expect(ParagraphIdentity.newID(contentHash: hash, after: nil, taken: []).rawValue == "pc792aac3")
        #expect(ParagraphIdentity.newID(contentHash: hash, after: ParagraphID(rawValue: "p9abcdef0"), taken: []).rawValue == "pffa95e01")
    }

    /// The ids the sample drafts get on import, as repositories made from them hold them.
    @Test func idsOfTheSampleDrafts() throws {
        func ids(_ name: String, first count: Int) throws -> [String] {
            let bytes = Array(try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent("Drafts/\(name)")))
            return try DraftText(parsing: bytes).withMissingIDsAssigned().paragraphs.prefix(count).map { $0.id!.rawValue }
        }
        #expect(try ids("res140.txt", first: 26) == [
            "pababb7b0", "pc405e602", "pd8adc2ce", "p25f91ba4", "pc1601457", "p79b35c67", "pe91f57b5", "paec5ac8f", "p451a5106",
            "pcbbfe2bd", "p9f15b841", "p284631c9", "pb18d87e3", "p9dcc61e4", "p425c5754", "pdb9f2d8c", "p3df1fdd1", "pe06f0e80",
            "p60527aa6", "pf17bd964", "pe4aeb6c9", "p1cb2a70c", "p8fd8de7c", "p20f28275", "pb50dbfc3", "pc38ff9dc",
        ])
        #expect(try ids("wsis-report.txt", first: 8) == [
            "pc89e1d88", "p6bb343cd", "p0fc618eb", "p16b77ea4", "p763ec9aa", "pe8323a87", "pc04de7c8", "pe6af2e4f",
        ])
    }
}
