import ConcordText
import ConcordGit
import Foundation

extension DraftingRepository {
    func roundLedger(for draft: DraftID, at commit: ObjectID? = nil) throws -> RoundLedger {
        let path = RoundLedger.path(for: draft)
        guard let commit = try commit ?? mainTip(), let bytes = try git.fileContents(at: path, in: commit) else {
            return RoundLedger()
        }
        return try RoundLedger(toml: String(decoding: bytes, as: UTF8.self), path: path)
    }

    public func rounds(of draft: DraftID) throws -> [Round] {
        // Only that the draft exists: reading its text here would parse the whole draft again.
        guard try draftIDs().contains(draft) else {
            throw DraftingError(.badInput, "draft \(draft): no such draft (\(draft.path) is not on main)")
        }
        return try roundLedger(for: draft).rounds
    }

    /// The draft's latest round, or a refusal saying how to open one.
    public func currentRound(of draft: DraftID) throws -> Round {
        guard let round = try rounds(of: draft).last else {
            throw DraftingError(.refused, "draft \(draft) has no round yet; the chair opens one with `concord round open \(draft) --deadline …`")
        }
        return round
    }

    /// Refuses `member` unless it is the chair or the secretariat, who run the process.
    func requireRunsTheProcess(_ member: MemberID, to action: String) throws {
        guard try memberRegistry().member(member).kind.runsTheProcess else {
            throw DraftingError(.refused, "member \(member) is not the chair or the secretariat; only they \(action)")
        }
    }

    /// Publishes the draft as it stands on main as round N+1, open until `deadline`; `actor`
    /// (the chair or the secretariat) is recorded.
    public func openRound(on draft: DraftID, deadline: Deadline, by actor: MemberID) throws -> Round {
        try requireRunsTheProcess(actor, to: "open rounds")
        try tagPublishedRevisions(of: draft)
        return try landing(on: Self.mainBranch) {
            guard let tip = try mainTip() else { throw DraftingError(.badInput, "draft \(draft): there are no drafts yet") }
            let current = try self.draft(draft, at: tip)
            var ledger = try roundLedger(for: draft, at: tip)
            if let open = ledger.latest, open.state == .open {
                throw DraftingError(.refused, "draft \(draft): round \(open.number) is still open; close it first with `concord round close \(draft)`")
            }
            guard deadline.instant > now else {
                throw DraftingError(.badInput, "deadline \(deadline) is already past; give a later one")
            }
            let round = Round(number: (ledger.latest?.number ?? 0) + 1, base: current.revision, deadline: deadline,
                              state: .open, opened: timestamp(now), openedBy: actor.rawValue, closed: nil, admissions: [], publishedRevision: nil)
            ledger.rounds.append(round)
            try saveLedger(ledger, for: draft, message: "Open round \(round.number) on \(draft), deadline \(deadline)\n\nOpened-by: \(actor)", basedOn: tip)
            return round
        }
    }

    public func closeRound(on draft: DraftID, by actor: MemberID) throws -> Round {
        try requireRunsTheProcess(actor, to: "close rounds")
        return try landing(on: Self.mainBranch) {
            let tip = try mainTip()
            var ledger = try roundLedger(for: draft, at: tip)
            guard var round = ledger.latest, round.state == .open else {
                throw DraftingError(.refused, "draft \(draft) has no open round to close")
            }
            round.state = .closed
            round.closed = timestamp(now)
            round.closedBy = actor.rawValue
            ledger.rounds[ledger.rounds.count - 1] = round
            try saveLedger(ledger, for: draft, message: "Close round \(round.number) on \(draft)\n\nClosed-by: \(actor)", basedOn: tip)
            return round
        }
    }

    /// Lets `member` submit to the open round after its deadline; recorded with who allowed it.
    public func admitLateSubmission(on draft: DraftID, from member: MemberID, by chair: MemberID) throws -> Round {
        _ = try memberRegistry().member(member)
        try requireRunsTheProcess(chair, to: "admit late submissions")
        return try landing(on: Self.mainBranch) {
            let tip = try mainTip()
            var ledger = try roundLedger(for: draft, at: tip)
            guard var round = ledger.latest, round.state == .open else {
                throw DraftingError(.refused, "draft \(draft) has no open round")
            }
            if round.admits(member) != nil { throw DraftingError(.refused, "member \(member) is already admitted to round \(round.number)") }
            round.admissions.append(.init(member: member.rawValue, by: chair.rawValue, at: timestamp(now)))
            ledger.rounds[ledger.rounds.count - 1] = round
            try saveLedger(ledger, for: draft, message: "Admit a late submission from \(member) to round \(round.number) on \(draft)\n\nAdmitted-by: \(chair)",
                           basedOn: tip)
            return round
        }
    }

    /// Closes the round and publishes its consolidated text as the draft's next revision
    /// (Rev.1, Rev.2 …): the new base on main, in one commit that also records the closing
    /// and has the consolidation as second parent, so that history runs from every word of
    /// Rev.N back through the consolidation to the member's submission. Paragraphs still in
    /// conflict keep the base text; their alternatives stand again in the next round
    /// (`OpenProposals`).
    public func publishRound(on draft: DraftID, by actor: MemberID, report format: some ConsolidationRecordFormat) throws -> (Round, Consolidation) {
        try requireRunsTheProcess(actor, to: "publish revisions")
        try bringWorkTreeForwardBeforeWriting()   // also when it refuses before writing, as when run again after a kill
        try tagPublishedRevisions(of: draft)
        // The round only: recording below consolidates, and consolidating twice was a second
        // full merge of every submission.
        let open = try currentRound(of: draft)
        guard open.state == .open else {
            throw DraftingError(.refused, "draft \(draft) has no open round to close")
        }
        let (recorded, consolidationTip, _) = try recordConsolidation(of: draft, report: format)
        guard recorded.round.number == open.number else {
            throw DraftingError(.refused, "round \(open.number) on \(draft) changed while publishing; nothing was published, run it again")
        }
        let text = recorded.text.draftText(shapedLike: recorded.base.text)
        // No label twice within a block unless the base or a proposal had it so. The members'
        // whole texts are read only for a label the base does not repeat.
        var repeated = Self.repeatedLabels(in: text).subtracting(Self.repeatedLabels(in: recorded.base.text))
        for submission in recorded.submissions where !repeated.isEmpty {
            if let whole = try loadSubmission(submission.branch, tip: submission.commit, round: recorded.round)?.submission(against: recorded.base) {
                repeated.subtract(Self.repeatedLabels(in: whole.text))
            }
        }
        let created = repeated.sorted()
        guard created.isEmpty else {
            throw DraftingError(.refused, "publishing round \(recorded.round.number) on \(draft) would label two paragraphs alike (\(created.joined(separator: "; "))), "
                + "which neither the base nor any proposal does; settle one of them with `concord decide`, and publish again")
        }
        let (round, published) = try landing(on: Self.mainBranch) { () -> (Round, ObjectID) in
            // The round's base is on main; what main holds now must still be the ledger read here.
            let tip = try mainTip()
            var ledger = try roundLedger(for: draft, at: tip)
            guard ledger.latest?.number == recorded.round.number, ledger.latest?.state == .open else {
                throw DraftingError(.refused, "round \(recorded.round.number) on \(draft) changed while publishing; nothing was published, run it again")
            }
            var round = ledger.rounds[ledger.rounds.count - 1]
            round.state = .closed
            round.closed = timestamp(now)
            round.closedBy = actor.rawValue
            round.publishedRevision = (ledger.rounds.compactMap(\.publishedRevision).max() ?? 0) + 1
            ledger.rounds[ledger.rounds.count - 1] = round
            // Paragraphs still in conflict keep the base text; their alternatives stand again.
            let conflicts = OpenProposals(conflictsOf: recorded.text, round: round.number)
            let openPath = OpenProposals.path(for: draft)
            var changes: [TreeChange] = [
                .upsert(path: draft.path, blob: try git.writeBlob(text.storedBytes())),
                .upsert(path: RoundLedger.path(for: draft), blob: try git.writeBlob(Array(try ledger.toml().utf8))),
            ]
            if !conflicts.paragraphs.isEmpty {
                changes.append(.upsert(path: openPath, blob: try git.writeBlob(Array(try conflicts.toml().utf8))))
            } else if let tip, try git.blobID(at: openPath, in: tip) != nil {
                changes.append(.remove(path: openPath))
            }
            let tag = RevisionTag(draft: draft, number: round.publishedRevision!)
            let commit = try commitToMain(changes: changes, message: "\(tag.publishingSubject(round: round.number))\n\nPublished-by: \(actor)",
                                          basedOn: tip, alsoMerging: consolidationTip)
            return (round, commit)
        }
        // Tagged once the commit has landed: the landing may build its commit more than once.
        try tagRevision(round.publishedRevision!, of: draft, at: published, round: round.number)
        packWhenLoose(always: true)   // the round's texts, loose until now
        forgetLinePatchesOfClosedRounds()   // read from the closed round's base only
        format.published(recorded, in: self)
        return (round, recorded)
    }

    /// Labels that stand twice within one block (the paragraphs after an unlabelled heading),
    /// as `heading: label`.
    static func repeatedLabels(in text: DraftText) -> Set<String> {
        var seen = Set<String>(), repeated = Set<String>()
        var heading = ""
        for paragraph in text.paragraphs {
            guard let label = paragraph.label?.rawValue else {
                heading = String(paragraph.text.prefix(40))
                continue
            }
            // Bullets repeat by design.
            guard label.contains(where: { $0.isLetter || $0.isNumber }) else { continue }
            let key = "\(heading): \(label)"
            if !seen.insert(key).inserted { repeated.insert(key) }
        }
        return repeated
    }

    private func saveLedger(_ ledger: RoundLedger, for draft: DraftID, message: String, basedOn tip: ObjectID?) throws {
        let blob = try git.writeBlob(Array(try ledger.toml().utf8))
        try commitToMain(changes: [.upsert(path: RoundLedger.path(for: draft), blob: blob)], message: message, basedOn: tip)
    }
}
