import ConcordGit
import ConcordText
import Foundation

/// What a member hands in with `concord submit`.
public struct SubmissionRequest: Sendable {
    public var draft: DraftID
    public var member: MemberID
    /// The member's edited text: the bytes of its file, and the file's name for messages.
    public var bytes: [UInt8]
    public var fileName: String
    public var coSponsors: [MemberID]
    /// `(paragraph, reason)`: the paragraph as its id or its label.
    public var reasons: [(paragraph: String, reason: String)]
    /// Reasons that the file itself gives (a Word document's comments), by the place of the
    /// paragraph among the text's paragraphs, from 0. A reason in `reasons` for the same
    /// paragraph wins.
    public var reasonsInFile: [Int: String]
    /// Where the text came from, when not a text file (`"a Word document with 3 tracked
    /// changes by Jane Doe"`), for the commit's message: information only.
    public var origin: String?
    /// The paragraph a withdrawal takes back (`withdraw`): recorded even when nothing is left.
    public var withdrawing: String?

    public init(draft: DraftID, member: MemberID, bytes: [UInt8], fileName: String, coSponsors: [MemberID] = [],
                reasons: [(paragraph: String, reason: String)] = [], reasonsInFile: [Int: String] = [:], origin: String? = nil) {
        self.draft = draft
        self.member = member
        self.bytes = bytes
        self.fileName = fileName
        self.coSponsors = coSponsors
        self.reasons = reasons
        self.reasonsInFile = reasonsInFile
        self.origin = origin
    }
}

extension ParagraphDiff.Change {
    /// The paragraph as the reader of the new version sees it (the old one when deleted).
    public var shown: Paragraph? { new ?? old }
}

extension DraftingRepository {
    /// Records a member's edited text on its comment branch against the current round's base.
    /// The previous submission stays in the branch's history; the new one replaces it.
    ///
    /// Refused with nothing written: unknown member or co-sponsor, a closed round, a passed
    /// deadline (unless the chair admitted the member), a text with no paragraph, a reason for a
    /// paragraph the text does not change or that does not exist, a text identical to the
    /// current submission.
    public func submit(_ request: SubmissionRequest) throws -> Submission {
        try submit(request, recording: true)
    }

    /// What `submit` would record, every check made, nothing written: the web app's preview.
    /// Its `commit` is the member's current tip (or the round's base), not a new one.
    public func previewSubmission(_ request: SubmissionRequest) throws -> Submission {
        try submit(request, recording: false)
    }

    private func submit(_ request: SubmissionRequest, recording: Bool) throws -> Submission {
        for (reference, reason) in request.reasons {
            try FreeText.check(reason, "the reason for paragraph \(FreeText.escaped(reference))", shape: .paragraphs)
        }
        for (index, reason) in request.reasonsInFile {
            try FreeText.check(reason, "\(request.fileName): the comment on paragraph \(index + 1)", shape: .paragraphs)
        }
        let registry = try memberRegistry()
        _ = try registry.member(request.member)
        try validateCoSponsors(request.coSponsors, of: request.member, in: registry)
        let round = try currentRound(of: request.draft)
        let admittedBy = try checkSubmissionWindow(round, draft: request.draft, member: request.member)
        let baseText = try draft(request.draft, at: round.base).text
        let base = DiffBase(baseText)
        var text: DraftText
        do { text = try DraftText(parsing: request.bytes, reusingParagraphsOf: base) } catch {
            throw DraftingError(.badInput, "\(request.fileName): \(error)")
        }
        // Withdrawing every proposal is a text equal to the base, never an empty file.
        guard !text.paragraphs.isEmpty else { throw DraftingError.noParagraph(in: request.fileName) }
        // A comment in the file names its paragraph by place; carrying can move places, so the
        // paragraph itself is kept, to be found again by id, or by its line when it is new.
        let commented = request.reasonsInFile.sorted { $0.key < $1.key }.compactMap { index, reason in
            index < text.paragraphs.count ? (index: index, paragraph: text.paragraphs[index], reason: reason) : nil
        }
        let carriedFrom = try carryStaleText(&text, of: request, round: round, base: baseText)
        let diff = ParagraphDiff(from: base, to: text)
        let stored = diff.new.storedBytes()
        let touched = Set(diff.changes.filter(\.isProposal).map(\.id))
        var reasons: [ParagraphID: String] = [:]
        let baseIDs = Set(baseText.paragraphs.compactMap(\.id))
        for (index, commentedParagraph, reason) in commented {
            let paragraph = commentedParagraph.id.flatMap { id in diff.new.paragraphs.first { $0.id == id } }
                ?? diff.new.paragraphs.first { $0.line == commentedParagraph.line && !baseIDs.contains($0.id!) }
                ?? commentedParagraph
            guard let id = paragraph.id, touched.contains(id) else {
                let name = paragraph.label.map { "paragraph \($0)" } ?? "paragraph \(index + 1) (\(String(paragraph.text.prefix(30))))"
                throw DraftingError(.badInput, "\(request.fileName): \(FreeText.escaped(name)) has a comment, but \(request.member)'s text leaves it unchanged; "
                    + "a reason goes with a change: change the paragraph, or remove the comment")
            }
            reasons[id] = reason
        }
        for (reference, reason) in request.reasons {
            let id = try resolveParagraph(reference, in: diff, draft: request.draft)
            guard touched.contains(id) else {
                throw DraftingError(.badInput, "paragraph \(reference) of \(request.draft): \(request.member)'s text leaves it unchanged; a reason goes with a change")
            }
            reasons[id] = reason
        }
        let branch = CommentBranch(draft: request.draft, member: request.member)
        return try landing(on: branch.reference) {
            let tip = try git.reference(branch.reference)
            // The previous submission is compared as bytes and its record reused; its text is not parsed.
            let previous = try tip.flatMap { try loadSubmission(branch, tip: $0, round: round) }
            // Reasons given earlier for paragraphs still changed carry over; new ones win.
            var merged = (previous?.record.reasons ?? [:]).filter { touched.contains($0.key) }
            merged.merge(reasons) { _, new in new }
            let record = ProposalRecord(member: request.member, round: round.number, coSponsors: request.coSponsors,
                                        reasons: merged, supports: previous?.record.supports ?? [], admittedLateBy: admittedBy)
            if let previous, previous.bytes == stored, previous.record == record {
                throw DraftingError(.refused, "\(request.member)'s submission on \(request.draft) is already this text; nothing changed")
            }
            if previous == nil, touched.isEmpty, request.withdrawing == nil {
                if let carriedFrom {
                    throw DraftingError(.refused, "\(request.member)'s text was edited from \(carriedFrom), and everything it changes is already in "
                        + "round \(round.number)'s base; nothing to submit")
                }
                throw DraftingError(.refused, "\(request.member)'s text does not change \(request.draft) (round \(round.number)); nothing to submit")
            }
            let counts = diff.counts
            let summary = [ParagraphOp.mod, .add, .sup, .move].compactMap { op in counts[op].map { "\($0) \(op.rawValue)" } }
                .joined(separator: ", ")
            var message = "\(request.draft): \(request.member)'s proposals, round \(round.number)\n\n"
            message += (summary.isEmpty ? "Withdraws every proposal." : summary + ".") + "\n\n"
            if let origin = request.origin { message += "From \(FreeText.escaped(origin)).\n\n" }
            if let withdrawn = request.withdrawing { message += "Withdraws the proposal on paragraph \(FreeText.escaped(withdrawn)).\n\n" }
            if let carriedFrom { message += "Edited from \(carriedFrom); the member's changes carried onto round \(round.number)'s base.\n\n" }
            message += "Concord-Draft: \(request.draft)\nConcord-Round: \(round.number)\nConcord-Member: \(request.member)\n"
            if !request.coSponsors.isEmpty { message += "Concord-Co-sponsors: \(request.coSponsors.map(\.rawValue).joined(separator: ", "))\n" }
            if let admittedBy { message += "Concord-Admitted-late-by: \(admittedBy)\n" }
            let proposed = ProposedChanges(diff)
            let commit = recording ? try commitProposal(branch: branch, tip: tip, round: round, text: stored, record: record, message: message,
                                                        proposing: proposed)
                : tip ?? round.base
            return Submission(branch: branch, commit: commit, round: round, record: record, time: now,
                              proposed: proposed, carriedFrom: carriedFrom)
        }
    }

    /// A member's text edited from an earlier revision than the round's base is stale: it
    /// would propose undoing what the group adopted since. The earlier base it reads best
    /// against is found from its content (`CarriedText.staleness`), and only the member's own
    /// changes against it are carried onto the round's base (`CarriedText.carry`). Where they
    /// clash with what the revision changed, nothing is recorded and each paragraph is named.
    /// Returns the earlier revision's name when the text was carried.
    ///
    /// Every submission after round 1 asks, so the nearest earlier base that differs from the
    /// round's decides first: a text that does not read as edited from it holds the current
    /// wording where the last revision changed, so it was not edited before it either, and no
    /// older base is read. Bases equal to the round's (a round closed without publishing) are
    /// compared by blob, never parsed.
    private func carryStaleText(_ text: inout DraftText, of request: SubmissionRequest, round: Round, base: DraftText) throws -> String? {
        let path = request.draft.path
        let currentBlob = try git.blobID(at: path, in: round.base)
        var earlierBases: [Round] = []
        for earlier in try roundLedger(for: request.draft).rounds.reversed() where earlier.number < round.number {
            if try git.blobID(at: path, in: earlier.base) != currentBlob { earlierBases.append(earlier) }
        }
        guard !earlierBases.isEmpty else { return nil }
        // The member's last submission, whatever its round: what the group adopted from it is
        // no sign of where the file was edited.
        let own = try git.reference(CommentBranch(draft: request.draft, member: request.member).reference)
            .flatMap { try git.fileContents(at: path, in: $0) }
            .flatMap { try? DraftText(parsing: $0) }
        let staleness = CarriedText.Staleness(of: text, current: base, own: own)
        var best: (score: Int, text: DraftText, round: Round)?
        for earlier in earlierBases {
            let earlierText = try draft(request.draft, at: earlier.base).text
            let score = staleness.score(earlier: earlierText)
            guard score > 0 || best != nil else { return nil }
            if score > best?.score ?? 0 { best = (score, earlierText, earlier) }
        }
        guard let best else { return nil }
        let names = Dictionary(try revisions(of: request.draft).map { ($0.commit, "Rev.\($0.number)") }) { first, _ in first }
        let earlierName = names[best.round.base] ?? "round \(best.round.number)'s base"
        let current = names[round.base] ?? "round \(round.number)'s base"
        switch CarriedText.carry(text, from: best.text, onto: base) {
        case .carried(let carried):
            text = carried
            return earlierName
        case .clashes(let ids):
            let shown = Dictionary(base.paragraphs.compactMap { paragraph in paragraph.id.map { ($0, paragraph) } }) { first, _ in first }
            throw DraftingError(.refused, "\(request.fileName): \(request.member)'s text was edited from \(earlierName), and \(current) changed the same words "
                + "in \(ids.count) paragraph(s); nothing was recorded. Take the new text with `concord draft show \(request.draft)`, make the changes there, and submit it:",
                details: ids.map { id in
                    let label = shown[id]?.label.map { "paragraph \($0) " } ?? "paragraph "
                    return "\(label){#\(id)}: \(request.member)'s change clashes with \(current)'s"
                })
        }
    }

    /// Records that `member` supports `proposer`'s proposal on one paragraph.
    public func support(draft: DraftID, paragraph reference: String, by member: MemberID, proposal proposer: MemberID) throws -> ProposalRecord.Support {
        let registry = try memberRegistry()
        _ = try registry.member(member)
        _ = try registry.member(proposer)
        guard member != proposer else { throw DraftingError(.badInput, "member \(member) cannot support its own proposal") }
        let round = try currentRound(of: draft)
        let admittedBy = try checkSubmissionWindow(round, draft: draft, member: member)
        let base = try self.draft(draft, at: round.base)
        let proposerBranch = CommentBranch(draft: draft, member: proposer)
        guard let proposerTip = try git.reference(proposerBranch.reference),
              let proposal = try readSubmission(proposerBranch, tip: proposerTip, round: round, base: base) else {
            throw DraftingError(.refused, "member \(proposer) has no submission on \(draft) in round \(round.number) to support")
        }
        let id = try resolveParagraph(reference, in: proposal.diff, draft: draft)
        guard proposal.submission.touched.contains(where: { $0.id == id }) else {
            throw DraftingError(.refused, "paragraph \(reference) of \(draft): \(proposer) proposes no change to it")
        }
        let support = ProposalRecord.Support(paragraph: id.rawValue, proposal: proposer.rawValue)
        let branch = CommentBranch(draft: draft, member: member)
        return try landing(on: branch.reference) {
            let tip = try git.reference(branch.reference)
            let previous = try tip.flatMap { try loadSubmission(branch, tip: $0, round: round) }
            var record = previous?.record ?? ProposalRecord(member: member, round: round.number)
            guard !record.supports.contains(support) else {
                throw DraftingError(.refused, "\(member) already supports \(proposer)'s proposal on paragraph \(reference)")
            }
            record.supports.append(support)
            if let admittedBy { record.admittedLateBy = admittedBy }
            let message = "\(draft): \(member) supports \(proposer) on \(id), round \(round.number)\n\n"
                + "Concord-Draft: \(draft)\nConcord-Round: \(round.number)\nConcord-Member: \(member)\n"
                + "Concord-Supports: \(proposer) \(id)\n"
            _ = try commitProposal(branch: branch, tip: tip, round: round,
                                   text: previous?.bytes ?? base.text.storedBytes(), record: record, message: message)
            return support
        }
    }

    /// The member's current submission in `round` with its whole text, or nil when its branch has none there.
    func readSubmission(_ branch: CommentBranch, tip: ObjectID, round: Round, base: Draft,
                        reportingFormatting: Bool = false) throws -> SubmissionText? {
        try loadSubmission(branch, tip: tip, round: round).map { try $0.submission(against: base, reportingFormatting: reportingFormatting) }
    }

    /// What a comment branch holds for `round`, read from Git: the text's bytes, the record,
    /// the time. Nil when the branch is not built on the round's base (an earlier round's).
    func loadSubmission(_ branch: CommentBranch, tip: ObjectID, round: Round) throws -> SubmissionSource? {
        try Self.loadSubmission(branch, tip: tip, round: round, from: git)
    }

    static func loadSubmission(_ branch: CommentBranch, tip: ObjectID, round: Round, from git: Repository) throws -> SubmissionSource? {
        guard try git.isAncestor(round.base, of: tip) else { return nil }
        guard let bytes = try git.fileContents(at: branch.draft.path, in: tip) else {
            throw DraftingError(.badInput, "\(branch.reference): \(branch.draft.path) is missing from the member's branch")
        }
        return SubmissionSource(branch: branch, commit: tip, round: round, bytes: bytes,
                                record: try proposalRecord(of: branch, tip: tip, round: round, from: git),
                                time: try submissionTime(on: tip, round: round, from: git))
    }

    /// The member's record of `round` at `tip`: reasons, co-sponsors, supports.
    static func proposalRecord(of branch: CommentBranch, tip: ObjectID, round: Round, from git: Repository) throws -> ProposalRecord {
        let recordPath = ProposalRecord.path(for: branch.draft)
        if let recordBytes = try git.fileContents(at: recordPath, in: tip) {
            let stored = try ProposalRecord(toml: String(decoding: recordBytes, as: UTF8.self), path: "\(branch.reference):\(recordPath)")
            // A record left from an earlier round by a member working with plain git says nothing of this one.
            if stored.round == round.number, stored.member == branch.member { return stored }
        }
        return ProposalRecord(member: branch.member, round: round.number)
    }

    /// When the member last submitted: the time of the branch's latest commit that is not
    /// only a support of another member's proposal (`support` records one on the supporter's
    /// branch, and must not look like a new submission in `status`).
    static func submissionTime(on tip: ObjectID, round: Round, from git: Repository) throws -> Date {
        var info = try git.commitInfo(tip)
        while info.message.contains("\nConcord-Supports: "), let parent = info.parents.first, parent != round.base {
            info = try git.commitInfo(parent)
        }
        return Date(timeIntervalSince1970: TimeInterval(info.committer.time ?? 0))
    }

    /// Every member's current submission on `draft` in its current round, as what each
    /// changes (`RoundReader`).
    ///
    /// Each member is read independently, so the work is spread over every core. libgit2
    /// objects are not shared across threads: each worker opens its own handle on the
    /// repository. Memory holds only what differs from the base.
    public func submissions(on draft: DraftID, reportingFormatting: Bool = false) throws -> (round: Round, submissions: [Submission]) {
        let (round, _, submissions) = try readRound(of: draft, reportingFormatting: reportingFormatting) { try $0.submission($1, tip: $2, from: $3) }
        return (round, submissions)
    }

    /// What the round's status shows of each submission (`RoundReader.summary`), with the
    /// reader, which can read their changes to a few paragraphs (`RoundReader.changes(to:…)`).
    func submissionSummaries(on draft: DraftID, reportingFormatting: Bool = false) throws -> (round: Round, reader: RoundReader, submissions: [SubmissionSummary]) {
        try readRound(of: draft, reportingFormatting: reportingFormatting) { try $0.summary($1, tip: $2, from: $3) }
    }

    /// Each comment branch of the draft read by `read`, the branches built on an earlier
    /// round's base left out.
    private func readRound<Read: Sendable>(of draft: DraftID, reportingFormatting: Bool,
                                           _ read: @Sendable (RoundReader, CommentBranch, ObjectID, Repository) throws -> Read?)
        throws -> (round: Round, reader: RoundReader, submissions: [Read]) {
        let round = try currentRound(of: draft)
        let reader = try RoundReader(draft, round: round, git: git, reportingFormatting: reportingFormatting)
        let branches = try git.referenceNames(matching: CommentBranch.glob(for: draft)).compactMap { name -> (CommentBranch, ObjectID)? in
            guard let branch = CommentBranch(reference: name), let tip = try git.reference(name) else { return nil }
            return (branch, tip)
        }
        // In runs of neighbouring branches, each run with its own handle on the repository.
        let runs = min(branches.count, 16)
        let gitDirectory = git.gitDirectory
        let loaded = concurrentMap(count: runs, threshold: 2) { run -> [Result<Read?, Error>] in
            let repository = Result { try Repository.open(at: gitDirectory) }
            return (branches.count * run / runs ..< branches.count * (run + 1) / runs).map { index in
                Result {
                    let (branch, tip) = branches[index]
                    return try read(reader, branch, tip, repository.get())
                }
            }
        }
        return (round, reader, try loaded.joined().compactMap { try $0.get() })
    }

    // MARK: - Pieces

    private func validateCoSponsors(_ coSponsors: [MemberID], of member: MemberID, in registry: MemberRegistry) throws {
        var seen = Set<MemberID>()
        for coSponsor in coSponsors {
            _ = try registry.member(coSponsor)
            guard coSponsor != member else { throw DraftingError(.badInput, "member \(member) cannot co-sponsor its own submission") }
            guard seen.insert(coSponsor).inserted else { throw DraftingError(.badInput, "co-sponsor \(coSponsor) is named twice") }
        }
    }

    /// Refuses when the round is closed or its deadline passed, unless the chair admitted the
    /// member; returns who admitted it when it is late.
    private func checkSubmissionWindow(_ round: Round, draft: DraftID, member: MemberID) throws -> MemberID? {
        guard round.state == .open else {
            throw DraftingError(.refused, "round \(round.number) on \(draft) is closed; submissions are no longer taken")
        }
        if round.deadline.admits(now) { return nil }
        if let admission = round.admits(member) { return MemberID(admission.by) }
        throw DraftingError(.refused, """
            the deadline of round \(round.number) on \(draft) (\(round.deadline)) has passed; \
            nothing was recorded — ask the chair to admit a late submission from \(member)
            """)
    }

    /// A paragraph of either side of `diff`, as the user names it (see `ParagraphReference`).
    func resolveParagraph(_ reference: String, in diff: ParagraphDiff, draft: DraftID) throws -> ParagraphID {
        try ParagraphReference.resolve(reference, among: diff.changes.compactMap { change in
            change.shown.map { ParagraphReference.Candidate(id: change.id, label: $0.label, text: $0.text) }
        }, draft: draft)
    }

    /// Writes the member's text and record on the round's base tree, as a child of the
    /// branch's tip (and of the round's base when the tip belongs to an earlier round), and
    /// moves the branch by compare-and-swap. `proposed`: what the text changes, when known:
    /// the paragraphs it touches are kept for the round's status, its redlines for the next
    /// consolidation.
    private func commitProposal(branch: CommentBranch, tip: ObjectID?, round: Round, text: [UInt8],
                                record: ProposalRecord, message: String, proposing proposed: ProposedChanges? = nil) throws -> ObjectID {
        let textBlob = try git.writeBlob(text)
        let recordBlob = try git.writeBlob(Array(try record.toml().utf8))
        let tree = try git.writeTree(updating: git.treeID(ofCommit: round.base), with: [
            .upsert(path: branch.draft.path, blob: textBlob),
            .upsert(path: ProposalRecord.path(for: branch.draft), blob: recordBlob),
        ])
        // On the branch's tip when it is already built on this round's base; else joined to the
        // base (a merge), unless the base already contains the tip (a published earlier round).
        var parents = [round.base]
        if let tip, try !git.isAncestor(tip, of: round.base) {
            parents = try git.isAncestor(round.base, of: tip) ? [tip] : [tip, round.base]
        }
        let commit = try git.writeCommit(tree: tree, parents: parents, message: message, author: signature())
        try git.updateReference(branch.reference, to: commit, expecting: tip, message: "concord: \(message.prefix { $0 != "\n" })")
        // What the text changes, kept while its bytes are at hand: the round's next
        // consolidation reads these lines and their redlines rather than the whole file, and
        // its status only the paragraphs touched (`RoundReader`). The submission has landed:
        // a cache that cannot be written must not say otherwise.
        if let baseBlob = try? git.blobID(at: branch.draft.path, in: round.base), baseBlob != textBlob,
           let baseBytes = try? git.blobContents(baseBlob) {
            let cache = LinePatchCache(gitDirectory: git.gitDirectory)
            cache.store(LinePatch(base: baseBytes, member: text), base: baseBlob, member: textBlob)
            if let proposed {
                cache.store(proposed.touchedParagraphs, base: baseBlob, member: textBlob, reportingFormatting: false)
                cache.store(StoredRedlines(proposed), base: baseBlob, member: textBlob)
            }
        }
        return commit
    }
}
