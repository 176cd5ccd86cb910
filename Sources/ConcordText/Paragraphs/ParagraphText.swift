/// The bytes a draft was read from, shared by the paragraphs read from it: an array, or
/// memory that another layer owns and gives back when the last paragraph is gone (the
/// command line maps a large file rather than copy it). Immutable once made, so its
/// paragraphs may be read from any thread.
public final class SourceBytes: @unchecked Sendable {
    /// Never written after `init`, nor the memory it points to: that is what makes sharing
    /// across threads safe, and what lets a paragraph keep a pointer into it
    /// (`ParagraphText.bytesInPlace`) for as long as it keeps this object.
    let bytes: UnsafeBufferPointer<UInt8>
    private let release: @Sendable () -> Void

    /// A copy of `bytes`, in memory of its own that never moves.
    public init(_ bytes: [UInt8]) {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = copy.initialize(from: bytes)
        let address = UInt(bitPattern: copy.baseAddress)
        self.bytes = UnsafeBufferPointer(copy)
        release = { UnsafeMutableRawPointer(bitPattern: address)?.deallocate() }
    }

    /// Bytes owned elsewhere, which must not change while this object lives; `release` is
    /// called once, when it goes.
    public init(borrowing bytes: UnsafeBufferPointer<UInt8>, release: @escaping @Sendable () -> Void) {
        self.bytes = bytes
        self.release = release
    }

    deinit { release() }
}

/// A paragraph's text: a `String`, or the stretch of its source file it was read from,
/// validated as UTF-8 when the file was read (or, for a word diff, that stretch's bytes
/// alone: `borrowed`).
///
/// Why not always a `String`: a draft of tens of thousands of paragraphs was read into as
/// many strings, each allocated, copied and validated, when most of them are only ever
/// compared and hashed — a redline or a member's diff reads the text of the few paragraphs
/// that changed. A slice costs nothing to make, compares with `memcmp`, and becomes a
/// `String` only where one is asked for. Comparison is by bytes in every form: a draft is
/// exact to the byte, so two texts that differ only in Unicode normalisation differ.
enum ParagraphText: Sendable {
    case string(String)
    case slice(SourceBytes, Range<Int>)
    /// The bytes of a slice, without the reference to its file: for a computation that ends
    /// before the paragraph does (`Paragraph.withBorrowedText`). A word diff copies its texts into
    /// the values it builds (window, tokens), and copying a slice counted a reference on the
    /// file's `SourceBytes`, which every paragraph shares: the two cores diffing a large
    /// draft's paragraphs counted on the same object, a tenth of the diff's time.
    case borrowed(ImmutableBytes)

    var string: String {
        switch self {
        case .string(let string): string
        case .slice(let source, let range):
            String(decoding: UnsafeBufferPointer(rebasing: source.bytes[range]), as: UTF8.self)
        case .borrowed(let borrowed): String(decoding: borrowed.bytes, as: UTF8.self)
        }
    }

    var isEmpty: Bool {
        switch self {
        case .string(let string): string.isEmpty
        case .slice(_, let range): range.isEmpty
        case .borrowed(let borrowed): borrowed.bytes.isEmpty
        }
    }

    var utf8Count: Int {
        switch self {
        case .string(let string): string.utf8.count
        case .slice(_, let range): range.count
        case .borrowed(let borrowed): borrowed.bytes.count
        }
    }

    func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        switch self {
        case .string(var string): try string.withUTF8(body)
        case .slice(let source, let range): try body(UnsafeBufferPointer(rebasing: source.bytes[range]))
        case .borrowed(let borrowed): try body(borrowed.bytes)
        }
    }

    /// The bytes of a text read from a file, where the file keeps them: they stay put for as
    /// long as this text holds its `SourceBytes` (a borrowed text's, for as long as the
    /// paragraph it was borrowed from lives). Nil for a `String`, whose storage only its own
    /// `withUTF8` may expose.
    var bytesInPlace: UnsafeBufferPointer<UInt8>? {
        switch self {
        case .string: nil
        case .slice(let source, let range): UnsafeBufferPointer(rebasing: source.bytes[range])
        case .borrowed(let borrowed): borrowed.bytes
        }
    }

    func hasSameBytes(as other: ParagraphText) -> Bool {
        if case .slice(let a, let aRange) = self, case .slice(let b, let bRange) = other, a === b, aRange == bRange { return true }
        return withUTF8 { a in other.withUTF8 { b in Bytes.equal(a, b) } }
    }
}

/// Bytes that nothing writes while they are read (a file's, which `SourceBytes` keeps
/// unchanged), so that any thread may read them.
struct ImmutableBytes: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
}
