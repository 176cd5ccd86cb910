/// A paragraph's text kept as consecutive stretches of characters, each with what is known of
/// it (blame's runs of credit, a revision diff's pieces of Rev.K).
protocol Stretch {
    var count: Int { get }
    /// The part of this stretch from its `offset`-th character, `count` characters long.
    func part(from offset: Int, count: Int) -> Self
}

extension Array where Element: Stretch {
    /// The stretches over `count` characters from `offset`, cut at both ends.
    func slice(from offset: Int, count: Int) -> [Element] {
        var result: [Element] = []
        var position = 0
        let wanted = offset ..< offset + count
        for stretch in self {
            let range = position ..< position + stretch.count
            position += stretch.count
            let overlap = range.clamped(to: wanted)
            if !overlap.isEmpty { result.append(stretch.part(from: overlap.lowerBound - range.lowerBound, count: overlap.count)) }
        }
        return result
    }
}
