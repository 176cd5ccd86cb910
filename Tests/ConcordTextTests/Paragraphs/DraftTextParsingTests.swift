@testable import ConcordText
import PropertyBased
import Testing
import TestSupport
import Foundation

/// The byte-level reader (`LineSplit`, `DraftText(parsing:)`) against the line-by-line reader
/// it replaced, kept here as the reference: it split the file into lines, built a `String`
/// per line and cut it with the public `Paragraph(id:line:gapBefore:)`.
@Suite struct DraftTextParsingTests {
    /// The lines as found, each without its `\n`, and whether the file ends with one.
    static func referenceRawLines(_ bytes: [UInt8]) -> (lines: [[UInt8]], endsWithNewline: Bool) {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        let endsWithNewline = bytes.last == UInt8(ascii: "\n")
        if endsWithNewline { lines.removeLast() }
        return (lines, endsWithNewline)
    }

    /// The lines as read, the way an editor shows them: a UTF-8 byte-order mark dropped; CRLF,
    /// CR and LF each end a line; the file's lines end in CRLF when every line break is one.
    static func referenceLines(_ bytes: [UInt8]) -> (lines: [[UInt8]], crlf: Bool, endsWithNewline: Bool) {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var lines: [[UInt8]] = [[]]
        var breaks: [[UInt8]] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\n") {
                breaks.append([byte])
            } else if byte == UInt8(ascii: "\r") {
                let crlf = index < bytes.endIndex && bytes[index] == UInt8(ascii: "\n")
                if crlf { index += 1 }
                breaks.append(crlf ? [0x0D, 0x0A] : [byte])
            } else {
                lines[lines.count - 1].append(byte)
                continue
            }
            lines.append([])
        }
        let endsWithNewline = bytes.last == UInt8(ascii: "\n") || bytes.last == UInt8(ascii: "\r")
        if endsWithNewline { lines.removeLast() }
        return (lines, !breaks.isEmpty && breaks.allSatisfy { $0 == [0x0D, 0x0A] }, endsWithNewline)
    }

    /// A made id's prefix gone wrong at the start of a line (see `DraftText.mangledIDPrefix`).
    nonisolated(unsafe) static let mangledPrefix = try! Regex(#"^[ \t]*([{#]{0,2})[ \t]*([pP][0-9a-fA-F]{8})(?![A-Za-z0-9_.\-])[ \t]*(\}{0,2})"#)

    static func referenceMangled(_ line: String) -> (String, ParagraphID)? {
        guard let match = line.prefixMatch(of: mangledPrefix),
              let opened = match.output[1].substring, let id = match.output[2].substring, let closed = match.output[3].substring,
              opened.contains("{") || !closed.isEmpty else { return nil }
        let start = opened.isEmpty ? id.startIndex : opened.startIndex
        let end = closed.isEmpty ? id.endIndex : closed.endIndex
        return (String(line[start..<end]), ParagraphID(rawValue: id.lowercased())!)
    }

    static func referenceParse(_ bytes: [UInt8]) throws(DraftTextError) -> DraftText {
        let (lines, crlf, endsWithNewline) = referenceLines(bytes)
        var paragraphs: [Paragraph] = []
        var gap: [String] = []
        var seen: [ParagraphID: Int] = [:]
        for (index, lineBytes) in lines.enumerated() {
            let number = index + 1
            if lineBytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                gap.append(String(decoding: lineBytes, as: UTF8.self))
                continue
            }
            let ascii = String(decoding: lineBytes.prefix { $0 < 0x80 && $0 != 0 }, as: UTF8.self)
            if prefixID(ascii) == nil, let (found, probable) = referenceMangled(ascii) {
                throw .mangledID(line: number, found: found, probable: probable)
            }
            if lineBytes.contains(0) { throw .binary(line: number) }
            guard let line = String(validating: lineBytes, as: UTF8.self) else {
                throw .invalidUTF8(line: number, byte: lineBytes[UTF8ValidationTests.referenceFirstInvalid(lineBytes)!])
            }
            var id: ParagraphID?
            var rest = line
            if let (parsed, restStart) = prefixID(line) {
                id = parsed
                rest = String(line[restStart...])
            }
            var paragraph = Paragraph(id: id, line: rest, gapBefore: gap)
            gap = []
            if paragraph.id == nil, let first = paragraph.firstBookmark { paragraph.id = ParagraphID(rawValue: first) }
            if let id = paragraph.id {
                if let earlier = seen[id] { throw .duplicateID(id, lines: (earlier, number)) }
                seen[id] = number
            }
            paragraphs.append(paragraph)
        }
        return DraftText(paragraphs: paragraphs, gapAfter: gap, lineEnding: crlf ? .crlf : .lf, endsWithNewline: endsWithNewline)
    }

    /// The `{#id} ` prefix of a line: the id, and where the rest of the line starts.
    static func prefixID(_ line: String) -> (ParagraphID, String.Index)? {
        guard line.hasPrefix("{#"), let close = line.utf8.prefix(72).firstIndex(of: UInt8(ascii: "}")),
              let parsed = ParagraphID(rawValue: String(line[line.utf8.index(line.startIndex, offsetBy: 2)..<close])) else { return nil }
        var restStart = line.utf8.index(after: close)
        if restStart < line.endIndex, line.utf8[restStart] == UInt8(ascii: " ") { restStart = line.utf8.index(after: restStart) }
        return (parsed, restStart)
    }

    static func parsed(_ bytes: [UInt8], by parse: ([UInt8]) throws(DraftTextError) -> DraftText) -> Result<DraftText, DraftTextError> {
        do throws(DraftTextError) { return .success(try parse(bytes)) } catch { return .failure(error) }
    }

    /// Read both ways the command line reads (from an array, and hashing each key as it
    /// goes), the same paragraphs or the same error as the reference; and the keys hashed
    /// while reading are the hashes `ContentHash.ofKeys` gives afterwards.
    static func expectSameAsReference(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let new = parsed(bytes) { bytes throws(DraftTextError) in try DraftText(parsing: bytes) }
        let hashed = parsed(bytes) { bytes throws(DraftTextError) in try DraftText(parsing: SourceBytes(bytes), hashingKeys: true) }
        let reference = parsed(bytes, by: referenceParse)
        let source = String(decoding: bytes, as: UTF8.self).debugDescription
        #expect(new == reference, "\(source)", sourceLocation: sourceLocation)
        #expect(hashed == reference, "\(source)", sourceLocation: sourceLocation)
        if case .success(let text) = hashed {
            #expect(text.keyHashes == ContentHash.ofKeys(text.paragraphs), "\(source)", sourceLocation: sourceLocation)
        }
    }

    static func splitLines(_ bytes: [UInt8]) -> (lines: [[UInt8]], endsWithNewline: Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            var split = LineSplit(buffer)
            var lines: [[UInt8]] = []
            while let range = split.next() { lines.append(Array(bytes[range])) }
            return (lines, split.endsWithNewline)
        }
    }

    /// A paragraph read from a file keeps its text in place and its label as bytes of its
    /// head: giving it a new text keeps its head; labels compare as bytes, whatever the
    /// spacing after them; a key in place is a text in place (a label-only paragraph's key,
    /// its line, is not); a paragraph made from a string has none in place.
    @Test func headsAndLabelsReadInPlace() throws {
        let text = try DraftText(parsing: SourceBytes(Array("1.1\tPremier.\n1.1   Autre.\n1.2\tPremier.\n2.1\t\n".utf8)))
        let (first, sameLabel, otherLabel, labelOnly) = (text.paragraphs[0], text.paragraphs[1], text.paragraphs[2], text.paragraphs[3])
        #expect(first.head == "1.1\t" && first.label?.rawValue == "1.1" && first.text == "Premier.")
        #expect(first.hasSameLabel(as: sameLabel) && !first.hasSameLabel(as: otherLabel))
        #expect(!first.hasSameLabel(as: Paragraph(id: nil, line: "Sans numéro.")))
        #expect(Paragraph(id: nil, line: "Sans.").hasSameLabel(as: Paragraph(id: nil, line: "Numéro.")))
        #expect(first.keyBytesInPlace.map { String(decoding: $0, as: UTF8.self) } == "Premier.")
        #expect(labelOnly.text.isEmpty && labelOnly.keyBytesInPlace == nil)
        #expect(labelOnly.withKeyUTF8 { String(decoding: $0, as: UTF8.self) } == "2.1\t")
        #expect(Paragraph(id: nil, line: "1.1\tPremier.").keyBytesInPlace == nil)
        var edited = first
        edited.text = "Modifié."
        #expect(edited.head == "1.1\t" && edited.label?.rawValue == "1.1" && edited.line == "1.1\tModifié.")
        #expect(edited.hasSameLabel(as: first) && first.line == "1.1\tPremier.")
    }

    /// Labels compare as their strings do, whether read from a file or made from a string:
    /// around the seven bytes up to which a label's fingerprint is the label itself, and
    /// beyond, where equal fingerprints are confirmed byte for byte.
    @Test func labelsCompareAsTheirStrings() throws {
        let lines = ["Sans numéro.", "1\tUn.", "1.1\tUn.", "4.1.3.1\tUn.", "4.1.3.2\tUn.", "4.1.3.12\tUn.", "4.1.3.13\tUn.",
                     "4.1.3.13 Deux.", "10.10.10.10.1\tUn.", "10.10.10.10.2\tUn.", "a)\tUn.", "b)\tUn.", "•\tUn."]
        let read = try DraftText(parsing: SourceBytes(Array(lines.joined(separator: "\n").utf8))).paragraphs
        let made = lines.map { Paragraph(id: nil, line: $0) }
        #expect(read.count == lines.count && read.filter { $0.label != nil }.count == lines.count - 1)
        for first in read + made {
            for second in read + made {
                #expect(first.hasSameLabel(as: second) == (first.label == second.label), "\(first.line) against \(second.line)")
            }
        }
    }

    @Test func linesSplitAsTheReferenceDoes() {
        let cases = ["", "\n", "\n\n", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\r\nb", "a\r\nb\n", "a\rb\n", "\r", "\r\n",
                     "\r\n\r\n", "a\r\n\r\n", "x\r\r\n", "\n\r\n", "lone\rcr\r", "end\r\n\n"]
        for source in cases {
            let bytes = Array(source.utf8)
            let split = Self.splitLines(bytes), reference = Self.referenceRawLines(bytes)
            #expect(split.lines == reference.lines, "\(source.debugDescription)")
            #expect(split.endsWithNewline == reference.endsWithNewline, "\(source.debugDescription)")
            // Whether the lines end in CRLF is the reader's call: `randomDraftsParseAsTheReferenceDoes`.
            Self.expectSameAsReference(bytes)
        }
    }

    @Test func randomLineBreaksSplitAsTheReferenceDoes() async {
        let bytes = Gen.element(of: Array("ab \r\n\r\n\n".utf8)).map { $0! }.array(of: 0 ... 30)
        await propertyCheck(count: 500, input: bytes) { bytes in
            let split = Self.splitLines(bytes), reference = Self.referenceRawLines(bytes)
            #expect(split.lines == reference.lines)
            #expect(split.endsWithNewline == reference.endsWithNewline)
            Self.expectSameAsReference(bytes)
        }
    }

    @Test func randomDraftsParseAsTheReferenceDoes() async {
        let endings = Gen.element(of: ["\n", "\r\n", "\r", ""]).map { $0! }
        await propertyCheck(count: 400, input: DraftGen.lines, endings, endings) { lines, ending, last in
            Self.expectSameAsReference(Array((lines.joined(separator: ending) + last).utf8))
        }
    }

    /// Random bytes — valid scalars of every length, stray continuation and lead bytes, NULs,
    /// line breaks — read as the reference reads them: the same paragraphs, or the same error
    /// on the same line.
    @Test func randomBytesParseAsTheReferenceDoes() async {
        let pieces: [[UInt8]] = [[0x41], [0x20], [0x09], [0x0A], [0x0D, 0x0A], [0x00], Array("é".utf8), Array("€".utf8),
                                 Array("𝄞".utf8), Array("{#a} ".utf8), Array("1.1\t".utf8), [0x80], [0xC3], [0xE2, 0x82],
                                 [0xF0, 0x9D], [0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF]]
        let bytes = Gen.element(of: pieces).map { $0! }.array(of: 0 ... 40).map { $0.flatMap { $0 } }
        await propertyCheck(count: 500, input: bytes) { bytes in Self.expectSameAsReference(bytes) }
    }

    @Test func idPrefixesAndBadBytesAsTheReference() {
        let sources: [[UInt8]] = [
            Array("{#a} One\n{#b}Two\n{#} x\n{#c d} y\n{#../x} z\n{#p0c1a9e33}  two spaces\n".utf8),
            Array("{#a} One\n[bookmark: a]Two\n".utf8),
            // Ids of the made shape (kept as numbers when checked for repeats), from a prefix or a bookmark.
            Array("{#p0c1a9e33} a\n{#b} b\n{#p0c1a9e33} c\n".utf8), Array("[bookmark: p00000001]x\n{#p00000002} y\n{#p00000001} z\n".utf8),
            Array("{#p0000000g} not made\n{#p0000000G} nor this\n{#p0000000g} again\n".utf8),
            Array("[bookmark: b]1.2\tText\n{#b} again\n".utf8),
            Array("{#\(String(repeating: "x", count: 64))} long id\n{#\(String(repeating: "x", count: 65))} too long\n".utf8),
            Array("{#é} accented braces\n".utf8),
            Array("ok\n".utf8) + [0xC3, 0x28],              // bad UTF-8 in the text
            [0x31, 0x2E, 0x31, 0x09, 0xFF, 0x41, 0x0A],     // bad UTF-8 right after a label
            [0xE2, 0x80, 0x09, 0x41],                       // a truncated scalar in the head's window
            Array("[bookmark: x\u{00E9}".utf8.dropLast()) + Array("]Text\n".utf8),   // bad bytes inside a bookmark
            [0x41, 0x00, 0x42],                             // NUL
            Array("ok\n".utf8) + [0xC3, 0x28, 0x0A, 0x00],  // bad UTF-8 before a NUL: reported first
            Array("a\u{0}b\n".utf8) + [0xC3, 0x28],         // NUL before bad UTF-8: reported first
            Array("  \n\t\n  \t \n".utf8),
            Array("\u{FEFF}1.1\tBOM\n".utf8),
            Array("•\tpuce\n(a)\tun\nxiv)\tdeux\n2 ter\tTrois\n25 États\n".utf8),
            Array("{#a} 1\tUn.\r\n\r\n2\t\r\n[bookmark: b]3\t\r\n".utf8),   // labels without text: the line is the key
            // Line endings mixed, found out after an error (read first as CRLF, then as LF).
            Array("{#a} x\r\n{#a} y\r\nz\n".utf8), Array("a\r\nb\u{0}\r\nc\n".utf8), Array("a\r\n  \r\n{#a} b\n".utf8),
            Array("a\r\n".utf8) + [0xC3, 0x28, 0x0D, 0x0A] + Array("c".utf8),
        ]
        for bytes in sources { Self.expectSameAsReference(bytes) }
    }

    @Test func theSeedParsesAsTheReferenceDoes() {
        Self.expectSameAsReference(Fixtures.seedBytes)
        Self.expectSameAsReference(Array(SeedCorpus.draft(bytes: 200_000, seed: 3).utf8))
        Self.expectSameAsReference(Array(SeedCorpus.text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }
}

@Suite struct ContentHashTests {
    static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBufferPointer { ContentHash.of($0) } }

    @Test func equalBytesHashEqualAndSmallChangesDoNot() {
        let texts = ["", "a", "a\u{0}", "\u{0}", "ab", "ba", "12345678", "123456789", "12345678\u{0}",
                     "Le Groupe", "Le groupe", "é", "e\u{301}", String(repeating: "x", count: 1000)]
        let hashes = texts.map { ContentHash.of($0) }
        #expect(Set(hashes).count == texts.count, "no collision among near neighbours")
        for text in texts { #expect(ContentHash.of(String(decoding: Array(text.utf8), as: UTF8.self)) == ContentHash.of(text)) }
        #expect(Self.hash(Array("abc".utf8)) == ContentHash.of("abc"))
    }

    @Test func everyByteCounts() {
        let base = Array(SeedCorpus.paragraphs[0].utf8.prefix(77))
        var seen = Set([Self.hash(base)])
        for position in base.indices {
            var changed = base
            changed[position] ^= 1
            #expect(seen.insert(Self.hash(changed)).inserted, "flipping byte \(position) left the hash unchanged")
        }
        #expect(seen.insert(Self.hash(Array(base.dropLast()))).inserted)
    }

    @Test func aTakenIDIsHashedAgain() {
        let hash = ContentHash.of("Le Groupe")
        let first = ParagraphIdentity.newID(contentHash: hash, after: nil, taken: [])
        let second = ParagraphIdentity.newID(contentHash: hash, after: nil, taken: [first])
        #expect(first != second)
        #expect(ParagraphID(rawValue: second.rawValue) != nil)
        let third = ParagraphIdentity.newID(contentHash: hash, after: nil, taken: [first, second])
        #expect(Set([first, second, third]).count == 3)
        // The id before it is part of the id.
        #expect(ParagraphIdentity.newID(contentHash: hash, after: first, taken: []) != first)
    }

    @Test func textGroupsCompareBytesNotCharacters() {
        func groups(_ old: [Paragraph], _ new: [Paragraph], oldHashes: [UInt64]? = nil) -> TextGroups {
            TextGroups(old: old, new: new, unpairedOld: old.map { _ in true }, unpairedNew: new.map { _ in true }, oldHashes: oldHashes)!
        }
        let lines = ["Le Groupe", "é", "e\u{301}", "a", "b", "", "ab", "abc"]
        let paragraphs = lines.map { Paragraph(id: nil, line: $0) }
        // A paragraph read from a file (its text a slice of the file) numbers as one built from a string.
        let read = try! DraftText(parsing: Array("Le Groupe\n".utf8)).paragraphs[0]
        let numbered = groups(paragraphs, [read, Paragraph(id: nil, line: ""), Paragraph(id: nil, line: "e\u{301}")])
        #expect(numbered.count == lines.count, "canonically equal, different bytes: different texts")
        #expect(numbered.ofNew == [numbered.ofOld[0], numbered.ofOld[5], numbered.ofOld[2]])
        // Every hash equal: the numbers still follow the bytes.
        let colliding = groups(paragraphs + paragraphs, [], oldHashes: Array(repeating: 7, count: 2 * lines.count))
        #expect(colliding.count == lines.count)
        #expect(Array(colliding.ofOld.prefix(lines.count)) == Array(colliding.ofOld.suffix(lines.count)))
        let seed = SeedCorpus.paragraphs.map { Paragraph(id: nil, line: $0) }
        let seedGroups = groups(seed, seed.reversed())
        #expect(seedGroups.count == Set(seed.map { Array($0.text.utf8) }).count)
        #expect(seedGroups.ofNew == seedGroups.ofOld.reversed())
        // Enough paragraphs to be numbered in halves on two cores: still one number per text.
        let many = (0 ..< TextGroups.parallelThreshold + 100).map { seed[$0 % seed.count] }
        let newSide = Array(many.reversed().prefix(5000)) + seed
        let manyGroups = groups(many, newSide)
        var numberOfText: [[UInt8]: Int32] = [:], textOfNumber: [Int32: [UInt8]] = [:]
        for (paragraph, number) in zip(many + newSide, manyGroups.ofOld + manyGroups.ofNew) {
            let bytes = Array(paragraph.text.utf8)
            #expect(numberOfText[bytes, default: number] == number)
            #expect(textOfNumber[number, default: bytes] == bytes)
            numberOfText[bytes] = number
            textOfNumber[number] = bytes
        }
        #expect(numberOfText.count == seedGroups.count)
    }
}
