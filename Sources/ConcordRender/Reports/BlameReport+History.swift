import ConcordDrafting
import ConcordGit
import Foundation

extension BlameReport {
    /// Each paragraph's runs of credit after the revisions published before the round
    /// blamed (`runs(after:history:imported:)` over their reports, in order), and the commit
    /// of the imported text.
    ///
    /// Kept in the clone (`LocalCache` "blame-history") under the name of the reports it was
    /// derived from, which never change once published: after ten rounds of a large group,
    /// decoding every earlier report was most of a blame. The runs after the first k reports
    /// are those after the first k − 1 and the k-th, so a blame after a new revision starts
    /// from what the last one kept and decodes the new report only.
    struct History {
        var runs: [String: [Run]] = [:]
        var imported: [String: String] = [:]

        static let kind = "blame-history"
        static let magic = "concord blame history 1"

        /// The history after `earlier` (in order), from the longest of its beginnings kept,
        /// then kept whole. `read` reads a report; `blamedBase`: the imported text's commit when
        /// no revision was published.
        static func after(_ earlier: [DraftingRepository.PublishedReport], cache: LocalCache, blamedBase: String,
                          read: (DraftingRepository.PublishedReport) throws -> RecordedConsolidation) throws -> History {
            guard !earlier.isEmpty else { return History(imported: ["base": blamedBase]) }
            let ids = earlier.map(\.report)
            var start = 0, history = History()
            for count in stride(from: ids.count, through: 1, by: -1) {
                if let bytes = cache.contents(of: name(ids[..<count])), let kept = History(decoding: bytes, reports: ids[..<count]) {
                    (start, history) = (count, kept)
                    break
                }
            }
            guard start < ids.count else { return history }
            let reports = try decodeAll(earlier[start...].map(read))
            if start == 0 { history.imported = ["base": reports[0].base] }
            for report in reports { history.runs = BlameReport.runs(after: report, history: history.runs, imported: history.imported) }
            if let bytes = history.encoded(reports: ids) { cache.store(bytes, as: name(ids[...])) }
            return history
        }

        static func name(_ reports: ArraySlice<ObjectID>) -> String { "\(reports.last!.hex)-\(reports.count)" }

        // MARK: - The kept form

        /// Lines: the format, the reports it was derived from, the imported text's commit,
        /// then per paragraph its id and its runs, each `count round by commits`, members
        /// joined by `,` (`-` for none) and commits as `member=hex`. Nil when a name holds a
        /// character the form uses (never in what Concord records: ids are letters, digits,
        /// `-` and `_`): then it is derived again each time.
        func encoded(reports: [ObjectID]) -> [UInt8]? {
            var lines = [Self.magic] + reports.map { "report \($0.hex)" } + imported.sorted { $0.key < $1.key }.map { "imported \($0.key)=\($0.value)" }
            for (id, runs) in self.runs.sorted(by: { $0.key < $1.key }) {
                var line = "paragraph \(id)"
                for run in runs {
                    let by = run.by.isEmpty ? "-" : run.by.joined(separator: ",")
                    let commits = run.commits.isEmpty ? "-" : run.commits.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                    line += " \(run.count) \(run.round) \(by) \(commits)"
                }
                lines.append(line)
            }
            let names = [Array(self.runs.keys), self.runs.values.flatMap { $0.flatMap { $0.by + Array($0.commits.keys) + Array($0.commits.values) } },
                         Array(imported.keys), Array(imported.values)].joined()
            guard names.allSatisfy({ !$0.isEmpty && $0 != "-" && !$0.contains(where: { " ,=\n".contains($0) }) }) else { return nil }
            return Array((lines.joined(separator: "\n") + "\n").utf8)
        }

        /// The form read back; nil when it is not one, or of other reports.
        init?(decoding bytes: [UInt8], reports: ArraySlice<ObjectID>) {
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.count > reports.count + 1, lines[0] == Self.magic, lines.last == "",
                  zip(lines[1...], reports).allSatisfy({ $0 == "report \($1.hex)" }) else { return nil }
            for line in lines[(reports.count + 1)...].dropLast() {
                let fields = line.split(separator: " ")
                if fields.count == 2, fields[0] == "imported", let equals = fields[1].firstIndex(of: "=") {
                    imported[String(fields[1][..<equals])] = String(fields[1][fields[1].index(after: equals)...])
                    continue
                }
                guard fields.count >= 2, fields[0] == "paragraph", (fields.count - 2) % 4 == 0 else { return nil }
                var runs: [Run] = []
                for start in stride(from: 2, to: fields.count, by: 4) {
                    guard let count = Int(fields[start]), let round = Int(fields[start + 1]) else { return nil }
                    let by = fields[start + 2] == "-" ? [] : fields[start + 2].split(separator: ",").map(String.init)
                    var commits: [String: String] = [:]
                    if fields[start + 3] != "-" {
                        for pair in fields[start + 3].split(separator: ",") {
                            guard let equals = pair.firstIndex(of: "=") else { return nil }
                            commits[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
                        }
                    }
                    runs.append(Run(count: count, by: by, round: round, commits: commits))
                }
                self.runs[String(fields[1])] = runs
            }
        }

        init(runs: [String: [Run]] = [:], imported: [String: String] = [:]) {
            self.runs = runs
            self.imported = imported
        }
    }
}

extension BlameReport {
    /// After a revision is published (`RecordFormat.published`): keeps the history after the revision `consolidation`
    /// was just published as, from the history kept before it and the consolidation in
    /// memory, so that the next round's blame decodes no report (decoding one of 193 members
    /// on 10,000 paragraphs took 0.35 s). Nothing is done when the history before it is not
    /// kept: publishing never decodes reports for blame's sake. A cache: a failure is no
    /// failure of the publishing.
    public static func keepCredit(ofPublished consolidation: Consolidation, in repository: DraftingRepository) {
        guard let published = try? repository.publishedReports(of: consolidation.draft),
              let last = published.last, last.round == consolidation.round.number,
              let decisionCommits = try? repository.decisionCommits(of: consolidation.draft) else { return }
        let earlier = published.dropLast().map(\.report)
        let cache = repository.localCache(History.kind)
        var history = History(imported: ["base": consolidation.round.base.hex])
        if !earlier.isEmpty {
            guard let bytes = cache.contents(of: History.name(earlier[...])), let kept = History(decoding: bytes, reports: earlier[...]) else { return }
            history = kept
        }
        history.runs = runs(after: Stored(consolidation, decisionCommits: decisionCommits), history: history.runs, imported: history.imported)
        let reports = published.map(\.report)
        if let bytes = history.encoded(reports: reports) { cache.store(bytes, as: History.name(reports[...])) }
    }
}
