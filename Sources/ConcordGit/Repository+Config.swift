import Cgit2

extension Repository {
    /// Sets a boolean in the repository's own configuration (`git config --local`).
    public func setConfiguration(_ name: String, to value: Bool) throws {
        let config = try make("cannot open the configuration", freedBy: git_config_free) { git_repository_config($0, handle) }
        try check(git_config_set_bool(config.pointer, name, value ? 1 : 0), "cannot set \(name)")
    }
}

extension Repository {
    /// An integer from the configuration (repository, user and system, as git reads them);
    /// nil when it is not set or not a number.
    public func integerConfiguration(_ name: String) -> Int? {
        guard let config = try? make(freedBy: git_config_free, body: { git_repository_config($0, handle) }) else { return nil }
        var value: Int64 = 0
        return git_config_get_int64(&value, config.pointer, name) == 0 ? Int(value) : nil
    }
}
