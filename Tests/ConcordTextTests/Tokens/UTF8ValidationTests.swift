import PropertyBased
import Testing
@testable import ConcordText

@Suite struct UTF8ValidationTests {
    static func firstInvalid(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }
    }

    /// The standard library's decoder, scalar by scalar: where its first error starts.
    static func referenceFirstInvalid(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    @Test func wellFormedSequencesOfEveryLengthPass() {
        for text in ["", "a", "Le Groupe a noté", "é", "€", "𝄞", "国际电信联盟", "Союз", "الاتحاد", "\u{0}", "\u{10FFFF}",
                     "\u{D7FF}", "\u{E000}", String(repeating: "abcdefgh", count: 9) + "é"] {
            #expect(Self.firstInvalid(Array(text.utf8)) == nil, "\(text.debugDescription)")
        }
    }

    /// Ill-formed by table 3-7 of the Unicode Standard, each after a few valid bytes so
    /// that the offset shows.
    @Test(arguments: [
        [0x80], [0xBF], [0xC0, 0xAF], [0xC1, 0xBF], [0xC3], [0xC3, 0x28], [0xE0, 0x80, 0x80], [0xE2, 0x82],
        [0xED, 0xA0, 0x80], [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x9D, 0x84], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
        [0xFE], [0xFF],
    ] as [[UInt8]])
    func illFormedSequencesAreFoundWhereTheyStart(_ sequence: [UInt8]) {
        let prefix = Array("12345678é".utf8)
        #expect(Self.firstInvalid(prefix + sequence + Array("abc".utf8)) == prefix.count)
        #expect(Self.referenceFirstInvalid(prefix + sequence) == prefix.count)
    }

    /// The scan jumps over ASCII eight bytes at a time and over two-byte letters in one step:
    /// a bad byte is still found at its own offset wherever it falls in a word.
    @Test func aBadByteIsFoundAtEveryOffsetAmongASCIIAndAccents() {
        let text = Array("Le Groupe a noté: déjà 12 Союз; l'UIT — €5 et 𝄞 encore.".utf8)
        let boundaries = text.indices.filter { text[$0] & 0xC0 != 0x80 }
        for offset in boundaries {
            for bad: [UInt8] in [[0xFF], [0x80], [0xC3, 0x41], [0xE2, 0x82, 0x41]] {
                var bytes = text
                bytes.insert(contentsOf: bad, at: offset)
                #expect(Self.firstInvalid(bytes) == offset, "\(bad) at \(offset)")
            }
        }
        #expect(Self.firstInvalid(text) == nil)
    }

    @Test func agreesWithTheStandardLibraryOnRandomBytes() async {
        let pieces: [[UInt8]] = [[0x41], Array("12345678".utf8), Array("é".utf8), Array("€".utf8), Array("𝄞".utf8),
                                 [0x80], [0xC3], [0xE2, 0x82], [0xF0, 0x9D], [0xED, 0xA0], [0xF4, 0x90], [0xC0], [0xFF]]
        let bytes = Gen.element(of: pieces).map { $0! }.array(of: 0 ... 30).map { $0.flatMap { $0 } }
        await propertyCheck(count: 1000, input: bytes) { bytes in
            #expect(Self.firstInvalid(bytes) == Self.referenceFirstInvalid(bytes))
            #expect((Self.firstInvalid(bytes) == nil) == (String(validating: bytes, as: UTF8.self) != nil))
        }
    }
}
