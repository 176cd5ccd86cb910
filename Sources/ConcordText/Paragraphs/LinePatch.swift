/// A member's file as the lines that differ from the round's base: what Concord keeps of a
/// submission once it has read it, so that the next command reads a few lines rather than
/// inflating the member's whole text again (docs/scale.md).
///
/// The idea: both files are cut at every LF (a file of n LFs has n + 1 lines, the last one
/// empty when the file ends with a line break, so that joining the lines with LF gives every
/// byte back). The lines both files begin and end with are left out; between them, when both
/// have as many lines, each line is compared with the one at its place and only those that
/// differ are kept, one hunk each (an edit in place, the common case); otherwise the middle
/// is one hunk. `applied(to:)` gives the member's file back, byte for byte, which tests check.
///
/// Hand-written rather than a diff library's: it is a line-for-line comparison with no search,
/// and its encoding is a cache format of Concord's own.
public struct LinePatch: Sendable, Hashable {
    public struct Hunk: Sendable, Hashable {
        /// The first base line replaced, and how many.
        public let baseStart: Int
        public let baseCount: Int
        /// The member's lines in their place: slices of the member's file or of the patch's
        /// encoding, which they keep (a copy per line was a third of reading a patch back).
        public let lines: [ArraySlice<UInt8>]
    }

    public let hunks: [Hunk]

    /// Whether every hunk replaces one line by one: the member edited lines in place, and no
    /// line moved, came or went.
    public var isInPlace: Bool { hunks.allSatisfy { $0.baseCount == 1 && $0.lines.count == 1 } }

    init(hunks: [Hunk]) { self.hunks = hunks }

    /// - Complexity: O(bytes of both files), a `memchr` and a `memcmp` a line.
    public init(base: [UInt8], member: [UInt8]) {
        let old = Self.lineRanges(base), new = Self.lineRanges(member)
        func same(_ oldLine: Int, _ newLine: Int) -> Bool {
            base[old[oldLine]].elementsEqual(member[new[newLine]])
        }
        var prefix = 0
        while prefix < min(old.count, new.count), same(prefix, prefix) { prefix += 1 }
        var suffix = 0
        while suffix < min(old.count, new.count) - prefix, same(old.count - 1 - suffix, new.count - 1 - suffix) { suffix += 1 }
        let oldMiddle = prefix ..< old.count - suffix, newMiddle = prefix ..< new.count - suffix
        guard !oldMiddle.isEmpty || !newMiddle.isEmpty else {
            hunks = []
            return
        }
        guard oldMiddle.count == newMiddle.count else {
            hunks = [Hunk(baseStart: prefix, baseCount: oldMiddle.count, lines: newMiddle.map { member[new[$0]] })]
            return
        }
        hunks = oldMiddle.compactMap { line in
            same(line, line) ? nil : Hunk(baseStart: line, baseCount: 1, lines: [member[new[line]]])
        }
    }

    /// The member's file: the base's lines with each hunk's in place of those it replaces.
    public func applied(to base: [UInt8]) -> [UInt8] {
        let old = Self.lineRanges(base)
        var output: [UInt8] = []
        output.reserveCapacity(base.count + hunks.reduce(0) { $0 + $1.lines.reduce(0) { $0 + $1.count + 1 } })
        var isFirst = true
        func append<Line: Collection<UInt8>>(_ line: Line) {
            if !isFirst { output.append(UInt8(ascii: "\n")) }
            isFirst = false
            output.append(contentsOf: line)
        }
        var next = 0
        for hunk in hunks {
            while next < hunk.baseStart { append(base[old[next]]); next += 1 }
            for line in hunk.lines { append(line) }
            next += hunk.baseCount
        }
        while next < old.count { append(base[old[next]]); next += 1 }
        return output
    }

    /// Where each line of `bytes` stands, LFs left out: n LFs make n + 1 lines. Found byte by
    /// byte rather than with the draft reader's `memchr` (`LineSplit`), which needs a pointer
    /// into the bytes: this runs once per member file, when its patch is made.
    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            ranges.append(start ..< end)
            start = end + 1
        }
        ranges.append(start ..< bytes.count)
        return ranges
    }
}

extension LinePatch {
    static let magic = Array("concord-line-patch 1\n".utf8)

    /// The patch as a file: a first line naming the format, then for each hunk a line
    /// `@ <base start> <base count> <line count>` followed by its lines, each ending in LF
    /// (a line of a file never holds an LF, so none needs escaping).
    public func encoded() -> [UInt8] {
        var output = Self.magic
        for hunk in hunks {
            output.append(contentsOf: "@ \(hunk.baseStart) \(hunk.baseCount) \(hunk.lines.count)\n".utf8)
            for line in hunk.lines { output += line; output.append(UInt8(ascii: "\n")) }
        }
        return output
    }

    /// A patch read back from `encoded()`; nil for anything else (a cache file cut short or
    /// damaged is read again from Git, never trusted).
    public init?(decoding bytes: [UInt8]) {
        guard bytes.starts(with: Self.magic) else { return nil }
        var lines = Self.lineRanges(bytes)[...]
        guard lines.last?.isEmpty == true else { return nil }   // a file cut short does not end in LF
        lines = lines.dropFirst().dropLast()
        var hunks: [Hunk] = []
        var previousEnd = 0
        while let header = lines.popFirst() {
            let fields = bytes[header].split(separator: UInt8(ascii: " ")).map { Int(String(decoding: $0, as: UTF8.self)) }
            guard fields.count == 4, bytes[header].first == UInt8(ascii: "@"),
                  let start = fields[1], let count = fields[2], let lineCount = fields[3],
                  start >= previousEnd, count >= 0, lineCount >= 0, lineCount <= lines.count else { return nil }
            hunks.append(Hunk(baseStart: start, baseCount: count, lines: lines.prefix(lineCount).map { bytes[$0] }))
            lines = lines.dropFirst(lineCount)
            previousEnd = start + count
        }
        self.hunks = hunks
    }

    /// Whether the patch fits a base of `lineCount` lines (a damaged cache file may not).
    public func fits(baseLineCount lineCount: Int) -> Bool {
        hunks.last.map { $0.baseStart + $0.baseCount <= lineCount } ?? true
    }
}
