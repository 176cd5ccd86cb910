/// Who is pushing to the shared repository, as its Git host says. Concord never takes the
/// pusher's word for it (a commit's author is whatever the pusher typed): the host
/// authenticated the connection and passes the account to hooks in its own variable.
public struct Pusher: Sendable, Equatable {
    /// The variables hosts set, in the order they are consulted: `CONCORD_PUSHER` for an ssh
    /// forced command (`command="env CONCORD_PUSHER=F git-shell -c \"$SSH_ORIGINAL_COMMAND\""`),
    /// then GitLab, Gitea and Forgejo, gitolite, GitHub Enterprise, and a web server's login
    /// in front of `git http-backend`.
    public static let variables = ["CONCORD_PUSHER", "GL_USERNAME", "GITEA_PUSHER_NAME", "GL_USER", "GITHUB_USER_LOGIN", "REMOTE_USER"]

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
