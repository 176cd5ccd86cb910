import ConcordDrafting

/// A Word document named where a text file is expected (`draft import`, `submit`, `redline`, an
/// upload to `concord serve`):
/// told by its extension or by its first bytes (a ZIP package, or the OLE container of an
/// encrypted document or a Word 97-2003 file), so that a renamed file is still read as what it is.
public enum WordInput {
    public static func isWordDocument(_ path: String, _ bytes: [UInt8]) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".docx") || lowered.hasSuffix(".doc") || lowered.hasSuffix(".docm")
            || bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0])
    }

    /// The document as a draft's text, every tracked change accepted.
    public static func read(_ path: String, _ bytes: [UInt8]) throws -> WordText {
        try WordText(reading: WordPackage(reading: bytes, named: path))
    }
}

extension SubmissionRequest {
    /// When the member's file is a Word document: its text, every tracked change accepted, its
    /// comments as reasons, and where it came from for the commit's message. A text file is
    /// left as it is.
    public mutating func readWordDocument() throws {
        guard WordInput.isWordDocument(fileName, bytes) else { return }
        let word = try WordInput.read(fileName, bytes)
        bytes = word.bytes
        reasonsInFile = word.reasons
        origin = "a Word document, \(word.trackedChanges) tracked changes"
            + (word.authors.isEmpty ? "" : " by \(word.authors.joined(separator: ", ")) in Word")
    }
}
