@testable import ConcordText
import PropertyBased
import Testing
import TestSupport

/// Made ids kept as numbers (`IDIndex`, `ParagraphID(madeFrom:)`) against ids kept as names:
/// the index and the ids it helps make must be those a `Dictionary` and a `Set` gave.
@Suite struct IDIndexTests {
    @Test func aMadeIDSpellsItsNumber() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...Int(UInt32.max))) { value in
            let number = UInt32(value)
            let id = ParagraphID(madeFrom: number)
            #expect(id.madeNumber == number)
            let digits = String(number, radix: 16)
            #expect(id.rawValue == "p" + String(repeating: "0", count: 8 - digits.count) + digits)
            #expect(ParagraphID(rawValue: id.rawValue) == id)
        }
    }

    @Test func onlyTheMadeShapeHasANumber() {
        #expect(ParagraphID(rawValue: "p0000000f")?.madeNumber == 0xF)
        #expect(ParagraphID(rawValue: "pffffffff")?.madeNumber == UInt32.max)
        for name in ["p1234567", "p123456789", "P12345678", "q12345678", "p1234567g", "p1234567A", "p-1234567", "4.1.3", "x"] {
            #expect(ParagraphID(rawValue: name)?.madeNumber == nil, "\(name)")
        }
    }

    @Test func theFirstPlaceOfAnIDWins() {
        var index = IDIndex()
        let named = ParagraphID(rawValue: "art-4.1")!, made = ParagraphID(madeFrom: 0xDEAD_BEEF)
        #expect(index.insert(named, at: 0) == nil)
        #expect(index.insert(made, at: 1) == nil)
        #expect(index.insert(named, at: 2) == 0)
        #expect(index.insert(made, at: 3) == 1)
        #expect(index[named] == 0 && index[made] == 1)
        #expect(index[ParagraphID(rawValue: "art-4.2")!] == nil)
        // An id read from a file in the made shape is claimed by its number.
        let claimedTaken = index.claim(madeNumber: 0xDEAD_BEEF, at: 4), claimedFree = index.claim(madeNumber: 7, at: 4)
        #expect(!claimedTaken && claimedFree)
        #expect(index[made] == 1)
        #expect(index[ParagraphID(madeFrom: 7)] == 4)
    }

    @Test func growingKeepsEveryPlace() {
        var index = IDIndex()
        var rng = SplitMix64(seed: 11)
        var placeOf: [UInt32: Int] = [:]
        for place in 0..<5000 {
            let number = UInt32(truncatingIfNeeded: rng.next()) & 0xFFFF
            let earlier = index.insert(ParagraphID(madeFrom: number), at: place)
            #expect(earlier == placeOf[number])
            if placeOf[number] == nil { placeOf[number] = place }
        }
        for (number, place) in placeOf { #expect(index[ParagraphID(madeFrom: number)] == place) }
    }

    /// `DiffBase` makes ids as numbers; `withMissingIDsAssigned` as names in a set. Some
    /// paragraphs carry the very id another would be given, so a collision is resolved too.
    @Test func aBaseGivesTheIDsOfWithMissingIDsAssigned() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: UInt64(seed))
            let plain = try! DraftText(parsing: Array(SeedCorpus.draft(bytes: 1500, seed: UInt64(seed)).utf8))
            let assigned = plain.withMissingIDsAssigned()
            var text = plain
            for index in text.paragraphs.indices where rng.next() % 4 == 0 {
                // A given id: a name, or the made id of some paragraph (maybe of another one).
                let other = Int(rng.next() % UInt64(text.paragraphs.count))
                text.paragraphs[index].id = rng.next() % 2 == 0 ? ParagraphID(rawValue: "given-\(index)")! : assigned.paragraphs[other].id
            }
            let base = DiffBase(text)
            #expect(base.identified == text.withMissingIDsAssigned())
            for paragraph in base.identified.paragraphs {
                #expect(base.indexOfID[paragraph.id!] == base.identified.paragraphs.firstIndex { $0.id == paragraph.id })
            }
        }
    }
}
