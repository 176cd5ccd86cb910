import ConcordText

/// A change a reader could not see — a space become a no-break space, a zero-width space
/// added — is shown with a visible stand-in for each invisible character, as Word's
/// "show formatting marks" does: `⍽` a no-break space, `␣` a space, `⇥` a tab, `¬` a soft
/// hyphen, `▯` any zero-width character. A change with a visible character in it is shown as
/// written: its words carry it, and stand-ins there would only be noise.
enum InvisibleCharacters {
    /// `text` with stand-ins, when nothing in it is visible; nil when something is.
    static func shown(_ text: String) -> String? {
        var shown = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard let standIn = standIn(for: scalar) else { return nil }
            shown.append(standIn)
        }
        return shown.isEmpty ? nil : String(shown)
    }

    /// The span's text as a reader should see it: with stand-ins when it changes only what
    /// cannot be seen.
    static func readable(_ text: String, change: Change) -> String {
        change == .same ? text : shown(text) ?? text
    }

    /// As `shown`, on UTF-8: the terminal redline writes bytes. Most changed spans hold a
    /// visible ASCII byte, which answers at once.
    static func shown(bytes: some Collection<UInt8>) -> String? {
        guard !bytes.contains(where: { $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return shown(String(decoding: bytes, as: UTF8.self))
    }

    private static func standIn(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x20: "␣"
        case 0x09: "⇥"
        case 0xA0, 0x202F, 0x2007: "⍽"
        case 0xAD: "¬"
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: "▯"
        default: nil
        }
    }
}
