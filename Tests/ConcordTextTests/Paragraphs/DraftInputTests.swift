@testable import ConcordText
import PropertyBased
import Testing
import TestSupport

/// Files as people save them (`DraftInput`): whatever the line endings, byte-order mark or
/// Unicode encoding, a draft reads as the same paragraphs as its plain LF, UTF-8 form.
@Suite struct DraftInputTests {
    enum Style: CaseIterable { case lf, crlf, cr, mixed }
    enum Encoding: CaseIterable { case utf8, utf8WithBOM, utf16LE, utf16BE, utf32LE, utf32BE }

    /// The bytes an editor saves `text` as, with a byte-order mark for UTF-16 and UTF-32.
    static func encoded(_ text: String, as encoding: Encoding) -> [UInt8] {
        let utf16 = Array(text.utf16), utf32 = text.unicodeScalars.map(\.value)
        switch encoding {
        case .utf8: return Array(text.utf8)
        case .utf8WithBOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .utf16LE: return [0xFF, 0xFE] + utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .utf16BE: return [0xFE, 0xFF] + utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case .utf32LE: return [0xFF, 0xFE, 0x00, 0x00] + utf32.flatMap { value in (0 ..< 4).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } }
        case .utf32BE: return [0x00, 0x00, 0xFE, 0xFF] + utf32.flatMap { value in (0 ..< 4).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } }
        }
    }

    static func read(_ bytes: [UInt8]) -> Result<DraftText, DraftTextError> {
        do throws(DraftTextError) { return .success(try DraftText(parsing: bytes)) } catch { return .failure(error) }
    }

    /// A random draft (lines of labels, bookmarks, ids, blank lines, six languages) saved with
    /// LF, CRLF, CR-only or mixed line endings, with or without one after the last line,
    /// with or without a UTF-8 byte-order mark, or as UTF-16 or UTF-32: the same paragraphs
    /// (ids, labels, texts, blank lines) as the LF form, or the same refusal. CRLF throughout
    /// is kept, so that the text is written back as it came.
    @Test func everySavedFormReadsAsTheLFForm() async {
        await propertyCheck(count: 500, input: DraftGen.lines, Gen.uint64()) { lines, seed in
            var rng = SplitMix64(seed: seed)
            // Some lines carry an id, as in a draft printed by `draft show`.
            let lines = lines.map { line in
                Int.random(in: 0 ..< 3, using: &rng) == 0 ? "{#\(ParagraphID(madeFrom: UInt32.random(in: 0 ... .max, using: &rng)))} \(line)" : line
            }
            let style = Style.allCases.randomElement(using: &rng)!
            let encoding = Encoding.allCases.randomElement(using: &rng)!
            let endsWithNewline = Bool.random(using: &rng)
            var breaks: [String] = []
            for index in 0 ..< lines.count - 1 + (endsWithNewline ? 1 : 0) {
                switch style {
                case .lf: breaks.append("\n")
                case .crlf: breaks.append("\r\n")
                case .cr: breaks.append("\r")
                case .mixed:
                    // CR, an empty line, LF is CRLF to any reader: no editor writes that for two breaks.
                    let afterCR = index > 0 && breaks[index - 1] == "\r" && lines[index].isEmpty
                    breaks.append((afterCR ? ["\r\n", "\r"] : ["\n", "\r\n", "\r"]).randomElement(using: &rng)!)
                }
            }
            let lfForm = lines.joined(separator: "\n") + (endsWithNewline ? "\n" : "")
            var saved = ""
            for (index, line) in lines.enumerated() {
                saved += line
                if index < breaks.count { saved += breaks[index] }
            }
            let bytes = Self.encoded(saved, as: encoding)
            let (read, expected) = (Self.read(bytes), Self.read(Array(lfForm.utf8)))
            let context = "\(style) \(encoding) \(saved.debugDescription)"
            switch (read, expected) {
            case (.success(let text), .success(let lfText)):
                #expect(text.paragraphs == lfText.paragraphs, "\(context)")
                #expect(text.paragraphs.map(\.id) == lfText.paragraphs.map(\.id), "\(context)")
                #expect(text.paragraphs.map(\.label) == lfText.paragraphs.map(\.label), "\(context)")
                #expect(text.paragraphs.map(\.text) == lfText.paragraphs.map(\.text), "\(context)")
                #expect(text.gapAfter == lfText.gapAfter && text.endsWithNewline == lfText.endsWithNewline, "\(context)")
                breaks.removeAll { $0 == "\r\n" }
                let crlf = breaks.isEmpty && (lines.count > 1 || endsWithNewline)
                #expect(text.lineEnding == (crlf ? .crlf : .lf), "\(context)")
                // A UTF-8 file with LF or CRLF throughout comes back byte for byte, without its BOM.
                if (crlf || style == .lf) && !lines.contains(where: { $0.hasPrefix("{#") }) && [.utf8, .utf8WithBOM].contains(encoding) {
                    #expect(text.plainForm() == saved, "\(context)")
                }
            case (.failure(let error), .failure(let lfError)):
                #expect(error == lfError, "\(context)")
            default:
                Issue.record("\(context): \(read) where the LF form gives \(expected)")
            }
        }
    }

    /// The issue's cases: Notepad's BOM before the first id, and a Windows file whose last line
    /// has no line ending, edited nowhere, compare with the LF original as unchanged.
    @Test func aBOMAndAWindowsFileWithoutItsLastEndingChangeNothing() throws {
        let lf = "{#p4d8d94e6} 1\tUn.\n{#p00000002} 2\tDeux.\n\n{#p00000003} 3\tTrois.\n"
        let original = try DraftText(parsing: Array(lf.utf8))
        let windows = "\u{FEFF}" + lf.replacingOccurrences(of: "\n", with: "\r\n").dropLast()   // "\r\n" is one Character
        let saved = try DraftText(parsing: Array(windows.utf8))
        #expect(saved.paragraphs.first?.id == ParagraphID(rawValue: "p4d8d94e6"))
        #expect(saved.paragraphs.first?.text == "Un.")
        #expect(saved.lineEnding == .crlf && !saved.endsWithNewline)
        let diff = ParagraphDiff(from: original, to: saved)
        #expect(diff.counts[.mod] == nil && diff.counts[.add] == nil && diff.counts[.sup] == nil, "\(diff.counts)")
    }

    @Test func utf16AndUTF32ThatDoNotDecodeAreRefusedNamingTheLine() {
        let loneSurrogate: [UInt8] = [0xFF, 0xFE] + Array("a\nb\n".utf16).flatMap { [UInt8($0), 0] } + [0x00, 0xD8, 0x41, 0x00]
        #expect(throws: DraftTextError.invalidUTF16(line: 3, encoding: "UTF-16")) { try DraftText(parsing: loneSurrogate) }
        let oddByte: [UInt8] = [0xFE, 0xFF, 0x00, 0x61, 0x00, 0x0D, 0x00, 0x62, 0x00]
        #expect(throws: DraftTextError.invalidUTF16(line: 2, encoding: "UTF-16 (big-endian)")) { try DraftText(parsing: oddByte) }
        let pastUnicode: [UInt8] = [0xFF, 0xFE, 0x00, 0x00, 0x61, 0, 0, 0, 0x00, 0x00, 0x11, 0x00]
        #expect(throws: DraftTextError.invalidUTF16(line: 1, encoding: "UTF-32")) { try DraftText(parsing: pastUnicode) }
        #expect(DraftTextError.invalidUTF16(line: 3, encoding: "UTF-16").description
            == "line 3: not valid UTF-16 although the file starts with its byte-order mark; save it as UTF-8")
    }

    @Test func latin1AndWindows1252AreRefusedNamingTheLineAndTheCharacter() {
        let latin1: [UInt8] = Array("1\tOk.\n2\tR".utf8) + [0xE9] + Array("sum\n".utf8)
        #expect(throws: DraftTextError.invalidUTF8(line: 2, byte: 0xE9)) { try DraftText(parsing: latin1) }
        #expect(DraftTextError.invalidUTF8(line: 2, byte: 0xE9).description
            == "line 2: byte 0xE9 is not UTF-8 (it is \"é\" in Latin-1 or Windows-1252); save the file as UTF-8")
        #expect(DraftTextError.invalidUTF8(line: 1, byte: 0x92).description.contains("it is \"’\" in Latin-1 or Windows-1252"))
        #expect(DraftTextError.invalidUTF8(line: 1, byte: 0x81).description == "line 1: byte 0x81 is not UTF-8; save the file as UTF-8")
        // Read against a base (a submission), the line is named the same way.
        let base = DiffBase(try! DraftText(parsing: Array("1\tOk.\n".utf8)))
        #expect(throws: DraftTextError.invalidUTF8(line: 2, byte: 0xE9)) { try DraftText(parsing: latin1, reusingParagraphsOf: base) }
    }

    @Test func mangledIDPrefixesAreRefusedNamingTheProbableID() {
        let mangled: [(String, String)] = [
            ("{# p4d8d94e6} 4\tText", "{# p4d8d94e6}"), ("{p4d8d94e6} 4\tText", "{p4d8d94e6}"), ("#p4d8d94e6} 4\tText", "#p4d8d94e6}"),
            ("{#p4d8d94e6 4\tText", "{#p4d8d94e6"), (" {#p4d8d94e6} 4\tText", "{#p4d8d94e6}"), ("p4d8d94e6} Text", "p4d8d94e6}"),
            ("{#P4D8D94E6 } Text", "{#P4D8D94E6 }"), ("\t{{p4d8d94e6}} Text", "{{p4d8d94e6}}"),
        ]
        for (line, found) in mangled {
            let bytes = Array("{#p00000001} 1\tOne.\n\(line)\n".utf8)
            #expect(throws: DraftTextError.mangledID(line: 2, found: found, probable: ParagraphID(rawValue: "p4d8d94e6")!), "\(line)") {
                try DraftText(parsing: bytes)
            }
        }
        #expect(DraftTextError.mangledID(line: 2, found: "{# p4d8d94e6}", probable: ParagraphID(rawValue: "p4d8d94e6")!).description
            == "line 2: \"{# p4d8d94e6}\" looks like the id prefix {#p4d8d94e6} mangled; write it as \"{#p4d8d94e6} \", or remove it to make the line a new paragraph")
        // Text that only resembles a prefix stays text; a valid prefix stays a prefix.
        for line in ["{#a b} text", "{#} x", "p4d8d94e6 is a word", "#hashtag}", "{p4d8d94e6x} text", "{#p4d8d94e} short",
                     "{#p4d8d94e6} valid", "{#p4d8d94e6}valid", "[bookmark: p4d8d94e6]1\tText", "# p4d8d94e6 heading"] {
            #expect(throws: Never.self, "\(line)") { try DraftText(parsing: Array("\(line)\n".utf8)) }
        }
    }
}
