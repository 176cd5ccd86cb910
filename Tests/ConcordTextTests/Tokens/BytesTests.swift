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
}
