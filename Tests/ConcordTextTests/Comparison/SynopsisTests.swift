import ConcordText
import PropertyBased
import Testing

@Suite struct SynopsisTests {
    let base = Fixture.draft([
        "1\tto coordinate with the United Nations Group on the Information Society,",
        "2\tto report annually to the Council,",
        "3\tto invite Member States to contribute.",
    ])

    @Test func agreementIsUntouchedConsensualOrContested() {
        let cept = Fixture.proposal("CEPT", base, Fixture.replacing("Society,", "Society and UNESCO,", in: 0))
        let citel = Fixture.proposal("CITEL", base) { paragraphs in
            paragraphs[0].text = paragraphs[0].text.replacingOccurrences(of: "Society,", with: "Society and ITU-D,")
            paragraphs[1].text = paragraphs[1].text.replacingOccurrences(of: "annually", with: "every year")
        }
        let apt = Fixture.proposal("APT", base, Fixture.replacing("annually", "every year", in: 1))
        let synopsis = Synopsis(base: base, proposals: [cept, citel, apt])
        #expect(synopsis.members == ["CEPT", "CITEL", "APT"])
        #expect(synopsis.rows.map(\.agreement) == [
            .contested(groups: [["CEPT"], ["CITEL"]]),
            .consensual(proposers: ["CITEL", "APT"]),
            .untouched,
        ])
        #expect(synopsis.rows[0].cells.map(\.op) == [.mod, .mod, .noc])
        #expect(synopsis.rows[0].cells[2].text == base.paragraphs[0].text, "NOC shows the base text")
        // CITEL and APT take the same position on row 2, different ones on row 1; row 3,
        // which nobody touched, does not count.
        let matrix = synopsis.agreementMatrix
        #expect(synopsis.touchedRowCount == 2)
        #expect(matrix[1][2] == 1.0 / 2.0)
        #expect(matrix[0][1] == 0)
        #expect(matrix[0][0] == 1 && matrix[2][1] == matrix[1][2])
    }

    /// Positions are told apart byte for byte, as the consolidator tells texts apart: the same
    /// word written precomposed (é) and decomposed (e and a combining accent) is two texts,
    /// contested, where `String`'s equality would call them one.
    @Test func theSameWordInTwoUnicodeFormsIsTwoPositions() {
        let precomposed = Fixture.proposal("CEPT", base, Fixture.replacing("annually", "ann\u{E9}e", in: 1))
        let decomposed = Fixture.proposal("CITEL", base, Fixture.replacing("annually", "anne\u{301}e", in: 1))
        let same = Fixture.proposal("APT", base, Fixture.replacing("annually", "ann\u{E9}e", in: 1))
        let synopsis = Synopsis(base: base, proposals: [precomposed, decomposed, same])
        #expect(synopsis.rows[1].agreement == .contested(groups: [["CEPT", "APT"], ["CITEL"]]))
        #expect(synopsis.agreementMatrix[0][1] == 0 && synopsis.agreementMatrix[0][2] == 1)
        let merged = Consolidator.consolidate(base: base, proposals: [precomposed, decomposed, same])
        #expect(merged.paragraphs[1].alternatives.count == 2, "the consolidator agrees: two alternatives")
    }

    @Test func additionsAndSuppressionsHaveTheirRows() {
        let sup = Fixture.proposal("USA", base) { $0.remove(at: 2) }
        let add = Fixture.proposal("B", base) { $0.append(Paragraph(id: nil, line: "4\tto publish the reports.")) }
        let synopsis = Synopsis(base: base, proposals: [sup, add])
        #expect(synopsis.rows.count == 4)
        #expect(synopsis.rows[2].cells.map(\.op) == [.sup, .noc])
        #expect(synopsis.rows[3].isAddition && synopsis.rows[3].cells.map(\.op) == [.noc, .add])
        #expect(synopsis.rows[3].agreement == .consensual(proposers: ["B"]))
    }

    /// The matrix counted from disagreements is the matrix by its definition: for each pair,
    /// the share of the rows someone changed on which both take the same position.
    @Test func theAgreementMatrixIsTheShareOfRowsWithTheSamePosition() async {
        await propertyCheck(count: 40, input: Gen.int(in: 0...Int.max)) { seed in
            let (base, proposals) = ConsolidatorTests.scenario(seed: UInt64(seed))
            let synopsis = Synopsis(base: base, proposals: proposals)
            func position(_ cell: Synopsis.Cell) -> String { cell.op == .noc ? "NOC" : cell.op == .sup ? "SUP" : "TEXT:" + cell.text }
            let matrix = synopsis.agreementMatrix
            for a in proposals.indices {
                for b in proposals.indices {
                    let touched = synopsis.rows.filter { $0.cells.contains { $0.op != .noc } }
                    let same = touched.filter { position($0.cells[a]) == position($0.cells[b]) }.count
                    #expect(matrix[a][b] == (touched.isEmpty ? 1 : Double(same) / Double(touched.count)), "members \(a) and \(b)")
                }
            }
        }
    }
}
