/// Escapes one line of text for Markdown (CommonMark, with GitHub's tables and strikethrough),
/// backslashing only what Markdown would read as syntax, so that `d'utiliser` and `1.2` stay
/// as they are written:
///
/// - anywhere: `\` `` ` `` `*` `_` `[` `]` (emphasis, code, links), `|` (a table's cells),
///   `~` (strikethrough); `<`, `>` and `&` become entities, so that no HTML gets through;
/// - at the line's start only, where they open a block: `#` before a space (a heading), `-`
///   or `+` before a space (a list item), digits then `.` or `)` before a space (a numbered
///   item), and a line of nothing but `-` or `=` (a rule, or an underlined heading).
func markdownEscaped(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "&": escaped += "&amp;"
        case "\\", "`", "*", "_", "[", "]", "|", "~":
            escaped += "\\"
            escaped.unicodeScalars.append(scalar)
        default:
            escaped.unicodeScalars.append(scalar)
        }
    }
    return escapingBlockStart(escaped)
}

/// The line with a backslash before the character that would open a block at its start.
private func escapingBlockStart(_ line: String) -> String {
    let scalars = Array(line.unicodeScalars)
    var start = 0
    while start < scalars.count, start < 3, scalars[start] == " " { start += 1 }   // up to 3 spaces still open a block
    guard start < scalars.count else { return line }
    func isBreak(_ index: Int) -> Bool { index >= scalars.count || scalars[index] == " " || scalars[index] == "\t" }
    var marker: Int?
    switch scalars[start] {
    case "#":
        var end = start
        while end < scalars.count, scalars[end] == "#" { end += 1 }
        if end - start <= 6, isBreak(end) { marker = start }
    case "-", "+":
        if isBreak(start + 1) { marker = start }
    case "0"..."9":
        var end = start
        while end < scalars.count, end - start < 9, ("0"..."9").contains(scalars[end]) { end += 1 }
        if end < scalars.count, scalars[end] == "." || scalars[end] == ")", isBreak(end + 1) { marker = end }
    default: break
    }
    if marker == nil, scalars[start] == "-" || scalars[start] == "=",
       scalars[start...].allSatisfy({ $0 == scalars[start] || $0 == " " || $0 == "\t" }) {
        marker = start
    }
    guard let marker else { return line }
    var result = String.UnicodeScalarView(scalars[..<marker])
    result.append("\\")
    result.append(contentsOf: scalars[marker...])
    return String(result)
}
