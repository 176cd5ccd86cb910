import Cgit2

extension Repository {
    /// The author identity for new commits: `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL` from the
    /// environment when both are set (as git honours them), else `user.name`/`user.email` from
    /// Git's configuration. Nil when neither gives a full identity.
    public func defaultSignature(environment: [String: String]) -> Signature? {
        if let name = environment["GIT_AUTHOR_NAME"], let email = environment["GIT_AUTHOR_EMAIL"],
           !name.isEmpty, !email.isEmpty {
            return Signature(name: name, email: email)
        }
        var out: UnsafeMutablePointer<git_signature>?
        guard git_signature_default(&out, handle) == 0, let signature = out else { return nil }
        defer { git_signature_free(signature) }
        return Signature(name: String(cString: signature.pointee.name), email: String(cString: signature.pointee.email))
    }

    /// The identity new commits would get in a repository that does not exist yet: the
    /// environment, else the user's and the system's Git configuration.
    public static func defaultSignature(environment: [String: String]) -> Signature? {
        Library.ensureInitialised()
        if let name = environment["GIT_AUTHOR_NAME"], let email = environment["GIT_AUTHOR_EMAIL"],
           !name.isEmpty, !email.isEmpty {
            return Signature(name: name, email: email)
        }
        guard let config = try? make(freedBy: git_config_free, body: { git_config_open_default($0) }) else { return nil }
        func value(_ key: String) -> String? {
            var buffer = git_buf()
            defer { git_buf_dispose(&buffer) }
            guard git_config_get_string_buf(&buffer, config.pointer, key) == 0, let pointer = buffer.ptr else { return nil }
            let text = String(cString: pointer)
            return text.isEmpty ? nil : text
        }
        guard let name = value("user.name"), let email = value("user.email") else { return nil }
        return Signature(name: name, email: email)
    }
}
