/// What a proposal does to one paragraph, in ITU's marks: MOD (modified), ADD (added), SUP
/// (suppressed), NOC (no change), and MOVE (moved, possibly also modified).
public enum ParagraphOp: String, Sendable, Hashable, Codable, CaseIterable {
    case mod = "MOD", add = "ADD", sup = "SUP", noc = "NOC", move = "MOVE"
}
