/// Where each paragraph id of a text first stands.
///
/// Why not a `Dictionary<ParagraphID, Int>`: every paragraph of a plain file gets a made id
/// (`p` and eight hexadecimal digits, `ParagraphIdentity`), and hashing each one as a
/// `String` — once to find it free, once to record it — was most of preparing a 10 MB base
/// (`DiffBase`). A made id is a 32-bit number written in hexadecimal, so such ids are kept
/// as numbers in a flat open-addressing table, and new ids are tried as numbers; only ids
/// of other shapes go to a dictionary. An id read from a file that has the made shape is
/// kept as a number too: each id has exactly one place to look.
struct IDIndex: Sendable {
    private var named: [ParagraphID: Int] = [:]
    private var numbered: NumberTable

    /// Sized for `count` made ids: more may be added, at the cost of growing.
    init(expectingMade count: Int = 0) {
        numbered = NumberTable(expecting: count)
    }

    subscript(id: ParagraphID) -> Int? {
        if let number = id.madeNumber { return numbered[number] }
        return named[id]
    }

    /// Records that `id` stands at `index`, unless it stands somewhere already: then nothing
    /// changes and the earlier place is returned.
    mutating func insert(_ id: ParagraphID, at index: Int) -> Int? {
        if let number = id.madeNumber { return numbered.insert(number, at: index) }
        if let earlier = named.updateValue(index, forKey: id) {
            named[id] = earlier
            return earlier
        }
        return nil
    }

    /// Records the made id of `number` at `index`, unless it stands somewhere already:
    /// `insert(ParagraphID(madeFrom: number), at: index) == nil`, without building the id.
    mutating func claim(madeNumber number: UInt32, at index: Int) -> Bool {
        numbered.insert(number, at: index) == nil
    }
}

/// 32-bit numbers to places (`HashNumbering`). Made ids are hash values, so their low bits
/// are already well mixed; a multiply spreads any other numbers a file may carry into the
/// high bits the table reads.
private struct NumberTable: Sendable {
    private var numbering: HashNumbering<(number: UInt32, place: Int32)>

    init(expecting count: Int) { numbering = HashNumbering(capacity: count) }

    private static func hash(_ number: UInt32) -> UInt64 { UInt64(number) &* 0x9E37_79B9_7F4A_7C15 }

    subscript(number: UInt32) -> Int? {
        numbering.number(Self.hash(number)) { $0.number == number }.map { Int(numbering.payloads[Int($0)].place) }
    }

    /// Nil when the number was new and is now at `place`; else its earlier place, unchanged.
    mutating func insert(_ number: UInt32, at place: Int) -> Int? {
        let (index, isNew) = numbering.insert(Self.hash(number), (number, Int32(place))) { $0.number == number }
        return isNew ? nil : Int(numbering.payloads[Int(index)].place)
    }
}
