#if canImport(Glibc)
import Glibc
import CMalloc
#endif

/// How the command's memory is allocated: glibc's heap, tuned for a process that lives for
/// seconds and, for a large redline, on transparent huge pages.
enum Allocator {
    /// glibc's defaults suit long-lived servers: every block of 128 KB or more is its own
    /// `mmap`, unmapped when freed, and the heap is trimmed as soon as its top is free. A
    /// redline of two 10 MB drafts allocates and frees arrays of megabytes by the thousand,
    /// so each one faulted its pages in afresh: a fifth of the run. A command lives for
    /// seconds at most, so it keeps what it has allocated (blocks up to 32 MB, glibc's
    /// ceiling, come from the heap; the heap grows 64 MB at a time and is never trimmed).
    static func tune() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TOP_PAD, 64 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
        #endif
    }

    /// The glibc tunable that puts its heaps on transparent huge pages.
    static let hugePagesTunable = "glibc.malloc.hugetlb=1"

    /// Drafts this large (the two files together) are worth a second start of the process.
    static let hugePagesThreshold = 8 << 20

    /// Starts this process again with glibc's heaps on transparent huge pages, when the
    /// command is `redline OLD NEW …` and the two files are large; returns otherwise, and
    /// when the new start fails (the command then runs as it is).
    ///
    /// Why: a redline of two 10 MB drafts fills about 25 MB of heap, most of it tens of
    /// thousands of small paragraph objects, and faulted it in 4 KB at a time: 7,000 page
    /// faults, a tenth of the run. On 2 MB pages that is a few hundred. The usual kernel
    /// setting (`transparent_hugepage=madvise`) gives huge pages only to memory that asks
    /// for them, and glibc asks only when its `glibc.malloc.hugetlb` tunable is set, which
    /// it reads once, as the process starts: hence a second start, about a millisecond,
    /// which smaller drafts would not win back. The variable is removed again in the second
    /// process, so nothing it starts inherits it. A user's own `GLIBC_TUNABLES` is left as
    /// it is.
    static func useHugePagesForLargeRedline(_ arguments: [String]) {
        #if os(Linux)
        if let tunables = getenv("GLIBC_TUNABLES") {
            // The second start: glibc has read it; take back what the first one set.
            if String(cString: tunables) == hugePagesTunable { unsetenv("GLIBC_TUNABLES") }
            return
        }
        guard arguments.count >= 4, arguments[1] == "redline", !arguments[2].hasPrefix("-"), !arguments[3].hasPrefix("-"),
              fileSize(arguments[2]) + fileSize(arguments[3]) >= hugePagesThreshold,
              kernelGivesHugePagesOnRequest() else { return }
        setenv("GLIBC_TUNABLES", hugePagesTunable, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        unsetenv("GLIBC_TUNABLES")
        #endif
    }

    #if os(Linux)
    private static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Whether transparent huge pages are given to memory that asks (`madvise`); with
    /// `always` every process has them already, with `never` none does.
    private static func kernelGivesHugePagesOnRequest() -> Bool {
        guard let file = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r") else { return false }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 128)
        guard fgets(&line, Int32(line.count), file) != nil else { return false }
        return String(cString: line).contains("[madvise]")
    }
    #endif
}
