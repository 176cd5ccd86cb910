import ArgumentParser
import ConcordDrafting

/// Parses a draft id at the command line, so that `../x` or `refs/heads/main` fail before
/// anything is opened.
func parseDraftID(_ argument: String) throws -> DraftID {
    guard let id = DraftID(argument) else {
        throw ValidationError("\"\(argument)\" is not a valid draft id: use 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit")
    }
    return id
}
