import Testing
@testable import ConcordText

@Suite struct BytesTests {
    /// Short buffers are compared eight bytes at a time, long ones by `memcmp`: a byte changed
    /// anywhere, at any length on either side of the switch, makes them differ.
    @Test func aChangedByteAnywhereMakesBuffersDiffer() {
        for length in 0 ... 160 {
            let original = (0 ..< length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            original.withUnsafeBufferPointer { a in
                #expect(Array(original).withUnsafeBufferPointer { Bytes.equal(a, $0) })
                #expect(Array(original.dropLast()).withUnsafeBufferPointer { Bytes.equal(a, $0) } == (length == 0))
            }
            for position in 0 ..< length {
                var changed = original
                changed[position] ^= 0x01
                let equal = original.withUnsafeBufferPointer { a in changed.withUnsafeBufferPointer { Bytes.equal(a, $0) } }
                #expect(!equal, "length \(length), byte \(position)")
            }
        }
    }

    /// The common prefix and suffix are found a word at a time: a byte changed at any place,
    /// with buffers of any length and any length apart, ends them exactly there.
    @Test func commonEndsStopAtTheFirstDifferenceFromEachEnd() {
        for length in 0 ... 40 {
            let original = (0 ..< length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            for extra in [0, 1, 9] {
                let longer = original + Array(repeating: 0x41, count: extra)
                original.withUnsafeBufferPointer { a in
                    longer.withUnsafeBufferPointer { b in
                        #expect(Bytes.commonPrefix(a, b) == length)
                        #expect(Bytes.commonSuffix(a, b, limit: length) == (extra == 0 ? length : 0))
                    }
                }
            }
            for position in 0 ..< length {
                var changed = original
                changed[position] ^= 0x80
                original.withUnsafeBufferPointer { a in
                    changed.withUnsafeBufferPointer { b in
                        #expect(Bytes.commonPrefix(a, b) == position, "length \(length), byte \(position)")
                        #expect(Bytes.commonSuffix(a, b, limit: length) == length - 1 - position, "length \(length), byte \(position)")
                        #expect(Bytes.commonSuffix(a, b, limit: position) == min(position, length - 1 - position))
                    }
                }
            }
        }
    }
}
