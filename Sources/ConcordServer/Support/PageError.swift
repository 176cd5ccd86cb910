import Hummingbird

/// A request the server answers with a page in the user's words rather than what it asked
/// for: not signed in, not allowed, not found, or a form sent from a page whose data moved.
struct PageError: Error {
    let status: HTTPResponse.Status
    let title: String
    let message: String
    /// Where the user can go on from here.
    var next: String?

    static func notSignedIn() -> PageError {
        PageError(status: .unauthorized, title: "Please sign in",
                  message: "Open the sign-in link your secretariat sent you (concord member token), or ask them for a new one.")
    }

    static func notFound(_ what: String) -> PageError {
        PageError(status: .notFound, title: "Not found", message: "There is no \(what).", next: "/")
    }

    /// A form whose page was opened before someone else changed what it shows.
    static func changedSince(_ page: String) -> PageError {
        PageError(status: .conflict, title: "Changed since you opened this page",
                  message: "Changed since you opened this page: someone changed this draft after you opened it, so nothing was done. Here is the page as it is now: check it and try again.",
                  next: page)
    }
}
