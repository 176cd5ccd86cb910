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
/// Only the line's first few characters are looked at (up to 3 spaces, 9 digits, the
/// delimiter and what follows it): this runs on every piece of text a report writes.
private func escapingBlockStart(_ line: String) -> String {
    let head = Array(line.unicodeScalars.prefix(14))
    var start = 0
    while start < head.count, start < 3, head[start] == " " { start += 1 }   // up to 3 spaces still open a block
    guard start < head.count else { return line }
    // Past the head is past the line's end: no marker reaches the head's last character.
    func isBreak(_ index: Int) -> Bool { index >= head.count || head[index] == " " || head[index] == "\t" }
    var marker: Int?
    switch head[start] {
    case "#":
        var end = start
        while end < head.count, head[end] == "#" { end += 1 }
        if end - start <= 6, isBreak(end) { marker = start }
    case "-", "+":
        if isBreak(start + 1) { marker = start }
    case "0"..."9":
        var end = start
        while end < head.count, end - start < 9, ("0"..."9").contains(head[end]) { end += 1 }
        if end < head.count, head[end] == "." || head[end] == ")", isBreak(end + 1) { marker = end }
    default: break
    }
    let first = head[start]
    if marker == nil, first == "-" || first == "=", line.unicodeScalars.allSatisfy({ $0 == first || $0 == " " || $0 == "\t" }) {
        marker = start
    }
    guard let marker else { return line }
    var result = String.UnicodeScalarView(head[..<marker])
    result.append("\\")
    result.append(contentsOf: line.unicodeScalars.dropFirst(marker))
    return String(result)
}
