import ConcordGit
import Crypto
import Foundation

extension DraftingRepository {
    /// A fingerprint of all that a page about `draft` shows: main, the consolidation branch and
    /// every member's comment branch of the draft. A form carries the fingerprint of the page
    /// it was on; a different one when it is sent means that the page's data moved meanwhile
    /// (the CLI, a push or another browser wrote), and the form is answered with the new state
    /// rather than acted on. Also the key of what the web app caches.
    public func stateFingerprint(of draft: DraftID) throws -> String {
        var lines = ""
        for name in [Self.mainBranch, ConsolidationBranch(draft: draft).reference] { lines += "\(name) \(try git.reference(name)?.hex ?? "-")\n" }
        for (name, target) in try git.referenceTargets(matching: CommentBranch.glob(for: draft)) { lines += "\(name) \(target?.hex ?? "-")\n" }
        return SHA256.hash(data: Data(lines.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}
