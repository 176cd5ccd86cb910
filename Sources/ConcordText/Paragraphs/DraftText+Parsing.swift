#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a draft from the bytes of a file.
///
/// The form (see docs/draft-format.md): one paragraph per line; a line holding only white
/// space separates paragraphs and is kept as it is. A paragraph's id is written as a `{#id} `
/// prefix before the line, or, where ITU's tools left a `[bookmark: name]` marker at its
/// start and no prefix is given, it is the first bookmark's name. Lines with neither have no
/// id yet; `identified(against:)` gives them one.
///
/// First, what editors do to a saved file is undone once (`DraftInput`: a byte-order mark,
/// UTF-16 or UTF-32, CR-only or mixed line endings), so that the reader below sees UTF-8
/// lines ending all in LF or all in CRLF, and a plain LF or CRLF file is read as it is.
///
/// The idea of the reader: never a `String` per line. Line ends are found with `memchr`
/// (`LineSplit`); then each line, while its bytes are in the cache, is checked (no NUL; for
/// a file read on its own, well-formed UTF-8), its head read off its bytes and, when asked,
/// its key hashed. The paragraphs of a file read on its own keep slices of it
/// (`ParagraphText`): the file is valid exactly when every line is, since a line break
/// (ASCII) never falls inside a sequence. An edited text read against its base shares the
/// base's paragraph for each line that repeats it; only the other lines are validated, and
/// they become `String`s of their own.
extension DraftText {
    static let idOpening: [UInt8] = Array("{#".utf8)

    public init(parsing bytes: [UInt8]) throws(DraftTextError) {
        try self.init(parsing: bytes, reusingParagraphsOf: nil)
    }

    /// Reads an edited version of `base`: a line whose bytes equal the base paragraph it
    /// stands for (same id, same head and text) is that paragraph, shared rather than parsed
    /// again. A member's submission leaves most paragraphs untouched, so reading it costs a
    /// byte comparison per unchanged line, and parsing only what changed.
    public init(parsing bytes: [UInt8], reusingParagraphsOf base: DraftText?) throws(DraftTextError) {
        try self.init(parsing: bytes, reuse: base.map { ReuseCursor($0, indexOfID: nil) }, ids: RepeatedIDCheck(base: nil))
    }

    /// As `init(parsing:reusingParagraphsOf:)`, with the base's ids indexed once for every text read against it.
    public init(parsing bytes: [UInt8], reusingParagraphsOf base: DiffBase) throws(DraftTextError) {
        try self.init(parsing: bytes, reuse: ReuseCursor(base.text, indexOfID: base.indexOfID), ids: RepeatedIDCheck(base: base))
    }

    /// Reads a draft from bytes that its paragraphs keep slices of, rather than copy.
    /// `hashingKeys`: also hash each paragraph's key as it is read, as `hashingKeys()` would
    /// afterwards (a redline hashes both files for the diff; here the bytes are still in the
    /// cache, where a pass of its own read the whole file from memory again).
    public init(parsing source: SourceBytes, hashingKeys: Bool = false) throws(DraftTextError) {
        self = try Self.parse(source.bytes, source: source, reuse: nil, ids: RepeatedIDCheck(base: nil), hashingKeys: hashingKeys)
    }

    private init(parsing bytes: [UInt8], reuse: ReuseCursor?, ids: RepeatedIDCheck) throws(DraftTextError) {
        // Without a base every paragraph is a slice of the file, kept in a copy of its own
        // (`SourceBytes`); with one, the few lines that differ are copied out, and the
        // member's file is neither copied nor kept alive for them.
        guard let reuse else {
            let source = SourceBytes(bytes)
            self = try Self.parse(source.bytes, source: source, reuse: nil, ids: ids)
            return
        }
        self = try bytes.withUnsafeBufferPointer { buffer throws(DraftTextError) in
            try Self.parse(buffer, source: nil, reuse: reuse, ids: ids)
        }
    }

    /// `source`: the buffer `bytes` points into, when paragraphs are to keep slices of it.
    ///
    /// The file is first brought to UTF-8 with uniform line endings (`DraftInput`): for a
    /// plain LF or all-CRLF file that is one look for a CR, and the file's bytes are read as
    /// they are; any other file is read from its converted copy (which the paragraphs then
    /// keep slices of).
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: SourceBytes?, reuse: ReuseCursor?,
                              ids: RepeatedIDCheck, hashingKeys: Bool = false) throws(DraftTextError) -> DraftText {
        let input = try DraftInput(bytes)
        let crlf = input.lineEnding == .crlf
        guard let converted = input.converted else {
            return try parse(bytes, crlf: crlf, source: source, reuse: reuse, ids: ids, hashingKeys: hashingKeys)
        }
        if source != nil {
            let copy = SourceBytes(converted)
            return try parse(copy.bytes, crlf: crlf, source: copy, reuse: reuse, ids: ids, hashingKeys: hashingKeys)
        }
        return try converted.withUnsafeBufferPointer { buffer throws(DraftTextError) in
            try parse(buffer, crlf: crlf, source: nil, reuse: reuse, ids: ids, hashingKeys: hashingKeys)
        }
    }

    /// The text, its lines ending in CRLF or LF as `crlf` says (`DraftInput` has made sure
    /// that every line but an unterminated last one then ends in CR).
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, crlf: Bool, source: SourceBytes?, reuse: ReuseCursor?,
                              ids: RepeatedIDCheck, hashingKeys: Bool) throws(DraftTextError) -> DraftText {
        var reuse = reuse, ids = ids
        // Sized for lines of a hundred bytes; only what is used is touched.
        let expectedLines = bytes.count / 100 + 1
        var paragraphs: [Paragraph] = []
        paragraphs.reserveCapacity(expectedLines)
        var gap: [String] = []
        var keyHashes: [UInt64] = []
        if hashingKeys { keyHashes.reserveCapacity(expectedLines) }
        var lines = LineSplit(bytes)
        var number = 0
        while var range = lines.next() {
            number += 1
            if crlf, !range.isEmpty, bytes[range.upperBound - 1] == UInt8(ascii: "\r") {
                range = range.lowerBound ..< range.upperBound - 1
            }
            let line = UnsafeBufferPointer(rebasing: bytes[range])
            // A blank line (spaces and tabs) holds no NUL and is ASCII: it needs no check.
            if Self.isBlank(line) {
                gap.append(String(decoding: line, as: UTF8.self))
                continue
            }
            let (prefixID, restStart) = Self.splitIDPrefix(line)
            if prefixID == nil, let (found, probable) = Self.mangledIDPrefix(line) {
                throw .mangledID(line: number, found: found, probable: probable)
            }
            let rest = UnsafeBufferPointer(rebasing: line[restStart...])
            // Checked before anything is made of it: a NUL makes the line binary, and, for a
            // file read on its own, bad UTF-8 makes it invalid (a line break is ASCII, so the
            // file is valid exactly when every line is). A line shared with the base repeats
            // its bytes, and the other lines of a text read against a base are decoded below.
            if !line.isEmpty, memchr(line.baseAddress!, 0, line.count) != nil { throw .binary(line: number) }
            if source != nil, let offset = UTF8Validation.firstInvalidOffset(line) { throw .invalidUTF8(line: number, byte: line[offset]) }
            var paragraph: Paragraph
            var baseIndex: Int?
            if let source {
                paragraph = Paragraph(id: prefixID, source: source, range: range.lowerBound + restStart ..< range.upperBound, gapBefore: gap)
            } else if let (shared, index) = reuse?.paragraph(id: prefixID, bytes: rest) {
                paragraph = shared
                paragraph.gapBefore = gap
                baseIndex = index
            } else {
                guard let parsed = Paragraph(id: prefixID, lineBytes: rest, gapBefore: gap) else {
                    throw .invalidUTF8(line: number, byte: UTF8Validation.firstInvalidOffset(line).map { line[$0] } ?? 0)
                }
                paragraph = parsed
            }
            gap = []
            if paragraph.id == nil, let first = paragraph.firstBookmark {
                paragraph.id = ParagraphID(rawValue: first)
            }
            if let id = paragraph.id, let earlier = ids.earlierLine(of: id, at: number, baseIndex: baseIndex) {
                throw .duplicateID(id, lines: (earlier, number))
            }
            if hashingKeys { keyHashes.append(paragraph.withKeyUTF8(ContentHash.of)) }
            paragraphs.append(paragraph)
        }
        return DraftText(paragraphs: paragraphs, gapAfter: gap, lineEnding: crlf ? .crlf : .lf,
                         endsWithNewline: lines.endsWithNewline, keyHashes: hashingKeys ? keyHashes : nil)
    }

    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in line where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") { return false }
        return true
    }

    /// Splits `{#id} ` off the start of a line: the id, and where the rest of the line starts.
    /// Braces around anything that is not a valid id are the text's own, and stay in it.
    static func splitIDPrefix(_ line: UnsafeBufferPointer<UInt8>) -> (ParagraphID?, Int) {
        guard line.count > 2, line[0] == idOpening[0], line[1] == idOpening[1],
              let close = line.prefix(72).firstIndex(of: UInt8(ascii: "}")) else { return (nil, 0) }
        // An id is ASCII (every byte is checked), so decoding it cannot hide bad UTF-8.
        guard let id = ParagraphID(validating: UnsafeBufferPointer(rebasing: line[2..<close])) else { return (nil, 0) }
        var restStart = close + 1
        if restStart < line.count, line[restStart] == UInt8(ascii: " ") { restStart += 1 }
        return (id, restStart)
    }
}

extension DraftText {
    /// What an `{#id} ` prefix of a made id (`p` and eight hexadecimal digits) becomes when an
    /// editor, a word processor or a hurried hand touches it: `{# p4d8d94e6}`,
    /// `{p4d8d94e6}`, `#p4d8d94e6}`, `{#p4d8d94e6 ` (the brace lost), ` {#p4d8d94e6}`
    /// (indented). Read as text, it would make the paragraph a new one and propose deleting
    /// the paragraph it came from; so such a line is refused, naming the id it probably meant.
    ///
    /// The shape is narrow on purpose, so that no real text is refused: at the line's start,
    /// after blanks, up to two of `{` and `#`, blanks, a made id standing as a word of its
    /// own, blanks, up to two `}`; with a `{` before the id or a `}` after it (so that a
    /// Markdown heading `# p4d8d94e6` stays text). A valid prefix never gets here.
    /// Returns what was found, as written, and the id it names (lower-cased, as ids are made).
    static func mangledIDPrefix(_ line: UnsafeBufferPointer<UInt8>) -> (found: String, probable: ParagraphID)? {
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = line.first,
              isBlank(first) || first == UInt8(ascii: "{") || first == UInt8(ascii: "#") || first | 0x20 == UInt8(ascii: "p")
        else { return nil }
        var index = 0
        func skip(while matches: (UInt8) -> Bool, atMost limit: Int = .max) -> Int {
            var count = 0
            while index < line.count, count < limit, matches(line[index]) { index += 1; count += 1 }
            return count
        }
        _ = skip(while: isBlank)
        let start = index
        _ = skip(while: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "#") }, atMost: 2)
        let braced = line[start ..< index].contains(UInt8(ascii: "{"))
        _ = skip(while: isBlank)
        let idStart = index
        guard index < line.count, line[index] | 0x20 == UInt8(ascii: "p") else { return nil }
        index += 1
        guard skip(while: { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "f")) },
                   atMost: 8) == 8,
              index == line.count || !ParagraphID.isAllowed(line[index]) else { return nil }
        let idEnd = index
        _ = skip(while: isBlank)
        let closed = skip(while: { $0 == UInt8(ascii: "}") }, atMost: 2)
        guard braced || closed > 0 else { return nil }
        let found = String(decoding: UnsafeBufferPointer(rebasing: line[start ..< (closed > 0 ? index : idEnd)]), as: UTF8.self)
        let id = String(decoding: UnsafeBufferPointer(rebasing: line[idStart ..< idEnd]), as: UTF8.self).lowercased()
        return ParagraphID(rawValue: id).map { (found, $0) }
    }
}

/// Walks the base in step with an edited text, offering the base paragraph whose bytes a
/// line repeats. It expects the next base paragraph (texts are read in order); after an
/// insertion or deletion it finds its place again by the line's id.
private struct ReuseCursor {
    let base: DraftText
    var next = 0
    /// Where each id of the base first stands; built at the first need unless given. An index
    /// of the base with ids assigned (`DiffBase`) serves as well: an id the base lacks finds a
    /// paragraph without that id, which `matches` refuses.
    var indexByID: IDIndex?

    init(_ base: DraftText, indexOfID: IDIndex?) {
        self.base = base
        indexByID = indexOfID
    }

    /// The base paragraph the line repeats, with its index in the base.
    mutating func paragraph(id: ParagraphID?, bytes: UnsafeBufferPointer<UInt8>) -> (Paragraph, Int)? {
        if next < base.paragraphs.count, Self.matches(base.paragraphs[next], id: id, bytes: bytes) {
            next += 1
            return (base.paragraphs[next - 1], next - 1)
        }
        guard let id else { return nil }
        if indexByID == nil { indexByID = ParagraphAlignment.indexOfID(base.paragraphs).index }
        guard let index = indexByID?[id], Self.matches(base.paragraphs[index], id: id, bytes: bytes) else { return nil }
        next = index + 1
        return (base.paragraphs[index], index)
    }

    /// Same id (when the line names one) and the same bytes as head + text.
    static func matches(_ paragraph: Paragraph, id: ParagraphID?, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let id, paragraph.id != id { return false }
        if id == nil, paragraph.id != nil, paragraph.firstBookmark != paragraph.id?.rawValue { return false }
        return paragraph.withHeadUTF8 { headBytes in
            paragraph.withTextUTF8 { textBytes in
                headBytes.count + textBytes.count == bytes.count
                    && (headBytes.isEmpty || memcmp(headBytes.baseAddress!, bytes.baseAddress!, headBytes.count) == 0)
                    && (textBytes.isEmpty || memcmp(textBytes.baseAddress!, bytes.baseAddress! + headBytes.count, textBytes.count) == 0)
            }
        }
    }
}

/// Finds an id that stands twice in a text, with the line where it stood first.
///
/// Against a `DiffBase` whose ids are unique, an id of the base is marked by its place in the
/// base (an array of line numbers): a member's text that keeps the base's paragraphs then
/// costs no hashing. Other ids, and every id when there is no such base, go through an
/// `IDIndex`, which keeps made ids (the ids of a stored draft) as numbers: a dictionary hashed
/// every id of a stored 10 MB draft as a `String` on the reading core, and the room reserved for
/// a line each was megabytes of fresh memory.
private struct RepeatedIDCheck {
    private let base: DiffBase?
    private var lineOfBaseIndex: [Int]
    /// Grown as ids come: a plain file has none.
    private var lineOfID = IDIndex()

    init(base: DiffBase?) {
        self.base = base.flatMap { $0.hasUniqueIDs ? $0 : nil }
        lineOfBaseIndex = Array(repeating: 0, count: self.base?.identified.paragraphs.count ?? 0)
    }

    /// The line where `id` stood before, if it did; else `line` is recorded for it.
    /// `baseIndex`: the base paragraph this one is shared with, if it is.
    mutating func earlierLine(of id: ParagraphID, at line: Int, baseIndex: Int?) -> Int? {
        if let base {
            var place = baseIndex.flatMap { base.identified.paragraphs[$0].id == id ? $0 : nil }
            if place == nil { place = base.indexOfID[id] }
            if let place {
                if lineOfBaseIndex[place] != 0 { return lineOfBaseIndex[place] }
                lineOfBaseIndex[place] = line
                return nil
            }
        }
        return lineOfID.insert(id, at: line)
    }
}

/// The lines of a file, found one at a time: byte ranges without their `\n` (a `\r` before it
/// stays; the reader decides whether the file's lines end in CRLF), and whether the file ends
/// with a line break.
///
/// As `split(separator: "\n", omittingEmptySubsequences: false)` would, with the empty piece
/// after a final `\n` dropped: an empty file is one empty line, `"\n"` too.
struct LineSplit: IteratorProtocol {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var start = 0
    let endsWithNewline: Bool

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        endsWithNewline = bytes.last == UInt8(ascii: "\n")
    }

    mutating func next() -> Range<Int>? {
        guard start <= bytes.count else { return nil }
        var end = bytes.count
        if start < bytes.count, let found = memchr(bytes.baseAddress! + start, Int32(UInt8(ascii: "\n")), bytes.count - start) {
            end = bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        // Nothing after the final `\n`.
        if end == bytes.count && start == bytes.count && endsWithNewline { start = end + 1; return nil }
        defer { start = end + 1 }
        return start ..< end
    }
}
