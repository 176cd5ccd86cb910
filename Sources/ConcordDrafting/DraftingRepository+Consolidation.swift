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

        init(_ draft: DraftID, of repository: DraftingRepository, showingFormatting: Bool) throws {
            let (round, submissions) = try repository.submissions(on: draft, reportingFormatting: showingFormatting)
            let base = try repository.draft(draft, at: round.base)
            proposing = submissions.filter(\.proposesChanges)
            // What the last revision left in conflict stands again for those who have not
            // submitted since (a withdrawal is a submission).
            let spoke = Set(submissions.map(\.member.rawValue))
            let proposals = proposing.map { submission in
                MemberProposal(member: submission.member.rawValue, coSponsors: submission.record.coSponsors.map(\.rawValue),
                               changes: submission.proposed, reasons: submission.record.reasons)
            } + (try repository.openProposals(for: draft, at: round.base).proposals(on: base.text, except: spoke))
            let supports = submissions.flatMap { submission in
                submission.record.supports.compactMap { support in
                    ParagraphID(rawValue: support.paragraph).map {
                        ProposalSupport(supporter: submission.member.rawValue, paragraph: $0, proposer: support.proposal)
                    }
                }
            }
            (self.draft, self.round, self.base) = (draft, round, base)
            merged = Consolidator.merge(base: base.text, proposals: proposals, supports: supports)
        }

        func consolidated(with ledger: DecisionLedger) -> Consolidation {
            let decisions = ledger.decisions.filter { $0.round == round.number }.map(\.decision)
            let text = merged.settled(with: decisions)
            return Consolidation(draft: draft, round: round, base: base, text: text, submissions: proposing, decisions: decisions)
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
        let (decisions, decided) = try decide(draft, paragraphs: [reference], outcome: outcome, by: chair, reason: reason,
                                              onProposals: fingerprint, report: report)
        return (decisions[0], decided)
    }

    /// Settles several paragraphs alike in one commit (the chair accepting one member's
    /// proposals on many, or keeping the base on them): all of them or, when one cannot be
    /// decided, none, with the refusal naming it. The round is read and merged once for
    /// all of them, and once more with the decisions.
    public func decide(_ draft: DraftID, paragraphs references: [String], outcome: Decision.Outcome, by chair: MemberID,
                       reason: String?, onProposals fingerprint: String? = nil,
                       report: (Consolidation) throws -> String) throws -> ([Decision], Consolidation) {
        guard !references.isEmpty else { throw DraftingError(.badInput, "name at least one paragraph to decide") }
        if case .text(let text) = outcome {
            // Deleting a paragraph is not a compromise text: it is what accepting a SUP does.
            guard !text.allSatisfy(\.isWhitespace) else {
                throw DraftingError(.badInput, "--text is empty: a compromise is a text; to delete the paragraph, accept a proposal that deletes it")
            }
            guard references.count == 1 else { throw DraftingError(.badInput, "a compromise text settles one paragraph; name only one") }
            try FreeText.check(text, "--text", shape: .line)
        }
        if let reason { try FreeText.check(reason, "--reason", shape: .paragraphs) }
        try requireRunsTheProcess(chair, to: "decide")
        return try landing(on: ConsolidationBranch(draft: draft).reference) {
            var (ledger, tip) = try decisionLedger(for: draft)
            let inputs = try RoundInputs(draft, of: self, showingFormatting: false)
            let current = inputs.consolidated(with: ledger)
            var decisions: [(paragraph: ConsolidatedParagraph, decision: Decision)] = []
            for reference in references {
                let paragraph = try consolidatedParagraph(reference, in: current)
                if let fingerprint, fingerprint != paragraph.proposalsFingerprint {
                    throw DraftingError(.changedSince, "paragraph \(reference) of \(draft): its proposals changed since you looked at them; nothing was decided")
                }
                if case .accept(let member) = outcome, !paragraph.proposals.contains(where: { $0.by.contains(member) }),
                   !paragraph.movedBy.contains(member) {
                    throw DraftingError(.badInput, "paragraph \(reference) of \(draft): \(member) proposes nothing on it in round \(current.round.number)"
                        + (references.count > 1 ? "; nothing was decided" : ""))
                }
                if paragraph.proposals.isEmpty, paragraph.movedBy.isEmpty {
                    throw DraftingError(.refused, "paragraph \(reference) of \(draft): nobody proposes a change to it; there is nothing to decide"
                        + (references.count > 1 ? "; nothing was decided" : ""))
                }
                guard !decisions.contains(where: { $0.paragraph.id == paragraph.id }) else {
                    throw DraftingError(.badInput, "paragraph \(reference) of \(draft) is named twice")
                }
                let decision = Decision(paragraph: paragraph.id, outcome: outcome, by: chair.rawValue, at: timestamp(now),
                                        reason: reason, fingerprint: paragraph.proposalsFingerprint)
                decisions.append((paragraph, decision))
                ledger.decisions.removeAll { $0.round == current.round.number && $0.decision.paragraph == paragraph.id }
                ledger.decisions.append((current.round.number, decision))
            }
            let decided = inputs.consolidated(with: ledger)
            let names = decisions.map { entry in entry.paragraph.label.map { "\($0) (\(entry.paragraph.id))" } ?? entry.paragraph.id.rawValue }
            try commitConsolidation(decided, ledger: ledger, expecting: tip, report: report, deciding: decisions.map(\.paragraph.id),
                                    message: "Decide \(names.joined(separator: ", ")) of \(draft) "
                                        + "(round \(current.round.number))\n\nDecided-by: \(chair)\n"
                                        + (reason.map { "Reason: \(FreeText.commitMessageLine($0))\n" } ?? ""))
            return (decisions.map(\.decision), decided)
        }
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
                                    report: (Consolidation) throws -> String) throws -> (consolidation: Consolidation, commit: ObjectID?, isNew: Bool) {
        try landing(on: ConsolidationBranch(draft: draft).reference) {
            let (ledger, tip) = try decisionLedger(for: draft)
            let consolidation = try consolidate(draft, ledger: ledger, showingFormatting: showingFormatting)
            let commit = try commitConsolidation(consolidation, ledger: ledger, expecting: tip, report: report,
                                                 message: "Consolidate \(draft), round \(consolidation.round.number)\n")
            return (consolidation, commit ?? tip, commit != nil)
        }
    }

    @discardableResult
    private func commitConsolidation(_ consolidation: Consolidation, ledger: DecisionLedger, expecting tip: ObjectID?,
                                     report: (Consolidation) throws -> String, deciding decided: [ParagraphID] = [],
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
        // Every submission not merged yet: a tip built on the round's base holds those it
        // merged among the commits it adds to the base, a walk of this round only; a tip of an
        // earlier round holds nothing built on this base. (An ancestry check per submission
        // walked back through every earlier round, each time.)
        var parents: [ObjectID] = [consolidation.round.base]
        var held: Set<ObjectID> = []
        if let tip {
            if try git.isAncestor(consolidation.round.base, of: tip) {
                parents = [tip]
                held = try git.commits(from: tip, hiding: consolidation.round.base)
            } else {
                parents = [tip, consolidation.round.base]
            }
        }
        for submission in consolidation.submissions
        where submission.commit != consolidation.round.base && !held.contains(submission.commit) && !parents.contains(submission.commit) {
            parents.append(submission.commit)
        }
        // The round and the paragraph decided, for blame to name the commit of a decision.
        var full = message + "\nConcord-Round: \(consolidation.round.number)\n"
        for paragraph in decided { full += "Concord-Decided: \(paragraph)\n" }
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
            for paragraph in Self.trailers("Concord-Decided", in: info.message) where result[String(paragraph)] == nil {
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
    /// The full report (`ConsolidationReport.json`).
    public let report: [UInt8]
    /// Paragraph id → the commit of the chair's decision on it, in hex.
    public let decisionCommits: [String: String]

    public init(report: [UInt8], decisionCommits: [String: String]) {
        self.report = report
        self.decisionCommits = decisionCommits
    }

}

