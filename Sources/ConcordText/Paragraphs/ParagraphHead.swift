/// Reads the head of a paragraph line: `[bookmark: …]` markers that ITU's tools leave, the
/// indentation, a label and the white space that separates it from the text.
///
/// A hand-written scanner rather than a regular expression: it looks at a few dozen scalars
/// of each line, so importing thousands of provisions costs nothing, and each rule below
/// carries the reason it exists.
enum ParagraphHead {
    static let bookmarkOpening = Array("[bookmark: ".utf8)

    /// Latin ordinal suffixes of inserted provisions: `1bis`, `2 ter`.
    static let insertionSuffixes = ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"]
        .map { Array($0.unicodeScalars) }

    static let bullets: Set<Unicode.Scalar> = ["•", "–", "—", "‒", "▪", "◦", "·", "-", "*", "+"]

    /// How many scalars after the bookmarks are looked at for indentation, label and
    /// separator: labels are short, and a bounded window keeps reading a line O(1).
    static let labelWindow = 40

    /// What the head of a line holds.
    struct Reading {
        /// The head's length in UTF-8 bytes: `line.utf8.prefix(headBytes)` is the head.
        var headBytes: Int
        /// Where the label stands, in bytes of the line (within the head); nil without one.
        /// A range rather than a `Label`: a large draft's labels are read by few (a redline
        /// compares them, and prints only the changed paragraphs'), and making a string of
        /// every one was a tenth of reading the file.
        var labelBytes: Range<Int>?
        var firstBookmark: String?
    }

    static func read(_ line: String) -> Reading {
        var line = line
        return line.withUTF8 { read($0) }
    }

    /// Reads bytes rather than characters: the head is scanned for every line of drafts with
    /// thousands of provisions, and only the short window where a label can stand is decoded.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Reading {
        var position = 0
        var firstBookmark: String?
        while let (name, next) = bookmark(in: bytes, at: position) {
            if firstBookmark == nil { firstBookmark = String(decoding: bytes[name], as: UTF8.self) }
            position = next
        }
        if let reading = readASCIINumber(bytes, from: position, firstBookmark: firstBookmark) { return reading }
        let windowEnd = min(bytes.count, position + labelWindow * 4)
        let window = Array(String(decoding: bytes[position..<windowEnd], as: UTF8.self).unicodeScalars.prefix(labelWindow))
        var scalarEnd = 0
        while scalarEnd < window.count, isBlank(window[scalarEnd]) { scalarEnd += 1 }
        func byteOffset(_ scalarOffset: Int) -> Int { position + window[..<scalarOffset].reduce(0) { $0 + UTF8.width($1) } }
        var labelBytes: Range<Int>?
        if let end = labelEnd(in: window, at: scalarEnd) {
            labelBytes = byteOffset(scalarEnd) ..< byteOffset(end)
            scalarEnd = end
            while scalarEnd < window.count, isBlank(window[scalarEnd]) { scalarEnd += 1 }
        }
        return Reading(headBytes: byteOffset(scalarEnd), labelBytes: labelBytes, firstBookmark: firstBookmark)
    }

    /// The common case read without decoding: optional indentation, a number such as
    /// `4.1.3` and a tab. Anything else goes through the general rules.
    static func readASCIINumber(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, firstBookmark: String?) -> Reading? {
        var position = start
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") { position += 1 }
        let labelStart = position
        var digits = 0
        while position < bytes.count {
            let byte = bytes[position]
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                digits += 1
                if digits > 4 { return nil }
            } else if byte == UInt8(ascii: "."), digits > 0, position + 1 < bytes.count,
                      (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position + 1]) {
                digits = 0
            } else {
                break
            }
            position += 1
        }
        guard digits > 0, position < bytes.count, bytes[position] == UInt8(ascii: "\t") else { return nil }
        let labelEnd = position
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") { position += 1 }
        return Reading(headBytes: position, labelBytes: labelStart ..< labelEnd, firstBookmark: firstBookmark)
    }

    /// The names of the `[bookmark: …]` markers at the start of `head`, in order.
    static func bookmarks(in head: String) -> [String] {
        var head = head
        return head.withUTF8 { bytes in
            var names: [String] = []
            var position = 0
            while let (name, next) = bookmark(in: bytes, at: position) {
                names.append(String(decoding: bytes[name], as: UTF8.self))
                position = next
            }
            return names
        }
    }

    /// The `[bookmark: name]` marker at `position`, if one stands there: where its name
    /// stands, and where the marker ends. Its brackets are ASCII, so bytes serve as well as
    /// characters.
    static func bookmark(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (name: Range<Int>, next: Int)? {
        let nameStart = position + bookmarkOpening.count
        guard bytes.count > nameStart, bytes[position ..< nameStart].elementsEqual(bookmarkOpening),
              let close = bytes[nameStart...].firstIndex(of: UInt8(ascii: "]")), close > nameStart else { return nil }
        return (nameStart ..< close, close + 1)
    }

    /// The end of a label starting at `start`, if one stands there and is followed by a
    /// separator (tab or spaces). Without a separator, `2022` or `a)` is the start of the text.
    static func labelEnd(in scalars: [Unicode.Scalar], at start: Int) -> Int? {
        guard start < scalars.count else { return nil }
        let candidates = [numbered(scalars, start), parenthesised(scalars, start), lettered(scalars, start),
                          bullet(scalars, start), heading(scalars, start)]
        for case let (end, needsTab)? in candidates {
            guard end < scalars.count, isBlank(scalars[end]) else { continue }
            if scalars[end] == "\t" || !needsTab { return end }
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
