import ConcordGit

/// One reference a push wants to move, as Git hands it to `pre-receive` and `post-receive`
/// on standard input: `<old> <new> <name>`, where forty zeros mean "does not exist".
public struct ReferenceUpdate: Sendable, Equatable {
    public let name: String
    /// Nil when the push creates the reference.
    public let old: ObjectID?
    /// Nil when the push deletes the reference.
    public let new: ObjectID?

    public init(name: String, old: ObjectID?, new: ObjectID?) {
        self.name = name
        self.old = old
        self.new = new
    }

    /// Reads the lines a hook receives; an ill-formed line names itself.
    public static func parse(hookInput: String) throws -> [ReferenceUpdate] {
        try hookInput.split(whereSeparator: \.isNewline).map { line in
            let fields = line.split(separator: " ", maxSplits: 2)
            guard fields.count == 3, let old = ObjectID(hex: String(fields[0])), let new = ObjectID(hex: String(fields[1])) else {
                throw DraftingError(.badInput, "hook input: \"\(line)\" is not \"<old> <new> <reference>\"")
            }
            return ReferenceUpdate(name: String(fields[2]), old: old.isZero ? nil : old, new: new.isZero ? nil : new)
        }
    }
}

extension ObjectID {
    /// Git's "no object" (forty zeros), which hooks use for a missing side of an update.
    var isZero: Bool { hex.utf8.allSatisfy { $0 == UInt8(ascii: "0") } }
}
