import ConcordServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// The web app in process (HummingbirdTesting), on a real drafting repository built with the
/// real `concord` binary: sign-in, sessions and CSRF, the preview before anything is recorded,
/// the role rules, stale forms, and escaping.
@Suite struct ServerTests {
    /// A browser of one member: its session cookie and the CSRF token of its last page.
    struct Browser {
        var cookie = ""
        var csrf = ""

        var headers: HTTPFields { cookie.isEmpty ? [:] : [.cookie: cookie] }

        /// Notes the session a response starts and the CSRF token its page carries.
        mutating func read(_ response: TestResponse) -> String {
            if let set = response.headers[.setCookie], let pair = set.split(separator: ";").first { cookie = String(pair) }
            let page = String(buffer: response.body)
            if let range = page.range(of: #"name="csrf" value=""#) {
                csrf = String(page[range.upperBound...].prefix { $0 != "\"" })
            }
            return page
        }
    }

    let scenario: DraftingScenario

    init() throws {
        scenario = try DraftingScenario()
    }

    func application(trustHeader: String? = nil) throws -> some ApplicationProtocol {
        let server = try WebServer(.init(repository: scenario.repo, trustHeader: trustHeader,
                                         environment: ProcessInfo.processInfo.environment.merging(["CONCORD_NOW": DraftingScenario.beforeDeadline]) { $1 }))
        return Application(router: server.router())
    }

    /// The token of `member`'s sign-in link, issued with the real CLI.
    func token(_ member: String) throws -> String {
        let issued = try scenario.concord(["member", "token", member, "--as", "CHAIR"])
        #expect(issued.status == 0, "\(issued.stderr)")
        return String(try #require(issued.stdout.components(separatedBy: "token=").last).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func signIn(_ member: String, _ client: some TestClientProtocol) async throws -> Browser {
        var browser = Browser()
        let token = try token(member)
        try await client.execute(uri: "/signin?token=\(token)", method: .get) { response in
            #expect(response.status == .seeOther)
            let cookie = response.headers[.setCookie] ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "\(cookie)")
            _ = browser.read(response)
        }
        _ = try await get("/", browser: &browser, client)
        return browser
    }

    func get(_ uri: String, browser: inout Browser, _ client: some TestClientProtocol) async throws -> (HTTPResponse.Status, String) {
        let response = try await client.execute(uri: uri, method: .get, headers: browser.headers)
        return (response.status, browser.read(response))
    }

    func post(_ uri: String, _ fields: [String: String], browser: inout Browser, _ client: some TestClientProtocol)
        async throws -> (HTTPResponse.Status, String, String?) {
        var headers = browser.headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = fields.map { "\(Self.encoded($0.key))=\(Self.encoded($0.value))" }.joined(separator: "&")
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        return (response.status, browser.read(response), response.headers[.location])
    }

    /// A file upload, as a browser's multipart form sends it.
    func upload(_ uri: String, file: [UInt8], named name: String, browser: inout Browser, _ client: some TestClientProtocol)
        async throws -> (HTTPResponse.Status, String) {
        let boundary = "----concord\(UUID().uuidString)"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(browser.csrf)\r\n")
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = browser.headers
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: body)
        return (response.status, browser.read(response))
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    static func field(_ name: String, in page: String) -> String? {
        guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    func edited(_ name: String, _ old: String, _ new: String) throws -> (path: String, bytes: [UInt8]) {
        let path = try scenario.editedDraft(name) { $0.replace(old, with: new) }
        return (path, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func aMemberSignsInWithItsLinkAndNoOneElseGetsIn() async throws {
        try await application().test(.router) { client in
            var stranger = Browser()
            let (status, page) = try await get("/drafts/res140", browser: &stranger, client)
            #expect(status == .unauthorized && page.contains("Please sign in"))
            try await client.execute(uri: "/signin?token=forged", method: .get) { response in
                #expect(response.status == .unauthorized && response.headers[.setCookie] == nil)
            }
            var russia = try await signIn("RUS", client)
            let (home, drafts) = try await get("/", browser: &russia, client)
            #expect(home == .ok && drafts.contains("href=\"/drafts/res140\"") && drafts.contains("Signed in as <strong>RUS</strong>"))
            // A rotated token: the old link no longer signs in.
            let old = try token("F")
            _ = try token("F")
            try await client.execute(uri: "/signin?token=\(old)", method: .get) { response in #expect(response.status == .unauthorized) }
            // A URL cannot name a path of the file system.
            let (traversal, _) = try await get("/drafts/..%2F..%2Fetc%2Fpasswd/text", browser: &russia, client)
            #expect(traversal == .notFound)
        }
        let store = try String(contentsOfFile: scenario.repo + "/.git/concord/sign-in.toml", encoding: .utf8)
        let armenia = try token("ARM")
        #expect(store.contains("member = \"RUS\"") && !store.contains(armenia.prefix(20)), "tokens are stored hashed")
        #expect(try git(["log", "--all", "-p"], in: scenario.repo).stdout.contains("sha256") == false, "no token reaches a commit")
    }

    @Test func anUploadIsPreviewedThenRecordedAsTheCLIRecordsIt() async throws {
        let file = try edited("rus.txt", "continue to take", "continue to play")
        try await application().test(.router) { client in
            var russia = try await signIn("RUS", client)
            _ = try await get("/drafts/res140", browser: &russia, client)
            let (status, preview) = try await upload("/drafts/res140/preview", file: file.bytes, named: "rus.txt", browser: &russia, client)
            #expect(status == .ok && preview.contains("<ins") && preview.contains("play") && preview.contains("<del"), "\(preview)")
            #expect(try git(["rev-parse", "--verify", "--quiet", "comments/res140/RUS"], in: scenario.repo).status != 0,
                    "nothing is recorded by a preview")
            let pending = try #require(Self.field("pending", in: preview))
            let paragraph = try #require(preview.range(of: "name=\"reason-").map { String(preview[$0.upperBound...].prefix { $0 != "\"" }) })
            let (confirmed, _, location) = try await post("/drafts/res140/submit", ["csrf": russia.csrf, "pending": pending,
                                                                                    "reason-\(paragraph)": "Aligns with PP-22", "with-ARM": "1"],
                                                          browser: &russia, client)
            #expect(confirmed == .seeOther && location == "/drafts/res140?recorded=1")
            let (_, mine) = try await get("/drafts/res140", browser: &russia, client)
            #expect(mine.contains("applied in the consolidated text") && mine.contains("Reason: Aligns with PP-22"), "\(mine)")
        }
        // What the CLI records for the same file, as another member.
        try scenario.expectSuccess(["submit", "res140", file.path, "--as", "F"])
        let web = try git(["show", "comments/res140/RUS:Drafts/res140.txt"], in: scenario.repo).stdout
        let cli = try git(["show", "comments/res140/F:Drafts/res140.txt"], in: scenario.repo).stdout
        #expect(web == cli && web.contains("continue to play"))
        let record = try git(["show", "comments/res140/RUS:Drafts/res140.proposal.toml"], in: scenario.repo).stdout
        #expect(record.contains("Aligns with PP-22") && record.contains("ARM"), "\(record)")
    }

    @Test func formsWithoutTheSessionsTokenOrFromAStalePageAreRefused() async throws {
        let file = try edited("rus.txt", "continue to take", "continue to play")
        try await application().test(.router) { client in
            var russia = try await signIn("RUS", client)
            let (forged, page, _) = try await post("/drafts/res140/withdraw", ["csrf": "guess", "paragraph": "x"], browser: &russia, client)
            #expect(forged == .forbidden && page.contains("Form expired"))

            _ = try await get("/drafts/res140", browser: &russia, client)
            let (_, preview) = try await upload("/drafts/res140/preview", file: file.bytes, named: "rus.txt", browser: &russia, client)
            let pending = try #require(Self.field("pending", in: preview))
            // France submits meanwhile, through the CLI: the preview's page is stale.
            try scenario.expectSuccess(["submit", "res140", try edited("f.txt", "in Geneva and in Tunis", "in Geneva (2003)").path, "--as", "F"])
            let (stale, again, _) = try await post("/drafts/res140/submit", ["csrf": russia.csrf, "pending": pending], browser: &russia, client)
            #expect(stale == .conflict && (again.contains("Changed since you opened this page") || again.contains("changed this draft")), "\(again)")
            #expect(try git(["rev-parse", "--verify", "--quiet", "comments/res140/RUS"], in: scenario.repo).status != 0)
            // The page shown is the new state, with a new preview to confirm.
            let renewed = try #require(Self.field("pending", in: again))
            let (confirmed, _, _) = try await post("/drafts/res140/submit", ["csrf": russia.csrf, "pending": renewed], browser: &russia, client)
            #expect(confirmed == .seeOther)
        }
    }

    /// A decision sent from a page whose paragraph got new proposals since is not taken, and
    /// the page comes back with them; a garbled form is refused in words.
    @Test func aDecisionOnProposalsThatChangedSinceIsNotTaken() async throws {
        try scenario.expectSuccess(["submit", "res140", try edited("rus.txt", "continue to take", "continue to play").path, "--as", "RUS"])
        try scenario.expectSuccess(["submit", "res140", try edited("usa.txt", "continue to take", "continue to have").path, "--as", "USA"])
        try await application().test(.router) { client in
            var chair = try await signIn("CHAIR", client)
            let (_, before) = try await get("/drafts/res140/consolidated", browser: &chair, client)
            let fingerprint = try #require(Self.field("fingerprint", in: before))
            let paragraph = try #require(Self.field("paragraph", in: before))
            try scenario.expectSuccess(["submit", "res140", try edited("f.txt", "continue to take", "continue to assume").path, "--as", "F"])
            let (status, page, _) = try await post("/drafts/res140/decide", ["csrf": chair.csrf, "paragraph": paragraph, "fingerprint": fingerprint,
                                                                           "outcome": "accept", "member": "USA"], browser: &chair, client)
            #expect(status == .conflict && page.contains("Changed since you opened this page") && page.contains("assume"), "\(page)")
            #expect(try git(["rev-parse", "--verify", "--quiet", "consolidation/res140"], in: scenario.repo).status != 0, "nothing was decided")

            var headers = chair.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            let garbled = try await client.execute(uri: "/drafts/res140/decide", method: .post, headers: headers,
                                                   body: ByteBuffer(string: "csrf=\(chair.csrf)&csrf=\(chair.csrf)"))
            #expect(garbled.status == .badRequest && String(buffer: garbled.body).contains("Form not understood"))
        }
    }

    @Test func onlyTheChairDecidesAndAMemberActsOnlyAsItself() async throws {
        try scenario.expectSuccess(["submit", "res140", try edited("rus.txt", "continue to take", "continue to play").path, "--as", "RUS"])
        try scenario.expectSuccess(["submit", "res140", try edited("usa.txt", "continue to take", "continue to have").path, "--as", "USA"])
        try await application().test(.router) { client in
            var chair = try await signIn("CHAIR", client)
            let (_, chairs) = try await get("/drafts/res140/consolidated", browser: &chair, client)
            #expect(chairs.contains("ALT 1") && chairs.contains("ALT 2") && chairs.contains("Adopt the compromise"))
            let fingerprint = try #require(Self.field("fingerprint", in: chairs))
            let paragraph = try #require(Self.field("paragraph", in: chairs))

            // A member sees no decision buttons, and a decision it sends anyway is refused.
            var russia = try await signIn("RUS", client)
            let (_, consolidated) = try await get("/drafts/res140/consolidated", browser: &russia, client)
            #expect(!consolidated.contains("Adopt the compromise") && consolidated.contains("Support USA"))
            let (refused, page, _) = try await post("/drafts/res140/decide", ["csrf": russia.csrf, "paragraph": paragraph, "fingerprint": fingerprint,
                                                                             "outcome": "accept", "member": "RUS"], browser: &russia, client)
            #expect(refused == .conflict && page.contains("not the chair"), "\(page)")

            let (decided, _, location) = try await post("/drafts/res140/decide", ["csrf": chair.csrf, "paragraph": paragraph, "fingerprint": fingerprint,
                                                                                 "outcome": "accept", "member": "USA"], browser: &chair, client)
            #expect(decided == .seeOther && location?.hasPrefix("/drafts/res140/consolidated") == true)
            let (_, after) = try await get("/drafts/res140/consolidated", browser: &chair, client)
            #expect(after.contains("accepted USA&#39;s proposal") || after.contains("accepted USA's proposal") || after.contains("accepted USA&#x27;s proposal"), "\(after)")
        }
        let ledger = try git(["show", "consolidation/res140:Drafts/res140.decisions.toml"], in: scenario.repo).stdout
        #expect(ledger.contains("USA") && ledger.contains("CHAIR"))
    }

    /// Pages are kept while the draft is unchanged, and what the CLI writes shows on the next request.
    @Test func whatTheCLIWritesIsSeenWithoutARestart() async throws {
        try await application().test(.router) { client in
            var chair = try await signIn("CHAIR", client)
            for uri in ["/drafts/res140/consolidated", "/drafts/res140/status"] {
                let (_, before) = try await get(uri, browser: &chair, client)
                #expect(!before.contains("Geneva (2003)") && !before.contains("<td>F (France)</td><td>2022"))
            }
            try scenario.expectSuccess(["submit", "res140", try edited("f.txt", "in Geneva and in Tunis", "in Geneva (2003) and in Tunis").path, "--as", "F"])
            let (_, consolidated) = try await get("/drafts/res140/consolidated", browser: &chair, client)
            let session = chair.csrf
            #expect(consolidated.contains("(2003)") && !consolidated.contains("placeholder") && !session.isEmpty,
                    "the page kept for every chair carries this session's token")
            let (_, status) = try await get("/drafts/res140/status", browser: &chair, client)
            #expect(status.contains("<td>F (France)</td><td>2022"), "\(status)")
        }
    }

    /// A long draft's consolidated text comes a hundred paragraphs a page, every page linked.
    @Test func aLongConsolidatedTextIsPaged() async throws {
        let lines = (1 ... 250).map { "\($0)\tParagraph number \($0) of the long draft." }
        let file = scenario.scratch.write("long.txt", lines.joined(separator: "\n") + "\n")
        try scenario.expectSuccess(["draft", "import", "long", file])
        try scenario.expectSuccess(["round", "open", "long", "--as", "CHAIR", "--deadline", DraftingScenario.deadline])
        try await application().test(.router) { client in
            var chair = try await signIn("CHAIR", client)
            let (_, first) = try await get("/drafts/long/consolidated", browser: &chair, client)
            #expect(first.contains("Paragraphs 1–100 of 250") && first.contains("Paragraph number 100 ") && !first.contains("Paragraph number 101 "))
            #expect(first.contains("href=\"?page=3\""))
            let (_, last) = try await get("/drafts/long/consolidated?page=3", browser: &chair, client)
            #expect(last.contains("Paragraphs 201–250 of 250") && last.contains("Paragraph number 250 ") && !last.contains("Paragraph number 200 "))
        }
    }

    @Test func membersTextsAreEscapedAndUnicodeShownAsItIs() async throws {
        try scenario.expectSuccess(["member", "add", "EGY", "--name", "<script>alert(1)</script> مصر", "--kind", "member-state"])
        let hostile = try edited("egy.txt", "continue to take", "continue to <script>alert('x')</script> 采取 تأخذ")
        try scenario.expectSuccess(["submit", "res140", hostile.path, "--as", "EGY"])
        try await application().test(.router) { client in
            var egypt = try await signIn("EGY", client)
            for uri in ["/drafts/res140", "/drafts/res140/consolidated", "/drafts/res140/status"] {
                let (status, page) = try await get(uri, browser: &egypt, client)
                #expect(status == .ok && !page.contains("<script>"), "\(uri) shows a member's markup unescaped")
            }
            let (_, mine) = try await get("/drafts/res140", browser: &egypt, client)
            #expect(mine.contains("采取 تأخذ"), "Chinese and Arabic are shown as they are")
        }
    }

    @Test func behindAnAuthenticatingProxyTheHeaderNamesTheMember() async throws {
        try scenario.expectSuccess(["member", "add", "ARM", "--name", "Armenia", "--account", "arm-delegate"])
        try await application(trustHeader: "X-Remote-User").test(.router) { client in
            try await client.execute(uri: "/", method: .get, headers: [HTTPField.Name("X-Remote-User")!: "arm-delegate"]) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains("Signed in as <strong>ARM</strong>"))
            }
            try await client.execute(uri: "/", method: .get, headers: [HTTPField.Name("X-Remote-User")!: "nobody"]) { response in
                #expect(response.status == .forbidden)
            }
        }
    }
}
