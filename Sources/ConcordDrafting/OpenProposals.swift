import ConcordGit
import ConcordText

/// Proposals still in conflict when a revision was published, kept as
/// `Drafts/<draft>.open-proposals.toml` in the publishing commit on main.
///
/// A conflict the chair has not settled is no reason to drop anyone's proposal: the paragraph
/// keeps the base text in the new revision, and each alternative stands again in the next
/// round, credited to its proposers, as if they had submitted it, until each of them resubmits
/// (its new text speaks for it), withdraws it (`concord withdraw`), or the chair decides.
struct OpenProposals: Equatable {
    struct Alternative: Codable, Equatable {
        /// The proposers, each with its co-sponsors, in the order they were credited.
        var by: [String]
        /// MOD, ADD or SUP.
        var op: String
        /// The whole line for an addition (label and text), the text for a modification.
        var text: String
    }

    struct Paragraph: Codable, Equatable {
        var id: String
        /// The round it was proposed in.
        var round: Int
        /// For an addition: the paragraph it stood after (none: first).
        var after: String?
        var alternatives: [Alternative]
    }

    var paragraphs: [Paragraph] = []

    static func path(for draft: DraftID) -> String {
        "\(DraftingRepository.draftsFolder)/\(draft.rawValue).open-proposals.toml"
    }

    private struct File: Codable { var paragraphs: [Paragraph] }

    init(paragraphs: [Paragraph] = []) { self.paragraphs = paragraphs }

    init(toml: String, path: String) throws {
        paragraphs = try TOMLRecord.decode(File.self, from: toml, path: path, what: "open proposals").paragraphs
    }

    func toml() throws -> String { try TOMLRecord.encode(File(paragraphs: paragraphs)) }

    /// The conflicts of a consolidation, as they stand open.
    init(conflictsOf text: ConsolidatedText, round: Int) {
        var previous: ParagraphID?
        for paragraph in text.paragraphs {
            defer { previous = paragraph.id }
            guard paragraph.status == .conflict else { continue }
            paragraphs.append(Paragraph(
                id: paragraph.id.rawValue, round: round, after: paragraph.base == nil ? previous?.rawValue : nil,
                alternatives: paragraph.alternatives.map { alternative in
                    Alternative(by: alternative.by, op: alternative.op.rawValue,
                                text: alternative.op == .add ? (paragraph.shape?.head ?? "") + alternative.text : alternative.text)
                }))
        }
    }

    /// Each open alternative as a proposal on `base`, credited to those of its proposers who
    /// have not spoken again in this round (`spoke`: they resubmitted or withdrew).
    /// `only`: the open paragraphs of these ids alone.
    func proposals(on base: DraftText, except spoke: Set<String>, only ids: Set<ParagraphID>? = nil) -> [MemberProposal] {
        let standing = ids.map { ids in paragraphs.filter { ParagraphID(rawValue: $0.id).map(ids.contains) == true } } ?? paragraphs
        return standing.flatMap { open in
            open.alternatives.compactMap { alternative -> MemberProposal? in
                let remaining = alternative.by.filter { !spoke.contains($0) }
                guard let first = remaining.first, let text = open.applying(alternative, to: base) else { return nil }
                return MemberProposal(member: first, coSponsors: Array(remaining.dropFirst()), diff: ParagraphDiff(from: base, to: text))
            }
        }
    }

    /// `base` with every open alternative `member` is credited with: its text, as if it had
    /// submitted them (what `withdraw` starts from when the member has not submitted since).
    func text(of member: MemberID, on base: DraftText) -> DraftText {
        paragraphs.reduce(base) { text, open in
            open.alternatives.filter { $0.by.contains(member.rawValue) }.reduce(text) { text, alternative in
                open.applying(alternative, to: text) ?? text
            }
        }
    }
}

extension OpenProposals.Paragraph {
    /// `text` with `alternative` of this paragraph applied; nil when the text no longer has
    /// what it applies to, or the record names no valid paragraph.
    func applying(_ alternative: OpenProposals.Alternative, to text: DraftText) -> DraftText? {
        guard let id = ParagraphID(rawValue: id) else { return nil }
        let after = after.flatMap(ParagraphID.init(rawValue:))
        var paragraphs = text.paragraphs
        switch alternative.op {
        case ParagraphOp.add.rawValue:
            guard !paragraphs.contains(where: { $0.id == id }),
                  let added = try? DraftText(parsing: Array("{#\(id)} \(alternative.text)\n".utf8)).paragraphs.first else { return nil }
            let place = after.flatMap { after in paragraphs.firstIndex { $0.id == after }.map { $0 + 1 } } ?? 0
            paragraphs.insert(added, at: place)
        case ParagraphOp.sup.rawValue:
            guard let index = paragraphs.firstIndex(where: { $0.id == id }) else { return nil }
            paragraphs.remove(at: index)
        default:
            // A text of one line: the record is on main, where a hand could have edited it.
            guard let index = paragraphs.firstIndex(where: { $0.id == id }), !alternative.text.contains(where: \.isNewline) else { return nil }
            paragraphs[index].text = alternative.text
        }
        return DraftText(paragraphs: paragraphs, gapAfter: text.gapAfter, lineEnding: text.lineEnding, endsWithNewline: text.endsWithNewline)
    }
}

extension DraftingRepository {
    /// The proposals left open by the revision that `commit` is (none for any other commit).
    func openProposals(for draft: DraftID, at commit: ObjectID) throws -> OpenProposals {
        let path = OpenProposals.path(for: draft)
        guard let bytes = try git.fileContents(at: path, in: commit) else { return OpenProposals() }
        return try OpenProposals(toml: String(decoding: bytes, as: UTF8.self), path: path)
    }
}
