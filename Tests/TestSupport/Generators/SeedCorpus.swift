import Foundation

/// Texts derived from the real French seed document `Drafts/wsis-report.txt`, for tests
/// and benchmarks that need realistic prose at any size.
public enum SeedCorpus {
    public static let seedURL = URL(fileURLWithPath: Fixtures.seedPath)

    /// The seed document, exactly as stored.
    public static let text: String = {
        guard let data = FileManager.default.contents(atPath: seedURL.path) else {
            fatalError("SeedCorpus: cannot read \(seedURL.path)")
        }
        return String(decoding: data, as: UTF8.self)
    }()

    /// The seed's paragraphs with words in them, labels (`4.1.3\t`) stripped.
    public static let paragraphs: [String] = text.split(separator: "\n").compactMap { line in
        let body = line.firstIndex(of: "\t").map { line[line.index(after: $0)...] } ?? line[...]
        let trimmed = body.trimmingCharacters(in: .whitespaces)
        return trimmed.count >= 20 && !trimmed.hasPrefix("[bookmark") ? String(body) : nil
    }

    /// A plain-text draft of about `bytes` bytes, one paragraph per line, each labelled
    /// `chapter.section.item\t`, made by repeating the seed's paragraphs in a seed-chosen order.
    public static func draft(bytes: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        var lines: [String] = []
        var size = 0
        var chapter = 1, section = 1, item = 1
        while size < bytes {
            let line = "\(chapter).\(section).\(item)\t" + paragraphs.randomElement(using: &rng)!
            lines.append(line)
            size += line.utf8.count + 1
            item += 1
            if item > 9 { item = 1; section += 1 }
            if section > 12 { section = 1; chapter += 1 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `draft` with `fraction` of its paragraphs edited at word level (a few words inserted,
    /// deleted or replaced, a space made non-breaking…), labels untouched.
    public static func edit(_ draft: String, fraction: Double, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let lines = draft.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard !line.isEmpty, Double.random(in: 0 ..< 1, using: &rng) < fraction,
                  let tab = line.firstIndex(of: "\t")
            else { return String(line) }
            let label = line[...tab], body = String(line[line.index(after: tab)...])
            return label + RandomText.mutated(body, edits: Int.random(in: 1 ... 4, using: &rng),
                                              vocabulary: Vocabulary.french, using: &rng)
        }
        return lines.joined(separator: "\n")
    }

    /// One long paragraph of about `bytes` bytes: the seed's paragraphs joined by spaces.
    public static func singleParagraph(bytes: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        var text = ""
        while text.utf8.count < bytes {
            if !text.isEmpty { text += " " }
            text += paragraphs.randomElement(using: &rng)!
        }
        return text
    }
}
