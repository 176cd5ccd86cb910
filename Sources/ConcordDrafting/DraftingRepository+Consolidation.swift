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
        let (round, submissions) = try submissions(on: draft, reportingFormatting: showingFormatting)
        let base = try self.draft(draft, at: round.base)
        let proposing = submissions.filter(\.proposesChanges)
        // What the last revision left in conflict stands again for those who have not
        // submitted since (a withdrawal is a submission).
        let spoke = Set(submissions.map(\.member.rawValue))
        let proposals = proposing.map { submission in
            MemberProposal(member: submission.member.rawValue, coSponsors: submission.record.coSponsors.map(\.rawValue),
                           diff: submission.diff, reasons: submission.record.reasons)
        } + (try openProposals(for: draft, at: round.base).proposals(on: base.text, except: spoke))
        let supports = submissions.flatMap { submission in
            submission.record.supports.compactMap { support in
                ParagraphID(rawValue: support.paragraph).map {
                    ProposalSupport(supporter: submission.member.rawValue, paragraph: $0, proposer: support.proposal)
                }
            }
        }
        let decisions = ledger.decisions.filter { $0.round == round.number }.map(\.decision)
        let text = Consolidator.consolidate(base: base.text, proposals: proposals, supports: supports, decisions: decisions)
        return Consolidation(draft: draft, round: round, base: base, text: text, submissions: proposing, decisions: decisions)
    }

    /// The decisions on the consolidation branch, with the tip they were read from: a write
    /// based on them must expect that tip, so that no decision recorded meanwhile is lost.
    func decisionLedger(for draft: DraftID) throws -> (ledger: DecisionLedger, tip: ObjectID?) {
        let path = ConsolidationBranch.decisionsPath(for: draft)
        let tip = try git.reference(ConsolidationBranch(draft: draft).reference)
        guard let tip, let bytes = try git.fileContents(at: path, in: tip) else { return (DecisionLedger(), tip) }
        return (try DecisionLedger(toml: String(decoding: bytes, as: UTF8.self), path: path), tip)
    }

    /// Settles one paragraph of the current round, recorded with who, when and why, and
    /// commits the consolidated text that results. When another command moved the
    /// consolidation branch meanwhile, the decision is applied again to the ledger and the
    /// submissions at its new tip: a decision recorded meanwhile on another paragraph is kept,
    /// one on the same paragraph is replaced, as running this command afterwards would.
    /// `onProposals`: the paragraph's `proposalsFingerprint` the chair decided on, when it
    /// looked at them elsewhere (a web page); a paragraph whose proposals changed since is
    /// refused as `.changedSince`, nothing recorded.
    public func decide(_ draft: DraftID, paragraph reference: String, outcome: Decision.Outcome, by chair: MemberID,
                       reason: String?, onProposals fingerprint: String? = nil,
                       report: (Consolidation) throws -> String) throws -> (Decision, Consolidation) {
        if case .text(let text) = outcome {
            // Deleting a paragraph is not a compromise text: it is what accepting a SUP does.
            guard !text.allSatisfy(\.isWhitespace) else {
                throw DraftingError(.badInput, "--text is empty: a compromise is a text; to delete the paragraph, accept a proposal that deletes it")
            }
            try FreeText.check(text, "--text", shape: .line)
        }
        if let reason { try FreeText.check(reason, "--reason", shape: .paragraphs) }
        try requireRunsTheProcess(chair, to: "decide")
        return try landing(on: ConsolidationBranch(draft: draft).reference) {
            var (ledger, tip) = try decisionLedger(for: draft)
            let current = try consolidate(draft, ledger: ledger)
            let paragraph = try consolidatedParagraph(reference, in: current)
            if let fingerprint, fingerprint != paragraph.proposalsFingerprint {
                throw DraftingError(.changedSince, "paragraph \(reference) of \(draft): its proposals changed since you looked at them; nothing was decided")
            }
            if case .accept(let member) = outcome, !paragraph.proposals.contains(where: { $0.by.contains(member) }),
               !paragraph.movedBy.contains(member) {
                throw DraftingError(.badInput, "paragraph \(reference) of \(draft): \(member) proposes nothing on it in round \(current.round.number)")
            }
            if paragraph.proposals.isEmpty, paragraph.movedBy.isEmpty {
                throw DraftingError(.refused, "paragraph \(reference) of \(draft): nobody proposes a change to it; there is nothing to decide")
            }
            let decision = Decision(paragraph: paragraph.id, outcome: outcome, by: chair.rawValue, at: timestamp(now),
                                    reason: reason, fingerprint: paragraph.proposalsFingerprint)
            ledger.decisions.removeAll { $0.round == current.round.number && $0.decision.paragraph == paragraph.id }
            ledger.decisions.append((current.round.number, decision))
            let decided = try consolidate(draft, ledger: ledger)
            try commitConsolidation(decided, ledger: ledger, expecting: tip, report: report, deciding: paragraph.id,
                                    message: "Decide \(paragraph.label.map { "\($0) (\(paragraph.id))" } ?? paragraph.id.rawValue) of \(draft) "
                                        + "(round \(current.round.number))\n\nDecided-by: \(chair)\n"
                                        + (reason.map { "Reason: \(FreeText.commitMessageLine($0))\n" } ?? ""))
            return (decision, decided)
        }
    }

    /// Consolidates the draft's current round with the chair's decisions and records it on
    /// `consolidation/<draft>`: the text (conflicts keep the base), the decisions and the full
    /// report, as a commit whose parents are the previous consolidation (or the round's base)
    /// and every submission merged — so that `git log` traces any word to the member's commit.
    /// Consolidated again from the branch's new tip when another command moved it meanwhile,
    /// so that the text recorded always agrees with the decisions recorded beside it.
    /// Returns what was recorded, and the commit that holds it (the tip when nothing was new).
    /// `showingFormatting`: as for `consolidate(_:showingFormatting:)`.
    public func recordConsolidation(of draft: DraftID, showingFormatting: Bool = false,
                                    report: (Consolidation) throws -> String) throws -> (consolidation: Consolidation, commit: ObjectID?) {
        try landing(on: ConsolidationBranch(draft: draft).reference) {
            let (ledger, tip) = try decisionLedger(for: draft)
            let consolidation = try consolidate(draft, ledger: ledger, showingFormatting: showingFormatting)
            let commit = try commitConsolidation(consolidation, ledger: ledger, expecting: tip, report: report,
                                                 message: "Consolidate \(draft), round \(consolidation.round.number)\n")
            return (consolidation, commit ?? tip)
        }
    }

    @discardableResult
    private func commitConsolidation(_ consolidation: Consolidation, ledger: DecisionLedger, expecting tip: ObjectID?,
                                     report: (Consolidation) throws -> String, deciding decided: ParagraphID? = nil,
                                     message: String) throws -> ObjectID? {
        let branch = ConsolidationBranch(draft: consolidation.draft)
        let draft = consolidation.draft
        let changes: [TreeChange] = [
            .upsert(path: draft.path, blob: try git.writeBlob(consolidation.text.draftText(shapedLike: consolidation.base.text).storedBytes())),
            .upsert(path: ConsolidationBranch.decisionsPath(for: draft), blob: try git.writeBlob(Array(try ledger.toml().utf8))),
            .upsert(path: ConsolidationBranch.reportPath(for: draft), blob: try git.writeBlob(Array(try report(consolidation).utf8))),
        ]
        let tree = try git.writeTree(updating: git.treeID(ofCommit: consolidation.round.base), with: changes)
        if let tip, try git.treeID(ofCommit: tip) == tree { return nil }   // nothing new to record
        var parents: [ObjectID] = [consolidation.round.base]
        if let tip, try git.isAncestor(consolidation.round.base, of: tip) { parents = [tip] } else if let tip { parents = [tip, consolidation.round.base] }
        for submission in consolidation.submissions where try !parents.contains(where: { try git.isAncestor(submission.commit, of: $0) }) {
            parents.append(submission.commit)
        }
        // The round and the paragraph decided, for blame to name the commit of a decision.
        var full = message + "\nConcord-Round: \(consolidation.round.number)\n"
        if let decided { full += "Concord-Decided: \(decided)\n" }
        for submission in consolidation.submissions { full += "Concord-Submission: \(submission.member) \(submission.commit.hex)\n" }
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
            if let paragraph = Self.trailer("Concord-Decided", in: info.message), result[String(paragraph)] == nil {
                result[String(paragraph)] = current.hex
            }
            next = info.parents.first
        }
        return result
    }

    /// The recorded consolidation of each published revision of `draft`, in order: what blame
    /// and the credit of a revision diff walk.
    public func publishedConsolidations(of draft: DraftID) throws -> [(number: Int, commit: ObjectID, recorded: RecordedConsolidation)] {
        try revisions(of: draft).compactMap { revision in
            try recordedConsolidation(draft, at: revision.commit.hex).map { (revision.number, revision.commit, $0) }
        }
    }

    /// `decisionCommits(from:)` of the consolidation branch's tip: the decisions that the
    /// current consolidation applies were all recorded there.
    public func decisionCommits(of draft: DraftID) throws -> [String: String] {
        try git.reference(ConsolidationBranch(draft: draft).reference).map(decisionCommits(from:)) ?? [:]
    }

    /// The value of trailer `key` in a commit message Concord wrote.
    static func trailer(_ key: String, in message: String) -> Substring? {
        let prefix = key + ": "
        return message.split(separator: "\n").last { $0.hasPrefix(prefix) }?.dropFirst(prefix.count)
    }
}

/// A consolidation as `consolidate --commit` or `decide` recorded it.
public struct RecordedConsolidation: Sendable {
    /// The full report (`ConsolidationReport.json`).
    public let report: [UInt8]
    /// Paragraph id → the commit of the chair's decision on it, in hex.
    public let decisionCommits: [String: String]

    public init(report: [UInt8], decisionCommits: [String: String]) {
        self.report = report
        self.decisionCommits = decisionCommits
    }

}

