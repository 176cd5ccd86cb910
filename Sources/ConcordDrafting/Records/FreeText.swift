/// Text that people type and Concord records: member names, reasons, decision texts.
///
/// Control characters are refused where they enter, with one line naming the field: they
/// have no place in prose, they can rewrite what a terminal shows (an escape sequence in a
/// member's name would repaint another member's line), and a carriage return reads back
/// differently on every platform. A tab and a line break are the two a reason may hold.
public enum FreeText {
    public enum Shape: Sendable {
        /// A name: one line, no tab.
        case line
        /// A reason: tabs and line breaks allowed.
        case paragraphs
    }

    /// Refuses a control character (Unicode category Cc, which includes DEL and the C1
    /// controls) other than those `shape` allows, naming `field` and the character.
    public static func check(_ text: String, _ field: String, shape: Shape) throws {
        for scalar in text.unicodeScalars where scalar.isControl {
            if shape == .paragraphs && (scalar == "\n" || scalar == "\t") { continue }
            let what = scalar == "\n" ? "a line break" : scalar == "\t" ? "a tab" : "the control character \(scalar.codePoint)"
            let rule = shape == .line ? "plain text on one line" : "plain text, with line breaks and tabs at most"
            throw DraftingError(.badInput, "\(field): holds \(what); it must be \(rule)")
        }
    }

    /// `text` with each control character shown as `\u{1B}`: for messages that name a
    /// value as it was given, so that the terminal shows it rather than obeys it.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: \.isControl) else { return text }
        var shown = ""
        for scalar in text.unicodeScalars {
            if scalar.isControl {
                shown += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    /// `text` as one line of a commit message: each run of line breaks becomes one space, so
    /// that free text cannot add lines that Git would read as trailers (`Concord-Member: X`).
    /// The record keeps the exact text; the message only summarises it.
    static func commitMessageLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension Unicode.Scalar {
    /// Unicode category Cc: the C0 controls, DEL and the C1 controls.
    public var isControl: Bool { properties.generalCategory == .control }

    /// `U+001B`, as messages name a character.
    public var codePoint: String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
