/// Reads the head of a paragraph line: `[bookmark: …]` markers that ITU's tools leave, the
/// indentation, a label and the white space that separates it from the text.
///
/// A hand-written scanner rather than a regular expression: it looks at a few dozen scalars
/// of each line, so importing thousands of provisions costs nothing, and each rule below
/// carries the reason it exists.
enum ParagraphHead {
    static let bookmarkOpening = Array("[bookmark: ".unicodeScalars)

    /// Latin ordinal suffixes of inserted provisions: `1bis`, `2 ter`.
    static let insertionSuffixes = ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"]
        .map { Array($0.unicodeScalars) }

    static let bullets: Set<Unicode.Scalar> = ["•", "–", "—", "‒", "▪", "◦", "·", "-", "*", "+"]

    static func split(_ line: String) -> (head: String, text: String) {
        let scalars = Array(line.unicodeScalars.prefix(256))
        let end = headLength(scalars)
        guard end > 0 else { return ("", line) }
        let index = line.unicodeScalars.index(line.unicodeScalars.startIndex, offsetBy: end)
        return (String(line.unicodeScalars[..<index]), String(line.unicodeScalars[index...]))
    }

    static func bookmarks(in head: String) -> [String] {
        var names: [String] = []
        let scalars = Array(head.unicodeScalars)
        var position = 0
        while let (name, next) = bookmark(in: scalars, at: position) {
            names.append(name)
            position = next
        }
        return names
    }

    static func label(in head: String) -> Label? {
        let scalars = Array(head.unicodeScalars)
        var position = 0
        while let (_, next) = bookmark(in: scalars, at: position) { position = next }
        while position < scalars.count, isBlank(scalars[position]) { position += 1 }
        guard let end = labelEnd(in: scalars, at: position, separatorChecked: true) else { return nil }
        return Label(String(String.UnicodeScalarView(scalars[position..<end])))
    }

    /// How many scalars of `scalars` belong to the head.
    static func headLength(_ scalars: [Unicode.Scalar]) -> Int {
        var position = 0
        while let (_, next) = bookmark(in: scalars, at: position) { position = next }
        while position < scalars.count, isBlank(scalars[position]) { position += 1 }
        guard let end = labelEnd(in: scalars, at: position) else { return position }
        var separatorEnd = end
        while separatorEnd < scalars.count, isBlank(scalars[separatorEnd]) { separatorEnd += 1 }
        return separatorEnd
    }

    static func bookmark(in scalars: [Unicode.Scalar], at position: Int) -> (name: String, next: Int)? {
        guard scalars.count - position > bookmarkOpening.count,
              scalars[position..<position + bookmarkOpening.count].elementsEqual(bookmarkOpening),
              let close = scalars[(position + bookmarkOpening.count)...].firstIndex(of: "]"),
              close > position + bookmarkOpening.count else { return nil }
        let name = String(String.UnicodeScalarView(scalars[(position + bookmarkOpening.count)..<close]))
        return (name, close + 1)
    }

    /// The end of a label starting at `start`, if one stands there and is followed by a
    /// separator (tab or spaces). Without a separator, `2022` or `a)` is the start of the text.
    /// `separatorChecked`: the scalars are a head already split off its text, whose label was
    /// accepted with the text in view.
    static func labelEnd(in scalars: [Unicode.Scalar], at start: Int, separatorChecked: Bool = false) -> Int? {
        guard start < scalars.count else { return nil }
        let candidates = [numbered(scalars, start), parenthesised(scalars, start), lettered(scalars, start),
                          bullet(scalars, start), heading(scalars, start)]
        for case let (end, needsTab)? in candidates {
            guard end < scalars.count, isBlank(scalars[end]) else { continue }
            if scalars[end] == "\t" || !needsTab || separatorChecked { return end }
            // A bare number followed by a space is a label only before a capital ("1 Introduction"),
            // so that "25 États Membres ont…" keeps its number as text.
            var next = end
            while next < scalars.count, isBlank(scalars[next]) { next += 1 }
            if next < scalars.count, scalars[next].properties.isUppercase { return end }
        }
        return nil
    }

    /// `1`, `4.1.3.1`, `1.`, `1)`, `1bis`, `2 ter`. Returns whether only a tab may follow (a bare number).
    static func numbered(_ s: [Unicode.Scalar], _ start: Int) -> (Int, Bool)? {
        var position = start
        var groups = 0
        while true {
            let digitsStart = position
            while position < s.count, position - digitsStart < 4, isDigit(s[position]) { position += 1 }
            guard position > digitsStart else { return nil }
            groups += 1
            if position + 1 < s.count, s[position] == ".", isDigit(s[position + 1]) { position += 1; continue }
            break
        }
        if position < s.count, isDigit(s[position]) { return nil }   // more than four digits: a number, not a label
        var bare = groups == 1
        if let end = suffix(s, position) { position = end; bare = false }
        if position < s.count, s[position] == "." || s[position] == ")" { position += 1; bare = false }
        return (position, bare)
    }

    static func suffix(_ s: [Unicode.Scalar], _ start: Int) -> Int? {
        var position = start
        if position < s.count, s[position] == " " { position += 1 }
        for suffix in insertionSuffixes where s.count - position >= suffix.count
            && s[position..<position + suffix.count].elementsEqual(suffix) {
            let end = position + suffix.count
            if end == s.count || !s[end].properties.isAlphabetic { return end }
        }
        return nil
    }

    /// `(a)`, `(iv)`, `(1)`.
    static func parenthesised(_ s: [Unicode.Scalar], _ start: Int) -> (Int, Bool)? {
        guard s[start] == "(" else { return nil }
        var position = start + 1
        while position < s.count, position - start <= 5, isAlphanumeric(s[position]) { position += 1 }
        guard position > start + 1, position < s.count, s[position] == ")" else { return nil }
        return (position + 1, false)
    }

    /// `a)`, `bb)`, `xiv)`, and Cyrillic look-alikes such as `с)` (U+0441): any letters.
    static func lettered(_ s: [Unicode.Scalar], _ start: Int) -> (Int, Bool)? {
        var position = start
        while position < s.count, position - start < 5, s[position].properties.isAlphabetic { position += 1 }
        guard position > start, position < s.count, s[position] == ")" else { return nil }
        return (position + 1, false)
    }

    static func bullet(_ s: [Unicode.Scalar], _ start: Int) -> (Int, Bool)? {
        bullets.contains(s[start]) ? (start + 1, false) : nil
    }

    /// A Markdown heading marker, `#` to `######`, kept in the head like a label.
    static func heading(_ s: [Unicode.Scalar], _ start: Int) -> (Int, Bool)? {
        var position = start
        while position < s.count, position - start < 6, s[position] == "#" { position += 1 }
        return position > start ? (position, false) : nil
    }

    static func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool { isDigit(scalar) || scalar.properties.isAlphabetic }
}
