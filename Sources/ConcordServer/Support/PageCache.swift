import Synchronization

/// Pages that cost a consolidation of every member's submission (the consolidated text, the
/// status), kept while the draft is as it was: each is keyed by the draft's state fingerprint
/// (`stateFingerprint`), so that what the CLI, a push or another browser writes is seen on the
/// next request, and nothing is recomputed while nothing changed. One entry per page and
/// draft: an older state is never asked for again.
final class PageCache: Sendable {
    private struct Entry: @unchecked Sendable {
        let state: String
        /// Immutable once stored: a rendered page body or a page's model.
        let value: Any
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The value for `key` at `state`, made by `make` when there is none.
    func value<Value: Sendable>(_ key: String, state: String, make: () throws -> Value) rethrows -> Value {
        if let entry = entries.withLock({ $0[key] }), entry.state == state, let value = entry.value as? Value { return value }
        let value = try make()
        entries.withLock { $0[key] = Entry(state: state, value: value) }
        return value
    }
}
