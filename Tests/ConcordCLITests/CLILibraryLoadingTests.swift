import Foundation
import Testing
import TestSupport

/// libgit2 is loaded when a command first needs a repository (`Sources/Cgit2/Loader.c`), not
/// when `concord` starts. A directory on `LD_LIBRARY_PATH` holding a `libgit2.so.1.5` that is
/// not a library stands in for a broken installation: it is what `dlopen` finds first.
@Suite struct CLILibraryLoadingTests {
    let scratch = ScratchDirectory("concord-libgit2")

    /// The environment that puts the broken library first.
    func brokenLibrary() -> [String: String] {
        scratch.write("lib/libgit2.so.1.5", "not a shared library\n")
        return ["LD_LIBRARY_PATH": scratch.file("lib")]
    }

    @Test func aRedlineNeverLoadsLibgit2() throws {
        let old = scratch.write("old.txt", "1\tLe Groupe a pris note du rapport.\n")
        let new = scratch.write("new.txt", "1\tLe Groupe a pris note du rapport de l'UIT.\n")
        let result = try run(Fixtures.concordExecutable, ["redline", old, new], in: scratch.path, environment: brokenLibrary())
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("[+ de l'UIT+]"))
        #expect(result.stderr.isEmpty)
    }

    @Test func aCommandThatNeedsARepositoryNamesTheLibraryItCannotLoadInOneLine() throws {
        let result = try run(Fixtures.concordExecutable, ["init", scratch.file("drafts")], in: scratch.path,
                             environment: brokenLibrary())
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("concord: cannot load libgit2 (libgit2.so.1.5): "), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "not one line: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: scratch.file("drafts")), "nothing is written")
    }

    @Test func theInstalledLibgit2IsLoadedWhenARepositoryIsNeeded() throws {
        let result = try run(Fixtures.concordExecutable, ["init", scratch.file("drafts")], in: scratch.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try git(["rev-parse", "--git-dir"], in: scratch.file("drafts")).status == 0)
    }
}
