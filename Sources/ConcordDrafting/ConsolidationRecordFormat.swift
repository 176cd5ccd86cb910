import ConcordText

/// How the report recorded beside a consolidated text is written (`ConsolidationReport` in
/// ConcordRender, whose JSON `consolidate --round N`, `blame` and the web app read back):
/// whole, for a consolidation; or amended where a decision settled a few paragraphs, so that
/// `decide` need not merge the round again and write every paragraph anew.
public protocol ConsolidationRecordFormat: Sendable {
    /// The report of the whole consolidation.
    func report(_ consolidation: Consolidation) throws -> [UInt8]

    /// `recorded`, a report this format wrote, with the entry of each paragraph replaced:
    /// `before` as the report holds it, by `after`; and the round's conflicts counted again.
    /// Nil when an entry is not found exactly as `before` writes it: the report was written
    /// otherwise (by another version, or from other inputs), and only writing it whole is right.
    func amending(_ recorded: [UInt8], replacing paragraphs: [(before: ConsolidatedParagraph, after: ConsolidatedParagraph)])
        -> (report: [UInt8], conflicts: Int)?

    /// Called once `consolidation` is published as a revision, for what the format derives
    /// from published reports and keeps in the clone (blame's credit). A cache: it cannot
    /// fail the publishing, which has landed.
    func published(_ consolidation: Consolidation, in repository: DraftingRepository)
}

extension ConsolidationRecordFormat {
    public func published(_ consolidation: Consolidation, in repository: DraftingRepository) {}
}
