/// One distinct proposal for a paragraph: its text, its proposers, and its word diff against
/// the paragraph's base.
///
/// A merge makes one for every distinct text proposed, so with 193 members editing every
/// paragraph it makes hundreds of thousands. Each keeps the member's paragraph change it
/// came from (`ParagraphDiff.Change`) rather than strings made from it: the member's text is
/// already in memory, the word diff is the places of its spans, and a report reads both as
/// bytes (`withTextUTF8`, `forEachSpan`). An alternative read back from a recorded report
/// holds the strings it was read from.
public struct Alternative: Sendable, Hashable {
    public var op: ParagraphOp
    /// The proposers: every member whose text is this one, with their co-sponsors.
    public var by: [String]
    /// Member id → reason, for the proposers who gave one.
    public var reasons: [String: String]
    public var supporters: [String]
    private var content: Content

    private enum Content: Sendable {
        /// Read or written as strings.
        case written(text: String, spans: [Span])
        /// The first proposer's change to the paragraph (its new paragraph is the text; none for
        /// a suppression); `keepsSpans`: its redline is the alternative's spans.
        case proposed(ParagraphDiff.Change, keepsSpans: Bool)
    }

    public init(op: ParagraphOp, by: [String], text: String, reasons: [String: String], supporters: [String], spans: [Span] = []) {
        self.op = op
        self.by = by
        self.reasons = reasons
        self.supporters = supporters
        content = .written(text: text, spans: spans)
    }

    /// The alternative a member's change proposes; the redline is its spans if `keepingSpans`.
    init(op: ParagraphOp, by: [String], change: ParagraphDiff.Change, keepingSpans: Bool, reasons: [String: String], supporters: [String]) {
        self.op = op
        self.by = by
        self.reasons = reasons
        self.supporters = supporters
        content = .proposed(change, keepsSpans: keepingSpans)
    }

    /// The alternative with its change's redline as its spans, as a conflict shows it.
    func keepingSpans() -> Alternative {
        guard case .proposed(let change, false) = content else { return self }
        var alternative = self
        alternative.content = .proposed(change, keepsSpans: true)
        return alternative
    }

    /// The paragraph's text in this proposal; empty for SUP.
    public var text: String {
        get {
            switch content {
            case .written(let text, _): text
            case .proposed(let change, _): change.new?.text ?? ""
            }
        }
        set { content = .written(text: newValue, spans: spans) }
    }

    /// The word diff from the paragraph's base to `text`, as the merge had it, for an
    /// alternative of a contested base paragraph; else empty, as where it is not known (a
    /// report recorded before it kept them).
    public var spans: [Span] {
        get {
            switch content {
            case .written(_, let spans): spans
            case .proposed(let change, let keepsSpans): keepsSpans ? change.spans : []
            }
        }
        set { content = .written(text: text, spans: newValue) }
    }

    /// Whether `spans` holds the word diff (it is empty where not known), read without making it.
    public var hasSpans: Bool {
        switch content {
        case .written(_, let spans): !spans.isEmpty
        case .proposed(let change, let keepsSpans):
            // A redline is empty only where both texts are.
            keepsSpans && !((change.old?.textIsEmpty ?? true) && (change.new?.textIsEmpty ?? true))
        }
    }

    /// Calls `body` with the UTF-8 bytes of `text`, valid during the call only.
    public func withTextUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        switch content {
        case .written(var text, _): return try text.withUTF8(body)
        case .proposed(let change, _): return try change.withNewTextUTF8(body)
        }
    }

    /// Each span of `spans` in order: its change, whether it is formatting only, and its UTF-8
    /// bytes (valid during the call only), without making strings of them.
    public func forEachSpan(_ body: (Change, Bool, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        switch content {
        case .written(_, let spans): try spans.forEachSpan(body)
        case .proposed(let change, let keepsSpans):
            if keepsSpans { try change.forEachSpan(body) }
        }
    }

    // Equal by what they say, however it is held: the same text and spans read as strings or
    // from a member's change are the same alternative.
    public static func == (a: Alternative, b: Alternative) -> Bool {
        a.op == b.op && a.by == b.by && a.reasons == b.reasons && a.supporters == b.supporters
            && a.withTextUTF8 { x in b.withTextUTF8 { y in Bytes.equal(x, y) } } && a.spans == b.spans
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(op)
        hasher.combine(by)
        withTextUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
