import ConcordDrafting
import Hummingbird

extension Site {
    /// `/signin?token=…`, the link `concord member token` prints: a session for its member.
    func addSignIn(to router: Router<WebContext>) {
        router.get("/signin") { request, context -> Response in
            guard let token = request.uri.queryParameters.get("token") else { throw PageError.notSignedIn() }
            let member = try await self.withRepository { try $0.signInTokens.member(signingInWith: token) }
            guard let member else {
                throw PageError(status: .unauthorized, title: "Sign-in link not valid",
                                message: "This sign-in link is not valid, or was replaced by a newer one: ask the secretariat for a new link.")
            }
            context.sessions.setSession(WebSession(member: member.rawValue, csrf: Site.randomToken()))
            return .redirect(to: "/")
        }
        router.post("/signout") { request, context -> Response in
            _ = try await Form.read(request, context: context)
            context.sessions.clearSession()
            return .redirect(to: "/signed-out")
        }
        router.get("/signed-out") { _, context -> Response in
            self.page("error", PageError.Model(title: "Signed out", message: "You are signed out. Your sign-in link signs you in again.", next: nil),
                      title: "Signed out", context: context)
        }
    }

    /// The signed-in member, or a page asking to sign in.
    func signedIn(_ context: WebContext) throws -> MemberID {
        guard let member = context.member else { throw PageError.notSignedIn() }
        return member
    }

    /// The draft a URL names, as a validated id: no path from a URL reaches the file system.
    func draftID(_ context: WebContext) throws -> DraftID {
        guard let raw = context.parameters.get("draft"), let id = DraftID(raw) else { throw PageError.notFound("such draft") }
        return id
    }
}
