/// The word diffs of the paragraphs a member's text edits, kept beside its line patch
/// (`LinePatch`) so that the next command pairs each edited line with its redline rather than
/// diffing it again: at 193 members editing every one of 2,000 paragraphs, the word diffs
/// were a third of a consolidation. The member's text and the round's base are named by their
/// blobs, so the redlines kept for them never go stale.
///
/// A redline kept here is used only where it fits the two texts it is given (`redline(of:from:to:)`):
/// its kept and deleted spans cover the old text in order, its kept and inserted spans the new
/// one, and each kept span is the same bytes on both sides. A damaged file fails its checksum
/// and is not read at all; either way the paragraph is diffed again.
///
/// The encoding is Concord's own (a cache, read by no other tool): a first line naming the
/// format, the payload's `ContentHash` (8 bytes, little-endian), then for each paragraph its
/// id and its spans, in variable-length integers.
public struct StoredRedlines: Sendable {
    private var redlines: [ParagraphID: [SpanPlace]]

    /// The redlines of the edited paragraphs of `changes`.
    public init(_ changes: ProposedChanges) {
        redlines = [:]
        redlines.reserveCapacity(changes.entries.count)
        for entry in changes.entries {
            if let redline = entry.change.redline, entry.change.old != nil, entry.change.new != nil { redlines[entry.change.id] = redline }
        }
    }

    public var isEmpty: Bool { redlines.isEmpty }

    /// The redline kept for paragraph `id`, when it is one of `old`'s text to `new`'s.
    func redline(of id: ParagraphID, from old: Paragraph, to new: Paragraph) -> [SpanPlace]? {
        guard let places = redlines[id] else { return nil }
        return old.withTextUTF8 { old in new.withTextUTF8 { Self.places(places, fit: old, $0) } } ? places : nil
    }

    /// Whether `places` rebuild `old` (kept and deleted spans) and `new` (kept and inserted ones).
    static func places(_ places: [SpanPlace], fit old: UnsafeBufferPointer<UInt8>, _ new: UnsafeBufferPointer<UInt8>) -> Bool {
        var oldOffset = 0, newOffset = 0
        for place in places {
            let range = place.bytes
            switch place.change {
            case .same:
                guard range.lowerBound == oldOffset, range.upperBound <= old.count, newOffset + range.count <= new.count,
                      Bytes.equal(UnsafeBufferPointer(rebasing: old[range]),
                                  UnsafeBufferPointer(rebasing: new[newOffset ..< newOffset + range.count])) else { return false }
                oldOffset += range.count
                newOffset += range.count
            case .delete:
                guard range.lowerBound == oldOffset, range.upperBound <= old.count else { return false }
                oldOffset += range.count
            case .insert:
                guard range.lowerBound == newOffset, range.upperBound <= new.count else { return false }
                newOffset += range.count
            }
        }
        return oldOffset == old.count && newOffset == new.count
    }

    // MARK: - Encoding

    static let magic = Array("concord-redlines 1\n".utf8)

    public func encoded() -> [UInt8] {
        var payload: [UInt8] = []
        // In the dictionary's order, not sorted: a cache is never compared, and sorting
        // 2,000 ids for each of 193 members was most of keeping them.
        for (id, places) in redlines {
            let idBytes = Array(id.rawValue.utf8)
            Self.append(idBytes.count, to: &payload)
            payload += idBytes
            Self.append(places.count, to: &payload)
            for place in places {
                payload.append(Self.code(of: place))
                Self.append(place.bytes.lowerBound, to: &payload)
                Self.append(place.bytes.count, to: &payload)
            }
        }
        let checksum = payload.withUnsafeBufferPointer(ContentHash.of)
        return Self.magic + (0 ..< 8).map { UInt8(truncatingIfNeeded: checksum >> (8 * $0)) } + payload
    }

    /// Redlines read back from `encoded()`; nil for anything else.
    public init?(decoding bytes: [UInt8]) {
        let headerCount = Self.magic.count + 8
        guard bytes.count >= headerCount, bytes.starts(with: Self.magic) else { return nil }
        let checksum = (0 ..< 8).reduce(UInt64(0)) { $0 | UInt64(bytes[Self.magic.count + $1]) << (8 * $1) }
        guard bytes[headerCount...].withUnsafeBufferPointer(ContentHash.of) == checksum else { return nil }
        var reader = Reader(bytes: bytes, offset: headerCount)
        redlines = [:]
        while !reader.isAtEnd {
            guard let idCount = reader.integer(), let idBytes = reader.bytes(idCount),
                  let id = idBytes.withUnsafeBufferPointer(ParagraphID.init(validating:)),
                  let count = reader.integer(), count <= bytes.count else { return nil }
            var places: [SpanPlace] = []
            places.reserveCapacity(count)
            for _ in 0 ..< count {
                guard let code = reader.byte(), let (change, isFormattingOnly) = Self.place(code: code),
                      let start = reader.integer(), let length = reader.integer() else { return nil }
                places.append(SpanPlace(change, start ..< start + length, isFormattingOnly: isFormattingOnly))
            }
            redlines[id] = places
        }
    }

    /// A place's change and formatting flag in one byte.
    private static func code(of place: SpanPlace) -> UInt8 {
        let change: UInt8 = switch place.change { case .same: 0; case .delete: 1; case .insert: 2 }
        return change | (place.isFormattingOnly ? 4 : 0)
    }

    private static func place(code: UInt8) -> (Change, Bool)? {
        let change: Change
        switch code & 3 {
        case 0: change = .same
        case 1: change = .delete
        case 2: change = .insert
        default: return nil
        }
        return code & ~7 == 0 ? (change, code & 4 != 0) : nil
    }

    /// Seven bits a byte, low first, the top bit set on every byte but the last.
    private static func append(_ value: Int, to output: inout [UInt8]) {
        var value = UInt(value)
        while value >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        output.append(UInt8(value))
    }

    /// Reads the payload front to back; nil past its end or on an integer too long.
    private struct Reader {
        let bytes: [UInt8]
        var offset: Int

        var isAtEnd: Bool { offset == bytes.count }

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func integer() -> Int? {
            var value = 0, shift = 0
            while let byte = byte() {
                value |= Int(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
                if shift > 42 { return nil }
            }
            return nil
        }

        mutating func bytes(_ count: Int) -> ArraySlice<UInt8>? {
            guard count <= bytes.count - offset else { return nil }
            defer { offset += count }
            return bytes[offset ..< offset + count]
        }
    }
}
