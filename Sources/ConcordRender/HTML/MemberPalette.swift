/// One colour per member, each with a name a legend can say: forty colours chosen to stay
/// apart from one another (CIE76 ΔE ≥ 12 between any two) and dark enough to read on white
/// (contrast ≥ 4.5 : 1, WCAG AA), both checked in `MemberPaletteTests`. A group larger than
/// the palette repeats colours from the forty-first member on; every change also names its
/// proposers, so colour is never the only way to tell them apart.
public struct MemberPalette: Sendable {
    public struct Colour: Sendable, Hashable {
        public let name: String
        /// `#rrggbb`.
        public let hex: String
    }

    public static let colours: [Colour] = [
        ("blue", "#1f4e9c"), ("red", "#c0392b"), ("green", "#1e7b34"), ("purple", "#6a3d9a"), ("orange", "#b35400"),
        ("brown", "#7b4a1e"), ("magenta", "#b0228c"), ("teal", "#00796b"), ("olive", "#5f6300"), ("navy", "#14206b"),
        ("crimson", "#9b1b30"), ("violet", "#8e44ad"), ("mauve", "#8b5f7f"), ("dark cyan", "#00748a"), ("maroon", "#5c1212"),
        ("indigo", "#3f2b96"), ("pine", "#1b4d3e"), ("plum", "#7d3c6b"), ("ochre", "#7f6400"), ("steel blue", "#3d5a80"),
        ("hot pink", "#c0007a"), ("moss", "#4b5e2a"), ("grape", "#4a235a"), ("lime", "#4a7a00"), ("slate", "#4a5560"),
        ("cerise", "#a3004f"), ("jade", "#00875a"), ("cobalt", "#0047ab"), ("aubergine", "#3b1530"), ("dark khaki", "#6b5d24"),
        ("ultramarine", "#3030c8"), ("mahogany", "#5e2600"), ("denim", "#4b6ea8"), ("fuchsia", "#9c1fa3"), ("sepia", "#5e4a2e"),
        ("chestnut", "#954535"), ("burgundy", "#80203a"), ("charcoal", "#333333"), ("lavender", "#6f5fa8"), ("amber", "#8f4b00"),
    ].map { Colour(name: $0.0, hex: $0.1) }

    /// The members in the order they take colours.
    public let members: [String]
    private let position: [String: Int]

    /// Colours follow `members`' order: give the same order (the registry's) and a member
    /// keeps its colour from one page to the next.
    public init(members: [String]) {
        var seen = Set<String>()
        self.members = members.filter { seen.insert($0).inserted }
        position = Dictionary(uniqueKeysWithValues: self.members.enumerated().map { ($0.element, $0.offset) })
    }

    /// The member's colour; a neutral one for a name the palette was not given.
    public func colour(_ member: String) -> Colour {
        guard let index = position[member] else { return Colour(name: "grey", hex: "#555555") }
        return Self.colours[index % Self.colours.count]
    }

    /// The CSS class that colours the member's text (`.m3`), as `style` defines it.
    public func cssClass(_ member: String) -> String {
        position[member].map { "m\($0)" } ?? "m-other"
    }

    /// One rule per member: its text in its colour; `.swatch` shows the colour as a square.
    public var style: String {
        members.enumerated().map { index, member in
            let hex = colour(member).hex
            return ".m\(index) { color: \(hex); } .swatch.m\(index) { background: \(hex); }\n"
        }.joined()
    }

    /// A legend, one item per member: a swatch, the member, and its colour's name.
    public func legend(escape: (String) -> String) -> String {
        "<ul class=\"legend\">" + members.map { member in
            "<li><span class=\"swatch \(cssClass(member))\"></span><b class=\"\(cssClass(member))\">\(escape(member))</b> \(colour(member).name)</li>"
        }.joined() + "</ul>"
    }

    /// A bar under a change in the colours of everyone who proposed it, in equal stripes: a
    /// joint change is seen as joint, not as the first proposer's. Empty for one proposer.
    public func stripes(_ members: [String]) -> String {
        let colours = members.map { colour($0).hex }
        guard colours.count > 1 else { return "" }
        let step = 100.0 / Double(colours.count)
        let stops = colours.enumerated().map { index, hex in
            "\(hex) \(Int((Double(index) * step).rounded()))% \(Int((Double(index + 1) * step).rounded()))%"
        }.joined(separator: ", ")
        return "background: linear-gradient(to right, \(stops)) 0 100% / 100% 3px no-repeat;"
    }
}
