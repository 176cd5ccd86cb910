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
        guard let bytes = readWhole(path) else {
            throw DraftingError(.badInput, "\(path): cannot be read (check its permissions)")
        }
        guard allowEmpty || !bytes.isEmpty else { throw DraftingError(.badInput, "\(path): the file is empty") }
        return bytes
    }

    /// The file's bytes read straight into an array with POSIX `read`: no `Data` in between,
    /// which on drafts of megabytes was a second copy and a page-faulting pass of its own.
    /// Reads until end of file, so a file that changes size meanwhile is still read whole.
    private static func readWhole(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        // One byte more than the size, so that the end of file shows in the same array.
        var chunk = (fstat(descriptor, &status) == 0 ? max(Int(status.st_size), 0) : 0) + 1
        var whole: [UInt8] = []
        while true {
            var failed = false
            let piece = [UInt8](unsafeUninitializedCapacity: chunk) { buffer, count in
                adviseHugePages(buffer)
                count = 0
                while count < chunk {
                    let got = posixRead(descriptor, buffer.baseAddress! + count, chunk - count)
                    if got < 0 && errno == EINTR { continue }
                    if got < 0 { failed = true }
                    if got <= 0 { break }
                    count += got
                }
            }
            if failed { return nil }
            if whole.isEmpty { whole = piece } else { whole += piece }
            if piece.count < chunk { return whole }
            chunk = max(chunk, 1 << 16)
        }
    }
}

/// Asks the kernel to back the 2 MB-aligned middle of a large buffer with huge pages: reading
/// a 10 MB draft into fresh memory otherwise faults it in 4 KB at a time, 2,500 faults a
/// file. Only advice: where transparent huge pages are off, nothing changes.
private func adviseHugePages(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
    #if os(Linux)
    let hugePage = UInt(2 << 20)
    guard let base = buffer.baseAddress, UInt(buffer.count) >= 2 * hugePage else { return }
    let start = (UInt(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
    let end = (UInt(bitPattern: base) + UInt(buffer.count)) & ~(hugePage - 1)
    if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), MADV_HUGEPAGE) }
    #endif
}

/// `read(2)`, named apart from `InputFile.read`.
private func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// Writes a whole report to stdout straight from the string's bytes: large redlines are
/// printed without another copy.
func writeOutput(_ text: String) {
    var text = text
    text.withUTF8(writeOutput)
}

/// Writes UTF-8 bytes to stdout, all of them unless the reader goes away.
func writeOutput(_ bytes: UnsafeBufferPointer<UInt8>) {
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

/// A draft file named on the command line, as paragraphs. Empty files are an empty draft.
enum DraftFile {
    /// The draft, with its paragraphs' keys hashed (`DraftText.hashingKeys()`), as a diff
    /// from or to it needs them: a plain draft is hashed line by line as it is parsed.
    static func read(_ path: String) throws -> DraftText {
        let format = try DraftSourceFormat(path: path)
        // A large plain draft is mapped (`MappedFile`); anything else is read, with the
        // errors `InputFile` gives for what cannot be.
        let mapped = format == .markdown ? nil : MappedFile.map(path)
        let bytes = mapped == nil ? try InputFile.read(path, allowEmpty: true) : []
        do {
            if format == .markdown { return try DraftText(parsingMarkdown: bytes).hashingKeys() }
            return try DraftText(parsing: mapped ?? SourceBytes(bytes), hashingKeys: true)
        } catch {
            throw DraftingError(.badInput, "\(path): \(error)")
        }
    }
}
