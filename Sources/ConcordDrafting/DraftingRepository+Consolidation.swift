import ConcordGit
import ConcordText
import Foundation

extension DraftingRepository {
    /// Merges every submission of the draft's current round, applying the chair's decisions.
    /// `showingFormatting`: also merge changes of formatting only (NBSP for a space), which
    /// are otherwise left as the base has them, as every other command leaves them out.
    public func consolidate(_ draft: DraftID, showingFormatting: Bool = false) throws -> Consolidation {
        try consolidate(draft, ledger: decisionLedger(for: draft).ledger, showingFormatting: showingFormatting)
    }

    private func consolidate(_ draft: DraftID, ledger: DecisionLedger, showingFormatting: Bool = false) throws -> Consolidation {
        try RoundInputs(draft, of: self, showingFormatting: showingFormatting).consolidated(with: ledger)
    }

    /// A round's consolidation, read and merged once: `decide` settles it twice, before and
    /// after the decision, and reading the submissions and merging them is all of the cost.
    struct RoundInputs {
        let draft: DraftID
        let round: Round
        let base: Draft
        let proposing: [Submission]
        let merged: Consolidator.MergedRound
        /// What is merged, as the recorded consolidation names it.
        let inputs: ConsolidationInputs

        init(_ draft: DraftID, of repository: DraftingRepository, showingFormatting: Bool) throws {
            let (round, submissions) = try repository.submissions(on: draft, reportingFormatting: showingFormatting)
            let base = try repository.draft(draft, at: round.base)
            proposing = submissions.filter(\.proposesChanges)
            inputs = ConsolidationInputs(draft: draft, round: round, showingFormatting: showingFormatting,
                                         submissions: submissions.map { ($0.member, $0.commit) })
            // What the last revision left in conflict stands again for those who have not
            // submitted since (a withdrawal is a submission).
            let spoke = Set(submissions.map(\.member.rawValue))
            let proposals = proposing.map { submission in
                MemberProposal(member: submission.member.rawValue, coSponsors: submission.record.coSponsors.map(\.rawValue),
                               changes: submission.proposed, reasons: submission.record.reasons)
            } + (try repository.openProposals(for: draft, at: round.base).proposals(on: base.text, except: spoke))
            (self.draft, self.round, self.base) = (draft, round, base)
            merged = Consolidator.merge(base: base.text, proposals: proposals,
                                        supports: DraftingRepository.supports(of: submissions.map { ($0.member, $0.record) }))
        }

        func consolidated(with ledger: DecisionLedger) -> Consolidation {
            let decisions = ledger.decisions.filter { $0.round == round.number }.map(\.decision)
            let text = merged.settled(with: decisions)
            return Consolidation(draft: draft, round: round, base: base, text: text, submissions: proposing, decisions: decisions)
        }
    }

    /// Every support the submitters' records give.
    static func supports(of records: [(member: MemberID, record: ProposalRecord)]) -> [ProposalSupport] {
        records.flatMap { member, record in
            record.supports.compactMap { support in
                ParagraphID(rawValue: support.paragraph).map { ProposalSupport(supporter: member.rawValue, paragraph: $0, proposer: support.proposal) }
            }
        }
    }

    /// The decisions on the consolidation branch, with the tip they were read from: a write
    /// based on them must expect that tip, so that no decision recorded meanwhile is lost.
    func decisionLedger(for draft: DraftID) throws -> (ledger: DecisionLedger, tip: ObjectID?) {
        let path = ConsolidationBranch.decisionsPath(for: draft)
        let tip = try git.reference(ConsolidationBranch(draft: draft).reference)
        guard let tip, let bytes = try git.fileContents(at: path, in: tip) else { return (DecisionLedger(), tip) }
        return (try DecisionLedger(toml: String(decoding: bytes, as: UTF8.self), path: path), tip)
    }

    /// Consolidates the draft's current round with the chair's decisions and records it on
    /// `consolidation/<draft>`: the text (conflicts keep the base), the decisions and the full
    /// report, as a commit whose parents are the previous consolidation (or the round's base)
    /// and every submission merged — so that `git log` traces any word to the member's commit.
    /// Consolidated again from the branch's new tip when another command moved it meanwhile,
    /// so that the text recorded always agrees with the decisions recorded beside it.
    /// Returns what was recorded, the commit that holds it (the tip when nothing was new),
    /// and whether that commit is new. `showingFormatting`: as for `consolidate(_:showingFormatting:)`.
    public func recordConsolidation(of draft: DraftID, showingFormatting: Bool = false,
                                    report format: some ConsolidationRecordFormat) throws -> (consolidation: Consolidation, commit: ObjectID?, isNew: Bool) {
        try landing(on: ConsolidationBranch(draft: draft).reference) {
            let (ledger, tip) = try decisionLedger(for: draft)
            let inputs = try RoundInputs(draft, of: self, showingFormatting: showingFormatting)
            let consolidation = inputs.consolidated(with: ledger)
            let commit = try commitConsolidation(consolidation, of: inputs.inputs, ledger: ledger, expecting: tip, format: format,
                                                 message: "Consolidate \(draft), round \(consolidation.round.number)\n")
            return (consolidation, commit ?? tip, commit != nil)
        }
    }

    /// Records `consolidation`, merged from `inputs`: its text, the ledger and its report.
    @discardableResult
    func commitConsolidation(_ consolidation: Consolidation, of inputs: ConsolidationInputs, ledger: DecisionLedger, expecting tip: ObjectID?,
                             format: some ConsolidationRecordFormat, deciding decided: [ParagraphID] = [],
                             message: String) throws -> ObjectID? {
        try commitRecord(ConsolidationRecord(text: consolidation.text.draftText(shapedLike: consolidation.base.text).storedBytes(),
                                             report: try format.report(consolidation), ledger: ledger, inputs: inputs,
                                             merged: consolidation.submissions.map { ($0.member, $0.commit) }),
                         expecting: tip, deciding: decided, message: message)
    }

    /// What a consolidation commit holds, beside the round's base.
    struct ConsolidationRecord {
        /// The consolidated text's stored bytes.
        let text: [UInt8]
        let report: [UInt8]
        let ledger: DecisionLedger
        let inputs: ConsolidationInputs
        /// The submissions merged (those proposing changes), each a parent of the commit
        /// unless the consolidation branch holds it already.
        let merged: [(member: MemberID, commit: ObjectID)]
    }

    /// Commits `record` on `consolidation/<draft>`, expecting `tip`; nil when the tip holds
    /// the same already.
    func commitRecord(_ record: ConsolidationRecord, expecting tip: ObjectID?, deciding decided: [ParagraphID], message: String) throws -> ObjectID? {
        let draft = record.inputs.draft, round = record.inputs.round
        let branch = ConsolidationBranch(draft: draft)
        let changes: [TreeChange] = [
            .upsert(path: draft.path, blob: try git.writeBlob(record.text)),
            .upsert(path: ConsolidationBranch.decisionsPath(for: draft), blob: try git.writeBlob(Array(try record.ledger.toml().utf8))),
            .upsert(path: ConsolidationBranch.reportPath(for: draft), blob: try git.writeBlob(record.report)),
        ]
        let tree = try git.writeTree(updating: git.treeID(ofCommit: round.base), with: changes)
        if let tip, try git.treeID(ofCommit: tip) == tree { return nil }   // nothing new to record
        // Every submission not merged yet: a tip built on the round's base holds those it
        // merged among the commits it adds to the base, a walk of this round only; a tip of an
        // earlier round holds nothing built on this base. (An ancestry check per submission
        // walked back through every earlier round, each time.)
        var parents: [ObjectID] = [round.base]
        var held: Set<ObjectID> = []
        if let tip {
            if try git.isAncestor(round.base, of: tip) {
                parents = [tip]
                held = try git.commits(from: tip, hiding: round.base)
            } else {
                parents = [tip, round.base]
            }
        }
        for (_, commit) in record.merged where commit != round.base && !held.contains(commit) && !parents.contains(commit) {
            parents.append(commit)
        }
        // The round and the paragraph decided, for blame to name the commit of a decision;
        // the inputs, for the next decision to amend this record.
        var full = message + "\nConcord-Round: \(round.number)\n"
        for paragraph in decided { full += "Concord-Decided: \(paragraph)\n" }
        for (member, commit) in record.merged { full += "Concord-Submission: \(member) \(commit.hex)\n" }
        full += "\(ConsolidationInputs.trailer): \(try record.inputs.id().hex)\n"
        let commit = try git.writeCommit(tree: tree, parents: parents, message: full, author: signature())
        // A lost race is thrown as it is, for `landing(on:_:)` to consolidate again on the new tip.
        try git.updateReference(branch.reference, to: commit, expecting: tip, message: "concord: \(message.prefix { $0 != "\n" })")
        return commit
    }

    /// A consolidated paragraph, as the user names it (see `ParagraphReference`).
    func consolidatedParagraph(_ reference: String, in consolidation: Consolidation) throws -> ConsolidatedParagraph {
        let paragraphs = consolidation.text.paragraphs
        let id = try ParagraphReference.resolve(reference, among: paragraphs.map {
            ParagraphReference.Candidate(id: $0.id, label: $0.label, text: $0.baseText.isEmpty ? $0.text : $0.baseText)
        }, draft: consolidation.draft)
        return paragraphs.first { $0.id == id }!
    }

    /// The report stored with the latest consolidation (or the one at `revision`, or the one a
    /// published revision merged), with the commit of each decision it applies.
    public func recordedConsolidation(_ draft: DraftID, at revision: String? = nil) throws -> RecordedConsolidation? {
        let commit: ObjectID
        if let revision {
            commit = try self.commit(ofRevision: revision, draft: draft)
        } else {
            guard let tip = try git.reference(ConsolidationBranch(draft: draft).reference) else { return nil }
            commit = tip
        }
        let path = ConsolidationBranch.reportPath(for: draft)
        // A publishing commit on main (Rev.N) merges the consolidation it published.
        for holder in try [commit] + git.commitInfo(commit).parents.dropFirst() {
            if let report = try git.fileContents(at: path, in: holder) {
                return RecordedConsolidation(report: report, decisionCommits: try decisionCommits(from: holder))
            }
        }
        return nil
    }

    /// The commit of each decision standing in the consolidation recorded at `commit`, by
    /// paragraph id: the latest `decide` of the paragraph in that round, on the first-parent
    /// history of the consolidation branch (each `decide` replaces the paragraph's decision).
    func decisionCommits(from commit: ObjectID) throws -> [String: String] {
        var result: [String: String] = [:]
        var round: Substring?
        var next: ObjectID? = commit
        while let current = next {
            let info = try git.commitInfo(current)
            guard let number = Self.trailer("Concord-Round", in: info.message), round == nil || number == round else { break }
            round = number
            for paragraph in Self.trailers("Concord-Decided", in: info.message) where result[String(paragraph)] == nil {
                result[String(paragraph)] = current.hex
            }
            next = info.parents.first
        }
        return result
    }

    /// A published revision's recorded report, named by its blob: what blame derives from
    /// the reports is kept under these names, and a report is read only when that is not.
    public struct PublishedReport: Sendable {
        public let revision: Int
        /// The round the revision closed.
        public let round: Int
        /// The report's blob.
        public let report: ObjectID
        /// The consolidation commit holding it (the one the revision merged).
        let holder: ObjectID
    }

    /// Each published revision's report, in order.
    public func publishedReports(of draft: DraftID) throws -> [PublishedReport] {
        let rounds = try roundLedger(for: draft).rounds
        let path = ConsolidationBranch.reportPath(for: draft)
        return try revisions(of: draft).compactMap { revision in
            guard let round = rounds.first(where: { $0.publishedRevision == revision.number })?.number else { return nil }
            for holder in try [revision.commit] + git.commitInfo(revision.commit).parents.dropFirst() {
                if let report = try git.blobID(at: path, in: holder) {
                    return PublishedReport(revision: revision.number, round: round, report: report, holder: holder)
                }
            }
            return nil
        }
    }

    /// The recorded consolidation a published revision merged.
    public func recordedConsolidation(_ published: PublishedReport) throws -> RecordedConsolidation {
        RecordedConsolidation(report: try git.blobContents(published.report), decisionCommits: try decisionCommits(from: published.holder))
    }

    /// The recorded consolidation of each published revision of `draft`, in order: what blame
    /// and the credit of a revision diff walk.
    public func publishedConsolidations(of draft: DraftID) throws -> [(number: Int, commit: ObjectID, recorded: RecordedConsolidation)] {
        try revisions(of: draft).compactMap { revision in
            try recordedConsolidation(draft, at: revision.commit.hex).map { (revision.number, revision.commit, $0) }
        }
    }

    /// What `consolidate --round N` shows: the consolidation recorded last in round `number`
    /// — the one its revision published, or else the latest the consolidation branch holds
    /// for that round — with the round and its base text. Nil when the round recorded none.
    public func recordedConsolidation(_ draft: DraftID, round number: Int) throws -> (round: Round, base: Draft, recorded: RecordedConsolidation)? {
        guard let round = try roundLedger(for: draft).rounds.first(where: { $0.number == number }) else {
            throw DraftingError(.badInput, "\(draft) has no round \(number)")
        }
        var recorded: RecordedConsolidation?
        if let revision = round.publishedRevision {
            recorded = try recordedConsolidation(draft, at: RevisionTag(draft: draft, number: revision).reference)
        }
        if recorded == nil, let tip = try git.reference(ConsolidationBranch(draft: draft).reference) {
            let trailer = "\(number)"
            if let commit = try git.history(from: tip).first(where: { try Self.trailer("Concord-Round", in: git.commitInfo($0).message) == trailer[...] }) {
                recorded = try recordedConsolidation(draft, at: commit.hex)
            }
        }
        return try recorded.map { (round, try self.draft(draft, at: round.base), $0) }
    }

    /// `decisionCommits(from:)` of the consolidation branch's tip: the decisions that the
    /// current consolidation applies were all recorded there.
    public func decisionCommits(of draft: DraftID) throws -> [String: String] {
        try git.reference(ConsolidationBranch(draft: draft).reference).map(decisionCommits(from:)) ?? [:]
    }

    /// The value of trailer `key` in a commit message Concord wrote.
    static func trailer(_ key: String, in message: String) -> Substring? {
        trailers(key, in: message).last
    }

    /// Every value of trailer `key` in a commit message Concord wrote, in order. Trailers
    /// are the message's last paragraph, as Git reads them: a line that looks like one
    /// elsewhere in the message is free text, never taken as a trailer.
    static func trailers(_ key: String, in message: String) -> [Substring] {
        let prefix = key + ": "
        return trailerBlock(of: message).filter { $0.hasPrefix(prefix) }.map { $0.dropFirst(prefix.count) }
    }

    /// The lines of a message's last paragraph (none when the message is one paragraph: its
    /// subject line is never a trailer).
    static func trailerBlock(of message: String) -> [Substring] {
        let (lines, start) = trailerStart(of: message)
        return Array(lines[start...])
    }

    /// A message's lines without the blank ones that end it, and where its trailers start
    /// (the end, when it has none).
    static func trailerStart(of message: String) -> (lines: [Substring], start: Int) {
        var lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        guard let blank = lines.lastIndex(where: { $0.allSatisfy(\.isWhitespace) }) else { return (lines, lines.count) }
        return (lines, blank + 1)
    }
}

/// A consolidation as `consolidate --commit` or `decide` recorded it.
public struct RecordedConsolidation: Sendable {
    /// The full report (`ConsolidationReport.writeJSON`).
    public let report: [UInt8]
    /// Paragraph id → the commit of the chair's decision on it, in hex.
    public let decisionCommits: [String: String]

    public init(report: [UInt8], decisionCommits: [String: String]) {
        self.report = report
        self.decisionCommits = decisionCommits
    }

}

