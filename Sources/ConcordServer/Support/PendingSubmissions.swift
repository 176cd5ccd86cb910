import ConcordDrafting
import Foundation
import Synchronization

/// Texts a member uploaded or edited, shown as a preview and waiting for confirmation. Kept on
/// the server, not in the page: the member confirms what it saw, not what a form could be made
/// to send. A preview is for its member only, and is forgotten after an hour.
final class PendingSubmissions: Sendable {
    struct Entry: Sendable {
        let member: MemberID
        let draft: DraftID
        /// The text, as plain text (a Word document is read before it is kept).
        let request: SubmissionRequest
        /// The state of the draft the preview was made from (`stateFingerprint`).
        let state: String
        let created: Date
    }

    private let entries = Mutex<[String: Entry]>([:])

    func add(_ entry: Entry) -> String {
        let id = Site.randomToken()
        entries.withLock { entries in
            entries = entries.filter { $0.value.created.timeIntervalSinceNow > -3600 }
            entries[id] = entry
        }
        return id
    }

    func entry(_ id: String, for member: MemberID) -> Entry? {
        entries.withLock { $0[id] }.flatMap { $0.member == member && $0.created.timeIntervalSinceNow > -3600 ? $0 : nil }
    }

    func remove(_ id: String) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }
}
