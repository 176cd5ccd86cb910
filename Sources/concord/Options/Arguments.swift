import ArgumentParser
import ConcordDrafting
import Foundation

/// Parses a draft id at the command line, so that `../x` or `refs/heads/main` fail before
/// anything is opened.
func parseDraftID(_ argument: String) throws -> DraftID {
    guard let id = DraftID(argument) else {
        throw ValidationError("\"\(argument)\" is not a valid draft id: use 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit")
    }
    return id
}

func parseMemberID(_ argument: String) throws -> MemberID {
    guard let id = MemberID(argument) else {
        throw ValidationError("\"\(argument)\" is not a valid member id: use 1 to 16 letters, digits, '-' or '_', starting with a letter (e.g. RUS, CEPT)")
    }
    return id
}

/// `ARM,KAZ` → [ARM, KAZ].
func parseMemberList(_ argument: String) throws -> [MemberID] {
    try argument.split(separator: ",", omittingEmptySubsequences: false)
        .map { try parseMemberID($0.trimmingCharacters(in: .whitespaces)) }
}

func parseDeadline(_ argument: String) throws -> Deadline {
    guard let deadline = Deadline(argument) else {
        throw ValidationError("\"\(argument)\" is not a deadline: give a real date, a time and a zone, e.g. 2022-02-18T23:59:00+01:00")
    }
    return deadline
}

/// `--reason PARAGRAPH=TEXT`.
struct ReasonArgument: ExpressibleByArgument {
    let paragraph: String
    let reason: String

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "=") else { return nil }
        paragraph = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
        reason = String(argument[argument.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        guard !paragraph.isEmpty, !reason.isEmpty else { return nil }
    }

    static var defaultValueDescription: String { "PARAGRAPH=TEXT" }
}
