/// Who is pushing to the shared repository, as its Git host says. Concord never takes the
/// pusher's word for it (a commit's author is whatever the pusher typed): the host
/// authenticated the connection and passes the account to hooks in its own variable.
public struct Pusher: Sendable, Equatable {
    /// The variables hosts set, in the order they are consulted: GitLab, Gitea and Forgejo,
    /// gitolite, GitHub Enterprise, a web server's login in front of `git http-backend`, and
    /// last `CONCORD_PUSHER`, set by an ssh forced command
    /// (`command="env CONCORD_PUSHER=F git-shell -c \"$SSH_ORIGINAL_COMMAND\""`). The hosts'
    /// own variables come first because a client cannot set them; the last one only an ssh
    /// server that refuses clients' variables (no `AcceptEnv` for it) keeps honest.
    public static let variables = ["GL_USERNAME", "GITEA_PUSHER_NAME", "GL_USER", "GITHUB_USER_LOGIN", "REMOTE_USER", "CONCORD_PUSHER"]

    /// The host's name for the pusher.
    public let account: String
    /// The variable it came from, for messages.
    public let variable: String

    /// The first variable that is set and not empty; nil when the host named nobody.
    public init?(environment: [String: String]) {
        for variable in Self.variables {
            if let account = environment[variable], !account.isEmpty {
                self.account = account
                self.variable = variable
                return
            }
        }
        return nil
    }
}
