#if canImport(Glibc)
import Glibc
#endif
import ConcordDrafting
import ConcordText
import Foundation

/// A file named on the command line, read whole, with one clear error per way it can be wrong.
enum InputFile {
    static func read(_ path: String, allowEmpty: Bool = false) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DraftingError(.badInput, "\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw DraftingError(.badInput, "\(path): is a directory, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DraftingError(.badInput, "\(path): cannot be read (check its permissions)")
        }
        guard allowEmpty || !data.isEmpty else { throw DraftingError(.badInput, "\(path): the file is empty") }
        return [UInt8](data)
    }
}

/// Writes a whole report to stdout straight from the string's bytes: large redlines are
/// printed without another copy.
func writeOutput(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
            if written <= 0 {
                if written < 0 && errno == EINTR { continue }
                return   // The reader went away (a closed pipe): nothing more to say.
            }
            offset += written
        }
    }
}

/// A draft file named on the command line, as paragraphs. Empty files are an empty draft.
enum DraftFile {
    static func read(_ path: String) throws -> DraftText {
        let bytes = try InputFile.read(path, allowEmpty: true)
        do {
            return path.lowercased().hasSuffix(".md") ? try DraftText(parsingMarkdown: bytes) : try DraftText(parsing: bytes)
        } catch {
            throw DraftingError(.badInput, "\(path): \(error)")
        }
    }
}
