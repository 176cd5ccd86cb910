/// A Word document as Concord writes it: paragraphs (and tables of them) made of runs, each run
/// plain, a tracked insertion or a tracked deletion by an author, with comments.
///
/// Only what the exports need; `WordDocumentWriter` turns it into the package's XML parts.
public struct WordDocument: Sendable {
    public enum Revision: Sendable, Hashable {
        case none
        case inserted(by: String)
        case deleted(by: String)
    }

    public struct Run: Sendable, Hashable {
        public var text: String
        public var revision: Revision
        /// Comments whose range starts before this run, and those whose range ends after it.
        public var startsComments: [Int]
        public var endsComments: [Int]
        public var isBold: Bool

        /// `comments`: comments whose range is this run.
        public init(_ text: String, _ revision: Revision = .none, comments: [Int] = [], bold: Bool = false) {
            self.text = text
            self.revision = revision
            startsComments = comments
            endsComments = comments
            isBold = bold
        }
    }

    public struct Paragraph: Sendable, Hashable {
        /// A bookmark at the paragraph's start (the paragraph's id, for a file sent back).
        public var bookmark: String?
        public var runs: [Run]
        /// A tracked insertion or deletion of the paragraph mark: of the whole paragraph.
        public var mark: Revision
        /// Comments whose range is the whole paragraph.
        public var comments: [Int]

        public init(bookmark: String? = nil, _ runs: [Run], mark: Revision = .none, comments: [Int] = []) {
            self.bookmark = bookmark
            self.runs = runs
            self.mark = mark
            self.comments = comments
        }
    }

    public enum Block: Sendable, Hashable {
        case paragraph(Paragraph)
        /// Rows of cells, each cell its paragraphs; the first row is the header, repeated on
        /// each page.
        case table([[[Paragraph]]])
    }

    public struct Comment: Sendable, Hashable {
        public var id: Int
        public var author: String
        public var text: String
    }

    public var blocks: [Block] = []
    public private(set) var comments: [Comment] = []
    /// When the tracked changes and comments were made (ISO 8601), as Word requires one.
    public var date: String
    /// Landscape pages, for wide tables.
    public var isLandscape = false

    public init(date: String) { self.date = date }

    public mutating func append(_ paragraph: Paragraph) { blocks.append(.paragraph(paragraph)) }

    /// Adds a comment and returns its id, for a run or paragraph to anchor it.
    public mutating func comment(by author: String, _ text: String) -> Int {
        comments.append(Comment(id: comments.count, author: author, text: text))
        return comments.count - 1
    }
}
