import PropertyBased
import Testing
@testable import ConcordText
import TestSupport

/// Carrying a member's text from an earlier revision onto the current one.
@Suite struct CarriedTextTests {
    static func draft(_ lines: [(String, String)]) -> DraftText {
        try! DraftText(parsing: Array(lines.map { "{#\($0.0)} \($0.1)" }.joined(separator: "\n").utf8 + [10]))
    }

    static let words = ["the", "Council", "shall", "continue", "to", "take", "a", "leading", "role", "in", "WSIS",
                        "l’UIT", "mise", "en", "œuvre", "des", "résultats", "决议", "الاتحاد", "Союз"]

    /// Words joined by spaces, starting with a word (no label, no indentation): consolidation
    /// leaves labels and formatting-only changes aside by design, so the property is about words.
    static func text(_ count: Int, using rng: inout SplitMix64) -> [String] {
        (0 ..< count).map { _ in words.randomElement(using: &rng)! }
    }

    /// A word replaced, inserted or deleted, `edits` times.
    static func edited(_ words: [String], edits: Int, using rng: inout SplitMix64) -> [String] {
        var words = words
        for _ in 0 ..< edits {
            let index = Int.random(in: 0 ..< words.count, using: &rng)
            switch Int.random(in: 0 ..< 3, using: &rng) {
            case 0: words[index] = Self.words.randomElement(using: &rng)!
            case 1: words.insert(Self.words.randomElement(using: &rng)!, at: index)
            default: if words.count > 1 { words.remove(at: index) }
            }
        }
        return words
    }

    /// Carrying and consolidating give the text the member would have made by editing the
    /// current revision directly, wherever the two do not clash: here the revision and the
    /// member edit different paragraphs, and some paragraphs both edit alike (an adopted change).
    @Test func carriedAsIfEditedFromTheCurrentRevision() async {
        await propertyCheck(count: 80, input: Gen.int(in: 0 ... Int.max)) { seed in
            var rng = SplitMix64(seed: UInt64(seed))
            let count = Int.random(in: 2 ... 12, using: &rng)
            let ids = (0 ..< count).map { String(format: "p%08x", $0 + 1) }
            let earlier = ids.map { ($0, Self.text(Int.random(in: 3 ... 20, using: &rng), using: &rng).joined(separator: " ")) }
            var current = earlier, member = earlier, expected = earlier
            for index in 0 ..< count {
                let edited = Self.edited(earlier[index].1.split(separator: " ").map(String.init), edits: 2, using: &rng).joined(separator: " ")
                guard edited != earlier[index].1 else { continue }
                switch Int.random(in: 0 ..< 4, using: &rng) {
                case 0: current[index].1 = edited; expected[index].1 = edited
                case 1: member[index].1 = edited; expected[index].1 = edited
                case 2: current[index].1 = edited; member[index].1 = edited; expected[index].1 = edited
                default: break
                }
            }
            let outcome = CarriedText.carry(Self.draft(member), from: Self.draft(earlier), onto: Self.draft(current))
            guard case .carried(let carried) = outcome else {
                Issue.record("seed \(seed): a clash where the two edit different paragraphs")
                return
            }
            #expect(carried.paragraphs.map(\.line) == Self.draft(expected).paragraphs.map(\.line), "seed \(seed)")
            #expect(carried.paragraphs.map(\.id) == Self.draft(expected).paragraphs.map(\.id))
        }
    }

    /// A paragraph the member left alone takes the current revision's line byte for byte,
    /// label and formatting-only changes included (a merge of words alone kept the earlier
    /// NBSP and label: old wording proposed back in the member's name).
    @Test func untouchedParagraphsTakeTheCurrentLineExactly() {
        let earlier = Self.draft([("p1", "1\tthe Council shall continue"), ("p2", "2\tto take a leading role")])
        let current = Self.draft([("p1", "1bis\tthe Council\u{00A0}shall l’UIT continue"), ("p2", "2\tto take a leading role")])
        let member = Self.draft([("p1", "1\tthe Council shall continue"), ("p2", "2\tto take the leading role")])
        guard case .carried(let carried) = CarriedText.carry(member, from: earlier, onto: current) else {
            Issue.record("a clash where the member and the revision changed different paragraphs")
            return
        }
        #expect(carried.paragraphs.map(\.line) == ["1bis\tthe Council\u{00A0}shall l’UIT continue", "2\tto take the leading role"])
    }

    @Test func theSameWordsChangedTwoWaysClash() {
        let earlier = Self.draft([("p1", "to continue to take a leading role"), ("p2", "untouched")])
        let current = Self.draft([("p1", "to continue to play a leading role"), ("p2", "untouched")])
        let member = Self.draft([("p1", "to continue to assume a leading role"), ("p2", "untouched")])
        guard case .clashes(let ids) = CarriedText.carry(member, from: earlier, onto: current) else {
            Issue.record("no clash")
            return
        }
        #expect(ids.map(\.rawValue) == ["p1"])
    }

    @Test func stalenessTellsWhichRevisionATextWasEditedFrom() {
        let earlier = Self.draft([("p1", "old wording"), ("p2", "kept"), ("p3", "also old")])
        let current = Self.draft([("p1", "new wording"), ("p2", "kept"), ("p3", "also new")])
        let fromEarlier = Self.draft([("p1", "old wording"), ("p2", "kept, edited"), ("p3", "also old")])
        let fromCurrent = Self.draft([("p1", "new wording"), ("p2", "kept, edited"), ("p3", "also new")])
        #expect(CarriedText.staleness(of: fromEarlier, earlier: earlier, current: current) == 2)
        #expect(CarriedText.staleness(of: fromCurrent, earlier: earlier, current: current) == -2)
        #expect(CarriedText.staleness(of: current, earlier: current, current: current) == 0)
        // The member's own proposal adopted in p3: its current wording there says nothing.
        let adopted = Self.draft([("p1", "old wording"), ("p2", "kept"), ("p3", "also new")])
        #expect(CarriedText.staleness(of: adopted, earlier: earlier, current: current) == 0)
        #expect(CarriedText.staleness(of: adopted, earlier: earlier, current: current, own: adopted) == 1)
    }
}
