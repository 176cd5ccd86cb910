import ConcordGit
import ConcordText
import Foundation

/// Reads the members' submissions of one round as what each changes (`ProposedChanges`),
/// with the work growing with what changed rather than with members × paragraphs
/// (docs/scale.md):
///
/// - a member's file that is the base's blob proposes nothing, and is not read;
/// - otherwise its lines that differ from the base (`LinePatch`) come from the clone's cache
///   (`LinePatchCache`), or from Git once, inflating the whole file, and are cached then;
/// - lines edited in place are read on their own against the base paragraph on their line,
///   with their word diffs from the cache too (`StoredRedlines`) once a command has made
///   them; any other file is put back together from the patch and read whole, as before;
/// - the round's status reads only the paragraphs each file touches, cached beside its patch.
struct RoundReader: Sendable {
    let round: Round
    let base: DiffBase
    let baseBlob: ObjectID
    let baseBytes: [UInt8]
    /// Whether the base's file is its stored form byte for byte, so that its lines are its
    /// paragraphs and gaps (`DiffBase.paragraphOfLine`): the condition for reading edited lines alone.
    let baseIsStored: Bool
    let baseLineCount: Int
    let cache: LinePatchCache
    let reportingFormatting: Bool

    /// The round's base is read from Git once, its bytes kept and parsed.
    init(_ draft: DraftID, round: Round, git: Repository, reportingFormatting: Bool) throws {
        guard let blob = try git.blobID(at: draft.path, in: round.base) else {
            throw DraftingError(.badInput, "draft \(draft): \(draft.path) is missing from round \(round.number)'s base")
        }
        self.round = round
        baseBlob = blob
        baseBytes = try git.blobContents(blob)
        let text = try DraftingRepository.draft(draft, parsing: baseBytes, at: round.base).text
        base = DiffBase(text)
        baseIsStored = text.storedBytes() == baseBytes
        baseLineCount = baseBytes.count { $0 == UInt8(ascii: "\n") } + 1
        cache = LinePatchCache(gitDirectory: git.gitDirectory)
        self.reportingFormatting = reportingFormatting
    }

    /// The member's submission on the branch at `tip`; nil when the branch is not built on the
    /// round's base (an earlier round's).
    func submission(_ branch: CommentBranch, tip: ObjectID, from git: Repository) throws -> Submission? {
        guard let (blob, record, time) = try header(branch, tip: tip, from: git) else { return nil }
        return Submission(branch: branch, commit: tip, round: round, record: record, time: time,
                          proposed: try proposedChanges(of: branch, blob: blob, from: git))
    }

    /// What the round's status shows of the same submission: the paragraphs it touches come
    /// from the cache when a command has read the member's file before, and its changes are
    /// not read again.
    func summary(_ branch: CommentBranch, tip: ObjectID, from git: Repository) throws -> SubmissionSummary? {
        guard let (blob, record, time) = try header(branch, tip: tip, from: git) else { return nil }
        var touched: [TouchedParagraph] = []
        if blob != baseBlob {
            if let cached = cache.touched(base: baseBlob, member: blob, reportingFormatting: reportingFormatting) {
                touched = cached
            } else {
                // Missing or damaged: read, and kept again (a second, same write when the
                // member's file was read from Git too).
                touched = try readChanges(of: branch, blob: blob, from: git).touchedParagraphs
                cache.store(touched, base: baseBlob, member: blob, reportingFormatting: reportingFormatting)
            }
        }
        return SubmissionSummary(branch: branch, commit: tip, record: record, time: time, touched: touched)
    }

    /// What the member's file at `tip` changes to paragraphs `ids` alone, from its patch with
    /// only their lines diffed: what `decide` reads to settle them again. Nil when the file is
    /// not edited in place only, which reading it whole would show otherwise.
    func changes(to ids: Set<ParagraphID>, of branch: CommentBranch, tip: ObjectID, from git: Repository) throws -> ProposedChanges? {
        guard let blob = try git.blobID(at: branch.draft.path, in: tip) else { return nil }
        if blob == baseBlob { return .none(paragraphCount: base.text.paragraphs.count, reportingFormatting: reportingFormatting) }
        guard baseIsStored else { return nil }
        let patch = try patch(of: blob, from: git).patch
        guard patch.isInPlace else { return nil }
        return ProposedChanges(inPlace: patch, base: base, reportingFormatting: reportingFormatting, only: ids,
                               stored: cache.redlines(base: baseBlob, member: blob))
    }

    /// The member's file and record at `tip`; nil when the branch is not built on the round's base.
    private func header(_ branch: CommentBranch, tip: ObjectID, from git: Repository) throws -> (blob: ObjectID, record: ProposalRecord, time: Date)? {
        guard try git.isAncestor(round.base, of: tip) else { return nil }
        guard let blob = try git.blobID(at: branch.draft.path, in: tip) else {
            throw DraftingError(.badInput, "\(branch.reference): \(branch.draft.path) is missing from the member's branch")
        }
        let record = try DraftingRepository.proposalRecord(of: branch, tip: tip, round: round, from: git)
        let time = try DraftingRepository.submissionTime(on: tip, round: round, from: git)
        return (blob, record, time)
    }

    private func proposedChanges(of branch: CommentBranch, blob: ObjectID, from git: Repository) throws -> ProposedChanges {
        if blob == baseBlob { return .none(paragraphCount: base.text.paragraphs.count, reportingFormatting: reportingFormatting) }
        return try readChanges(of: branch, blob: blob, from: git)
    }

    /// What the member's file changes, from its cached patch; or, the first time, from Git,
    /// and then its patch and the paragraphs it touches are kept for the next command.
    private func readChanges(of branch: CommentBranch, blob: ObjectID, from git: Repository) throws -> ProposedChanges {
        let (patch, bytes) = try patch(of: blob, from: git)
        let changes = try changes(of: branch, blob: blob, patch: patch, bytes: bytes)
        if bytes != nil { cache.store(changes.touchedParagraphs, base: baseBlob, member: blob, reportingFormatting: reportingFormatting) }
        return changes
    }

    /// The member file's lines that differ from the base: cached, or read from Git and then
    /// kept (`bytes`: the file, when it was read for it).
    private func patch(of blob: ObjectID, from git: Repository) throws -> (patch: LinePatch, bytes: [UInt8]?) {
        if let cached = cache.patch(base: baseBlob, member: blob), cached.fits(baseLineCount: baseLineCount) { return (cached, nil) }
        let bytes = try git.blobContents(blob)
        let patch = LinePatch(base: baseBytes, member: bytes)
        cache.store(patch, base: baseBlob, member: blob)
        return (patch, bytes)
    }

    /// `bytes`: the member's file when at hand, else put back together from the patch if needed.
    /// The redlines of lines edited in place come from the cache when kept, and are kept when not.
    private func changes(of branch: CommentBranch, blob: ObjectID, patch: LinePatch, bytes: [UInt8]?) throws -> ProposedChanges {
        if baseIsStored, patch.isInPlace {
            let stored = cache.redlines(base: baseBlob, member: blob)
            if let changes = ProposedChanges(inPlace: patch, base: base, reportingFormatting: reportingFormatting, stored: stored) {
                if stored == nil { cache.store(StoredRedlines(changes), base: baseBlob, member: blob) }
                return changes
            }
        }
        let text: DraftText
        do { text = try DraftText(parsing: bytes ?? patch.applied(to: baseBytes), reusingParagraphsOf: base) } catch {
            throw DraftingError(.badInput, "\(branch.reference): \(branch.draft.path): \(error)")
        }
        return ProposedChanges(ParagraphDiff(from: base, to: text, reportingFormatting: reportingFormatting))
    }
}
