#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A shared repository as a correspondence group would have it: a bare clone of a drafting
/// repository with Concord's hooks installed (through the real `concord hooks install`),
/// served on loopback by real Git servers — `git http-backend` behind lighttpd with basic
/// authentication (the login reaches the hooks as REMOTE_USER, as on any smart-HTTP host),
/// and, when asked, `git daemon`, which authenticates nobody.
public final class SharedRepository: @unchecked Sendable {
    public let scratch = ScratchDirectory("concord-hub")
    public var path: String { scratch.file("hub.git") }
    private var servers: [Process] = []
    public private(set) var httpPort: Int32 = 0

    /// `accounts`: the logins the web server accepts (each with password `pw-<login>`).
    /// `now`: the hooks' clock (CONCORD_NOW), so that deadlines can be tested either side.
    public init(cloning source: String, accounts: [String], now: String) throws {
        let clone = try git(["clone", "--quiet", "--bare", source, path], in: scratch.path)
        guard clone.status == 0 else { throw DraftingScenario.ScenarioError(message: "git clone --bare: \(clone.stderr)") }
        let install = try run(Fixtures.concordExecutable, ["hooks", "install", "--repo", path], in: scratch.path)
        guard install.status == 0 else { throw DraftingScenario.ScenarioError(message: "concord hooks install: \(install.stderr)") }
        scratch.write("users", accounts.map { "\($0):pw-\($0)\n" }.joined())
        try startHTTP(now: now)
    }

    deinit {
        // SIGKILL, not SIGTERM: a process started from a test's thread inherits its blocked
        // signals, and a server that never sees SIGTERM would keep the test waiting.
        for server in servers where server.isRunning {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
    }

    /// The URL a member clones and pushes to, logged in as `account` (nil: no credentials).
    public func url(as account: String?, password: String? = nil) -> String {
        let login = account.map { "\($0):\(password ?? "pw-\($0)")@" } ?? ""
        return "http://\(login)127.0.0.1:\(httpPort)/git/hub.git"
    }

    private func startHTTP(now: String) throws {
        httpPort = try start { port in
            scratch.write("lighttpd.conf", """
                server.modules = ("mod_auth", "mod_authn_file", "mod_cgi", "mod_setenv", "mod_alias")
                server.bind = "127.0.0.1"
                server.port = \(port)
                server.document-root = "\(scratch.path)"
                server.errorlog = "\(scratch.file("lighttpd.log"))"
                auth.backend = "plain"
                auth.backend.plain.userfile = "\(scratch.file("users"))"
                auth.require = ("/git/" => ("method" => "basic", "realm" => "concord", "require" => "valid-user"))
                alias.url = ("/git/" => "\(Self.httpBackend)/")
                cgi.assign = ("" => "")
                setenv.set-environment = ("GIT_PROJECT_ROOT" => "\(scratch.path)", "GIT_HTTP_EXPORT_ALL" => "1",
                                          "CONCORD" => "\(Fixtures.concordExecutable)", "CONCORD_NOW" => "\(now)")

                """)
            return ("/usr/sbin/lighttpd", ["-D", "-f", scratch.file("lighttpd.conf")], [:])
        }
    }

    /// Serves the same repository with `git daemon` (receive-pack enabled): a server that
    /// says nothing of who is pushing. Returns its URL.
    public func startGitDaemon(now: String) throws -> String {
        let port = try start { port in
            // The daemon itself rather than `git daemon`, which would leave it running behind
            // an exited parent.
            (Self.gitProgram("git-daemon"), ["--reuseaddr", "--export-all", "--enable=receive-pack", "--listen=127.0.0.1",
                             "--port=\(port)", "--base-path=\(scratch.path)", scratch.path],
             ["CONCORD": Fixtures.concordExecutable, "CONCORD_NOW": now])
        }
        return "git://127.0.0.1:\(port)/hub.git"
    }

    /// Starts a server on a free loopback port (tried until one binds) and waits until it
    /// accepts connections.
    private func start(_ command: (Int32) -> (String, [String], [String: String])) throws -> Int32 {
        for _ in 0..<20 {
            let port = Int32.random(in: 20_000..<60_000)
            let (executable, arguments, extra) = command(port)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            for variable in ["REMOTE_USER", "GL_USERNAME", "GITEA_PUSHER_NAME", "GL_USER", "GITHUB_USER_LOGIN", "CONCORD_PUSHER"] {
                environment[variable] = nil
            }
            environment.merge(extra) { _, new in new }
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<100 where process.isRunning {
                if Self.accepts(port) {
                    servers.append(process)
                    return port
                }
                usleep(20_000)
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        throw DraftingScenario.ScenarioError(message: "no Git server could be started on loopback")
    }

    private static func accepts(_ port: Int32) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    static var httpBackend: String { gitProgram("git-http-backend") }

    /// A program of Git's own, from where `git --exec-path` keeps them.
    static func gitProgram(_ name: String) -> String { "\(gitExecPath)/\(name)" }

    static let gitExecPath: String =
        (try? git(["--exec-path"], in: "/"))?.stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? "/usr/lib/git-core"

    /// Runs `git` in the shared repository (to check what it holds).
    public func gitInHub(_ arguments: [String]) throws -> CommandResult {
        try git(arguments, in: path)
    }

    /// The commit a reference of the shared repository points to, or nil.
    public func tip(_ reference: String) throws -> String? {
        let result = try gitInHub(["rev-parse", "--verify", "--quiet", reference])
        return result.status == 0 ? result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }
}
