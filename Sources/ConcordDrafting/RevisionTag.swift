import ConcordGit

/// A published revision of a draft (Rev.1, Rev.2 …), named in Git by the annotated tag
/// `<draft>/Rev.N` on its publishing commit, so that `git log`, `git show res140/Rev.1` and
/// any Git host show the revisions as the group speaks of them.
public struct RevisionTag: Sendable, Hashable {
    public let draft: DraftID
    public let number: Int

    public init(draft: DraftID, number: Int) {
        self.draft = draft
        self.number = number
    }

    /// `res140/Rev.1`.
    public var name: String { "\(draft)/Rev.\(number)" }
    public var reference: String { "refs/tags/" + name }

    static func glob(of draft: DraftID) -> String { "refs/tags/\(draft)/Rev.*" }

    /// The first line of the commit on main that publishes it, by which an interrupted
    /// publish's commit is found again (`tagPublishedRevisions`).
    func publishingSubject(round: Int) -> String {
        "Publish \(draft) Rev.\(number): the consolidated text of round \(round)"
    }

    /// The revision number a user wrote: `Rev.2`, `rev.2`, `Rev2`, `Rev. 2`; nil for anything else.
    static func number(in text: String) -> Int? {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("rev") else { return nil }
        let digits = lowered.dropFirst(3).drop { $0 == "." || $0 == " " }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let number = Int(digits), number > 0 else { return nil }
        return number
    }

    /// The tag `reference` names, when it is a revision tag.
    init?(reference: String) {
        let prefix = "refs/tags/"
        guard reference.hasPrefix(prefix) else { return nil }
        let name = reference.dropFirst(prefix.count)
        guard let slash = name.lastIndex(of: "/"), let draft = DraftID(String(name[..<slash])),
              name[name.index(after: slash)...].hasPrefix("Rev."),
              let number = Int(name[name.index(after: slash)...].dropFirst(4)), number > 0 else { return nil }
        self.init(draft: draft, number: number)
    }
}

extension DraftingRepository {
    /// The commit a revision names for `draft`: `Rev.N` (the draft's published revision), a
    /// tag name (`res140/Rev.1`), or any Git revision (`main`, `HEAD~2`, a commit id).
    public func commit(ofRevision revision: String, draft: DraftID) throws -> ObjectID {
        if let number = RevisionTag.number(in: revision) {
            let tag = RevisionTag(draft: draft, number: number)
            guard try git.reference(tag.reference) != nil else {
                let published = try revisions(of: draft).map { "Rev.\($0.number)" }
                throw DraftingError(.badInput, "\(revision): draft \(draft) has no Rev.\(number) "
                    + (published.isEmpty ? "(none is published yet)" : "(published: \(published.joined(separator: ", ")))"))
            }
            return try git.resolveCommit(tag.reference)
        }
        do { return try git.resolveCommit(revision) } catch let error as GitError {
            throw DraftingError(.badInput, "\(revision): not a revision of this repository (\(error.message)); give Rev.N, a tag, a branch or a commit")
        }
    }

    /// The draft's published revisions that have their tag, with the commits they name, in order.
    public func revisions(of draft: DraftID) throws -> [(number: Int, commit: ObjectID)] {
        try git.referenceNames(matching: RevisionTag.glob(of: draft)).compactMap { name in
            guard let tag = RevisionTag(reference: name), tag.draft == draft else { return nil }
            return (tag.number, try git.resolveCommit(name))
        }.sorted { $0.number < $1.number }
    }

    /// Tags what an interrupted publish left untagged: each revision the ledger records as
    /// published whose tag is missing gets it, on the commit of main that published it. Run
    /// by the commands that publish and open rounds, so that the next one finishes the work.
    func tagPublishedRevisions(of draft: DraftID) throws {
        let ledger = try roundLedger(for: draft)
        let missing = try ledger.rounds.filter { round in
            guard let number = round.publishedRevision else { return false }
            return try git.reference(RevisionTag(draft: draft, number: number).reference) == nil
        }
        guard !missing.isEmpty, let tip = try mainTip() else { return }
        for commit in try git.history(from: tip) {
            let subject = try git.commitInfo(commit).message.prefix { $0 != "\n" }
            for round in missing where subject == RevisionTag(draft: draft, number: round.publishedRevision!).publishingSubject(round: round.number) {
                try tagRevision(round.publishedRevision!, of: draft, at: commit, round: round.number)
            }
        }
    }

    /// Tags the publishing commit of `draft`'s Rev.`number`.
    func tagRevision(_ number: Int, of draft: DraftID, at commit: ObjectID, round: Int) throws {
        let tag = RevisionTag(draft: draft, number: number)
        // Landed as any reference is, so that a lock an interrupted command left is named.
        try landing(on: tag.reference) {
            do {
                try git.createTag(tag.name, on: commit, message: "\(draft) Rev.\(number): the consolidated text of round \(round)\n",
                                  tagger: try signature())
            } catch let error as GitError where error.code == .exists {
                throw DraftingError(.refused, "published \(draft) Rev.\(number) (commit \(commit.hex.prefix(10))), but the tag \(tag.name) already names "
                    + "another commit; it was left as it was: check it with `git show \(tag.name)`")
            }
        }
    }
}
