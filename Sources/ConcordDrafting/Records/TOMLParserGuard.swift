/// Finds the two shapes of TOML on which TOMLKit's parser (toml++ 3, inside TOMLKit 0.6)
/// asserts instead of reporting an error: a debug build aborts, and a release build goes on
/// with undefined behaviour — on a record that any member can push. `RecordFuzzTests` found
/// both:
///
/// - a table header whose name starts with a character no key starts with (`[é]`, `[#]`,
///   `[.a]`, a `[` alone on its line);
/// - a `}` where an array expects a value (`["ARM",} "KAZ"]`, `[}`), or a space that is not
///   ASCII (NBSP, U+2028…) there: the parser skips ASCII spaces only, then trips on it.
///
/// Outside strings and comments TOML is ASCII, so the guard refuses any other character
/// there, which covers the second trap wherever it stands.
///
/// This is no TOML reader, and reads nothing into values: it walks the text once, skipping
/// strings and comments, tracking only the brackets, to refuse those two shapes with the
/// line they are on. Everything else, valid or not, is left to the library.
enum TOMLParserGuard {
    /// The line (from 1) and what is wrong, for the first trap in `text`; nil when none.
    static func firstTrap(in text: String) -> (line: Int, problem: String)? {
        let scalars = Array(text.unicodeScalars)
        var index = 0, line = 1
        var open: [Unicode.Scalar] = []          // "[" for an array, "{" for an inline table
        var afterEquals = false                  // in a value, at the top level
        var atLineStart = true
        var expectingValue = false               // just after an array's "[" or ","
        var inHeader = false                     // a table header's line: its brackets are no arrays

        func peek(_ offset: Int = 0) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }
        func skipString() {
            let quote = scalars[index]
            let triple = peek(1) == quote && peek(2) == quote
            index += triple ? 3 : 1
            while let scalar = peek() {
                if scalar == "\n" { if !triple { return }; line += 1 }
                if quote == "\"" && scalar == "\\" { index += 2; continue }
                if scalar == quote && (!triple || (peek(1) == quote && peek(2) == quote)) { index += triple ? 3 : 1; return }
                index += 1
            }
        }

        while let scalar = peek() {
            if atLineStart && open.isEmpty && !afterEquals && scalar != " " && scalar != "\t" {
                atLineStart = false
                if scalar == "[" {
                    var name = index + 1
                    if name < scalars.count, scalars[name] == "[" { name += 1 }
                    while name < scalars.count, scalars[name] == " " || scalars[name] == "\t" { name += 1 }
                    let first = name < scalars.count ? scalars[name] : "\n"
                    let startsKey = first.isASCII && (first.properties.isAlphabetic || ("0"..."9").contains(first)
                                                      || "-_'\"".unicodeScalars.contains(first))
                    if !startsKey && first != "]" {
                        return (line, "a table header's name starts with a letter, a digit, '-', '_' or a quote")
                    }
                    inHeader = true
                    index += 1
                    continue
                }
            }
            switch scalar {
            case "\n":
                line += 1
                atLineStart = true
                inHeader = false
                if open.isEmpty { afterEquals = false }
                index += 1
                continue
            case " ", "\t", "\r":
                index += 1
                continue
            case "#":
                while let rest = peek(), rest != "\n" { index += 1 }
                continue
            case "\"", "'":
                skipString()
                expectingValue = false
                continue
            case "=":
                if open.isEmpty { afterEquals = true }
                expectingValue = false
            case "[" where inHeader, "]" where inHeader:
                break
            case "[":
                open.append("[")
                expectingValue = true
            case "{":
                open.append("{")
                expectingValue = false
            case "}":
                if expectingValue && open.last == "[" { return (line, "an array holds a '}' where a value should be") }
                if open.last == "{" { open.removeLast() }
                expectingValue = false
            case "]":
                if open.last == "[" { open.removeLast() }
                expectingValue = false
            case ",":
                expectingValue = open.last == "["
            default:
                if !scalar.isASCII { return (line, "\(scalar.codePoint) outside quotes; only ASCII may stand there") }
                expectingValue = false
            }
            index += 1
        }
        return nil
    }
}
