import Cgit2
import Foundation

/// Packs that `fetch` receives are indexed by `git index-pack`, when git is installed, rather
/// than by libgit2's own indexer.
///
/// Indexing rebuilds every object of the pack from its deltas and hashes it. libgit2 does so
/// on one thread; git's index-pack resolves the deltas on every core. On ten rounds of 193
/// members' texts of 20,000 paragraphs, a pull into an empty clone took 3.4 times as long as
/// `git fetch`, and all of the difference was libgit2's indexer (Benchmarks/README.md).
///
/// libgit2 hands a received pack to the first backend of the object database that writes
/// packs, in order of priority. `install(in:)` adds one before libgit2's own: it starts
/// `git index-pack --stdin --fix-thin` and feeds it the pack as it arrives; git writes the
/// pack and its index into `objects/pack`, where libgit2 finds them when it next looks an
/// object up. Where git cannot be found, the backend passes, and libgit2 indexes the pack.
enum PackIndexing {
    /// Above libgit2's loose (1) and packed (2) backends, so that this one is asked first.
    static let priority: Int32 = 3

    /// Adds the backend to `repository`'s object database, which owns it from then on.
    static func install(in repository: OpaquePointer, gitDirectory: String) throws {
        let database = try make("cannot read the object database", freedBy: git_odb_free) { git_repository_odb($0, repository) }
        let backend = LibgitOwned<git_odb_backend, Settings>.make(Settings(gitDirectory: gitDirectory)) { backend in
            backend.initialize(to: git_odb_backend())
            _ = git_odb_init_backend(backend, UInt32(GIT_ODB_BACKEND_VERSION))
            backend.pointee.writepack = { out, backend, _, _, _ in
                guard let out, let backend else { return -1 }
                let settings = LibgitOwned<git_odb_backend, Settings>.context(of: backend)
                guard let git = settings.git, let run = try? IndexPack(git: git, gitDirectory: settings.gitDirectory) else {
                    return GIT_PASSTHROUGH.rawValue
                }
                out.pointee = LibgitOwned<git_odb_writepack, IndexPack>.make(run) { pack in
                    pack.initialize(to: git_odb_writepack())
                    pack.pointee.backend = backend
                    pack.pointee.append = { pack, data, size, _ in
                        guard let pack else { return -1 }
                        return LibgitOwned<git_odb_writepack, IndexPack>.context(of: pack).append(UnsafeRawBufferPointer(start: data, count: size))
                    }
                    pack.pointee.commit = { pack, _ in
                        guard let pack else { return -1 }
                        return LibgitOwned<git_odb_writepack, IndexPack>.context(of: pack).commit()
                    }
                    pack.pointee.free = { pack in
                        guard let pack else { return }
                        LibgitOwned<git_odb_writepack, IndexPack>.context(of: pack).stop()
                        LibgitOwned<git_odb_writepack, IndexPack>.free(pack)
                    }
                }
                return 0
            }
            backend.pointee.free = { backend in backend.map(LibgitOwned<git_odb_backend, Settings>.free) }
        }
        let status = git_odb_add_backend(database.pointer, backend, priority)
        if status < 0 { LibgitOwned<git_odb_backend, Settings>.free(backend) }
        try check(status, "cannot add the pack indexer")
    }

    /// What the backend knows: where to write, and the git to run (nil: none installed).
    final class Settings {
        let gitDirectory: String
        let git: String?

        init(gitDirectory: String) {
            self.gitDirectory = gitDirectory
            git = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
                .map { "\($0)/git" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
    }

    /// One received pack on its way into `git index-pack`.
    final class IndexPack {
        private let process = Process()
        private let input: FileHandle
        private let errors = Pipe()
        /// SIGPIPE's handler before this run: a write to an index-pack that died must fail
        /// with EPIPE, reported, rather than end the whole command.
        private let previousBrokenPipeHandler: sighandler_t?
        private var stopped = false

        init(git: String, gitDirectory: String) throws {
            let pack = Pipe()
            process.executableURL = URL(fileURLWithPath: git)
            process.arguments = ["--git-dir=\(gitDirectory)", "index-pack", "--stdin", "--fix-thin"]
            process.standardInput = pack
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            input = pack.fileHandleForWriting
            previousBrokenPipeHandler = signal(SIGPIPE, SIG_IGN)
            do { try process.run() } catch {
                signal(SIGPIPE, previousBrokenPipeHandler)
                throw error
            }
        }

        /// More of the pack. A write fails when git stopped reading: it has exited, and says why.
        func append(_ bytes: UnsafeRawBufferPointer) -> Int32 {
            do {
                try input.write(contentsOf: bytes)
                return 0
            } catch {
                return commit() < 0 ? -1 : refuse("git index-pack stopped reading the pack before its end")
            }
        }

        /// The whole pack is written (or git stopped reading it): waits for git to index it.
        func commit() -> Int32 {
            stop()
            guard process.terminationStatus == 0 else {
                let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    .split(separator: "\n").last.map(String.init) ?? "no message"
                return refuse("git index-pack exited with status \(process.terminationStatus): \(said)")
            }
            return 0
        }

        /// Ends git's input and waits for it: at the end of the pack, or when libgit2 gives up
        /// on a transfer (git then finds the pack cut short, and writes nothing).
        func stop() {
            guard !stopped else { return }
            stopped = true
            try? input.close()
            process.waitUntilExit()
            signal(SIGPIPE, previousBrokenPipeHandler)
        }

        /// libgit2's error for the fetch, which it reports as the reason it failed.
        private func refuse(_ message: String) -> Int32 {
            _ = git_error_set_str(Int32(GIT_ERROR_ODB.rawValue), message)
            return -1
        }
    }
}

/// A C structure that libgit2 owns and frees through one of its own callbacks, followed in
/// the same allocation by a Swift object that the callbacks reach it by: libgit2 passes the
/// structure back to them, never a payload. Made by `make`, freed by `free` alone, which
/// releases the object.
enum LibgitOwned<Header, Context: AnyObject> {
    private static var contextOffset: Int {
        let alignment = MemoryLayout<Unmanaged<Context>>.alignment
        return (MemoryLayout<Header>.stride + alignment - 1) / alignment * alignment
    }

    static func make(_ context: Context, header: (UnsafeMutablePointer<Header>) -> Void) -> UnsafeMutablePointer<Header> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: contextOffset + MemoryLayout<Unmanaged<Context>>.size,
                                                   alignment: max(MemoryLayout<Header>.alignment, MemoryLayout<Unmanaged<Context>>.alignment))
        let structure = raw.bindMemory(to: Header.self, capacity: 1)
        header(structure)
        (raw + contextOffset).storeBytes(of: Unmanaged.passRetained(context), as: Unmanaged<Context>.self)
        return structure
    }

    static func context(of structure: UnsafeMutablePointer<Header>) -> Context { reference(of: structure).takeUnretainedValue() }

    static func free(_ structure: UnsafeMutablePointer<Header>) {
        reference(of: structure).release()
        structure.deinitialize(count: 1)
        UnsafeMutableRawPointer(structure).deallocate()
    }

    private static func reference(of structure: UnsafeMutablePointer<Header>) -> Unmanaged<Context> {
        (UnsafeMutableRawPointer(structure) + contextOffset).load(as: Unmanaged<Context>.self)
    }
}
