import Cgit2

/// How to authenticate to a remote. Git's credential helpers are a feature of the `git`
/// program, not of libgit2, so Concord takes what it needs from the URL and the environment.
public struct RemoteCredentials: Sendable {
    /// For smart HTTP: the account, when the URL does not name one.
    public var username: String?
    /// For smart HTTP: the password or access token.
    public var password: String?

    public init(username: String? = nil, password: String? = nil) {
        self.username = username
        self.password = password
    }
}

/// What the server said about one reference of a push.
public struct PushedReference: Sendable, Equatable {
    public let name: String
    /// Nil when the server accepted the update; else its reason ("pre-receive hook declined",
    /// "non-fast-forward" …).
    public let refusal: String?

    public init(name: String, refusal: String?) {
        self.name = name
        self.refusal = refusal
    }
}

/// The outcome of a push or fetch: each reference's fate and what the server printed on
/// its side-band (hook output), line by line.
public struct RemoteTransfer: Sendable {
    public var references: [PushedReference] = []
    public var serverMessages: [String] = []
}

extension Repository {
    /// Pushes `refspecs` (`refs/heads/x:refs/heads/x`, never forced unless prefixed `+`) to
    /// `remote`, a configured remote's name or a URL.
    ///
    /// libgit2 returns success when the transfer worked even if the server refused some
    /// references, so every reference's status is collected and returned: the caller must
    /// read `references`, not just the absence of an error.
    public func push(to remote: String, refspecs: [String], credentials: RemoteCredentials) throws -> RemoteTransfer {
        try withRemote(remote) { handle in
            let observer = TransferObserver(credentials: credentials)
            var options = git_push_options()
            try check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)))
            observer.install(in: &options.callbacks)
            options.callbacks.push_update_reference = { name, status, payload in
                let observer = TransferObserver.from(payload)
                observer.transfer.references.append(PushedReference(name: String(cString: name!), refusal: status.map { String(cString: $0) }))
                return 0
            }
            let status = withCStrings(refspecs) { strings -> Int32 in
                var pointers = strings
                return pointers.withUnsafeMutableBufferPointer { buffer in
                    var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
                    return withExtendedLifetime(observer) { git_remote_push(handle, &array, &options) }
                }
            }
            try observer.check(status, "cannot push to \(Self.withoutPassword(remote))")
            return observer.finished()
        }
    }

    /// Fetches `refspecs` (`+refs/heads/*:refs/remotes/origin/*`) from `remote`, a configured
    /// remote's name or a URL. Returns the server's side-band messages.
    public func fetch(from remote: String, refspecs: [String], credentials: RemoteCredentials) throws -> RemoteTransfer {
        try withRemote(remote) { handle in
            let observer = TransferObserver(credentials: credentials)
            var options = git_fetch_options()
            try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)))
            observer.install(in: &options.callbacks)
            options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
            let status = withCStrings(refspecs) { strings -> Int32 in
                var pointers = strings
                return pointers.withUnsafeMutableBufferPointer { buffer in
                    var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
                    return withExtendedLifetime(observer) { git_remote_fetch(handle, &array, &options, "concord: fetch") }
                }
            }
            try observer.check(status, "cannot fetch from \(Self.withoutPassword(remote))")
            return observer.finished()
        }
    }

    /// Whether `name` is a remote configured in this repository (`git remote`).
    public func hasRemote(named name: String) -> Bool {
        guard let remote = try? make(body: { git_remote_lookup($0, handle, name) }) else { return false }
        git_remote_free(remote)
        return true
    }

    /// A remote as it may be printed: a URL's password is dropped (`https://user@host/…`).
    public static func withoutPassword(_ remote: String) -> String {
        let parts = remote.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        // scheme: "" authority path: only a URL with a scheme carries user information.
        guard parts.count >= 3, parts[0].hasSuffix(":"), parts[1].isEmpty,
              let at = parts[2].lastIndex(of: "@"), let colon = parts[2][..<at].firstIndex(of: ":") else { return remote }
        return String(remote[..<colon] + remote[at...])
    }

    private func withRemote<R>(_ remote: String, _ body: (OpaquePointer) throws -> R) throws -> R {
        let handle: OpaquePointer
        if hasRemote(named: remote) {
            handle = try make("cannot read remote \(remote)") { git_remote_lookup($0, self.handle, remote) }
        } else {
            handle = try make("\(Self.withoutPassword(remote)) is neither a remote of this repository nor a URL") {
                git_remote_create_anonymous($0, self.handle, remote)
            }
        }
        defer { git_remote_free(handle) }
        return try body(handle)
    }
}

/// Receives libgit2's transfer callbacks through their `void *payload`. libgit2 calls them on
/// the pushing thread, during the call, so the observer only needs to outlive that call.
private final class TransferObserver {
    let credentials: RemoteCredentials
    var transfer = RemoteTransfer()
    /// Side-band text arrives in arbitrary pieces; lines are cut where the server ended them.
    var pendingMessage = ""
    /// libgit2 asks again after each rejected credential; a second ask means it was wrong.
    var credentialAttempts = 0
    var authenticationFailed = false

    init(credentials: RemoteCredentials) { self.credentials = credentials }

    static func from(_ payload: UnsafeMutableRawPointer?) -> TransferObserver {
        Unmanaged<TransferObserver>.fromOpaque(payload!).takeUnretainedValue()
    }

    func install(in callbacks: inout git_remote_callbacks) {
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        callbacks.sideband_progress = { text, length, payload in
            guard let text, length > 0 else { return 0 }
            let bytes = UnsafeRawBufferPointer(start: text, count: Int(length))
            TransferObserver.from(payload).receive(String(decoding: bytes, as: UTF8.self))
            return 0
        }
        callbacks.credentials = { out, url, usernameFromURL, allowed, payload in
            TransferObserver.from(payload).credential(out, usernameFromURL: usernameFromURL.map { String(cString: $0) }, allowed: allowed)
        }
    }

    private func receive(_ text: String) {
        pendingMessage += text
        while let end = pendingMessage.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            let line = pendingMessage[..<end].trimmingTrailingSpaces()
            if !line.isEmpty { transfer.serverMessages.append(line) }
            pendingMessage.removeSubrange(...end)
        }
    }

    private func credential(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>?, usernameFromURL: String?,
                            allowed: UInt32) -> Int32 {
        credentialAttempts += 1
        guard credentialAttempts == 1 else {
            authenticationFailed = true
            return GIT_EUSER.rawValue
        }
        let username = usernameFromURL ?? credentials.username
        if allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0, let username, let password = credentials.password {
            return git_credential_userpass_plaintext_new(out, username, password)
        }
        if allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 {
            return git_credential_ssh_key_from_agent(out, username ?? "git")
        }
        authenticationFailed = true
        return GIT_EUSER.rawValue
    }

    func check(_ status: Int32, _ context: String) throws {
        if authenticationFailed {
            throw GitError(code: .other(status), message: "\(context): the server did not accept the credentials "
                           + "(give the account in the URL or CONCORD_USERNAME, the password or token in CONCORD_PASSWORD)")
        }
        try ConcordGit.check(status, context)
    }

    func finished() -> RemoteTransfer {
        receive("\n")
        return transfer
    }
}

private extension Substring {
    func trimmingTrailingSpaces() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[..<end])
    }
}
