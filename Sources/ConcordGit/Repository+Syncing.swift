import Cgit2

extension Repository {
    /// Runs `body` with libgit2 not syncing each file it writes, then syncs the repository's
    /// file system once, before returning: the same durability when the command ends, at the
    /// cost of one flush rather than one per file. For a command that writes hundreds of
    /// references at once (`pull` into an empty clone: 194 branches and their tracking names,
    /// each synced, were most of its time). A crash by power loss midway can leave a written
    /// reference empty, as `git fetch` can; a killed process cannot.
    ///
    /// The option is the process's: not for a process that writes elsewhere meanwhile (the web app).
    public func syncingOnceAfter<Result>(_ body: () throws -> Result) throws -> Result {
        _ = concord_git_set_fsync_gitdir(0)
        defer {
            _ = concord_git_set_fsync_gitdir(1)
            _ = concord_sync_file_system(gitDirectory)
        }
        return try body()
    }
}
