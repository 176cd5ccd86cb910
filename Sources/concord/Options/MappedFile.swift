#if canImport(Glibc)
import Glibc
#endif
import ConcordText
import Synchronization

/// A large draft file mapped into memory rather than read.
///
/// Why: reading copies every byte into fresh memory, and on this kind of machine touching
/// fresh memory costs more than the copy (a fault per 4 KB page): reading two 10 MB drafts
/// took 10–15 ms a file, mapping them from the page cache takes half a millisecond. The
/// paragraphs keep slices of the mapping (`SourceBytes`), and it is unmapped with the last.
///
/// The cost of mapping is that another program may cut the file short while it is mapped;
/// reading past the new end then raises SIGBUS. `TruncationGuard` turns that into the
/// usual one-line error naming the file and exit code 2, never a crash. A file changed in
/// place without being shortened gives whatever bytes it holds when they are read, as a
/// file changed during a read would; a paragraph's text is decoded with repair, so such
/// bytes can never make an invalid `String`.
enum MappedFile {
    /// Below this size a file is read: a few pages cost less than a mapping.
    static let threshold = 64 << 10

    /// The file's bytes, mapped; nil when it is not a regular file of `threshold` to `limit`
    /// bytes or cannot be mapped (the caller then reads it, and reports what is wrong).
    /// Opened without blocking: opening a named pipe would otherwise wait for a writer.
    static func map(_ path: String, limit: Int) -> SourceBytes? {
        #if os(Linux)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        // A mapping outlives its descriptor.
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size >= threshold,
              status.st_size <= limit else { return nil }
        let size = Int(status.st_size)
        // Populated at once: the pages are in the page cache, and mapping them in one call
        // costs less than a fault for each.
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0), base != MAP_FAILED else {
            return nil
        }
        let address = UInt(bitPattern: base)
        // A mapping the guard cannot watch could crash on a cut file: read that file instead.
        guard TruncationGuard.watch(address ..< address + UInt(size), path: path) else {
            munmap(base, size)
            return nil
        }
        return SourceBytes(borrowing: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: size)) {
            TruncationGuard.unwatch(address)
            munmap(UnsafeMutableRawPointer(bitPattern: address), size)
        }
        #else
        return nil
        #endif
    }
}

#if os(Linux)
/// Catches SIGBUS inside a mapped file and reports the file instead of crashing.
///
/// The handler may only do what is async-signal-safe: it reads a fixed table of mapped
/// ranges, each with its message already encoded, writes the matching message with
/// `write(2)` and leaves with `_exit(2)`. A SIGBUS anywhere else is not ours: the default
/// action is restored and the fault happens again, as it would have without the guard.
private enum TruncationGuard {
    struct Entry {
        var start: UInt = 0
        var end: UInt = 0
        var message: UnsafeMutablePointer<UInt8>?
        var length = 0
    }

    static let capacity = 16
    // Written under `lock`, and each entry before its range is handed out; read by the handler.
    nonisolated(unsafe) static let entries: UnsafeMutablePointer<Entry> = {
        let entries = UnsafeMutablePointer<Entry>.allocate(capacity: capacity)
        entries.initialize(repeating: Entry(), count: capacity)
        return entries
    }()
    nonisolated(unsafe) static var lock = pthread_mutex_t()
    /// Set by the first thread to report a cut file (an atomic exchange is async-signal-safe).
    static let reported = Atomic<Bool>(false)
    nonisolated(unsafe) static var installed = false

    /// False when the table is full (no command maps more than two files at once).
    static func watch(_ range: Range<UInt>, path: String) -> Bool {
        let message = Array("concord: \(path): the file was cut short while it was being read\n".utf8)
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        if !installed {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = handleBusError
            action.sa_flags = SA_SIGINFO
            sigaction(SIGBUS, &action, nil)
            installed = true
        }
        guard let free = (0 ..< capacity).first(where: { entries[$0].end == 0 }) else { return false }
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: message.count)
        copy.initialize(from: message, count: message.count)
        entries[free] = Entry(start: range.lowerBound, end: range.upperBound, message: copy, length: message.count)
        return true
    }

    static func unwatch(_ start: UInt) {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        guard let index = (0 ..< capacity).first(where: { entries[$0].start == start && entries[$0].end != 0 }) else { return }
        let message = entries[index].message
        entries[index] = Entry()
        message?.deallocate()
    }
}

private func handleBusError(_ number: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    let address = info.map { UInt(bitPattern: $0.pointee._sifields._sigfault.si_addr) } ?? 0
    for index in 0 ..< TruncationGuard.capacity {
        let entry = TruncationGuard.entries[index]
        if entry.end != 0, entry.start <= address, address < entry.end, let message = entry.message {
            // Several threads may read the cut file at once and fault together: one reports
            // and ends the process, the others wait for that rather than say it again.
            guard !TruncationGuard.reported.exchange(true, ordering: .relaxed) else {
                while true { pause() }
            }
            _ = write(STDERR_FILENO, message, entry.length)
            _exit(2)
        }
    }
    signal(SIGBUS, SIG_DFL)
}
#endif
