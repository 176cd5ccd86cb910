import ConcordText
@testable import ConcordRender
import Testing
import TestSupport

/// `blame --format json` is written by `PrettyJSONWriter`; `JSONEncoder` of the same
/// `BlameReport.Report` (as `DraftJSON.encode` writes it) is the oracle, on random reports
/// with every optional field present or not and texts that need escaping.
@Suite struct BlameJSONTests {
    static func report(using rng: inout SplitMix64) -> BlameReport.Report {
        func text() -> String { PrettyJSONWriterTests.text(using: &rng) }
        func maybe<T>(_ make: () -> T) -> T? { Bool.random(using: &rng) ? make() : nil }
        func members() -> [String] { (0 ..< Int.random(in: 0 ... 3, using: &rng)).map { _ in ["RUS", "CEPT", "a\"b", "é"].randomElement(using: &rng)! } }
        func commits() -> [String: String] { Dictionary(members().map { ($0, text()) }) { first, _ in first } }
        let paragraphs = (0 ..< Int.random(in: 0 ... 5, using: &rng)).map { index in
            BlameReport.ParagraphEntry(
                id: "p\(index)", label: maybe(text), status: ["unchanged", "amended", "conflict"].randomElement(using: &rng)!,
                spans: (0 ..< Int.random(in: 0 ... 4, using: &rng)).map { _ in
                    BlameReport.Entry(text: text(), change: [.same, .insert, .delete].randomElement(using: &rng)!, by: members(),
                                      round: Int.random(in: 0 ... 9, using: &rng), commits: commits())
                },
                facts: (0 ..< Int.random(in: 0 ... 2, using: &rng)).map { _ in ReportFact(kind: .reason, sentence: text()) },
                decision: maybe {
                    ConsolidationReport.DecisionJSON(paragraph: maybe(text), outcome: text(), member: maybe(text), text: maybe(text),
                                                     by: text(), at: text(), reason: maybe(text), outdated: maybe { Bool.random(using: &rng) })
                })
        }
        return BlameReport.Report(draft: text(), round: Int.random(in: 1 ... 9, using: &rng), base: text(),
                                  admittedLate: maybe(commits), coSponsors: maybe { Dictionary(members().map { ($0, members()) }) { first, _ in first } },
                                  paragraphs: paragraphs)
    }

    @Test func writesWhatTheEncoderWrites() throws {
        let seed = UInt64.random(in: 0 ... .max)
        var rng = SplitMix64(seed: seed)
        for _ in 0 ..< 300 {
            let report = Self.report(using: &rng)
            let expected = try DraftJSON.encode(report)
            let written = String(decoding: BlameReport.jsonBytes(report), as: UTF8.self)
            guard Array(written.utf8) == Array(expected.utf8) else {
                Issue.record("seed \(seed): \(written) != \(expected)")
                return
            }
        }
    }
}
