import ConcordGit
import ConcordText

/// A draft as stored on the main branch.
public struct Draft: Sendable {
    public let id: DraftID
    public let text: DraftText
    /// The commit the text was read from.
    public let revision: ObjectID
}

/// The text formats `draft import` reads, told by the file's extension. (A Word document is
/// read as text at the edge, by ConcordWord, before it gets here.)
public enum DraftSourceFormat: String, Sendable {
    case plainText, markdown

    public init(path: String) throws {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown") {
            self = .markdown
        } else {
            self = .plainText
        }
    }
}

extension DraftingRepository {
    /// Drafts on the main branch (or at `commit`), by id.
    public func draftIDs(at commit: ObjectID? = nil) throws -> [DraftID] {
        guard let tip = try commit ?? mainTip() else { return [] }
        return try git.entries(at: Self.draftsFolder, in: tip)
            .filter { $0.isBlob && $0.name.hasSuffix(".txt") }
            .compactMap { DraftID(String($0.name.dropLast(4))) }
            .sorted()
    }

    /// The draft as stored at `revision` (default: the tip of the main branch).
    public func draft(_ id: DraftID, at revision: String? = nil) throws -> Draft {
        let commit: ObjectID
        if let revision {
            commit = try self.commit(ofRevision: revision, draft: id)
        } else {
            guard let tip = try mainTip() else { throw DraftingError(.badInput, "draft \(id): there are no drafts yet (import one with `concord draft import`)") }
            commit = tip
        }
        guard let bytes = try git.fileContents(at: id.path, in: commit) else {
            throw DraftingError(.badInput, "draft \(id): no such draft (\(id.path) is not on \(revision ?? "main"))")
        }
        return try Self.draft(id, parsing: bytes, at: commit)
    }

    /// The draft `id` parsed from `bytes`, its file as `commit` holds it.
    static func draft(_ id: DraftID, parsing bytes: [UInt8], at commit: ObjectID) throws -> Draft {
        do {
            return Draft(id: id, text: try DraftText(parsing: bytes).withMissingIDsAssigned(), revision: commit)
        } catch {
            throw DraftingError(.badInput, "\(id.path) at \(commit.hex.prefix(10)): \(error)")
        }
    }

    /// The draft as stored in `commit`.
    public func draft(_ id: DraftID, at commit: ObjectID) throws -> Draft {
        try draft(id, at: commit.hex)
    }

    /// Reads a base text and commits it to the main branch as a new draft.
    ///
    /// Refused with nothing written when the draft exists, or the text is empty, binary, not
    /// UTF-8 or names one paragraph id twice.
    @discardableResult
    public func importDraft(_ id: DraftID, from bytes: [UInt8], named fileName: String,
                            format: DraftSourceFormat) throws -> Draft {
        let parsed: DraftText
        do {
            parsed = try format == .markdown ? DraftText(parsingMarkdown: bytes) : DraftText(parsing: bytes)
        } catch {
            throw DraftingError(.badInput, "\(fileName): \(error)")
        }
        guard !parsed.paragraphs.isEmpty else { throw DraftingError.noParagraph(in: fileName) }
        let text = parsed.withMissingIDsAssigned()
        // The commit names the file, not where it sat on the importer's machine.
        let baseName = fileName.split(separator: "/").last.map(String.init) ?? fileName
        return try landing(on: Self.mainBranch) {
            let tip = try mainTip()
            if try draftIDs(at: tip).contains(id) {
                throw DraftingError(.badInput, "draft \(id) exists already (\(id.path)); choose another id")
            }
            let blob = try git.writeBlob(text.storedBytes())
            let commit = try commitToMain(changes: [.upsert(path: id.path, blob: blob)],
                                          message: "Import draft \(id) from \(FreeText.escaped(baseName))\n\n\(text.paragraphs.count) paragraphs.",
                                          basedOn: tip)
            return Draft(id: id, text: text, revision: commit)
        }
    }
}
