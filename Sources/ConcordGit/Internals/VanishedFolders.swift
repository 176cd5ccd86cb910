import Glibc

extension Repository {
    /// Runs `body` again when a `git gc` beside this process removed a folder under libgit2.
    ///
    /// Concord starts `git gc` in the background, and gc removes the object and reference
    /// folders it empties. libgit2 makes a folder, then moves a new object or a reference's
    /// lock file into it (and syncs the folder); when gc removes the folder in between, the
    /// move fails with ENOENT. Git retries such a creation; libgit2 does not. Writing an
    /// object again is harmless (its name is its content); a reference is moved by
    /// compare-and-swap, so its caller retries only while it has not moved. `retrying`: the
    /// failures that may be such a folder (by default, those libgit2 classes as the file
    /// system's); the last attempt's failure is thrown.
    @discardableResult
    func retryingVanishedFolders<Result>(attempts: Int = 5, retrying mayBeVanishedFolder: (GitError) -> Bool = \.isFileSystem,
                                         _ body: () throws -> Result) throws -> Result {
        var attempt = 1
        while true {
            do {
                return try body()
            } catch let error as GitError where attempt < attempts && mayBeVanishedFolder(error) {
                attempt += 1
                usleep(useconds_t(1000 * attempt))   // gc's pruning of folders is over in moments
            }
        }
    }
}
