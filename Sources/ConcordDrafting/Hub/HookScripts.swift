import ConcordGit
import Foundation

/// The hooks a shared repository runs, as `concord hooks install` writes them. The same
/// scripts are in the repository's `Hooks/` folder for administrators who install by hand;
/// a test keeps the two identical.
public enum HookScripts {
    public static let scripts: [(name: String, text: String)] = [
        ("pre-receive", """
        #!/bin/sh
        # Concord: judge every reference of a push before any of them moves; one refused reference
        # refuses the push, with one line per refusal (Hooks/README.md). CONCORD names the concord
        # program when it is not on the server's PATH.
        exec "${CONCORD:-concord}" hook pre-receive

        """),
        ("post-receive", """
        #!/bin/sh
        # Concord: note who pushed each accepted tip, under refs/notes/concord/pushes.
        exec "${CONCORD:-concord}" hook post-receive

        """),
    ]

    /// Whether the repository at `path` (bare, or a work tree's `.git`) has Concord's
    /// pre-receive hook, as installed or copied by hand.
    public static func areInstalled(in path: String) -> Bool {
        let marker = Data("hook pre-receive".utf8)
        return ["/hooks/pre-receive", "/.git/hooks/pre-receive"].contains { hook in
            FileManager.default.contents(atPath: path + hook).map { $0.range(of: marker) != nil } ?? false
        }
    }

    /// Writes the hooks into the repository's `hooks/` folder and has Git check every pushed
    /// object (`receive.fsckObjects`), so that a malformed object never enters. A hook that
    /// is there and is not Concord's is kept unless `replacing` is set; then it is kept
    /// beside, as `<name>.before-concord`. Returns the paths written.
    public static func install(into repository: Repository, replacing: Bool) throws -> [String] {
        let folder = repository.gitDirectory + "hooks/"
        let files = FileManager.default
        var written: [String] = []
        for (name, text) in scripts {
            let path = folder + name
            if let existing = files.contents(atPath: path), existing != Data(text.utf8) {
                guard replacing else {
                    throw DraftingError(.refused, "hooks/\(name) exists and is not Concord's; nothing was installed (--force keeps it as hooks/\(name).before-concord and installs Concord's)")
                }
                try? files.removeItem(atPath: path + ".before-concord")
                try files.moveItem(atPath: path, toPath: path + ".before-concord")
            }
            do {
                try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw DraftingError(.badInput, "hooks/\(name): cannot write it (\(error.localizedDescription))")
            }
            // Written beside and renamed over: a push never finds half a hook. (Foundation's
            // `.atomic` writes do the same through a folder of their own in /tmp, which they
            // leave behind.)
            let partial = path + ".concord-partial"
            guard files.createFile(atPath: partial, contents: Data(text.utf8), attributes: [.posixPermissions: 0o755]) else {
                throw DraftingError(.badInput, "hooks/\(name): cannot write it (hooks/\(name).concord-partial could not be created)")
            }
            guard rename(partial, path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? files.removeItem(atPath: partial)
                throw DraftingError(.badInput, "hooks/\(name): cannot write it (\(reason))")
            }
            written.append(path)
        }
        try repository.setConfiguration("receive.fsckObjects", to: true)
        return written
    }
}
