@testable import ConcordRender
import Foundation
import Testing

/// The palette's promises, measured: forty colours, each named once, any two apart to the
/// eye, each readable on white.
@Suite struct MemberPaletteTests {
    /// sRGB `#rrggbb` → CIE L*a*b* (D65), and the relative luminance WCAG uses.
    static func lab(_ hex: String) -> (lab: [Double], luminance: Double) {
        let value = Int(hex.dropFirst(), radix: 16)!
        let linear = [16, 8, 0].map { shift -> Double in
            let channel = Double((value >> shift) & 0xFF) / 255
            return channel <= 0.04045 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
        }
        let (r, g, b) = (linear[0], linear[1], linear[2])
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116 }
        return ([116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))], y)
    }

    @Test func fortyNamedColoursApartAndReadable() {
        let colours = MemberPalette.colours
        #expect(colours.count == 40)
        #expect(Set(colours.map(\.name)).count == 40 && Set(colours.map(\.hex)).count == 40)
        let measured = colours.map { Self.lab($0.hex) }
        for a in colours.indices {
            // WCAG AA for text: (1.05) / (L + 0.05) ≥ 4.5 against white.
            #expect(1.05 / (measured[a].luminance + 0.05) >= 4.5, "\(colours[a].name) is too light to read on white")
            for b in colours.indices where b > a {
                let distance = sqrt(zip(measured[a].lab, measured[b].lab).map { ($0 - $1) * ($0 - $1) }.reduce(0, +))
                #expect(distance >= 12, "\(colours[a].name) and \(colours[b].name) are too alike (ΔE \(distance))")
            }
        }
    }

    @Test func membersKeepTheirColoursAndJointChangesAreStriped() {
        let palette = MemberPalette(members: ["CEPT", "CITEL", "CEPT", "RUS"])
        #expect(palette.members == ["CEPT", "CITEL", "RUS"], "a member listed twice takes one colour")
        #expect(palette.colour("CITEL") == MemberPalette.colours[1] && palette.cssClass("RUS") == "m2")
        #expect(palette.colour("XX").name == "grey", "a member the palette was not given is neutral")
        #expect(palette.stripes(["CEPT"]).isEmpty)
        let stripes = palette.stripes(["CEPT", "CITEL"])
        #expect(stripes.contains("\(MemberPalette.colours[0].hex) 0% 50%") && stripes.contains("\(MemberPalette.colours[1].hex) 50% 100%"))
        let many = MemberPalette(members: (0 ..< 41).map { "M\($0)" })
        #expect(many.colour("M40") == many.colour("M0"), "the forty-first repeats the first")
        #expect(many.legend(escape: { $0 }).contains("<b class=\"m40\">M40</b> blue"))
    }

    @Test func onlyAnInvisibleChangeGetsStandIns() {
        #expect(InvisibleCharacters.shown("\u{A0}") == "⍽")
        #expect(InvisibleCharacters.shown(" \u{200B}\t\u{AD}") == "␣▯⇥¬")
        #expect(InvisibleCharacters.shown("a\u{A0}b") == nil, "a change with words in it is shown as written")
        #expect(InvisibleCharacters.shown("") == nil)
        #expect(InvisibleCharacters.readable(" ", change: .same) == " ", "kept text is never marked")
        #expect(InvisibleCharacters.readable(" ", change: .delete) == "␣")
        #expect(InvisibleCharacters.shown(bytes: Array("\u{202F}".utf8)) == "⍽")
        #expect(InvisibleCharacters.shown(bytes: Array("x".utf8)) == nil)
    }
}
