import ConcordDrafting
import Foundation
import Hummingbird
import Mustache

/// What every page shares: the configuration, the compiled templates, the previews waiting
/// for confirmation, and the way to reach the repository.
final class Site: Sendable {
    let configuration: WebServer.Configuration
    let templates: MustacheLibrary
    let pending = PendingSubmissions()
    let cache = PageCache()
    /// The work of the Git layer and the text core is synchronous and can take a second on a
    /// large group: it runs here, never on the server's event loops.
    private let workers = DispatchQueue(label: "concord.serve.workers", attributes: .concurrent)
    /// As many at work as there are cores: twenty uploads at once are each a parsed draft and
    /// its diffs in memory, and running them all together only makes each wait for the others.
    private let working = DispatchSemaphore(value: ProcessInfo.processInfo.activeProcessorCount)

    init(configuration: WebServer.Configuration) {
        self.configuration = configuration
        templates = Templates.library()
    }

    /// A repository handle of this request's own: libgit2's are not shared between threads.
    func repository() throws -> DraftingRepository {
        try DraftingRepository.open(at: configuration.repository, environment: configuration.environment)
    }

    /// Runs `body` with a repository of its own on a worker thread.
    func withRepository<Value: Sendable>(_ body: @escaping @Sendable (DraftingRepository) throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            workers.async {
                self.working.wait()
                defer { self.working.signal() }
                continuation.resume(with: Result<Value, any Error>(catching: { try body(try self.repository()) }))
            }
        }
    }

    /// A page: `template` rendered with `model` inside the layout.
    func page(_ template: String, _ model: some Any, title: String, context: WebContext,
              status: HTTPResponse.Status = .ok) -> Response {
        let body = templates.render(model, withTemplate: template) ?? ""
        let layout = Layout(title: title, member: context.member?.rawValue, csrf: context.csrf ?? "", body: body)
        return Self.html(templates.render(layout, withTemplate: "layout") ?? body, status: status)
    }

    /// A page whose body was rendered once for every viewer and kept (`SharedBody`): sent as
    /// its kept buffers, the session's CSRF token between them, never copied or scanned again.
    func page(shared body: SharedBody, title: String, context: WebContext) -> Response {
        let layout = Layout(title: title, member: context.member?.rawValue, csrf: context.csrf ?? "", body: Self.bodyPlaceholder)
        let frame = (templates.render(layout, withTemplate: "layout") ?? "").components(separatedBy: Self.bodyPlaceholder)
        let token = ByteBuffer(string: context.csrf ?? "")
        var buffers = [ByteBuffer(string: frame[0])]
        for (index, part) in body.parts.enumerated() {
            if index > 0 { buffers.append(token) }
            buffers.append(part)
        }
        buffers.append(ByteBuffer(string: frame.dropFirst().joined()))
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(contentsOf: buffers))
    }

    private static let bodyPlaceholder = "concord-body-placeholder"

    /// Stands for the session's CSRF token in a page body rendered once for every viewer.
    static let csrfPlaceholder = "concord-csrf-placeholder"

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func download(_ bytes: some Collection<UInt8>, type: String, name: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
                 body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// 32 random bytes as URL-safe text: session and form tokens.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0 ..< 32).map { _ in String(format: "%02x", UInt8.random(in: 0 ... 255, using: &generator)) }.joined()
    }
}

/// A page body rendered with `Site.csrfPlaceholder` where each form's token goes, cut there.
struct SharedBody: Sendable {
    let parts: [ByteBuffer]

    init(rendered: String) {
        let bytes = Array(rendered.utf8), mark = Array(Site.csrfPlaceholder.utf8)
        var parts: [ByteBuffer] = [], start = 0, next = 0
        while let found = bytes[next...].firstIndex(of: mark[0]) {
            if bytes[found...].starts(with: mark) {
                parts.append(ByteBuffer(bytes: bytes[start ..< found]))
                start = found + mark.count
                next = start
            } else {
                next = found + 1
            }
        }
        parts.append(ByteBuffer(bytes: bytes[start...]))
        self.parts = parts
    }
}

/// The page around every page's body.
struct Layout {
    let title: String
    let member: String?
    let csrf: String
    /// Rendered by the page's own template, every value in it escaped there.
    let body: String
}
