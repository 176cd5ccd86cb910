/// A failure the user can act on, said in one line that names the file, draft, paragraph or
/// member concerned. `kind` decides the exit code: bad input is 2, a refusal is 1.
public struct DraftingError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The input is wrong: a missing or unreadable file, an invalid id, a bad draft.
        case badInput
        /// The input is fine but the operation cannot be done now (someone else moved a branch,
        /// a deadline passed, a round is closed).
        case refused
        /// The input was made from a state that has changed since (a form from a page opened
        /// before another command wrote): nothing was done, and the caller shows the new state.
        case changedSince
    }

    public let kind: Kind
    public let message: String
    /// Lines that follow the message, one per item it is about (each paragraph of a refusal).
    public let details: [String]

    public init(_ kind: Kind, _ message: String, details: [String] = []) {
        self.kind = kind
        self.message = message
        self.details = details
    }

    public var description: String { message }
}

extension DraftingError {
    /// A file with no paragraph (empty, or blank lines only): refused alike as a base text and
    /// as a submission, where it would otherwise propose deleting every paragraph.
    static func noParagraph(in fileName: String) -> DraftingError {
        DraftingError(.badInput, "\(fileName): the file holds no paragraph (it is empty or only blank lines)")
    }
}
