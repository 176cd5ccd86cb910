/// Escapes text for Markdown: every ASCII punctuation character that Markdown could read as
/// syntax gets a backslash, and `<`, `>`, `&` become entities so that no HTML gets through.
func markdownEscaped(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "&": escaped += "&amp;"
        case "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "-", ".", "!", "|", "~", "\"", "'", "=", ":", "^", "$", "%", "@", "?", ";", ",", "/":
            escaped += "\\"
            escaped.unicodeScalars.append(scalar)
        default:
            escaped.unicodeScalars.append(scalar)
        }
    }
    return escaped
}
