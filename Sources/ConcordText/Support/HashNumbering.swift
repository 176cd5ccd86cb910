/// Dense numbers `0, 1, 2 …` for keys known by a 64-bit hash, each with what the caller keeps
/// of its key (`Payload`): a flat open-addressing table, probed linearly, at most half full.
/// On a probe that meets a number with the same hash, the caller says from that number's
/// payload whether it is its key (`isKey`), so the table needs no equality of its own.
///
/// Why not a `Dictionary`: the keys it serves are tokens, texts of paragraphs and made ids,
/// up to millions a draft, already hashed; a dictionary would hash them again and, keyed by
/// paragraph, retain and release one at every probe.
struct HashNumbering<Payload: Sendable>: Sendable {
    /// Per slot, the number there plus one; 0 for an empty slot.
    private var slots: [Int32]
    /// The hash of each number.
    private var hashes: [UInt64] = []
    private(set) var payloads: [Payload] = []
    private var shift: UInt64

    /// Room for `capacity` numbers before the table grows.
    init(capacity: Int) {
        var size = 16, bits: UInt64 = 4
        while size < 2 * capacity {
            size <<= 1
            bits += 1
        }
        slots = Array(repeating: 0, count: size)
        hashes.reserveCapacity(capacity)
        payloads.reserveCapacity(capacity)
        shift = 64 - bits
    }

    var count: Int { hashes.count }

    /// The number of the key hashed `hash`, if it has one.
    func number(_ hash: UInt64, isKey: (Payload) -> Bool) -> Int32? {
        probe(hash, isKey).number
    }

    /// The number of the key hashed `hash`; when it is new, the next number, kept with `payload`.
    mutating func insert(_ hash: UInt64, _ payload: Payload, isKey: (Payload) -> Bool) -> (number: Int32, isNew: Bool) {
        let (slot, found) = probe(hash, isKey)
        if let found { return (found, false) }
        let number = Int32(hashes.count)
        hashes.append(hash)
        payloads.append(payload)
        slots[slot] = number + 1
        if 2 * hashes.count > slots.count { grow() }
        return (number, true)
    }

    /// Forgets every number, keeping the memory. Clears only the slots in use, so that a table
    /// grown once for a large input costs nothing more to the small ones after it.
    mutating func removeAll() {
        let mask = slots.count - 1
        for (number, hash) in hashes.enumerated() {
            // Slots before it may be cleared already: look for the number itself, not a gap.
            var slot = firstSlot(hash)
            while slots[slot] != Int32(number) + 1 { slot = (slot + 1) & mask }
            slots[slot] = 0
        }
        hashes.removeAll(keepingCapacity: true)
        payloads.removeAll(keepingCapacity: true)
    }

    /// The key's number if it has one, else the empty slot where it would go.
    private func probe(_ hash: UInt64, _ isKey: (Payload) -> Bool) -> (slot: Int, number: Int32?) {
        let mask = slots.count - 1
        var slot = firstSlot(hash)
        while slots[slot] != 0 {
            let number = slots[slot] - 1
            if hashes[Int(number)] == hash, isKey(payloads[Int(number)]) { return (slot, number) }
            slot = (slot + 1) & mask
        }
        return (slot, nil)
    }

    /// The high bits: a multiplied key's best mixed.
    private func firstSlot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> shift) }

    private mutating func grow() {
        slots = Array(repeating: 0, count: 2 * slots.count)
        shift -= 1
        let mask = slots.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = firstSlot(hash)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number) + 1
        }
    }
}
