/// The labels that Word's automatic numbering shows (`w:numPr`), which are not in the text:
/// Word computes them from `numbering.xml` as it lays the document out, and so must a reader.
///
/// A list (`w:num`) refers to an abstract numbering (`w:abstractNum`) with one definition per
/// level: a start value, a format (`decimal`, `lowerLetter`, `lowerRoman` …) and a pattern
/// (`%1.%2.`) in which `%n` stands for level n's counter. Each list counts on its own; a
/// paragraph at a level advances that level's counter and restarts the deeper ones.
struct WordNumbering {
    struct Level {
        var start = 1
        var format = "decimal"
        var pattern = ""
    }

    /// Start values are read within `0 ... largestCount`; Word allows up to 32767.
    static let largestCount = 1_000_000

    private var levelsOfAbstract: [String: [Int: Level]] = [:]
    private var abstractOfList: [String: String] = [:]
    private var startOverrides: [String: [Int: Int]] = [:]
    /// Per list, the counter of each level used so far.
    private var counters: [String: [Int: Int]] = [:]

    /// The label of the next paragraph numbered `list` at `level`, and advances the count.
    /// nil when the list or level is not defined, or has no visible label (`none`, empty).
    mutating func nextLabel(list: String, level: Int) -> String? {
        guard list != "0", let abstract = abstractOfList[list], let levels = levelsOfAbstract[abstract],
              let definition = levels[level] else { return nil }
        var counts = counters[list] ?? [:]
        let overrides = startOverrides[list] ?? [:]
        let start = { (level: Int) in overrides[level] ?? levels[level]?.start ?? 1 }
        // Saturating: a hostile start value must not overflow the count.
        counts[level] = counts[level].map { $0 < Self.largestCount ? $0 + 1 : $0 } ?? start(level)
        for deeper in counts.keys where deeper > level { counts[deeper] = nil }
        counters[list] = counts
        if definition.format == "bullet" { return Self.bullet(definition.pattern) }
        if definition.format == "none" { return nil }
        var label = ""
        var pattern = Substring(definition.pattern)
        while let percent = pattern.firstIndex(of: "%") {
            label += pattern[..<percent]
            let digit = pattern.index(after: percent)
            guard digit < pattern.endIndex, let referenced = pattern[digit].wholeNumberValue, referenced >= 1 else {
                pattern = pattern[digit...]
                continue
            }
            let shown = referenced - 1
            let count = counts[shown] ?? start(shown)
            label += Self.format(count, as: levels[shown]?.format ?? "decimal")
            pattern = pattern[pattern.index(after: digit)...]
        }
        label += pattern
        return label.isEmpty ? nil : label
    }

    static func format(_ number: Int, as format: String) -> String {
        switch format {
        case "lowerLetter": letters(number).lowercased()
        case "upperLetter": letters(number)
        case "lowerRoman": roman(number).lowercased()
        case "upperRoman": roman(number)
        case "decimalZero": number < 10 ? "0\(number)" : "\(number)"
        default: "\(number)"
        }
    }

    /// Word's letters: A … Z, then AA … ZZ, AAA …: the letter repeated. Beyond ten letters
    /// (a list of 260 items), digits: a file asking for more is not a list anyone reads.
    private static func letters(_ number: Int) -> String {
        guard (1 ... 260).contains(number) else { return "\(number)" }
        let letter = Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8((number - 1) % 26)))
        return String(repeating: letter, count: (number - 1) / 26 + 1)
    }

    private static func roman(_ number: Int) -> String {
        guard (1 ..< 4000).contains(number) else { return "\(number)" }
        let values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = number, result = ""
        for (value, numeral) in values {
            while rest >= value {
                result += numeral
                rest -= value
            }
        }
        return result
    }

    /// A bullet as the reader sees it: symbol fonts put bullets in the private use area, which
    /// means nothing outside that font.
    private static func bullet(_ pattern: String) -> String {
        guard let scalar = pattern.unicodeScalars.first else { return "•" }
        if (0xE000 ... 0xF8FF).contains(scalar.value) { return scalar.value == 0xF0A7 ? "▪" : "•" }
        return pattern == "o" ? "◦" : pattern
    }
}

extension WordNumbering {
    /// Reads `numbering.xml`.
    final class Reader: WordXMLHandler {
        var numbering = WordNumbering()
        private var abstract: String?
        private var list: String?
        private var level: Int?
        private var overrideLevel: Int?
        private var current = Level()

        func start(_ name: WordName, _ attributes: [String: String]) {
            guard name.vocabulary == .word else { return }
            switch name.local {
            case "abstractNum": abstract = attributes["abstractNumId"]
            case "num": list = attributes["numId"]
            case "abstractNumId": if let list, let value = attributes["val"] { numbering.abstractOfList[list] = value }
            case "lvlOverride": overrideLevel = attributes["ilvl"].flatMap { Int($0) }
            case "startOverride":
                if let list, let overrideLevel, let value = Self.count(attributes["val"]) {
                    numbering.startOverrides[list, default: [:]][overrideLevel] = value
                }
            case "lvl" where abstract != nil:
                level = attributes["ilvl"].flatMap { Int($0) }
                current = Level()
            case "start" where level != nil: current.start = Self.count(attributes["val"]) ?? 1
            case "numFmt" where level != nil: current.format = attributes["val"] ?? "decimal"
            case "lvlText" where level != nil: current.pattern = attributes["val"] ?? ""
            default: break
            }
        }

        func end(_ name: WordName) {
            guard name.vocabulary == .word else { return }
            switch name.local {
            case "lvl":
                if let abstract, let level { numbering.levelsOfAbstract[abstract, default: [:]][level] = current }
                level = nil
            case "abstractNum": abstract = nil
            case "num": list = nil
            case "lvlOverride": overrideLevel = nil
            default: break
            }
        }

        func characters(_ text: String) {}

        /// A start value, kept within what a count can reach.
        static func count(_ text: String?) -> Int? {
            text.flatMap { Int($0) }.map { min(max($0, 0), WordNumbering.largestCount) }
        }
    }
}

/// The numbering that paragraph styles give (`word/styles.xml`): a list style numbers every
/// paragraph of that style unless the paragraph says otherwise, and a style inherits from the
/// one it is based on.
struct WordStyles {
    private var numberingOfStyle: [String: (list: String, level: Int?)] = [:]
    private var basedOn: [String: String] = [:]

    /// The numbering of a paragraph of `style`: the nearest style in its chain that numbers.
    func numbering(of style: String) -> (list: String, level: Int)? {
        var current: String? = style
        var seen = Set<String>()
        while let name = current, seen.insert(name).inserted {
            if let numbering = numberingOfStyle[name] { return (numbering.list, numbering.level ?? 0) }
            current = basedOn[name]
        }
        return nil
    }

    /// Reads `styles.xml`.
    final class Reader: WordXMLHandler {
        var styles = WordStyles()
        private var style: String?
        private var inParagraphProperties = false

        func start(_ name: WordName, _ attributes: [String: String]) {
            guard name.vocabulary == .word else { return }
            switch name.local {
            case "style": style = attributes["type"] == "paragraph" ? attributes["styleId"] : nil
            case "basedOn": if let style, let parent = attributes["val"] { styles.basedOn[style] = parent }
            case "pPr": inParagraphProperties = true
            case "numId" where inParagraphProperties:
                if let style, let list = attributes["val"] { styles.numberingOfStyle[style, default: (list, nil)].list = list }
            case "ilvl" where inParagraphProperties:
                if let style, let level = attributes["val"].flatMap({ Int($0) }) { styles.numberingOfStyle[style, default: ("0", nil)].level = level }
            default: break
            }
        }

        func end(_ name: WordName) {
            guard name.vocabulary == .word else { return }
            if name.local == "pPr" { inParagraphProperties = false }
            if name.local == "style" { style = nil }
        }

        func characters(_ text: String) {}
    }
}
