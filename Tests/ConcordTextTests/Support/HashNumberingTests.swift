import PropertyBased
import Testing
@testable import ConcordText

@Suite struct HashNumberingTests {
    /// Keys hashed into few values, so that probe chains are long and cross each other:
    /// `removeAll` must clear every slot of every chain, or a key of the next use would find a
    /// stale number.
    @Test func afterRemoveAllNumbersAsAFreshTable() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0 ... 300).array(of: 0 ... 400), Gen.int(in: 0 ... 300).array(of: 0 ... 400)) { first, second in
            func hash(_ key: Int) -> UInt64 { UInt64(key % 7) << 60 | UInt64(key % 5) }
            func numbers(_ keys: [Int], in table: inout HashNumbering<Int>) -> [Int32] {
                keys.map { key in table.insert(hash(key), key) { $0 == key }.number }
            }
            var reused = HashNumbering<Int>(capacity: 4), fresh = HashNumbering<Int>(capacity: 4)
            _ = numbers(first, in: &reused)
            reused.removeAll()
            #expect(reused.count == 0)
            #expect(first.allSatisfy { key in reused.number(hash(key)) { $0 == key } == nil })
            #expect(numbers(second, in: &reused) == numbers(second, in: &fresh))
            #expect(reused.count == Set(second).count)
        }
    }
}
