#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import ConcordDrafting
import ConcordText
import ConcordWord
import Foundation

/// A file named on the command line, read whole, with one clear error per way it can be wrong.
///
/// Only a regular file is read: a named pipe (fifo), a device (`/dev/zero`) or a socket is
/// refused before a byte is read, since reading one can block for ever or never end. The file
/// is opened with `O_NONBLOCK`, so that opening a named pipe no writer holds returns at once
/// rather than wait for one. One kind of pipe is read: the unnamed pipe a shell hands over
/// for process substitution (`concord redline <(git show main:Drafts/res140.txt) mine.txt`,
/// a path under /dev/fd), which has a writer by construction. At most `limit` bytes are
/// read, whatever size the file claims (a file can grow meanwhile, and pipes and files under
/// /proc claim none).
enum InputFile {
    static func read(_ path: String, allowEmpty: Bool = false, limit: InputSizeLimit) throws -> [UInt8] {
        let descriptor = try open(path, limit: limit)
        defer { close(descriptor) }
        guard let bytes = readWhole(descriptor, limit: limit.bytes) else {
            throw cannotRead(path, errno)
        }
        guard bytes.count <= limit.bytes else { throw limit.exceeded(by: path, size: nil) }
        guard allowEmpty || !bytes.isEmpty else { throw DraftingError(.badInput, "\(path): the file is empty") }
        return bytes
    }

    /// A descriptor of the regular file at `path`, no larger than `limit` says it is (or of
    /// the unnamed pipe it names).
    private static func open(_ path: String, limit: InputSizeLimit) throws -> Int32 {
        let descriptor = posixOpen(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno
            var status = stat()
            if reason == ENOENT || reason == ENOTDIR { throw DraftingError(.badInput, "\(path): no such file") }
            // A socket cannot be opened at all (ENXIO): name what it is.
            if stat(path, &status) == 0, let kind = kind(of: status) { throw notAFile(path, kind) }
            if reason == EACCES { throw DraftingError(.badInput, "\(path): cannot be read (check its permissions)") }
            throw DraftingError(.badInput, "\(path): cannot be opened (\(String(cString: strerror(reason))))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = errno
            close(descriptor)
            throw cannotRead(path, reason)
        }
        if status.st_mode & S_IFMT == S_IFIFO, isUnnamedPipe(descriptor) {
            // Read it as a pipe is read: waiting for its writer.
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
            return descriptor
        }
        if let kind = kind(of: status) {
            close(descriptor)
            throw notAFile(path, kind)
        }
        if Int(status.st_size) > limit.bytes {
            close(descriptor)
            throw limit.exceeded(by: path, size: Int(status.st_size))
        }
        return descriptor
    }

    /// Whether the open pipe has no name in the file system (Linux names it `pipe:[inode]`
    /// in /proc): one made by a shell, not a fifo that anyone may open, with or without a writer.
    private static func isUnnamedPipe(_ descriptor: Int32) -> Bool {
        #if os(Linux)
        var target = [CChar](repeating: 0, count: 64)
        let count = readlink("/proc/self/fd/\(descriptor)", &target, target.count - 1)
        return count > 0 && String(decoding: target[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self).hasPrefix("pipe:")
        #else
        return false
        #endif
    }

    /// What the file is when it is not a regular file; nil for a regular file.
    private static func kind(of status: stat) -> String? {
        switch status.st_mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFIFO: "a named pipe (fifo)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }

    private static func cannotRead(_ path: String, _ reason: Int32) -> DraftingError {
        DraftingError(.badInput, "\(path): cannot be read (\(String(cString: strerror(reason))))")
    }

    private static func notAFile(_ path: String, _ kind: String) -> DraftingError {
        if kind == "a directory" { return DraftingError(.badInput, "\(path): is a directory, not a file") }
        return DraftingError(.badInput, "\(path): is \(kind), not a regular file; save the text to a file and name that file")
    }

    /// The file's bytes read straight into an array with POSIX `read`: no `Data` in between,
    /// which on drafts of megabytes was a second copy and a page-faulting pass of its own.
    /// Reads until end of file, so a file that changes size meanwhile is still read whole, but
    /// never more than one byte past `limit` (that byte says the file is over it).
    private static func readWhole(_ descriptor: Int32, limit: Int) -> [UInt8]? {
        var status = stat()
        // One byte more than the size, so that the end of file shows in the same array.
        var chunk = min((fstat(descriptor, &status) == 0 ? max(Int(status.st_size), 0) : 0) + 1, limit + 1)
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
            if piece.count < chunk || whole.count > limit { return whole }
            chunk = min(max(chunk, 1 << 16), limit + 1 - whole.count)
        }
    }
}

/// `--max-input-size`, on every command that reads a file.
struct InputSizeOption: ParsableArguments {
    @Option(name: .customLong("max-input-size"),
            help: ArgumentHelp("The largest input file to read, in bytes or with K, M or G (default: 256M).", valueName: "size"),
            transform: parseByteCount)
    var bytes: Int = InputSizeLimit.defaultBytes

    var limit: InputSizeLimit { InputSizeLimit(bytes: bytes) }
}

/// The largest input file a command reads. A cap, because a file named by mistake (a disk
/// image, a log that keeps growing) would otherwise be read into memory until the machine
/// runs out; the default is far above any real draft (the Radio Regulations, in full, are a
/// few megabytes).
struct InputSizeLimit: Sendable {
    static let defaultBytes = 256 << 20

    var bytes = defaultBytes

    /// The error for a file over the limit, saying how to raise it. `size`: the file's size,
    /// where it is known before reading.
    func exceeded(by path: String, size: Int?) -> DraftingError {
        let what = size.map { "is \(Self.describe($0)), more" } ?? "holds more"
        let raised = Self.describe(Swift.max(bytes * 2, (size ?? 0) + 1), asArgument: true)
        return DraftingError(.badInput, "\(path): \(what) than the \(Self.describe(bytes)) concord reads; "
            + "if this is the right file, raise the limit with --max-input-size \(raised)")
    }

    /// `300 MiB`; as an argument, a value `parseByteCount` reads back (`600M`), rounded up.
    static func describe(_ count: Int, asArgument: Bool = false) -> String {
        for (shift, unit) in [(30, "G"), (20, "M"), (10, "K")] where count >= 1 << shift {
            let whole = (count + (1 << shift) - 1) >> shift
            if asArgument { return "\(whole)\(unit)" }
            return count % (1 << shift) == 0 ? "\(count >> shift) \(unit)iB" : "\(count) bytes"
        }
        return asArgument ? "\(count)" : "\(count) bytes"
    }
}

/// `4096`, `64K`, `256M`, `2G` (also `256MB`, `256MiB`; units of 1024).
func parseByteCount(_ argument: String) throws -> Int {
    var digits = Substring(argument.trimmingCharacters(in: .whitespaces))
    for suffix in ["iB", "B", "b"] where digits.hasSuffix(suffix) { digits = digits.dropLast(suffix.count); break }
    var shift = 0
    switch digits.last.map({ Character($0.uppercased()) }) {
    case "K": shift = 10
    case "M": shift = 20
    case "G": shift = 30
    default: break
    }
    if shift > 0 { digits = digits.dropLast() }
    guard let value = Int(digits), value > 0, value <= Int.max >> (shift + 1) else {
        throw ValidationError("\"\(argument)\" is not a size: give bytes, or a number with K, M or G (e.g. 512M)")
    }
    return value << shift
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

/// `open(2)`, named apart from `InputFile.open`.
private func posixOpen(_ path: String, _ flags: Int32) -> Int32 {
    open(path, flags)
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

/// Writes UTF-8 bytes to stdout (a report written piece by piece), all of them unless the reader goes away.
func writeOutput(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer(writeOutput)
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
    /// The first bytes of a regular file, to tell a renamed Word document by them as `submit`
    /// does; none of a pipe, whose bytes reading would consume.
    static func firstBytes(of path: String) -> [UInt8] {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, let file = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? file.close() }
        return Array((try? file.read(upToCount: 4)) ?? Data())
    }

    /// The draft, with its paragraphs' keys hashed (`DraftText.hashingKeys()`), as a diff
    /// from or to it needs them: a plain draft is hashed line by line as it is parsed.
    static func read(_ path: String, limit: InputSizeLimit) throws -> DraftText {
        if WordInput.isWordDocument(path, firstBytes(of: path)) {
            let bytes = try WordInput.read(path, try InputFile.read(path, limit: limit)).bytes
            do { return try DraftText(parsing: bytes).hashingKeys() } catch { throw DraftingError(.badInput, "\(path): \(error)") }
        }
        let format = try DraftSourceFormat(path: path)
        // A large plain draft is mapped (`MappedFile`); anything else is read, with the
        // errors `InputFile` gives for what cannot be.
        let mapped = format == .markdown ? nil : MappedFile.map(path, limit: limit.bytes)
        let bytes = mapped == nil ? try InputFile.read(path, allowEmpty: true, limit: limit) : []
        do {
            if format == .markdown { return try DraftText(parsingMarkdown: bytes).hashingKeys() }
            return try DraftText(parsing: mapped ?? SourceBytes(bytes), hashingKeys: true)
        } catch {
            throw DraftingError(.badInput, "\(path): \(error)")
        }
    }
}
