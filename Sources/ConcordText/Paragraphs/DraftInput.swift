#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes as people's editors save them, brought to the one form the reader reads:
/// UTF-8 without a byte-order mark, with lines ending all in LF or all in CRLF.
///
/// Why before the reader rather than inside it: the reader's fast path takes lines as byte
/// ranges of the file. Undoing what an editor did once, up front, keeps that path for the
/// files nearly everyone saves (plain LF, or CRLF throughout) and reads every other file as
/// the same paragraphs its LF form gives. Every kind of line break stays one line break, so
/// a line's number is the same in the file and in what the reader reads.
///
/// - A UTF-8 byte-order mark (Windows Notepad writes one) is dropped.
/// - A file that starts with a UTF-16 or UTF-32 byte-order mark is decoded to UTF-8.
/// - CRLF throughout is kept as CRLF (`DraftText.lineEnding`), so a Windows file is written
///   back as it came; a last line without its ending does not change that.
/// - CR-only (old Mac) and mixed line endings become LF: there is no one ending to keep.
struct DraftInput {
    /// The bytes to read, when they differ from the file's; nil when the file is read as it is.
    let converted: [UInt8]?
    let lineEnding: DraftText.LineEnding

    init(_ bytes: UnsafeBufferPointer<UInt8>) throws(DraftTextError) {
        let decoded = try Self.decodedFromByteOrderMark(bytes)
        let ending = decoded.map { $0.withUnsafeBufferPointer(Self.uniformLineEnding) } ?? Self.uniformLineEnding(bytes)
        if let ending {
            converted = decoded
            lineEnding = ending
        } else {
            converted = decoded.map { $0.withUnsafeBufferPointer(Self.withLFLineBreaks) } ?? Self.withLFLineBreaks(bytes)
            lineEnding = .lf
        }
    }

    private static let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    // MARK: Byte-order marks

    private static let utf8Mark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The file as UTF-8 without its byte-order mark, when it starts with one; nil otherwise.
    /// UTF-32's marks are looked for first: UTF-32LE's starts with UTF-16LE's.
    static func decodedFromByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) throws(DraftTextError) -> [UInt8]? {
        func starts(with mark: [UInt8]) -> Bool { bytes.count >= mark.count && zip(bytes, mark).allSatisfy { $0 == $1 } }
        if starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return try decodeUTF32(bytes.dropFirst(4), bigEndian: false) }
        if starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return try decodeUTF32(bytes.dropFirst(4), bigEndian: true) }
        if starts(with: utf8Mark) { return Array(bytes.dropFirst(3)) }
        if starts(with: [0xFF, 0xFE]) { return try decodeUTF16(bytes.dropFirst(2), bigEndian: false) }
        if starts(with: [0xFE, 0xFF]) { return try decodeUTF16(bytes.dropFirst(2), bigEndian: true) }
        return nil
    }

    private static func decodeUTF16(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, bigEndian: Bool) throws(DraftTextError) -> [UInt8] {
        let units = stride(from: bytes.startIndex, to: bytes.endIndex - 1, by: 2).lazy.map { index -> UInt16 in
            let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            return bigEndian ? first << 8 | second : second << 8 | first
        }
        return try transcode(units, UTF16(), name: bigEndian ? "UTF-16 (big-endian)" : "UTF-16",
                             leftOver: bytes.count % 2)
    }

    private static func decodeUTF32(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, bigEndian: Bool) throws(DraftTextError) -> [UInt8] {
        let units = stride(from: bytes.startIndex, to: bytes.endIndex - 3, by: 4).lazy.map { index -> UInt32 in
            let value = (0 ..< 4).reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[index + (bigEndian ? $1 : 3 - $1)]) }
            return value
        }
        return try transcode(units, UTF32(), name: bigEndian ? "UTF-32 (big-endian)" : "UTF-32",
                             leftOver: bytes.count % 4)
    }

    /// The code units as UTF-8; refused at the line of the first unit that does not decode
    /// (a lone surrogate, a value past U+10FFFF, bytes left over from the last unit).
    private static func transcode<Units: Sequence, Codec: UnicodeCodec>(
        _ units: Units, _ codec: Codec, name: String, leftOver: Int
    ) throws(DraftTextError) -> [UInt8] where Units.Element == Codec.CodeUnit {
        var codec = codec
        var iterator = units.makeIterator()
        var output: [UInt8] = []
        output.reserveCapacity(units.underestimatedCount * 2)
        var line = 1, afterCR = false
        while true {
            switch codec.decode(&iterator) {
            case .scalarValue(let scalar):
                // Lines counted as the reader counts them: LF, CRLF and CR each end one.
                if scalar == "\n" { if !afterCR { line += 1 } } else if scalar == "\r" { line += 1 }
                afterCR = scalar == "\r"
                output.append(contentsOf: UTF8.encode(scalar)!)
            case .emptyInput:
                if leftOver != 0 { throw .invalidUTF16(line: line, encoding: name) }
                return output
            case .error:
                throw .invalidUTF16(line: line, encoding: name)
            }
        }
    }

    // MARK: Line endings

    /// `.lf` when no line ends in CR, `.crlf` when every line break is CRLF; nil when the
    /// file has CR-only line breaks or a mix.
    static func uniformLineEnding(_ bytes: UnsafeBufferPointer<UInt8>) -> DraftText.LineEnding? {
        guard let base = bytes.baseAddress else { return .lf }
        // Every CR followed by LF, and as many LFs as CRs.
        var crs = 0, offset = 0
        while offset < bytes.count, let found = memchr(base + offset, Int32(cr), bytes.count - offset) {
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            guard index + 1 < bytes.count, bytes[index + 1] == lf else { return nil }
            crs += 1
            offset = index + 2
        }
        if crs == 0 { return .lf }
        var lfs = 0
        offset = 0
        while offset < bytes.count, let found = memchr(base + offset, Int32(lf), bytes.count - offset) {
            lfs += 1
            offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return lfs == crs ? .crlf : nil
    }

    /// The bytes with every line break (CRLF, CR, LF) written as LF.
    static func withLFLineBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            guard byte == cr else { output.append(byte); continue }
            output.append(lf)
            if index < bytes.count, bytes[index] == lf { index += 1 }
        }
        return output
    }
}
