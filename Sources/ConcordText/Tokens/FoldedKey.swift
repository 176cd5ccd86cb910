/// The form under which two tokens count as "the same word".
///
/// Real ITU texts mix U+00A0, U+202F and plain spaces; U+2010, U+2011 and `-`; `'`, U+2019
/// and U+02BC; `œ` and `oe`. Those differences come from editors and keyboards, not from
/// delegates, so the diff compares folded keys and reports such pairs as formatting-only;
/// the original bytes are always what gets stored and rebuilt.
///
/// Folding is deliberately narrow. Case is not folded (`Union` vs `union` is an amendment),
/// nor are en and em dashes (U+2012, U+2013, U+2014 carry meaning in ranges and
/// parentheticals), nor tabs and line breaks (a tab after a label is structure).
public enum FoldedKey {
    /// `text` with every space-like character made a plain space and runs of spaces made
    /// one, hyphen variants made `-`, apostrophe variants made `'`, `œ`/`Œ` made `oe`/`OE`.
    public static func fold(_ text: String) -> String {
        var folded: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { append(folding: $0, to: &folded) }
        return String(decoding: folded, as: UTF8.self)
    }

    /// True when `bytes` might fold to something else; false guarantees the key is the bytes.
    /// Looks only for the lead bytes of the folded characters (U+00A0: C2; œ, Œ: C5; U+02BC:
    /// CA; U+1680: E1; U+2000–U+205F: E2; U+3000: E3), so accented letters (C3 …), which
    /// are most of French, skip folding altogether.
    @inline(__always)
    static func mayFold(_ bytes: UnsafeBufferPointer<UInt8>, kind: Token.Kind) -> Bool {
        if kind == .whitespace { return !(bytes.count == 1 && bytes[0] == 0x20) }
        for byte in bytes where byte >= 0xC2 {
            switch byte {
            case 0xC2, 0xC5, 0xCA, 0xE1, 0xE2, 0xE3: return true
            default: continue
            }
        }
        return false
    }

    /// Appends the folded form of `bytes` to `output`.
    static func append(folding bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: bytes.count))
        let length = output.withUnsafeMutableBufferPointer { fold(bytes, into: $0.baseAddress! + start) }
        output.removeLast(output.count - start - length)
    }

    /// Writes the folded form of `bytes` to `output` and returns its length, which is never
    /// more than `bytes.count` (every folded character is at least as long as its fold).
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>) -> Int {
        var index = 0
        var length = 0
        var lastWasSpace = false
        @inline(__always) func emit(_ byte: UInt8) {
            output[length] = byte
            length += 1
            lastWasSpace = false
        }
        @inline(__always) func emitSpace() {
            if !lastWasSpace { output[length] = 0x20; length += 1 }
            lastWasSpace = true
        }
        while index < bytes.count {
            let byte = bytes[index]
            let remaining = bytes.count - index
            if byte == 0x20 { emitSpace(); index += 1; continue }
            if byte < 0x80 { emit(byte); index += 1; continue }
            if remaining >= 2, byte == 0xC2, bytes[index + 1] == 0xA0 { emitSpace(); index += 2; continue }
            if remaining >= 3, byte == 0xE2, bytes[index + 1] == 0x80 {
                switch bytes[index + 2] {
                case 0x80 ... 0x8A, 0xAF: emitSpace(); index += 3; continue
                case 0x90, 0x91: emit(0x2D); index += 3; continue
                case 0x99: emit(0x27); index += 3; continue
                default: break
                }
            }
            if remaining >= 3, byte == 0xE2, bytes[index + 1] == 0x81, bytes[index + 2] == 0x9F {
                emitSpace(); index += 3; continue
            }
            if remaining >= 3, byte == 0xE3, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 {
                emitSpace(); index += 3; continue
            }
            if remaining >= 3, byte == 0xE1, bytes[index + 1] == 0x9A, bytes[index + 2] == 0x80 {
                emitSpace(); index += 3; continue
            }
            if remaining >= 2, byte == 0xCA, bytes[index + 1] == 0xBC { emit(0x27); index += 2; continue }
            if remaining >= 2, byte == 0xC5, bytes[index + 1] == 0x93 { emit(0x6F); emit(0x65); index += 2; continue }
            if remaining >= 2, byte == 0xC5, bytes[index + 1] == 0x92 { emit(0x4F); emit(0x45); index += 2; continue }
            emit(byte)
            index += 1
        }
        return length
    }
}
