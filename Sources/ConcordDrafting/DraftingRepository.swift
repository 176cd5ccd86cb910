import ConcordGit
import ConcordText
import Foundation

/// A Git repository that holds drafts under `Drafts/` on its main branch. Everything Concord
/// writes is an ordinary commit published by a compare-and-swap reference update: a command
/// that is interrupted or loses a race leaves the repository as it was.
public final class DraftingRepository {
    public static let draftsFolder = "Drafts"
    public static let mainBranch = "refs/heads/main"

    public let git: Repository
    let environment: [String: String]

    /// The present moment. `CONCORD_NOW` (ISO 8601) fixes it, for tests of deadlines and for
    /// replaying a round; the shared repository's hooks judge deadlines by their own clock.
    public var now: Date { fixedNow ?? Date() }
    private let fixedNow: Date?

    init(git: Repository, environment: [String: String]) throws {
        self.git = git
        self.environment = environment
        fixedNow = try Self.fixedNow(in: environment)
    }

    /// `CONCORD_NOW`, refused when it does not parse: ignoring it would judge deadlines by
    /// another clock than the one the user set.
    private static func fixedNow(in environment: [String: String]) throws -> Date? {
        guard let text = environment["CONCORD_NOW"] else { return nil }
        guard let fixed = Deadline(text) else {
            throw DraftingError(.badInput, "CONCORD_NOW=\(FreeText.escaped(text)): not a date and time with zone "
                                + "(e.g. 2022-02-18T23:59:00+01:00); unset it to use the clock")
        }
        return fixed.instant
    }

    /// The repository that contains `path`, found as `git` finds it.
    public static func open(at path: String, environment: [String: String]) throws -> DraftingRepository {
        do {
            return try DraftingRepository(git: try Repository.discover(from: path), environment: environment)
        } catch let error as GitError where error.code == .notFound {
            throw DraftingError(.badInput,
                                "\(path): not inside a drafting repository (run `concord init` there, or pass --repo PATH)")
        }
    }

    /// Makes `path` a drafting repository: creates the Git repository if there is none, and
    /// records `Drafts/README.md` on the main branch. Running it again changes nothing.
    @discardableResult
    public static func initialise(at path: String, environment: [String: String]) throws -> (repository: DraftingRepository, created: Bool) {
        _ = try fixedNow(in: environment)   // refused before a repository is created
        let git: Repository
        if let existing = try? Repository.open(at: path) {
            git = existing
        } else {
            // Refuse before creating anything, so that a failed init leaves no empty repository behind.
            guard Repository.defaultSignature(environment: environment) != nil else { throw missingIdentity }
            do {
                git = try Repository.create(at: path)
            } catch let error as GitError {
                throw DraftingError(.badInput, "\(path): cannot create a repository there (\(error.message))")
            }
        }
        let repository = try DraftingRepository(git: git, environment: environment)
        let readme = "\(draftsFolder)/README.md"
        let created = try repository.landing(on: mainBranch) { () -> Bool in
            let tip = try git.reference(mainBranch)
            if let tip, try git.fileContents(at: readme, in: tip) != nil { return false }
            let blob = try git.writeBlob(Array(Self.draftsReadme.utf8))
            try repository.commitToMain(changes: [.upsert(path: readme, blob: blob)],
                                        message: "Make this a drafting repository", basedOn: tip)
            return true
        }
        return (repository, created)
    }

    static let draftsReadme = """
        # Drafts

        Each `<draft>.txt` here is the base text of one draft, one paragraph per line. A
        paragraph's id rides on its line as `{#id} ` (or is the name of its first
        `[bookmark: …]`), so that it survives moves, renumbering and edits. Edit drafts with
        `concord`, or with any editor keeping each line's id in place.

        """

    // MARK: - Commits to the main branch

    /// The author of new commits, from the environment or Git's configuration.
    func signature() throws -> Signature {
        guard var signature = git.defaultSignature(environment: environment) else { throw Self.missingIdentity }
        if environment["CONCORD_NOW"] != nil { signature.time = Int64(now.timeIntervalSince1970) }
        return signature
    }

    static let missingIdentity = DraftingError(.badInput, """
        no author identity: set it with `git config --global user.name "Your Name"` and \
        `git config --global user.email you@example.org`, or GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL
        """)

    /// The tip of the main branch, or nil before the first commit.
    public func mainTip() throws -> ObjectID? {
        try git.reference(Self.mainBranch)
    }

    /// Commits `changes` on top of `parent` — the tip of main the caller read its state from —
    /// and moves main only if it still points there: a registry or ledger read from one tip is
    /// never written over another command's commit. A lost race is thrown as libgit2's
    /// `GitError` (`.modified`, `.exists`, `.locked`), for `landing(on:_:)` to build again on
    /// the new tip. When main is checked out, the index and work tree follow.
    /// `alsoMerging`: a second parent (a consolidation being published).
    @discardableResult
    func commitToMain(changes: [TreeChange], message: String, basedOn parent: ObjectID?,
                      alsoMerging other: ObjectID? = nil) throws -> ObjectID {
        let author = try signature()
        let oldTree = try parent.map(git.treeID(ofCommit:))
        let tree = try git.writeTree(updating: oldTree, with: changes)
        let parents = (parent.map { [$0] } ?? []) + (other.map { [$0] } ?? [])
        let commit = try git.writeCommit(tree: tree, parents: parents, message: message, author: author)
        try git.updateReference(Self.mainBranch, to: commit, expecting: parent, message: "concord: \(message)")
        if !git.isBare, git.headBranch == Self.mainBranch {
            let paths = changes.map { change -> String in
                switch change {
                case .upsert(let path, _), .remove(let path): return path
                }
            }
            let kept: [String]
            do {
                kept = try bringWorkTreeForwardWaitingForTheIndex().filter(paths.contains)
            } catch let error as DraftingError {
                throw DraftingError(.refused, "committed to main, but the work tree could not follow: \(error.message)")
            } catch let error as GitError {
                throw DraftingError(.refused, "committed to main, but the work tree could not follow (\(error.message)); `git status` shows where it stands")
            }
            if !kept.isEmpty {
                let files = kept.joined(separator: " ")
                throw DraftingError(.refused, """
                    committed to main, but the work tree kept your local changes to \(files): \
                    `git diff main -- \(files)` shows them, `git checkout main -- \(files)` replaces them with main's version
                    """)
            }
        }
        return commit
    }
}

extension DraftingRepository {
    /// The repository a Git hook runs in, as Git names it in the environment (`GIT_DIR`, and
    /// in `pre-receive` the quarantined objects through `GIT_OBJECT_DIRECTORY`).
    public static func openFromHookEnvironment(_ environment: [String: String]) throws -> DraftingRepository {
        do {
            return try DraftingRepository(git: try Repository.openFromEnvironment(), environment: environment)
        } catch let error as GitError {
            throw DraftingError(.badInput, "not run by Git in a repository (\(error.message))")
        }
    }
}
