import ConcordDrafting
import Hummingbird
import HummingbirdAuth

/// What a signed-in browser keeps on the server: who it is, and the token every form of
/// the session carries (CSRF).
public struct WebSession: Codable, Sendable {
    var member: String
    var csrf: String
}

/// Each request's context: the session, and the member it is signed in as.
public struct WebContext: SessionRequestContext {
    public typealias Session = WebSession
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<WebSession>
    /// Set by `Identity` from the session or the proxy's header.
    var member: MemberID?
    var csrf: String?
    /// The client's address, for the access log.
    let remoteAddress: String

    /// Uploads: a Word document of a long draft runs to a few megabytes.
    public var maxUploadSize: Int { 32 << 20 }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sessions = .init()
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "-"
    }
}
