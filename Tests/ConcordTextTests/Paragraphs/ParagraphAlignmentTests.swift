import ConcordText
import PropertyBased
import Testing

/// Ids stay with their paragraphs when others are inserted, deleted, moved or relabelled,
/// whether the edited text carries the ids or not.
@Suite struct ParagraphAlignmentTests {
    static let baseSource = """
        1\tThe Conference recalls the outcomes of both phases of the Summit.
        2\tThe Conference considers that ITU has a leading role in the information society.
        3\tThe Council Working Group shall remain open to all Member States and Sector Members.
        4\tMember States are invited to contribute to the stocktaking process every year.
        5\tThe Secretary-General shall report annually to the Council on these activities.

        """

    let base = try! DraftText(parsing: Array(baseSource.utf8)).withMissingIDsAssigned()
    var ids: [ParagraphID] { base.paragraphs.map { $0.id! } }

    /// The edited text as a member would send it without ids, identified against the base.
    func identify(_ lines: [String]) throws -> [ParagraphID] {
        let edited = try DraftText(parsing: Array((lines.joined(separator: "\n") + "\n").utf8))
        return edited.identified(against: base).paragraphs.map { $0.id! }
    }

    var lines: [String] { base.paragraphs.map(\.line) }

    @Test func unchangedTextKeepsEveryID() throws {
        #expect(try identify(lines) == ids)
    }

    @Test func insertingBeforeKeepsTheOthers() throws {
        let result = try identify(["0\tA wholly new opening paragraph about something else."] + lines)
        #expect(Array(result.dropFirst()) == ids)
        #expect(!ids.contains(result[0]))
    }

    @Test func deletingKeepsTheOthers() throws {
        var edited = lines
        edited.remove(at: 2)
        #expect(try identify(edited) == [ids[0], ids[1], ids[3], ids[4]])
    }

    @Test func movingKeepsTheIDWithTheText() throws {
        let edited = [lines[3], lines[0], lines[1], lines[2], lines[4]]
        #expect(try identify(edited) == [ids[3], ids[0], ids[1], ids[2], ids[4]])
    }

    @Test func relabellingKeepsTheID() throws {
        let edited = base.paragraphs.enumerated().map { "\($0.offset + 10)\t" + $0.element.text }
        #expect(try identify(edited) == ids)
    }

    @Test func editingInPlaceKeepsTheID() throws {
        var edited = lines
        edited[1] = "2\tThe Conference considers that ITU has the leading role in building the information society."
        edited[3] = "4bis\tMember States are warmly invited to contribute to the stocktaking process."
        #expect(try identify(edited) == ids)
    }

    @Test func aRewrittenParagraphIsNewAndTheOldOneDeleted() throws {
        var edited = lines
        edited[2] = "3\tEntirely different words appear here now."
        let result = try identify(edited)
        #expect(result[0] == ids[0] && result[1] == ids[1] && result[3] == ids[3] && result[4] == ids[4])
        #expect(!ids.contains(result[2]))
    }

    @Test func idsInTheTextWinOverPosition() throws {
        // The member swapped two paragraphs' texts but kept each line's id: ids decide.
        var stored = base.storedForm().split(separator: "\n").map(String.init)
        stored.swapAt(0, 4)
        let edited = try DraftText(parsing: Array((stored.joined(separator: "\n") + "\n").utf8)).identified(against: base)
        #expect(edited.paragraphs.map { $0.id! } == [ids[4], ids[1], ids[2], ids[3], ids[0]])
    }

    @Test func alignmentReportsMovesOutsideTheBackbone() throws {
        let edited = try DraftText(parsing: Array(([lines[4]] + lines.dropLast()).joined(separator: "\n").utf8))
        let alignment = ParagraphAlignment(old: base.paragraphs, new: edited.paragraphs)
        #expect(alignment.oldIndexOfNew == [4, 0, 1, 2, 3])
        #expect(alignment.keepsOrder == [false, true, true, true, true])
    }

    @Test func twoMembersAddingTheSameTextAtTheSamePlaceGetTheSameID() throws {
        let addition = "2bis\tA paragraph both members propose."
        var edited = lines
        edited.insert(addition, at: 2)
        let first = try identify(edited)
        let second = try identify(edited)
        #expect(first[2] == second[2])
        var other = lines
        other.insert("2bis\tA different paragraph.", at: 2)
        #expect(try identify(other)[2] != first[2])
    }

    @Test func aDuplicatedIDInTheEditKeepsTheFirstAndRenamesTheCopy() throws {
        let text = DraftText(paragraphs: [base.paragraphs[0], base.paragraphs[0], base.paragraphs[1]])
        let result = text.identified(against: base).paragraphs.map { $0.id! }
        #expect(result[0] == ids[0] && result[2] == ids[1])
        #expect(!ids.contains(result[1]))
    }

    @Test func repeatedParagraphsPairInOrderAndEditsStayInPlace() throws {
        let repeated = "Le Groupe a pris note du document présenté par le secrétariat."
        let old = try DraftText(parsing: Array("1\tA\n2\t\(repeated)\n3\tB\n4\t\(repeated)\n5\tC\n6\t\(repeated)\n".utf8))
        let edited = repeated.replacingOccurrences(of: "secrétariat", with: "Secrétaire général")
        let new = try DraftText(parsing: Array("1\tA\n2\t\(repeated)\n3\tB\n4\t\(edited)\n5\tC\n6\t\(repeated)\n".utf8))
        let alignment = ParagraphAlignment(old: old.paragraphs, new: new.paragraphs)
        #expect(alignment.oldIndexOfNew == [0, 1, 2, 3, 4, 5])
        #expect(alignment.keepsOrder.allSatisfy { $0 })
        #expect(ParagraphDiff(from: old, to: new).changes.map(\.op) == [.noc, .noc, .noc, .mod, .noc, .noc])
    }

    /// Repeated texts between anchors pair in order within their gap, then leftovers pair in
    /// reading order (moves), whatever the size of the gaps: small gaps are compared pair by
    /// pair, large ones through chains of each text's places (kept clean from one gap to the
    /// next), and both must give the pairs this reference gives.
    @Test func repeatedTextsInGapsOfAnySizePairAsTheReferenceDoes() async {
        let texts = ["alpha beta gamma", "delta epsilon zeta"]
        let sequence = Gen.int(in: 0...1).array(of: 0...12)
        await propertyCheck(count: 300, input: sequence, sequence, sequence, sequence) { oldFirst, newFirst, oldSecond, newSecond in
            // Each text stands at least twice in the old text, so neither pairs as unique; the
            // anchors are unique and split the text into two gaps.
            func body(_ picks: [Int]) -> [String] { picks.map { texts[$0] } }
            let old = ["Début du texte."] + body(oldFirst + [0, 0, 1, 1]) + ["Milieu du texte."] + body(oldSecond) + ["Fin du texte."]
            let new = ["Début du texte."] + body(newFirst) + ["Milieu du texte."] + body(newSecond) + ["Fin du texte."]
            func paragraphs(_ lines: [String]) -> [Paragraph] { lines.map { Paragraph(id: nil, line: $0) } }
            let alignment = ParagraphAlignment(old: paragraphs(old), new: paragraphs(new))

            let anchors = [(0, 0), (oldFirst.count + 5, newFirst.count + 1), (old.count - 1, new.count - 1)]
            var expected = [Int?](repeating: nil, count: new.count)
            var taken = Set<Int>()
            for (oldAnchor, newAnchor) in anchors {
                expected[newAnchor] = oldAnchor
                taken.insert(oldAnchor)
            }
            for gap in 0 ..< 2 {
                var next = anchors[gap].0 + 1
                for index in anchors[gap].1 + 1 ..< anchors[gap + 1].1 {
                    guard let found = (next ..< anchors[gap + 1].0).first(where: { old[$0] == new[index] }) else { continue }
                    expected[index] = found
                    taken.insert(found)
                    next = found + 1
                }
            }
            for index in new.indices where expected[index] == nil {
                guard let found = old.indices.first(where: { !taken.contains($0) && old[$0] == new[index] }) else { continue }
                expected[index] = found
                taken.insert(found)
            }
            #expect(alignment.oldIndexOfNew == expected, "old \(oldFirst) | \(oldSecond), new \(newFirst) | \(newSecond)")
        }
    }
}
