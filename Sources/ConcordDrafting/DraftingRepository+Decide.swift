import ConcordGit
import ConcordText
import Foundation

/// What `decide` recorded.
public struct Decided: Sendable {
    public let decisions: [Decision]
    /// Where each decided paragraph stands in the consolidated text (its index), as `decisions`.
    public let places: [Int]
    /// How many paragraphs remain in conflict.
    public let conflicts: Int
}

extension DraftingRepository {
    /// Settles one paragraph of the current round, recorded with who, when and why, and
    /// commits the consolidated text that results. When another command moved the
    /// consolidation branch meanwhile, the decision is applied again to the ledger and the
    /// submissions at its new tip: a decision recorded meanwhile on another paragraph is kept,
    /// one on the same paragraph is replaced, as running this command afterwards would.
    /// `onProposals`: the paragraph's `proposalsFingerprint` the chair decided on, when it
    /// looked at them elsewhere (a web page); a paragraph whose proposals changed since is
    /// refused as `.changedSince`, nothing recorded.
    public func decide(_ draft: DraftID, paragraph reference: String, outcome: Decision.Outcome, by chair: MemberID,
                       reason: String?, onProposals fingerprint: String? = nil, report format: some ConsolidationRecordFormat) throws -> Decided {
        try decide(draft, paragraphs: [reference], outcome: outcome, by: chair, reason: reason, onProposals: fingerprint, report: format)
    }

    /// Settles several paragraphs alike in one commit (the chair accepting one member's
    /// proposals on many, or keeping the base on them): all of them or, when one cannot be
    /// decided, none, with the refusal naming it.
    ///
    /// When the consolidation recorded last was merged from the round as it stands, only the
    /// decided paragraphs are merged again and amended in the recorded text and report
    /// (`decideOnRecord`); otherwise the round is read and merged once, and settled before and
    /// after the decisions. Both record the same bytes.
    public func decide(_ draft: DraftID, paragraphs references: [String], outcome: Decision.Outcome, by chair: MemberID,
                       reason: String?, onProposals fingerprint: String? = nil, report format: some ConsolidationRecordFormat) throws -> Decided {
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
        let request = DecisionRequest(draft: draft, references: references, outcome: outcome, chair: chair, reason: reason,
                                      fingerprint: fingerprint, at: timestamp(now))
        return try landing(on: ConsolidationBranch(draft: draft).reference) {
            let (ledger, tip) = try decisionLedger(for: draft)
            if let tip, let decided = try decideOnRecord(request, ledger: ledger, tip: tip, format: format) { return decided }
            return try decideByMerging(request, ledger: ledger, tip: tip, format: format)
        }
    }

    /// What the chair asked of `decide`.
    struct DecisionRequest {
        let draft: DraftID
        let references: [String]
        let outcome: Decision.Outcome
        let chair: MemberID
        let reason: String?
        let fingerprint: String?
        let at: String

        /// The decision on each paragraph named (`paragraphs`, as they stand before it), each
        /// refused as the chair would want it refused; `ledger` then holds them.
        func decisions(on paragraphs: [ConsolidatedParagraph], round: Int, ledger: inout DecisionLedger) throws -> [Decision] {
            var decisions: [Decision] = []
            let allOrNone = references.count > 1 ? "; nothing was decided" : ""
            for (reference, paragraph) in zip(references, paragraphs) {
                if let fingerprint, fingerprint != paragraph.proposalsFingerprint {
                    throw DraftingError(.changedSince, "paragraph \(reference) of \(draft): its proposals changed since you looked at them; nothing was decided")
                }
                if case .accept(let member) = outcome, !paragraph.proposals.contains(where: { $0.by.contains(member) }),
                   !paragraph.movedBy.contains(member) {
                    throw DraftingError(.badInput, "paragraph \(reference) of \(draft): \(member) proposes nothing on it in round \(round)" + allOrNone)
                }
                if paragraph.proposals.isEmpty, paragraph.movedBy.isEmpty {
                    throw DraftingError(.refused, "paragraph \(reference) of \(draft): nobody proposes a change to it; there is nothing to decide" + allOrNone)
                }
                guard !decisions.contains(where: { $0.paragraph == paragraph.id }) else {
                    throw DraftingError(.badInput, "paragraph \(reference) of \(draft) is named twice")
                }
                let decision = Decision(paragraph: paragraph.id, outcome: outcome, by: chair.rawValue, at: at,
                                        reason: reason, fingerprint: paragraph.proposalsFingerprint)
                decisions.append(decision)
                ledger.decisions.removeAll { $0.round == round && $0.decision.paragraph == paragraph.id }
                ledger.decisions.append((round, decision))
            }
            return decisions
        }

        /// The consolidation commit's message; `paragraphs` as they stood before.
        func message(on paragraphs: [ConsolidatedParagraph], round: Int) -> String {
            let names = paragraphs.map { paragraph in paragraph.label.map { "\($0) (\(paragraph.id))" } ?? paragraph.id.rawValue }
            return "Decide \(names.joined(separator: ", ")) of \(draft) (round \(round))\n\nDecided-by: \(chair)\n"
                + (reason.map { "Reason: \(FreeText.commitMessageLine($0))\n" } ?? "")
        }
    }

    /// `decide` by merging the round whole, settled before and after the decisions.
    private func decideByMerging(_ request: DecisionRequest, ledger: DecisionLedger, tip: ObjectID?,
                                 format: some ConsolidationRecordFormat) throws -> Decided {
        var ledger = ledger
        let inputs = try RoundInputs(request.draft, of: self, showingFormatting: false)
        let current = inputs.consolidated(with: ledger)
        let paragraphs = try request.references.map { try consolidatedParagraph($0, in: current) }
        let decisions = try request.decisions(on: paragraphs, round: current.round.number, ledger: &ledger)
        let decided = inputs.consolidated(with: ledger)
        try commitConsolidation(decided, of: inputs.inputs, ledger: ledger, expecting: tip, format: format, deciding: decisions.map(\.paragraph),
                                message: request.message(on: paragraphs, round: current.round.number))
        let places = decisions.map { decision in decided.text.paragraphs.firstIndex { $0.id == decision.paragraph } ?? 0 }
        return Decided(decisions: decisions, places: places, conflicts: decided.text.conflicts.count)
    }

    /// `decide` on the consolidation recorded at `tip`, when the round's inputs are still
    /// those it was merged from (`ConsolidationInputs`): the decided paragraphs are merged
    /// again alone, from the members' lines that touch them, and amended in the recorded text
    /// and report. Nil, for the round to be merged whole, when that would not be exact: the
    /// record is of other inputs, a member adds or moves a paragraph (which places the others
    /// anew), a member's file touching a decided paragraph is not edited in place, or a
    /// decided paragraph's entry is not in the record as merging it again writes it.
    private func decideOnRecord(_ request: DecisionRequest, ledger: DecisionLedger, tip: ObjectID,
                                format: some ConsolidationRecordFormat) throws -> Decided? {
        let draft = request.draft
        let tipMessage = try git.commitInfo(tip).message
        guard let named = Self.trailer(ConsolidationInputs.trailer, in: tipMessage) else { return nil }
        let (round, reader, submissions) = try submissionSummaries(on: draft)
        let inputs = ConsolidationInputs(draft: draft, round: round, showingFormatting: false,
                                         submissions: submissions.map { ($0.member, $0.commit) })
        guard try inputs.id().hex == named else { return nil }
        guard !submissions.contains(where: { $0.touched.contains { $0.op == .add || $0.op == .move } }) else { return nil }
        let open = try openProposals(for: draft, at: round.base)

        // The paragraphs named, among the base's: the consolidated text's, in the same order,
        // when nobody adds or moves one, with the base's labels unless someone relabels one.
        let base = reader.base.text
        let place = Dictionary(base.paragraphs.enumerated().map { ($1.id!, $0) }) { first, _ in first }
        guard open.paragraphs.allSatisfy({ ParagraphID(rawValue: $0.id).map { place[$0] != nil } ?? false }) else { return nil }
        let touched = submissions.flatMap(\.touched)
        guard touched.allSatisfy({ place[$0.id] != nil }) else { return nil }
        let byIDOnly = touched.contains { touch in
            let paragraph = base.paragraphs[place[touch.id]!]
            return touch.label != paragraph.label || paragraph.text.isEmpty
        }
        if byIDOnly, request.references.contains(where: { ParagraphID(rawValue: $0).map { place[$0] == nil } ?? true }) { return nil }
        let ids = try request.references.map { reference in
            try ParagraphReference.resolve(reference, among: base.paragraphs.map {
                ParagraphReference.Candidate(id: $0.id!, label: $0.label, text: $0.text)
            }, draft: draft)
        }

        // Merged again from what touches them alone, and settled before and after.
        let wanted = Set(ids)
        var proposals: [MemberProposal] = []
        for submission in submissions where submission.touched.contains(where: { wanted.contains($0.id) }) {
            guard let changes = try reader.changes(to: wanted, of: submission.branch, tip: submission.commit, from: git) else { return nil }
            proposals.append(MemberProposal(member: submission.member.rawValue, coSponsors: submission.record.coSponsors.map(\.rawValue),
                                            changes: changes, reasons: submission.record.reasons))
        }
        proposals += open.proposals(on: base, except: Set(submissions.map(\.member.rawValue)), only: wanted)
        let merged = Consolidator.merge(paragraphs: ids, of: base, proposals: proposals,
                                        supports: Self.supports(of: submissions.map { ($0.member, $0.record) })).compactMap { $0 }
        let before = merged.map { Consolidator.settled($0, with: ledger.decision(on: $0.id, in: round.number)) }
        var decidedLedger = ledger
        let decisions = try request.decisions(on: before, round: round.number, ledger: &decidedLedger)
        let after = merged.map { Consolidator.settled($0, with: decidedLedger.decision(on: $0.id, in: round.number)) }

        // The record amended where they stand.
        let changes = Array(zip(before, after))
        guard let recordedReport = try git.fileContents(at: ConsolidationBranch.reportPath(for: draft), in: tip),
              let recordedText = try git.fileContents(at: draft.path, in: tip),
              let (report, conflicts) = format.amending(recordedReport, replacing: changes),
              let text = ConsolidatedText.amending(stored: recordedText, replacing: changes, shapedLike: base) else { return nil }
        let merging = Self.trailers("Concord-Submission", in: tipMessage).compactMap { trailer -> (MemberID, ObjectID)? in
            let parts = trailer.split(separator: " ")
            guard parts.count == 2, let member = MemberID(String(parts[0])), let commit = ObjectID(hex: String(parts[1])) else { return nil }
            return (member, commit)
        }
        _ = try commitRecord(ConsolidationRecord(text: text, report: report, ledger: decidedLedger, inputs: inputs, merged: merging),
                         expecting: tip, deciding: ids, message: request.message(on: before, round: round.number))
        return Decided(decisions: decisions, places: ids.map { place[$0]! }, conflicts: conflicts)
    }
}
