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
        try checkTableHeaders(toml, path: path)
        do {
            return try TOMLDecoder().decode(type, from: toml)
        } catch {
            let detail = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
            throw DraftingError(.badInput, "\(path): not a valid \(what) (\(detail))")
        }
    }

    /// Refuses a table header whose first key starts with a character no key starts with
    /// (`[é]`, `[#]`, `[.a]`, a `[` alone), naming the line. toml++ (inside TOMLKit 0.6) asserts on such
    /// a header rather than report it: a debug build aborts and a release build goes on with
    /// undefined behaviour, on a file any member can push. `RecordFuzzTests` found it. The
    /// check reads only what the parser would trip on; everything else is the library's.
    /// A hand-written multi-line string with such a line inside is refused too, which costs
    /// nothing: Concord writes every string on one line.
    static func checkTableHeaders(_ toml: String, path: String) throws {
        for (number, line) in toml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "[" else { continue }
            rest = rest.dropFirst()
            if rest.first == "[" { rest = rest.dropFirst() }
            let first = rest.drop(while: { $0 == " " || $0 == "\t" }).unicodeScalars.first
            if first == "]" { continue }   // an empty header, which the library reports
            let startsKey = first.map { first in first.isASCII && (first.properties.isAlphabetic || ("0"..."9").contains(first) || "-_'\"".unicodeScalars.contains(first)) } ?? false
            guard startsKey else {
                throw DraftingError(.badInput, "\(path): line \(number + 1): a table header's name starts with a letter, a digit, '-', '_' or a quote")
            }
        }
    }
}
