import ConcordDrafting
import Foundation

/// A file the user asked a command to write (`export --docx FILE`): written whole to a
/// temporary file beside it and renamed into place, so that an interrupted export leaves the
/// old file or the new one, never half of one.
enum OutputFile {
    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw DraftingError(.badInput, "\(path): cannot be written (\((error as NSError).localizedDescription))")
        }
    }
}
