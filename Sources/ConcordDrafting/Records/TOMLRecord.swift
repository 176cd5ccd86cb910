import TOMLKit

/// The one way Concord writes and reads its TOML records (`members.toml`,
/// `<draft>.rounds.toml`, `<draft>.proposal.toml`, `<draft>.decisions.toml`).
///
/// Every string is written as a TOML basic string, `"…"` with escapes. TOMLKit's default
/// options let it choose literal (`'…'`) and multi-line (`'''…'''`) strings, which have no
/// escapes: a member name or reason holding `'''` then closed its string early, and the rest
/// of the value was read as TOML of its own — a new `[members.EVIL]` table with `kind =
/// 'chair'`, or a record no command could read back. Basic strings escape quotes, backslashes
/// and control characters, so any value round-trips (`TOMLRecordTests`).
enum TOMLRecord {
    /// Basic strings only; non-ASCII text stays readable in `git diff` rather than `\u` escaped.
    static var writingOptions: FormatOptions { [.allowUnicodeStrings] }

    static func encode<Value: Encodable>(_ value: Value) throws -> String {
        let table: TOMLTable = try TOMLEncoder().encode(value)
        return table.convert(to: .toml, options: writingOptions) + "\n"
    }

    /// The record at `path`, or one line naming the file and what it should have been.
    static func decode<Value: Decodable>(_ type: Value.Type, from toml: String, path: String, what: String) throws -> Value {
        if let (line, problem) = TOMLParserGuard.firstTrap(in: toml) {
            throw DraftingError(.badInput, "\(path): line \(line): \(problem)")
        }
        do {
            return try TOMLDecoder().decode(type, from: toml)
        } catch {
            let detail = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
            throw DraftingError(.badInput, "\(path): not a valid \(what) (\(detail))")
        }
    }
}
