import ConcordDrafting
import ConcordRender
import ConcordText
import ConcordWord
import Foundation
import Hummingbird

/// What every member sees and does: the drafts, the text to download, submitting (by upload or
/// in the page, always through a preview), its own proposals, supporting and withdrawing.
extension Site {
    func addDelegatePages(to router: Router<WebContext>) {
        router.get("/") { _, context -> Response in
            _ = try self.signedIn(context)
            let model = try await self.withRepository { repository in
                DraftsModel(drafts: try repository.draftIDs().map { id in
                    let round = try repository.rounds(of: id).last
                    return DraftsModel.Row(id: id.rawValue, round: round.map { "\($0.number) (\($0.state.rawValue))" } ?? "—",
                                           deadline: round?.deadline.text ?? "—",
                                           timeLeft: round.map { $0.state == .open ? $0.deadline.timeLeft(at: repository.now) : "closed" } ?? "—")
                })
            }
            return self.page("drafts", model, title: "Drafts", context: context)
        }

        router.get("/drafts/:draft") { request, context -> Response in
            let member = try self.signedIn(context), id = try self.draftID(context)
            let csrf = context.csrf ?? ""
            let notice = request.uri.queryParameters.get("recorded").map { _ in "Recorded." }
            let model = try await self.withRepository {
                try DraftModel(repository: $0, draft: id, member: member, csrf: csrf, notice: notice, standings: { try self.standings(of: id, in: $0) })
            }
            return self.page("draft", model, title: id.rawValue, context: context)
        }

        router.get("/drafts/:draft/text") { _, context -> Response in
            _ = try self.signedIn(context)
            let id = try self.draftID(context)
            let text = try await self.withRepository { try $0.draft(id).text.storedForm() }
            return Site.download(Array(text.utf8), type: "text/plain; charset=utf-8", name: "\(id).txt")
        }

        router.get("/drafts/:draft/docx") { _, context -> Response in
            _ = try self.signedIn(context)
            let id = try self.draftID(context)
            let bytes = try await self.withRepository { repository in
                try WordExport.docx(WordExport.clean(try repository.draft(id).text, date: repository.now))
            }
            return Site.download(bytes, type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name: "\(id).docx")
        }

        router.get("/drafts/:draft/edit") { _, context -> Response in
            _ = try self.signedIn(context)
            let id = try self.draftID(context)
            let paragraphs = try await self.withRepository { try $0.draft(id).text.paragraphs }
            let model = EditModel(id: id.rawValue, csrf: context.csrf ?? "", paragraphs: paragraphs.compactMap { paragraph in
                paragraph.id.map { EditModel.Row(id: $0.rawValue, label: paragraph.label?.rawValue ?? "", text: paragraph.text,
                                                 rows: max(2, paragraph.text.count / 90 + 1)) }
            })
            return self.page("edit", model, title: "Edit \(id)", context: context)
        }

        router.post("/drafts/:draft/preview") { request, context -> Response in
            let member = try self.signedIn(context), id = try self.draftID(context)
            let form = try await Form.read(request, context: context)
            let (pending, model) = try await self.withRepository { repository -> (String, PreviewModel) in
                var request: SubmissionRequest
                if let file = form.file {
                    request = SubmissionRequest(draft: id, member: member, bytes: file.bytes, fileName: file.name)
                    try request.readWordDocument()
                } else {
                    request = SubmissionRequest(draft: id, member: member, bytes: try Self.editedText(form, of: repository.draft(id).text),
                                                fileName: "the edited page")
                }
                let state = try repository.stateFingerprint(of: id)
                let preview = try repository.previewSubmission(request)
                let pending = self.pending.add(.init(member: member, draft: id, request: request, state: state, created: Date()))
                return (pending, try PreviewModel(repository: repository, preview: preview, pending: "", csrf: context.csrf ?? ""))
            }
            return self.page("preview", model.with(pending: pending), title: "Preview", context: context)
        }

        router.post("/drafts/:draft/submit") { request, context -> Response in
            let member = try self.signedIn(context), id = try self.draftID(context)
            let form = try await Form.read(request, context: context)
            guard let key = form["pending"], let pending = self.pending.entry(key, for: member), pending.draft == id else {
                throw PageError(status: .gone, title: "Preview expired", message: "This preview is no longer kept: upload or edit your text again.",
                                next: "/drafts/\(id)")
            }
            var submission = pending.request
            submission.reasons = form.fields.compactMap { name, value in
                name.hasPrefix("reason-") && !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                    ? (String(name.dropFirst("reason-".count)), value.replacingOccurrences(of: "\r\n", with: "\n")) : nil
            }.sorted { $0.0 < $1.0 }
            submission.coSponsors = form.fields.keys.filter { $0.hasPrefix("with-") }.compactMap { MemberID(String($0.dropFirst("with-".count))) }.sorted()
            let request = submission
            let outcome = try await self.withRepository { repository -> PreviewModel? in
                // The draft moved since the preview: show what would be recorded now.
                guard try repository.stateFingerprint(of: id) == pending.state else {
                    return try PreviewModel(repository: repository, preview: repository.previewSubmission(request), pending: "",
                                            csrf: context.csrf ?? "", notice: PageError.changedSince("").message)
                }
                _ = try repository.submit(request)
                return nil
            }
            if let outcome {
                self.pending.remove(key)
                let renewed = self.pending.add(.init(member: member, draft: id, request: pending.request,
                                                     state: try await self.withRepository { try $0.stateFingerprint(of: id) }, created: Date()))
                return self.page("preview", outcome.with(pending: renewed), title: "Changed since you opened this page", context: context,
                                 status: .conflict)
            }
            self.pending.remove(key)
            return .redirect(to: "/drafts/\(id)?recorded=1")
        }

        router.post("/drafts/:draft/withdraw") { request, context -> Response in
            let member = try self.signedIn(context), id = try self.draftID(context)
            let form = try await Form.read(request, context: context)
            try await self.requireState(form, of: id, page: "/drafts/\(id)")
            _ = try await self.withRepository { try $0.withdraw(draft: id, paragraph: form["paragraph"] ?? "", by: member) }
            return .redirect(to: "/drafts/\(id)?recorded=1")
        }

        router.post("/drafts/:draft/support") { request, context -> Response in
            let member = try self.signedIn(context), id = try self.draftID(context)
            let form = try await Form.read(request, context: context)
            guard let proposer = form["proposal"].flatMap(MemberID.init) else { throw PageError.notFound("such proposal") }
            _ = try await self.withRepository { try $0.support(draft: id, paragraph: form["paragraph"] ?? "", by: member, proposal: proposer) }
            return .redirect(to: "/drafts/\(id)/consolidated#p-\(form["paragraph"] ?? "")")
        }
    }

    /// Where each paragraph's proposals stand in the consolidated text (applied, in conflict,
    /// decided), kept per state of the draft like the consolidated page.
    func standings(of draft: DraftID, in repository: DraftingRepository) throws -> [String: String] {
        try cache.value("standings/\(draft)", state: repository.stateFingerprint(of: draft)) {
            Dictionary(try repository.consolidate(draft).text.paragraphs.map { paragraph in
                let standing: String
                if let decision = paragraph.decision {
                    standing = decision.isOutdated ? "decided, but proposals changed since: the chair decides again" : "decided by the chair"
                } else if paragraph.status == .conflict {
                    standing = "in conflict with \(paragraph.alternatives.count - 1) other proposal(s): the chair decides"
                } else {
                    standing = paragraph.status == .unchanged ? "not applied" : "applied in the consolidated text"
                }
                return (paragraph.id.rawValue, standing)
            }) { first, _ in first }
        }
    }

    /// Refuses a form whose page showed another state of the draft than the current one.
    func requireState(_ form: Form, of draft: DraftID, page: String) async throws {
        let current = try await withRepository { try $0.stateFingerprint(of: draft) }
        guard form["state"] == current else { throw PageError.changedSince(page) }
    }

    /// The draft as the member edited it in the page: each paragraph's new text; an emptied
    /// paragraph is proposed for deletion. A paragraph is one line of the draft.
    static func editedText(_ form: Form, of base: DraftText) throws -> [UInt8] {
        var paragraphs: [Paragraph] = []
        for var paragraph in base.paragraphs {
            guard let id = paragraph.id, let edited = form["p-\(id)"] else { paragraphs.append(paragraph); continue }
            let text = edited.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.contains("\n") else {
                throw DraftingError(.badInput, "paragraph \(paragraph.label?.rawValue ?? id.rawValue): a paragraph is one line; "
                    + "to add a paragraph, download the text, add it there and upload the file")
            }
            if text.isEmpty { continue }
            paragraph.text = text
            paragraphs.append(paragraph)
        }
        return DraftText(paragraphs: paragraphs).storedBytes()
    }
}

struct DraftsModel {
    struct Row {
        let id: String
        let round: String
        let deadline: String
        let timeLeft: String
    }

    let drafts: [Row]
}

struct EditModel {
    struct Row {
        let id: String
        let label: String
        let text: String
        let rows: Int
    }

    let id: String
    let csrf: String
    let paragraphs: [Row]
}

/// A changed paragraph of a member's text: its redline against the base.
struct ChangeModel {
    let id: String
    let draft: String
    let label: String
    let op: String
    let redline: String
    let reason: String?
    /// Where the proposal stands in the consolidated text (on "my proposals" only).
    var standing: String?

    init(_ change: ParagraphDiff.Change, draft: DraftID, member: MemberID, reason: String?, palette: MemberPalette) {
        id = change.id.rawValue
        self.draft = draft.rawValue
        label = (change.new ?? change.old)?.label?.rawValue ?? ""
        op = change.op.rawValue.uppercased()
        redline = Redline.html(change.spans, by: member.rawValue, palette: palette)
        self.reason = reason
    }
}

struct DraftModel {
    struct RoundModel {
        let number: Int
        let state: String
        let base: String
        let deadline: String
        let timeLeft: String
    }

    let id: String
    let draft: String
    let csrf: String
    let state: String
    let notice: String?
    let round: RoundModel?
    let roundOpen: Bool
    let canSubmit: Bool
    let isChair: Bool
    let mine: [ChangeModel]

    init(repository: DraftingRepository, draft id: DraftID, member: MemberID, csrf: String, notice: String?,
         standings: (DraftingRepository) throws -> [String: String]) throws {
        guard try repository.draftIDs().contains(id) else { throw PageError.notFound("draft \(id)") }
        let registry = try repository.memberRegistry()
        let palette = MemberPalette(members: registry.sorted.map(\.id.rawValue))
        let round = try repository.rounds(of: id).last
        self.id = id.rawValue
        draft = id.rawValue
        self.csrf = csrf
        self.notice = notice
        state = try repository.stateFingerprint(of: id)
        let revisions = try repository.revisions(of: id)
        self.round = round.map { round in
            RoundModel(number: round.number, state: round.state.rawValue,
                       base: revisions.first { $0.commit == round.base }.map { "Rev.\($0.number)" } ?? "the imported text",
                       deadline: round.deadline.text,
                       timeLeft: round.state == .open ? round.deadline.timeLeft(at: repository.now) : "closed")
        }
        roundOpen = round?.state == .open
        canSubmit = roundOpen
        isChair = try registry.member(member).kind.runsTheProcess
        if roundOpen, let (_, submission) = try? repository.submission(on: id, of: member) {
            let standing = try standings(repository)
            mine = submission.touched.map { change in
                var model = ChangeModel(change, draft: id, member: member, reason: submission.record.reasons[change.id], palette: palette)
                model.standing = standing[change.id.rawValue]
                return model
            }
        } else {
            mine = []
        }
    }
}

struct PreviewModel {
    struct Candidate {
        let id: String
        let name: String
    }

    let draft: String
    let member: String
    let csrf: String
    var pending: String
    let notice: String?
    let carriedFrom: String?
    let changes: [ChangeModel]
    let hasChanges: Bool
    let members: [Candidate]
    let hasMembers: Bool

    init(repository: DraftingRepository, preview: Submission, pending: String, csrf: String, notice: String? = nil) throws {
        let registry = try repository.memberRegistry()
        let palette = MemberPalette(members: registry.sorted.map(\.id.rawValue))
        draft = preview.branch.draft.rawValue
        member = preview.member.rawValue
        self.csrf = csrf
        self.pending = pending
        self.notice = notice
        carriedFrom = preview.carriedFrom
        changes = preview.touched.map {
            ChangeModel($0, draft: preview.branch.draft, member: preview.member, reason: preview.record.reasons[$0.id], palette: palette)
        }
        hasChanges = !changes.isEmpty
        members = registry.sorted.filter { $0.id != preview.member }.map { Candidate(id: $0.id.rawValue, name: $0.name) }
        hasMembers = !members.isEmpty
    }

    func with(pending: String) -> PreviewModel {
        var copy = self
        copy.pending = pending
        return copy
    }
}
