/// One change a proposal makes to a paragraph's base text, anchored to the base: the bytes
/// `start..<end` of the base are replaced by `inserted` (an insertion has `start == end`).
///
/// Anchoring every proposal to the same base, rather than diffing proposals against each
/// other, is what lets N members' edits be compared pairwise in O(1) and merged: two edits
/// collide only where they remove a common base token, or insert different text into the
/// same gap, or one inserts inside what the other removes. Edits that merely touch
/// (adjacent words) do not collide — where diff3 and `git merge-file` would conflict.
struct TokenEdit: Hashable, Sendable {
    /// UTF-8 offsets into the base text; always on token boundaries, since they come from
    /// a word diff whose spans are whole tokens.
    let start: Int
    let end: Int
    let inserted: String

    var isInsertion: Bool { start == end }

    // Equal edits fold into one, credited jointly; they must be equal byte for byte, not
    // merely under `String`'s canonical equivalence, or one member's spelling is lost.
    static func == (a: TokenEdit, b: TokenEdit) -> Bool {
        a.start == b.start && a.end == b.end && a.inserted.hasSameBytes(as: b.inserted)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(start)
        hasher.combine(end)
        inserted.hashBytes(into: &hasher)
    }

    func collides(with other: TokenEdit) -> Bool {
        if self == other { return false }
        if isInsertion && other.isInsertion { return start == other.start }
        if isInsertion { return other.start < start && start < other.end }
        if other.isInsertion { return start < other.start && other.start < end }
        return start < other.end && other.start < end
    }

    /// The edits that turn a base text into a proposal, read off the word diff's spans.
    /// Without `keepingFormatting`, a change of formatting only (NBSP for a space) is read
    /// as the base's own text: the merge keeps the base's characters there.
    static func edits(from spans: [Span], keepingFormatting: Bool = true) -> [TokenEdit] {
        edits(keepingFormatting: keepingFormatting) { spans.forEachSpan($0) }
    }

    /// The edits of a member's change to a paragraph, read off its redline's bytes.
    static func edits(of change: ParagraphDiff.Change, keepingFormatting: Bool) -> [TokenEdit] {
        edits(keepingFormatting: keepingFormatting) { change.forEachSpan($0) }
    }

    /// The edits of the spans `forEachSpan` hands over in order, each as its change, whether
    /// it is formatting only, and its bytes.
    private static func edits(keepingFormatting: Bool,
                              _ forEachSpan: ((Change, Bool, UnsafeBufferPointer<UInt8>) -> Void) -> Void) -> [TokenEdit] {
        var edits: [TokenEdit] = []
        var offset = 0
        var pendingStart: Int?
        var pendingInserted: [UInt8] = []
        func flush() {
            if let start = pendingStart {
                edits.append(TokenEdit(start: start, end: offset, inserted: String(decoding: pendingInserted, as: UTF8.self)))
            }
            pendingStart = nil
            pendingInserted.removeAll(keepingCapacity: true)
        }
        forEachSpan { change, isFormattingOnly, bytes in
            if isFormattingOnly && !keepingFormatting {
                flush()
                if change == .delete { offset += bytes.count }
                return
            }
            switch change {
            case .same:
                flush()
                offset += bytes.count
            case .delete:
                if pendingStart == nil { pendingStart = offset }
                offset += bytes.count
            case .insert:
                if pendingStart == nil { pendingStart = offset }
                pendingInserted.append(contentsOf: bytes)
            }
        }
        flush()
        return edits
    }
}
