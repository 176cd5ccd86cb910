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

/// 32-bit numbers to places, probed linearly. Made ids are hash values, so their low bits
/// are already well mixed; a multiply spreads any other numbers a file may carry.
private struct NumberTable: Sendable {
    private var keys: [UInt32]
    /// The place of the number in `keys` at the same slot; -1 for an empty slot.
    private var places: [Int32]
    private var count = 0
    private var shift: UInt64

    init(expecting count: Int) {
        // At most half full, so probe chains stay short.
        var size = 16, bits: UInt64 = 4
        while size < 2 * count {
            size <<= 1
            bits += 1
        }
        keys = Array(repeating: 0, count: size)
        places = Array(repeating: -1, count: size)
        shift = 64 - bits
    }

    @inline(__always)
    private func firstSlot(_ number: UInt32) -> Int {
        Int(truncatingIfNeeded: (UInt64(number) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    subscript(number: UInt32) -> Int? {
        let mask = keys.count - 1
        var slot = firstSlot(number)
        while places[slot] >= 0 {
            if keys[slot] == number { return Int(places[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Nil when the number was new and is now at `place`; else its earlier place, unchanged.
    mutating func insert(_ number: UInt32, at place: Int) -> Int? {
        let mask = keys.count - 1
        var slot = firstSlot(number)
        while places[slot] >= 0 {
            if keys[slot] == number { return Int(places[slot]) }
            slot = (slot + 1) & mask
        }
        keys[slot] = number
        places[slot] = Int32(place)
        count += 1
        if 2 * count > keys.count { grow() }
        return nil
    }

    private mutating func grow() {
        let oldKeys = keys, oldPlaces = places
        keys = Array(repeating: 0, count: 2 * oldKeys.count)
        places = Array(repeating: -1, count: 2 * oldKeys.count)
        shift -= 1
        let mask = keys.count - 1
        for slot in oldKeys.indices where oldPlaces[slot] >= 0 {
            var target = firstSlot(oldKeys[slot])
            while places[target] >= 0 { target = (target + 1) & mask }
            keys[target] = oldKeys[slot]
            places[target] = oldPlaces[slot]
        }
    }
}
