import ConcordDrafting
import ConcordRender
import ConcordText
import Foundation
import Hummingbird
import Mustache

/// What the chair works with, and every member may read: the round's status, the consolidated
/// text, the comparison and blame; and what only the chair (or the secretariat) does: decide,
/// open a round, publish. The workflow layer refuses anyone else; the pages only hide the
/// buttons.
extension Site {
    func addChairPages(to router: Router<WebContext>) {
        router.get("/drafts/:draft/status") { _, context -> Response in
            _ = try self.signedIn(context)
            let id = try self.draftID(context)
            let body = try await self.withRepository { repository -> SharedBody in
                let state = try repository.stateFingerprint(of: id)
                let status = try self.cache.value("status/\(id)", state: state) { try repository.status(of: id) }
                let timeLeft = status.round.state == .open ? status.round.deadline.timeLeft(at: repository.now) : "closed"
                // Kept until the draft changes or the time left reads differently.
                return self.cache.value("status-page/\(id)", state: state + timeLeft) {
                    SharedBody(rendered: self.templates.render(StatusModel(status, timeLeft: timeLeft), withTemplate: "status") ?? "")
                }
            }
            return self.page(shared: body, title: "Status of \(id)", context: context)
        }

        router.get("/drafts/:draft/consolidated") { request, context -> Response in
            let member = try self.signedIn(context), id = try self.draftID(context)
            let number = max(1, request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 1)
            let body = try await self.withRepository { repository -> SharedBody in
                // The chair's page has the decision forms, a member's the support buttons: one of each per state.
                let role = try repository.memberRegistry().member(member).kind.runsTheProcess ? "chair" : "member"
                let state = try repository.stateFingerprint(of: id)
                return try self.cache.value("consolidated/\(id)/\(role)/\(number)", state: state) {
                    let model = try self.cache.value("consolidated/\(id)/\(role)", state: state) {
                        try ConsolidatedModel(repository: repository, draft: id, member: member, csrf: Site.csrfPlaceholder)
                    }
                    return SharedBody(rendered: self.templates.render(model.page(number), withTemplate: "consolidated") ?? "")
                }
            }
            return self.page(shared: body, title: "Consolidated \(id)", context: context)
        }

        router.post("/drafts/:draft/decide") { request, context -> Response in
            let member = try self.signedIn(context), id = try self.draftID(context)
            let form = try await Form.read(request, context: context)
            let paragraph = form["paragraph"] ?? ""
            let chosen: Decision.Outcome
            switch form["outcome"] {
            case "accept": chosen = .accept(member: form["member"] ?? "")
            case "keep": chosen = .keepBase
            default: chosen = .text((form["text"] ?? "").replacingOccurrences(of: "\r\n", with: "\n"))
            }
            let reason = form["reason"].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            let csrf = context.csrf ?? ""
            let outcome = try await self.withRepository { repository -> DecideOutcome in
                do {
                    let decided = try repository.decide(id, paragraph: paragraph, outcome: chosen, by: member, reason: reason,
                                                        onProposals: form["fingerprint"] ?? "", report: ConsolidationReport.record)
                    return .decided(page: decided.places[0] / ConsolidatedModel.pageSize + 1, paragraph: decided.decisions[0].paragraph.rawValue)
                } catch let error as DraftingError where error.kind == .changedSince {
                    // Decided on proposals that changed since the page was opened: show them first.
                    return .stale(try ConsolidatedModel(repository: repository, draft: id, member: member, csrf: csrf,
                                                        notice: PageError.changedSince("").message))
                }
            }
            switch outcome {
            case .stale(let model):
                return self.page("consolidated", model.page(nil), title: "Changed since you opened this page", context: context, status: .conflict)
            case .decided(let page, let decided):
                return .redirect(to: "/drafts/\(id)/consolidated?page=\(page)#p-\(decided)")
            }
        }

        router.get("/drafts/:draft/compare") { _, context -> Response in
            _ = try self.signedIn(context)
            let id = try self.draftID(context)
            let html = try await self.withRepository { repository in
                CompareReport.html(try repository.compare(id, members: nil, withChairColumn: false), changedOnly: true)
            }
            return Site.html(html)
        }

        router.get("/drafts/:draft/blame") { _, context -> Response in
            _ = try self.signedIn(context)
            let id = try self.draftID(context)
            let model = try await self.withRepository { try BlameModel(repository: $0, draft: id) }
            return self.page("blame", model, title: "Blame of \(id)", context: context)
        }

        router.post("/drafts/:draft/open") { request, context -> Response in
            let member = try self.signedIn(context), id = try self.draftID(context)
            let form = try await Form.read(request, context: context)
            try await self.requireState(form, of: id, page: "/drafts/\(id)")
            guard let deadline = form["deadline"].flatMap(Deadline.init) else {
                throw DraftingError(.badInput, "the deadline \(form["deadline"] ?? "") is not a date and time with its offset, e.g. 2027-02-18T23:59:00+01:00")
            }
            _ = try await self.withRepository { try $0.openRound(on: id, deadline: deadline, by: member) }
            return .redirect(to: "/drafts/\(id)")
        }

        router.get("/drafts/:draft/publish") { _, context -> Response in
            _ = try self.signedIn(context)
            let id = try self.draftID(context)
            let csrf = context.csrf ?? ""
            let model = try await self.withRepository { repository -> PublishModel in
                let consolidation = try repository.consolidate(id)
                let counts = consolidation.text.paragraphs.reduce(into: [ConsolidatedParagraph.Status: Int]()) { $0[$1.status, default: 0] += 1 }
                return PublishModel(draft: id.rawValue, csrf: csrf, state: try repository.stateFingerprint(of: id), round: consolidation.round.number,
                                    revision: (try repository.revisions(of: id).last?.number ?? 0) + 1,
                                    amended: counts[.amended] ?? 0, added: counts[.added] ?? 0, deleted: counts[.deleted] ?? 0,
                                    conflicts: counts[.conflict] ?? 0)
            }
            return self.page("publish", model, title: "Publish \(id)", context: context)
        }

        router.post("/drafts/:draft/publish") { request, context -> Response in
            let member = try self.signedIn(context), id = try self.draftID(context)
            let form = try await Form.read(request, context: context)
            try await self.requireState(form, of: id, page: "/drafts/\(id)/publish")
            _ = try await self.withRepository { try $0.publishRound(on: id, by: member, report: ConsolidationReport.record) }
            return .redirect(to: "/drafts/\(id)")
        }
    }
}

struct StatusModel {
    struct Row {
        let member: String
        let name: String
        let submitted: String
        let paragraphs: String
    }

    let draft: String
    let round: Int
    let deadline: String
    let timeLeft: String
    let entries: [Row]

    init(_ status: RoundStatus, timeLeft: String) {
        draft = status.draft.rawValue
        round = status.round.number
        deadline = status.round.deadline.text
        self.timeLeft = timeLeft
        entries = status.entries.map { entry in
            Row(member: entry.member.id.rawValue, name: entry.member.name,
                submitted: entry.submission.map { status.round.deadline.localTime($0.time) }
                    ?? (entry.staleTip == nil ? "not submitted" : "not submitted (work on an earlier round's text)"),
                paragraphs: entry.submission?.touched.map { $0.label?.rawValue ?? $0.id.rawValue }.joined(separator: ", ") ?? "")
        }
    }
}

struct PublishModel {
    let draft: String
    let csrf: String
    let state: String
    let round: Int
    let revision: Int
    let amended: Int
    let added: Int
    let deleted: Int
    let conflicts: Int
}

/// What deciding led to: the decision, on the page its paragraph stands on; or the paragraph's
/// proposals changed since the chair's page was opened.
enum DecideOutcome: Sendable {
    case decided(page: Int, paragraph: String)
    case stale(ConsolidatedModel)
}

struct ConsolidatedModel: Sendable {
    /// Paragraphs a page: a consolidation of 193 members runs to tens of thousands of
    /// alternatives, too many for one page, or for a browser to hold.
    static let pageSize = 100

    struct PageLink: Sendable {
        let number: Int
        let current: Bool
        let conflicts: Int?
    }

    /// The model of page `number` (from 1; nil: every paragraph), with links to every page.
    func page(_ number: Int?) -> ConsolidatedModel {
        guard let number, paragraphs.count > Self.pageSize else { return self }
        let count = (paragraphs.count + Self.pageSize - 1) / Self.pageSize
        let shown = min(number, count)
        var copy = self
        let range = (shown - 1) * Self.pageSize ..< min(shown * Self.pageSize, paragraphs.count)
        copy.paragraphs = Array(paragraphs[range])
        copy.first = range.lowerBound + 1
        copy.last = range.upperBound
        copy.hasPages = true
        copy.pages = (1 ... count).map { page in
            let conflicts = paragraphs[(page - 1) * Self.pageSize ..< min(page * Self.pageSize, paragraphs.count)].filter { $0.status == "conflict" }.count
            return PageLink(number: page, current: page == shown, conflicts: conflicts > 0 ? conflicts : nil)
        }
        return copy
    }

    struct AlternativeModel: Sendable {
        let number: Int
        let op: String
        let by: String
        let member: String
        let paragraph: String
        let supporters: String?
        let redline: String
    }

    struct Reason: Sendable {
        let member: String
        let reason: String
    }

    struct ParagraphModel: Sendable {
        let id: String
        let label: String
        let status: String
        let text: String
        let fingerprint: String
        let moved: String?
        let redline: String
        let reasons: [Reason]
        let decision: String?
        let outdated: Bool
        let alternatives: [AlternativeModel]
        let canDecide: Bool
        /// An uncontested paragraph's decision form is folded away: most are never decided.
        let collapsed: Bool
    }

    let draft: String
    let round: Int
    let csrf: String
    let notice: String?
    let summary: String
    let canSupport: Bool
    var paragraphs: [ParagraphModel]
    var hasPages = false
    var first = 1
    var last = 0
    let total: Int
    var pages: [PageLink] = []

    init(repository: DraftingRepository, draft id: DraftID, member: MemberID, csrf: String, notice: String? = nil) throws {
        let registry = try repository.memberRegistry()
        let palette = MemberPalette(members: registry.sorted.map(\.id.rawValue))
        let consolidation = try repository.consolidate(id)
        let chair = try registry.member(member).kind.runsTheProcess && consolidation.round.state == .open
        draft = id.rawValue
        round = consolidation.round.number
        self.csrf = csrf
        self.notice = notice
        summary = ConsolidationReport.summary(consolidation)
        canSupport = !chair && consolidation.round.state == .open
        total = consolidation.text.paragraphs.count
        paragraphs = consolidation.text.paragraphs.map { paragraph in
            let contested = paragraph.status == .conflict
            return ParagraphModel(
                id: paragraph.id.rawValue, label: paragraph.label?.rawValue ?? "", status: paragraph.status.rawValue,
                text: paragraph.text.isEmpty ? paragraph.baseText : paragraph.text, fingerprint: paragraph.proposalsFingerprint,
                moved: paragraph.isMoved ? paragraph.movedBy.joined(separator: ", ") : nil,
                redline: Redline.html(paragraph.spans, palette: palette),
                reasons: paragraph.reasons.sorted { $0.key < $1.key }.map { Reason(member: $0.key, reason: $0.value) },
                decision: paragraph.decision.map(ConsolidationReport.describe), outdated: paragraph.decision?.isOutdated == true,
                alternatives: paragraph.alternatives.enumerated().map { index, alternative in
                    AlternativeModel(number: index + 1, op: alternative.op.rawValue.uppercased(), by: alternative.by.joined(separator: ", "),
                                     member: alternative.by.first ?? "", paragraph: paragraph.id.rawValue,
                                     supporters: alternative.supporters.isEmpty ? nil : alternative.supporters.joined(separator: ", "),
                                     redline: Redline.html(alternative.redline(against: paragraph.baseText), palette: palette,
                                                           elidingKeptText: true))
                },
                canDecide: chair && (contested || paragraph.decision != nil || !paragraph.proposals.isEmpty), collapsed: !contested)
        }
    }
}

/// Blame as a page: each span underlined in its proposer's colour, who and which round on hover.
struct BlameModel {
    struct SpanRow {
        let text: String
        let by: String
        let round: Int
        let credited: Bool
        let colour: String
    }

    struct ParagraphRow {
        let label: String
        let spans: [SpanRow]
    }

    let draft: String
    let paragraphs: [ParagraphRow]

    init(repository: DraftingRepository, draft id: DraftID) throws {
        let palette = MemberPalette(members: try repository.memberRegistry().sorted.map(\.id.rawValue))
        guard let (blamed, earlier) = try repository.blameRecords(id) else { throw PageError.notFound("consolidation of \(id)") }
        let json = try JSONSerialization.jsonObject(with: Data(try BlameReport.json(blamed, earlier: earlier).utf8)) as? [String: Any] ?? [:]
        draft = id.rawValue
        paragraphs = (json["paragraphs"] as? [[String: Any]] ?? []).map { paragraph in
            ParagraphRow(label: paragraph["label"] as? String ?? "", spans: (paragraph["spans"] as? [[String: Any]] ?? []).compactMap { span in
                guard span["change"] as? String != "delete" else { return nil }
                let by = span["by"] as? [String] ?? []
                return SpanRow(text: span["text"] as? String ?? "", by: by.isEmpty ? "imported text" : by.joined(separator: ", "),
                               round: span["round"] as? Int ?? 0, credited: !by.isEmpty, colour: by.first.map { palette.colour($0).hex } ?? "")
            })
        }
    }
}

// A consolidated page of 193 members renders two thousand paragraphs and tens of thousands of
// alternatives: their fields are looked up by name, not found by reflection for each one.
extension ConsolidatedModel.ParagraphModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "label": label
        case "status": status
        case "text": text
        case "fingerprint": fingerprint
        case "moved": moved
        case "redline": redline
        case "reasons": reasons
        case "decision": decision
        case "outdated": outdated
        case "alternatives": alternatives
        case "canDecide": canDecide
        case "collapsed": collapsed
        default: nil
        }
    }
}

extension ConsolidatedModel.AlternativeModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "op": op
        case "by": by
        case "member": member
        case "paragraph": paragraph
        case "supporters": supporters
        case "redline": redline
        default: nil
        }
    }
}

extension ConsolidatedModel.Reason: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "member": member
        case "reason": reason
        default: nil
        }
    }
}
