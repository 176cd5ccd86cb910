import Cgit2

extension Repository {
    /// The note attached to `target` in the notes history ending at `notesCommit`.
    public func note(on target: ObjectID, notesCommit: ObjectID) throws -> String? {
        try withCommit(notesCommit) { commit in
            var out: OpaquePointer?
            var raw = target.raw
            let status = git_note_commit_read(&out, handle, commit, &raw)
            if status == GIT_ENOTFOUND.rawValue { return nil }
            try check(status, "cannot read the note on \(target)")
            let note = Handle(out!, freedBy: git_note_free)
            return note.withPointer { String(cString: git_note_message($0)) }
        }
    }

    /// Writes a notes commit on top of `parent` (nil: the first one) in which `target`'s note
    /// is `text`, without moving any reference: the caller publishes it by compare-and-swap,
    /// as for any other commit.
    public func writeNote(_ text: String, on target: ObjectID, parent: ObjectID?, author: Signature) throws -> ObjectID {
        let parentHandle = try parent.map { parent in
            try make("no notes commit \(parent)", freedBy: git_commit_free) { out in
                var raw = parent.raw
                return git_commit_lookup(out, handle, &raw)
            }
        }
        var commit = git_oid(), blob = git_oid(), raw = target.raw
        _ = try author.withGitSignature { signature in
            try check(git_note_commit_create(&commit, &blob, handle, parentHandle?.pointer, signature, signature, &raw, text, 1),
                      "cannot write a note on \(target)")
        }
        return ObjectID(commit)
    }
}
