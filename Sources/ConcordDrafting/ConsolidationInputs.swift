import ConcordGit

/// What a recorded consolidation was merged from: the round, its base and each member's
/// submission commit. Named in the consolidation commit's `Concord-Inputs` trailer by the id
/// its listing (`bytes`) would have as a Git blob: a collision-resistant name, the listing
/// itself not kept (an object that only a message names would be garbage to Git).
///
/// Why: a decision changes one paragraph. When the round's inputs are still the ones the
/// tip of `consolidation/<draft>` was merged from, every other paragraph of the recorded text
/// and report stands, and `decide` amends them in place (`decideOnRecord`) instead of
/// merging 193 members' submissions again. The decisions are not inputs: they are recorded
/// in the same commit, beside the text they settle.
struct ConsolidationInputs {
    /// Raised when what a consolidation makes of the same inputs changes (the merge, the
    /// report's form), so that a decision never amends a record written another way. The
    /// amended paragraphs are also checked against the record byte for byte.
    static let version = 1

    let draft: DraftID
    let round: Round
    let showingFormatting: Bool
    /// Member → its submission's commit, every member who submitted (a support is a submission).
    let submissions: [(member: MemberID, commit: ObjectID)]

    /// One line a fact, the submissions in member order.
    var bytes: [UInt8] {
        var text = "concord consolidation inputs \(Self.version)\n"
        text += "draft \(draft)\nround \(round.number)\nbase \(round.base.hex)\n"
        text += "formatting \(showingFormatting ? "shown" : "left as the base has it")\n"
        for admission in round.admissions { text += "admitted late \(admission.member) by \(admission.by) at \(admission.at)\n" }
        for (member, commit) in submissions.sorted(by: { $0.member.rawValue.utf8.lexicographicallyPrecedes($1.member.rawValue.utf8) }) {
            text += "submission \(member) \(commit.hex)\n"
        }
        return Array(text.utf8)
    }

    static let trailer = "Concord-Inputs"

    /// The name the trailer gives.
    func id() throws -> ObjectID { try Repository.blobID(of: bytes) }
}
