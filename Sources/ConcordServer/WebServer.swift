import ConcordDrafting
import Foundation
import Hummingbird
import HummingbirdAuth
import Logging

/// `concord serve`: the drafting workflow in a browser, over the same repository the CLI and
/// the Git hooks use. Every page reads the repository when it is asked for, so what the CLI,
/// `concord pull` or a push wrote is seen at once; every form writes through the same
/// ConcordDrafting functions as the CLI, with the same compare-and-swap.
public struct WebServer: Sendable {
    public struct Configuration: Sendable {
        /// The drafting repository.
        public var repository: String
        public var host: String
        public var port: Int
        /// Behind a reverse proxy that authenticates: the header naming the signed-in account,
        /// mapped to a member by the registry's `--account` logins.
        public var trustHeader: String?
        /// The process environment (`CONCORD_NOW`, Git's identity), as the CLI reads it.
        public var environment: [String: String]

        public init(repository: String, host: String = "127.0.0.1", port: Int = 8080, trustHeader: String? = nil,
                    environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.repository = repository
            self.host = host
            self.port = port
            self.trustHeader = trustHeader
            self.environment = environment
        }
    }

    let configuration: Configuration

    public init(_ configuration: Configuration) throws {
        // Fail at start, in the user's words, rather than on the first request.
        _ = try DraftingRepository.open(at: configuration.repository, environment: configuration.environment)
        self.configuration = configuration
    }

    /// The router of every page, for the server and for in-process tests.
    public func router() -> Router<WebContext> {
        let site = Site(configuration: configuration)
        let router = Router(context: WebContext.self)
        router.add(middleware: AccessLog())
        router.add(middleware: SessionMiddleware(storage: MemoryPersistDriver(), configuration: .init(
            sessionCookieParameters: .init(name: "concord-session", sameSite: .strict), defaultSessionExpiration: .seconds(12 * 3600))))
        router.add(middleware: ErrorPages(site: site))
        router.add(middleware: Identity(site: site))
        site.addSignIn(to: router)
        site.addDelegatePages(to: router)
        site.addChairPages(to: router)
        return router
    }

    /// Serves until interrupted (SIGINT, SIGTERM).
    public func run() async throws {
        var logger = Logger(label: "concord")
        logger.logLevel = .warning
        let application = Application(router: router(), configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "concord"), logger: logger)
        try await application.runService()
    }
}
