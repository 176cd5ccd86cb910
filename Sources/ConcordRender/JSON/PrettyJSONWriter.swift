/// Writes JSON straight into a byte buffer, byte for byte as `JSONEncoder` does with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`: two-space indent, `"key" : value`,
/// an empty container as `[`, a blank line and the closing bracket, the same string escapes.
///
/// Why not `JSONEncoder`: a consolidation report of 193 members × 2,000 paragraphs is ten
/// megabytes of JSON, and the encoder first builds a tree of boxed values (a dictionary per
/// object, an existential per field) and then sorts every object's keys; that took a third of
/// the whole command. Callers write keys in sorted order themselves (UTF-8 order, as
/// `.sortedKeys` does), so nothing is built but the bytes.
struct PrettyJSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Per open container, whether nothing was written in it yet.
    private var isEmpty: [Bool] = []

    init(reservingCapacity capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// A writer whose first value is written as it would be `depth` containers deep, each
    /// with something written before it: one element of a long array, written alone.
    init(nestedIn depth: Int, reservingCapacity capacity: Int = 0) {
        isEmpty = Array(repeating: false, count: depth)
        bytes.reserveCapacity(capacity)
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts a member of the current object; its value follows.
    mutating func key(_ key: StaticString) {
        startElement()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")])
    }

    /// Starts a member whose key is data (a member id): escaped like any string.
    mutating func key(_ key: String) {
        startElement()
        string(key)
        bytes.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")])
    }

    /// Starts an element of the current array; its value follows.
    mutating func element() { startElement() }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string(utf8: $0) }
    }
    /// A string given as its UTF-8 bytes.
    mutating func string(utf8 value: UnsafeBufferPointer<UInt8>) { appendQuoted(value) }
    mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }
    /// As `JSONEncoder` writes a `Double`: its shortest form, without a `.0` on a whole number.
    mutating func number(_ value: Double) {
        let text = value.description
        bytes.append(contentsOf: (text.hasSuffix(".0") ? text.dropLast(2) : Substring(text)).utf8)
    }
    mutating func bool(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }

    /// An array of strings.
    mutating func strings(_ values: [String]) {
        array(values) { $0.string($1) }
    }

    /// An array with one element per item, each written by `write`.
    mutating func array<Items: Sequence>(_ items: Items, _ write: (inout Self, Items.Element) -> Void) {
        beginArray()
        for item in items {
            element()
            write(&self, item)
        }
        endArray()
    }

    /// An object of string values, keys in UTF-8 order.
    mutating func stringDictionary(_ values: [String: String]) {
        beginObject()
        for (key, value) in values.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            self.key(key)
            string(value)
        }
        endObject()
    }

    /// The line break after the outermost value, as `DraftJSON.encode` ends a document.
    mutating func endDocument() { bytes.append(UInt8(ascii: "\n")) }

    /// Hands what is written so far to `sink` and forgets it, the open containers kept: a
    /// report written piece by piece is never whole in memory.
    mutating func flush(to sink: ([UInt8]) -> Void) {
        sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    // MARK: - Layout

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        bytes.append(UInt8(ascii: "\n"))
        isEmpty.append(true)
    }

    private mutating func close(_ bracket: UInt8) {
        isEmpty.removeLast()
        bytes.append(UInt8(ascii: "\n"))
        indent()
        bytes.append(bracket)
    }

    private mutating func startElement() {
        if isEmpty[isEmpty.count - 1] {
            isEmpty[isEmpty.count - 1] = false
        } else {
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: "\n"))
        }
        indent()
    }

    private mutating func indent() {
        var depth = isEmpty.count
        while depth > 0 {
            let step = min(depth, Self.indentation.count / 2)
            bytes.append(contentsOf: Self.indentation[..<(2 * step)])
            depth -= step
        }
    }

    /// Spaces for sixteen levels of indent, appended at once rather than two at a time.
    private static let indentation = [UInt8](repeating: UInt8(ascii: " "), count: 32)

    // MARK: - Strings

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The string in quotes with `"`, `\` and control characters escaped (`\n`, `\t`, `\r`,
    /// `\b`, `\f`, else `\u00XX`); `/` and everything from U+007F up stay as they are.
    private mutating func appendQuoted(_ text: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        while true {
            let index = Self.firstEscape(in: text, from: runStart)
            if index > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart ..< index])) }
            guard index < text.count else { break }
            let byte = text[index]
            runStart = index + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Where the first byte from `start` on that must be escaped stands (`text.count` when
    /// none). Looked for eight bytes at a time, as one word: members' texts rarely hold one,
    /// and a report of 193 members editing 2,000 paragraphs quotes 278 MB of them.
    private static func firstEscape(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = text.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= text.count, !mayNeedEscape(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { index += 8 }
        }
        while index < text.count, !needsEscape(text[index]) { index += 1 }
        return index
    }

    /// Whether a word of eight bytes holds one below 0x20, a `"` or a `\`, by the
    /// well-known tests for a byte below n and for a zero byte, on all eight at once.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let hasControl = (word &- 0x20 &* ones) & ~word & highs != 0
        return hasControl || hasZeroByte(word ^ (0x22 &* ones)) || hasZeroByte(word ^ (0x5C &* ones))
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool { byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") }
}
