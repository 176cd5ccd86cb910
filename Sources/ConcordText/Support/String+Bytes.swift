extension String {
    /// Equal byte for byte. `==` on strings is canonical equivalence (`é` precomposed equals
    /// `e` and a combining accent); a draft is exact to the byte, so two members who wrote
    /// the same word in the two forms made two different texts, and neither may be lost.
    func hasSameBytes(as other: String) -> Bool {
        utf8.count == other.utf8.count && utf8.elementsEqual(other.utf8)
    }

    /// Feeds the string's bytes to `hasher`: the hash that goes with `hasSameBytes(as:)`.
    func hashBytes(into hasher: inout Hasher) {
        var text = self
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
