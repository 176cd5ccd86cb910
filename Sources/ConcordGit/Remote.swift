import Cgit2
import Foundation

/// How to authenticate to a remote. Git's credential helpers are a feature of the `git`
/// program, not of libgit2, so Concord takes what it needs from the URL and the environment.
public struct RemoteCredentials: Sendable {
    /// For smart HTTP: the account, when the URL does not name one.
    public var username: String?
    /// For smart HTTP: the password or access token.
    public var password: String?
    /// For ssh: a private key file to offer (its public half beside it as `<file>.pub`, if
    /// there), before the ssh agent's keys.
    public var sshKey: String?

    public init(username: String? = nil, password: String? = nil, sshKey: String? = nil) {
        self.username = username
        self.password = password
        self.sshKey = sshKey
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

    public init() {}
}

extension Repository {
    /// Pushes to `remote`, a configured remote's name or a URL, the refspecs `choosing`
    /// returns (`refs/heads/x:refs/heads/x`, never forced unless prefixed `+`) once it has
    /// seen the references the remote has (`git ls-remote`): so that a caller can leave out
    /// what would not be a fast-forward, on the same connection. Over ssh each connection is
    /// a handshake and a start of the host's shell: listing first on a connection of its own
    /// was half of a push's time through gitolite. Nothing is sent when it chooses none.
    ///
    /// libgit2 returns success when the transfer worked even if the server refused some
    /// references, so every reference's status is collected and returned: the caller must
    /// read `references`, not just the absence of an error.
    public func push(to remote: String, credentials: RemoteCredentials,
                     choosing: ([String: ObjectID]) throws -> [String]) throws -> RemoteTransfer {
        try withRemote(remote) { handle in
            let observer = TransferObserver(credentials: credentials, remote: remote)
            var options = git_push_options()
            try check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)))
            observer.install(in: &options.callbacks)
            options.callbacks.push_update_reference = { name, status, payload in
                let observer = TransferObserver.from(payload)
                observer.transfer.references.append(PushedReference(name: String(cString: name!), refusal: status.map { String(cString: $0) }))
                return 0
            }
            let connected = withExtendedLifetime(observer) { git_remote_connect(handle, GIT_DIRECTION_PUSH, &options.callbacks, nil, nil) }
            try observer.check(connected, "cannot reach \(Self.withoutPassword(remote))")
            defer { git_remote_disconnect(handle) }
            let refspecs = try choosing(try advertisedReferences(of: handle, remote: remote))
            guard !refspecs.isEmpty else { return RemoteTransfer() }
            // On the connection made above: libgit2 connects again only when there is none.
            let status = withStringArray(refspecs) { array in
                withExtendedLifetime(observer) { git_remote_push(handle, &array, &options) }
            }
            try observer.check(status, "cannot push to \(Self.withoutPassword(remote))")
            return observer.finished()
        }
    }

    /// Fetches `refspecs` (`+refs/heads/*:refs/remotes/origin/*`) from `remote`, a configured
    /// remote's name or a URL. Returns the server's side-band messages.
    ///
    /// Fetched again once when a folder vanished under a tracking reference
    /// (`retryingVanishedFolders`). What the first attempt brought is kept; the second asks
    /// for the rest.
    @discardableResult
    public func fetch(from remote: String, refspecs: [String], credentials: RemoteCredentials) throws -> RemoteTransfer {
        try retryingVanishedFolders(attempts: 2) { try fetchOnce(from: remote, refspecs: refspecs, credentials: credentials) }
    }

    private func fetchOnce(from remote: String, refspecs: [String], credentials: RemoteCredentials) throws -> RemoteTransfer {
        if !indexesFetchedPacksWithGit {
            try PackIndexing.install(in: handle, gitDirectory: gitDirectory)
            indexesFetchedPacksWithGit = true
        }
        return try withRemote(remote) { handle in
            let observer = TransferObserver(credentials: credentials, remote: remote)
            var options = git_fetch_options()
            try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)))
            observer.install(in: &options.callbacks)
            options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
            let status = withStringArray(refspecs) { array in
                withExtendedLifetime(observer) { git_remote_fetch(handle, &array, &options, "concord: fetch") }
            }
            try observer.check(status, "cannot fetch from \(Self.withoutPassword(remote))")
            return observer.finished()
        }
    }

    /// What a connected remote advertised: each reference and where it points.
    private func advertisedReferences(of handle: OpaquePointer, remote: String) throws -> [String: ObjectID] {
        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        try check(git_remote_ls(&heads, &count, handle), "cannot list the references of \(Self.withoutPassword(remote))")
        var references: [String: ObjectID] = [:]
        for index in 0..<count {
            guard let head = heads?[index] else { continue }
            references[String(cString: head.pointee.name)] = ObjectID(head.pointee.oid)
        }
        return references
    }

    /// Whether the object is in this repository.
    public func contains(_ id: ObjectID) -> Bool {
        guard let database = try? make(freedBy: git_odb_free, body: { git_repository_odb($0, handle) }) else { return false }
        var raw = id.raw
        return git_odb_exists(database.pointer, &raw) == 1
    }

    /// Whether `name` is a remote configured in this repository (`git remote`).
    public func hasRemote(named name: String) -> Bool {
        (try? make(freedBy: git_remote_free, body: { git_remote_lookup($0, handle, name) })) != nil
    }

    /// The URL a remote's name stands for; `remote` itself when it names none (a URL or path).
    public func remoteURL(_ remote: String) -> String {
        guard let found = try? make(freedBy: git_remote_free, body: { git_remote_lookup($0, handle, remote) }),
              let url = git_remote_url(found.pointer) else { return remote }
        return String(cString: url)
    }

    /// The folder of the repository a remote reaches through the file system (a path, or a
    /// `file://` URL), where Git runs no server and so no hook; nil for a network address
    /// (`https://`, `ssh://`, `git://`, or ssh's `host:path`).
    public func localRemotePath(_ remote: String) -> String? {
        let url = remoteURL(remote)
        if url.hasPrefix("file://") { return String(url.dropFirst("file://".count)).removingPercentEncoding }
        if url.contains("://") { return nil }
        // ssh's short form, `host:path` or `user@host:path`: a colon before any slash.
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return nil }
        return url
    }

    /// A remote as it may be printed: a URL's password is dropped (`https://user@host/…`).
    /// Everything between the user's name and the last `@` goes, so that a password holding
    /// `/` or `@` is never printed, at the price of over-cutting an odd URL with `@` in its path.
    public static func withoutPassword(_ remote: String) -> String {
        guard let separator = remote.firstRange(of: "://"), let at = remote.lastIndex(of: "@"), separator.upperBound < at,
              let colon = remote[separator.upperBound..<at].firstIndex(of: ":") else { return remote }
        return String(remote[..<colon] + remote[at...])
    }

    private func withRemote<R>(_ remote: String, _ body: (OpaquePointer) throws -> R) throws -> R {
        let handle: Handle
        if hasRemote(named: remote) {
            handle = try make("cannot read remote \(remote)", freedBy: git_remote_free) { git_remote_lookup($0, self.handle, remote) }
        } else {
            handle = try make("\(Self.withoutPassword(remote)) is neither a remote of this repository nor a URL", freedBy: git_remote_free) {
                git_remote_create_anonymous($0, self.handle, remote)
            }
        }
        return try body(handle.pointer)
    }
}

/// Receives libgit2's transfer callbacks through their `void *payload`. libgit2 calls them on
/// the pushing thread, during the call, so the observer only needs to outlive that call.
private final class TransferObserver {
    let credentials: RemoteCredentials
    /// The remote as given, whose password must not reach a message.
    let remote: String
    var transfer = RemoteTransfer()
    /// Side-band text arrives in arbitrary pieces; lines are cut where the server ended them.
    var pendingMessage = ""
    /// libgit2 asks again after each rejected credential: each kind is offered once, so a
    /// wrong password ends the transfer instead of looping.
    var offered: Set<UInt32> = []
    /// Whether the key file (`RemoteCredentials.sshKey`) was offered: once, before the agent.
    var offeredKeyFile = false
    var refusedCredential: String?

    init(credentials: RemoteCredentials, remote: String) {
        self.credentials = credentials
        self.remote = remote
    }

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

    private func offer(_ kind: git_credential_t, allowed: UInt32) -> Bool {
        allowed & kind.rawValue != 0 && offered.insert(kind.rawValue).inserted
    }

    private func credential(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>?, usernameFromURL: String?,
                            allowed: UInt32) -> Int32 {
        let username = usernameFromURL ?? credentials.username
        // ssh first asks only for the user name when the URL gives none.
        if offer(GIT_CREDENTIAL_USERNAME, allowed: allowed) {
            return git_credential_username_new(out, username ?? "git")
        }
        if let username, let password = credentials.password, offer(GIT_CREDENTIAL_USERPASS_PLAINTEXT, allowed: allowed) {
            return git_credential_userpass_plaintext_new(out, username, password)
        }
        if let key = credentials.sshKey, !offeredKeyFile, allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 {
            offeredKeyFile = true
            guard FileManager.default.isReadableFile(atPath: key) else {
                refusedCredential = "CONCORD_SSH_KEY names \(key), which is not a readable file"
                return GIT_EUSER.rawValue
            }
            let publicKey = FileManager.default.fileExists(atPath: key + ".pub") ? key + ".pub" : nil
            return git_credential_ssh_key_new(out, username ?? "git", publicKey, key, nil)
        }
        if offer(GIT_CREDENTIAL_SSH_KEY, allowed: allowed) {
            return git_credential_ssh_key_from_agent(out, username ?? "git")
        }
        refusedCredential = allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0
            ? "the server accepted no ssh key (CONCORD_SSH_KEY names a key file; else the ssh agent's keys are offered: add one with ssh-add)"
            : "the server did not accept the credentials (give the account in the URL or CONCORD_USERNAME, the password or token in CONCORD_PASSWORD)"
        return GIT_EUSER.rawValue
    }

    func check(_ status: Int32, _ context: String) throws {
        if let refusedCredential { throw GitError(code: .other(status), message: "\(context): \(refusedCredential)") }
        if status != 0, let error = git_error_last(), String(cString: error.pointee.message).contains("unknown remote ssh hostkey") {
            throw GitError(code: .other(status), message: "\(context): the server's ssh host key is not in ~/.ssh/known_hosts; "
                           + "check it with its administrator and add it (connect once with ssh, or `ssh-keyscan -p PORT HOST >> ~/.ssh/known_hosts`)")
        }
        do { try ConcordGit.check(status, context) } catch let error as GitError {
            // libgit2 quotes the URL as given, password included.
            throw GitError(code: error.code, message: remote.isEmpty ? error.message : error.message.replacing(remote, with: Repository.withoutPassword(remote)),
                           isFileSystem: error.isFileSystem)
        }
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
