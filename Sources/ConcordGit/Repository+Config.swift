import Cgit2

extension Repository {
    /// Sets a boolean in the repository's own configuration (`git config --local`).
    public func setConfiguration(_ name: String, to value: Bool) throws {
        let config = try make("cannot open the configuration", freedBy: git_config_free) { git_repository_config($0, handle) }
        try check(git_config_set_bool(config.pointer, name, value ? 1 : 0), "cannot set \(name)")
    }
}
