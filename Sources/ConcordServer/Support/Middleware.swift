import ConcordDrafting
import Foundation
import Hummingbird
import HummingbirdAuth
import HTTPTypes

/// One line per request, in the Common Log Format that web servers and log tools share:
/// `host - member [time] "METHOD path HTTP/1.1" status bytes`. A sign-in link's token is
/// never written.
struct AccessLog: RouterMiddleware {
    typealias Context = WebContext

    private static let format: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "dd/MMM/yyyy:HH:mm:ss Z"
        return formatter
    }()
    private static let lock = NSLock()

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        let path = request.uri.path.hasPrefix("/signin") ? request.uri.path : request.uri.string
        let bytes = response.body.contentLength.map(String.init) ?? "-"
        // The session as the request left it: `Identity`, further in, signs in on a copy of the context.
        let line = "\(context.remoteAddress) - \(context.sessions.session?.member ?? "-") [\(Self.lock.withLock { Self.format.string(from: Date()) })] "
            + "\"\(request.method) \(path) HTTP/1.1\" \(response.status.code) \(bytes)\n"
        FileHandle.standardOutput.write(Data(line.utf8))
        return response
    }
}

/// Who the request is from: the proxy's header when the server trusts one, else the session.
/// A member removed from the registry since it signed in is signed out.
struct Identity: RouterMiddleware {
    typealias Context = WebContext
    let site: Site

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        if let header = site.configuration.trustHeader, let name = HTTPField.Name(header), let account = request.headers[name] {
            let member = try await site.withRepository { try $0.memberRegistry().member(forAccount: account)?.id }
            guard let member else {
                throw PageError(status: .forbidden, title: "Unknown account",
                                message: "The account \(account) is not a member's login; the secretariat adds it with `concord member add … --account \(account)`.")
            }
            if context.sessions.session?.member != member.rawValue {
                context.sessions.setSession(WebSession(member: member.rawValue, csrf: Site.randomToken()))
            }
        }
        if let session = context.sessions.session {
            context.member = MemberID(session.member)
            context.csrf = session.csrf
        }
        return try await next(request, context)
    }
}

/// Errors as pages in the user's words: a refusal says what the CLI would say; anything
/// unexpected is logged and shown as a short apology, never a stack trace.
struct ErrorPages: RouterMiddleware {
    typealias Context = WebContext
    let site: Site

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as PageError {
            return site.page("error", error.model, title: error.title, context: context, status: error.status)
        } catch let error as DraftingError {
            let page = PageError(status: error.kind == .badInput ? .badRequest : .conflict, title: "Not done",
                                 message: ([error.message] + error.details).joined(separator: "\n"), next: request.headers[.referer])
            return site.page("error", page.model, title: page.title, context: context, status: page.status)
        } catch let error as HTTPError {
            let page = PageError(status: error.status, title: error.status.reasonPhrase, message: error.body ?? error.status.reasonPhrase)
            return site.page("error", page.model, title: page.title, context: context, status: page.status)
        } catch {
            FileHandle.standardError.write(Data("concord serve: \(request.method) \(request.uri.path): \(error)\n".utf8))
            let page = PageError(status: .internalServerError, title: "Something went wrong",
                                 message: "The server could not answer this request. Nothing was changed by it; try again, and tell the secretariat if it goes on.")
            return site.page("error", page.model, title: page.title, context: context, status: page.status)
        }
    }
}

extension PageError {
    struct Model {
        let title: String
        let message: String
        let next: String?
    }

    var model: Model { Model(title: title, message: message, next: next) }
}
