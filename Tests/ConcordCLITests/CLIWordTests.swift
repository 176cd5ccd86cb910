import ConcordWord
import Foundation
import Testing
import TestSupport

/// The Word round trip as delegates and chairs meet it, checked by real LibreOffice and pandoc:
/// a member edits the clean export in Word and submits it; the chair's document accepts to the
/// consolidated text and rejects to the base, each change under its proposers' name.
@Suite struct CLIWordTests {
    // MARK: - Real tools

    /// Converts `file` with headless LibreOffice, in a profile of its own so that tests can run
    /// side by side; returns the converted file's path.
    func office(_ file: String, to format: String, in scratch: ScratchDirectory) throws -> String {
        let profile = scratch.file("office-profile-\(UUID().uuidString)")
        let output = scratch.file("office-\(UUID().uuidString)")
        let result = try TestSupport.run("/usr/bin/env", ["soffice", "-env:UserInstallation=file://\(profile)", "--headless",
                                              "--convert-to", format, "--outdir", output, file])
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension + "." + format.prefix { $0 != ":" }
        let converted = (output as NSString).appendingPathComponent(name)
        #expect(FileManager.default.fileExists(atPath: converted), "soffice: \(result.stdout)\(result.stderr)")
        return converted
    }

    /// The document as plain text through pandoc, tracked changes accepted or rejected, each
    /// paragraph on a line of its own, a tab read as the space pandoc makes of it.
    func pandoc(_ file: String, trackChanges: String) throws -> [String] {
        let result = try TestSupport.run("/usr/bin/env", ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", "--track-changes=\(trackChanges)", file])
        #expect(result.status == 0, "pandoc: \(result.stderr)")
        return result.stdout.split(separator: "\n").map { normalised(String($0)) }.filter { !$0.isEmpty }
    }

    /// A draft file's paragraphs as pandoc writes them: without `{#id}` prefixes, a label's tab a space.
    func paragraphs(_ draft: String) -> [String] {
        draft.split(separator: "\n").map { line in
            var line = Substring(line)
            if line.hasPrefix("{#"), let close = line.firstIndex(of: "}") { line = line[line.index(after: close)...].drop { $0 == " " } }
            return normalised(String(line))
        }.filter { !$0.isEmpty }
    }

    func normalised(_ line: String) -> String {
        line.replacingOccurrences(of: "\t", with: " ").split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// The authors LibreOffice names for the document's tracked changes.
    func changeAuthors(_ docx: String, in scratch: ScratchDirectory) throws -> Set<String> {
        let flat = try String(contentsOfFile: try office(docx, to: "fodt", in: scratch), encoding: .utf8)
        guard let changes = flat.range(of: "<text:tracked-changes")?.lowerBound,
              let end = flat.range(of: "</text:tracked-changes>")?.upperBound else { return [] }
        let region = flat[changes ..< end]
        return Set(region.components(separatedBy: "<dc:creator>").dropFirst().compactMap { $0.components(separatedBy: "</dc:creator>").first })
    }

    // MARK: - Editing as Word does

    /// Rewrites `word/document.xml` of a package, its paragraphs given as XML pieces in order.
    func editedPackage(_ docx: String, to path: String, extraParts: [String: String] = [:], documentPrefix: String = "",
                       _ edit: (inout [String]) -> Void) throws {
        let package = try WordPackage(reading: [UInt8](try Data(contentsOf: URL(fileURLWithPath: docx))), named: docx)
        var parts = try package.parts(package.paths)
        let xml = String(decoding: parts[WordPackage.documentPath]!, as: UTF8.self)
        let start = xml.range(of: "<w:p>")!.lowerBound, end = xml.range(of: "<w:sectPr>")!.lowerBound
        var pieces = xml[start ..< end].components(separatedBy: "</w:p>").dropLast().map { $0 + "</w:p>" }
        edit(&pieces)
        let declaration = xml.range(of: "?>")!.upperBound
        parts[WordPackage.documentPath] = Data((xml[..<declaration] + documentPrefix + xml[declaration ..< start] + pieces.joined() + xml[end...]).utf8)
        for (path, text) in extraParts { parts[path] = Data(text.utf8) }
        try WordPackage.write(parts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }).write(to: URL(fileURLWithPath: path))
    }

    static let change = "w:author=\"Jane Delegate\" w:date=\"2022-02-01T09:00:00Z\""
    static func textRun(_ text: String) -> String {
        text.split(separator: "\t", omittingEmptySubsequences: false).map { "<w:r><w:t xml:space=\"preserve\">\($0)</w:t></w:r>" }
            .joined(separator: "<w:r><w:tab/></w:r>")
    }
    /// The bookmark (a paragraph's id) at the start of a paragraph's XML.
    static func bookmark(of piece: String) -> String {
        piece.range(of: "<w:bookmarkStart[^>]*/><w:bookmarkEnd[^>]*/>", options: .regularExpression).map { String(piece[$0]) } ?? ""
    }

    /// A delegate's Word edits of the clean text: a word replaced (with a comment), a paragraph
    /// added, one deleted whole, one cut and pasted elsewhere; all tracked, by "Jane Delegate".
    func editAsADelegate(_ clean: String, to edited: String) throws {
        let comments = "<w:comments xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:comment w:id=\"0\" \(Self.change)><w:p>\(Self.textRun("Stronger wording, as agreed in Geneva."))</w:p></w:comment></w:comments>"
        try editedPackage(clean, to: edited, extraParts: ["word/comments.xml": comments]) { pieces in
            let changed = pieces.firstIndex { $0.contains("continue to take a leading role") }!
            pieces[changed] = pieces[changed].replacingOccurrences(of: "continue to take a leading", with:
                "continue to </w:t></w:r><w:del w:id=\"101\" \(Self.change)><w:r><w:delText>take</w:delText></w:r></w:del>"
                + "<w:ins w:id=\"102\" \(Self.change)><w:r><w:t>play</w:t></w:r></w:ins>"
                + "<w:commentRangeStart w:id=\"0\"/><w:r><w:t xml:space=\"preserve\"> a leading")
                .replacingOccurrences(of: "</w:p>", with: "<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>")
            pieces.insert("<w:p><w:pPr><w:rPr><w:ins w:id=\"103\" \(Self.change)/></w:rPr></w:pPr><w:ins w:id=\"104\" \(Self.change)>"
                + Self.textRun("1bis\tto promote multilingualism in the WSIS process;") + "</w:ins></w:p>", at: changed + 1)
            let deleted = pieces.firstIndex { $0.contains("to invite Member States") }!
            pieces[deleted] = "<w:p><w:pPr><w:rPr><w:del w:id=\"105\" \(Self.change)/></w:rPr></w:pPr>" + Self.bookmark(of: pieces[deleted])
                + "<w:del w:id=\"106\" \(Self.change)><w:r><w:delText xml:space=\"preserve\">4</w:delText><w:tab/>"
                + "<w:delText>to invite Member States to contribute to the WSIS stocktaking process,</w:delText></w:r></w:del></w:p>"
            // Cut and pasted before paragraph 2, its bookmark with it: Word marks both ends.
            let moved = pieces.firstIndex { $0.contains("to strengthen cooperation") }!
            let movedBookmark = Self.bookmark(of: pieces[moved])
            let text = "3bis\tto strengthen cooperation with regional organizations in the follow\u{2011}up of WSIS;"
            pieces[moved] = "<w:p><w:pPr><w:rPr><w:moveFrom w:id=\"107\" \(Self.change)/></w:rPr></w:pPr><w:moveFrom w:id=\"108\" \(Self.change)>"
                + Self.textRun(text) + "</w:moveFrom></w:p>"
            let target = pieces.firstIndex { $0.contains("to continue aligning the WSIS") }!
            pieces.insert("<w:p><w:pPr><w:rPr><w:moveTo w:id=\"109\" \(Self.change)/></w:rPr></w:pPr>" + movedBookmark
                + "<w:moveTo w:id=\"110\" \(Self.change)>" + Self.textRun(text) + "</w:moveTo></w:p>", at: target)
        }
    }

    func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    }

    func consolidatedText(_ scenario: DraftingScenario) throws -> String {
        try scenario.expectSuccess(["consolidate", "res140", "--commit"])
        return try git(["show", "consolidation/res140:Drafts/res140.txt"], in: scenario.repo).stdout
    }

    // MARK: - Tests

    @Test func aDelegateEditsTheCleanTextInWordAndSubmitsIt() throws {
        let scenario = try DraftingScenario()
        let clean = scenario.scratch.file("res140-clean.docx")
        try scenario.expectSuccess(["export", "res140", "--docx", clean, "--clean"])
        // pandoc reads the paragraphs as `draft show` has them; LibreOffice renders it.
        let shown = try scenario.concord(["draft", "show", "res140"]).stdout
        #expect(try pandoc(clean, trackChanges: "accept") == paragraphs(shown))
        _ = try office(clean, to: "pdf", in: scenario.scratch)

        let unchanged = try scenario.concord(["submit", "res140", clean, "--as", "RUS"])
        #expect(unchanged.status == 1 && unchanged.stderr.contains("does not change res140"), "\(unchanged.stderr)")

        let edited = scenario.scratch.file("res140 RUS.docx")
        try editAsADelegate(clean, to: edited)
        let submitted = try scenario.concord(["submit", "res140", edited, "--as", "RUS"])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let diff = try json(try scenario.concord(["diff", "res140", "--member", "RUS", "--format", "json"]))
        let proposals = (diff["paragraphs"] as! [[String: Any]]).filter { $0["op"] as? String != "NOC" }
        #expect(proposals.map { $0["op"] as! String }.sorted() == ["ADD", "MOD", "MOVE", "SUP"])
        let modified = try #require(proposals.first { $0["op"] as? String == "MOD" })
        let spans = (modified["spans"] as! [[String: Any]]).filter { $0["change"] as? String != "same" }
        #expect(spans.map { "\($0["change"]!) \($0["text"]!)" } == ["delete take", "insert play"])
        // The comment is the reason; Word's author is kept as information, the member is RUS.
        let consolidation = try json(try scenario.concord(["consolidate", "res140", "--format", "json"]))
        let reasons = (consolidation["paragraphs"] as! [[String: Any]]).compactMap { ($0["reasons"] as? [String: String])?["RUS"] }
        #expect(reasons == ["Stronger wording, as agreed in Geneva."])
        let message = try git(["log", "-1", "--format=%B", "comments/res140/RUS"], in: scenario.repo).stdout
        #expect(message.contains("Concord-Member: RUS") && message.contains("tracked changes by Jane Delegate in Word"), "\(message)")

        // The same document saved under another name is still read as Word by `redline`.
        let renamed = scenario.scratch.file("res140 RUS.txt")
        try FileManager.default.copyItem(atPath: edited, toPath: renamed)
        let redline = try scenario.concord(["redline", clean, renamed, "--format", "json"])
        #expect(redline.status == 0 && redline.stdout.contains("\"play\""), "\(redline.stderr)")
    }

    @Test func theChairsDocumentAcceptsToTheConsolidatedTextAndRejectsToTheBase() throws {
        let scenario = try DraftingScenario()
        let rus = try scenario.editedDraft("rus.txt") { $0.replace("continue to take", with: "continue to play") }
        let arm = try scenario.editedDraft("arm.txt") { $0.replace("continue to take", with: "continue to play") }
        let usa = try scenario.editedDraft("usa.txt") { $0.replace("remain open to all Member States", with: "remain open to all Member States and Academia") }
        let cept = try scenario.editedDraft("cept.txt") { $0.replace("in Geneva and in Tunis", with: "in Geneva (2003) and in Tunis (2005)") }
        for (file, member, extra) in [(rus, "RUS", ["--reason", "resolves 1=Stronger."]), (arm, "ARM", []), (usa, "USA", []), (cept, "CEPT", ["--with", "F"])] {
            try scenario.expectSuccess(["submit", "res140", file, "--as", member] + extra)
        }
        let docx = scenario.scratch.file("res140-consolidated.docx")
        try scenario.expectSuccess(["export", "res140", "--docx", docx])
        #expect(try pandoc(docx, trackChanges: "accept") == paragraphs(try consolidatedText(scenario)))
        let base = try git(["show", "main:Drafts/res140.txt"], in: scenario.repo).stdout
        #expect(try pandoc(docx, trackChanges: "reject") == paragraphs(base))
        // Each change under its proposers, joint ones under all of them.
        #expect(try changeAuthors(docx, in: scenario.scratch) == ["ARM, RUS", "USA", "CEPT, F"])
        let package = try WordPackage(reading: [UInt8](try Data(contentsOf: URL(fileURLWithPath: docx))), named: docx)
        let comments = String(decoding: try package.parts(["word/comments.xml"])["word/comments.xml"] ?? Data(), as: UTF8.self)
        #expect(comments.contains("w:author=\"RUS\"") && comments.contains("Reason: Stronger."))
        #expect(comments.contains("Proposed jointly by ARM, RUS."), "a joint proposal names its members in a comment")
        _ = try office(docx, to: "pdf", in: scenario.scratch)
    }

    @Test func aConflictStandsAsBracketedAlternativesByTheirProposers() throws {
        let scenario = try DraftingScenario()
        let rus = try scenario.editedDraft("rus.txt") { $0.replace("continue to take", with: "continue to play") }
        let usa = try scenario.editedDraft("usa.txt") { $0.replace("continue to take", with: "continue to assume") }
        try scenario.expectSuccess(["submit", "res140", rus, "--as", "RUS"])
        try scenario.expectSuccess(["submit", "res140", usa, "--as", "USA"])
        let docx = scenario.scratch.file("conflict.docx")
        try scenario.expectSuccess(["export", "res140", "--docx", docx])
        let accepted = try pandoc(docx, trackChanges: "accept").first { $0.contains("continue to take") }
        let alternatives = ["[ALT 1: that ITU shall continue to play a leading", "[ALT 2: that ITU shall continue to assume a leading"]
        #expect(alternatives.allSatisfy { accepted?.contains($0) == true }, "\(accepted ?? "")")
        #expect(try pandoc(docx, trackChanges: "reject") == paragraphs(try git(["show", "main:Drafts/res140.txt"], in: scenario.repo).stdout))
        #expect(try changeAuthors(docx, in: scenario.scratch) == ["RUS", "USA"])
    }

    @Test func aBaseTextImportsFromAWordProcessorsDocument() throws {
        let scenario = try DraftingScenario()
        let fixture = Fixtures.packageRoot.appendingPathComponent("Tests/ConcordCLITests/Word/numbered-resolution.fodt").path
        let docx = try office(fixture, to: "docx", in: scenario.scratch)
        try scenario.expectSuccess(["draft", "import", "numbered", docx])
        let lines = try scenario.concord(["draft", "show", "numbered"]).stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "{#lt_pId001} RESOLUTION 140 (REV. DUBAI, 2018)")
        #expect(lines.dropFirst().map { String($0.drop { $0 != "}" }.dropFirst(2)) } == [
            "1.1\tThe Plenipotentiary Conference of the International\u{00A0}Telecommunication Union,",
            "1.\tthat the ITU shall continue to take a leading role;",
            "a)\tin the WSIS process;",
            "b)\tin the e\u{2011}strategies, with partners;",
            "2.\tto report to the Council.",
        ])
    }

    @Test func oneMembersProposalsAndTheSynopticTableAreWordDocumentsToo() throws {
        let scenario = try DraftingScenario()
        let rus = try scenario.editedDraft("rus.txt") { $0.replace("continue to take", with: "continue to play") }
        let cept = try scenario.editedDraft("cept.txt") { $0.replace("in Geneva and in Tunis", with: "in Geneva (2003) and in Tunis (2005)") }
        try scenario.expectSuccess(["submit", "res140", rus, "--as", "RUS"])
        try scenario.expectSuccess(["submit", "res140", cept, "--as", "CEPT"])
        let member = scenario.scratch.file("rus.docx")
        try scenario.expectSuccess(["export", "res140", "--docx", member, "--member", "RUS"])
        #expect(try pandoc(member, trackChanges: "accept") == paragraphs(try String(contentsOfFile: rus, encoding: .utf8)))
        #expect(try pandoc(member, trackChanges: "reject") == paragraphs(try git(["show", "main:Drafts/res140.txt"], in: scenario.repo).stdout))
        #expect(try changeAuthors(member, in: scenario.scratch) == ["RUS"])

        let synoptic = scenario.scratch.file("synoptic.docx")
        try scenario.expectSuccess(["export", "res140", "--docx", synoptic, "--synoptic"])
        let table = try TestSupport.run("/usr/bin/env", ["pandoc", "-f", "docx", "-t", "html", "--track-changes=accept", synoptic]).stdout
        #expect(table.contains("<table") && table.contains("<strong>RUS</strong>") && table.contains("<strong>CEPT</strong>")
                && table.contains("<strong>Chair</strong>"), "\(table.prefix(2000))")
        #expect(table.contains("continue to play") && table.contains("Tunis (2005)"))
        #expect(try changeAuthors(synoptic, in: scenario.scratch).isSuperset(of: ["RUS", "CEPT"]))
        _ = try office(synoptic, to: "pdf", in: scenario.scratch)
    }

    /// A comment is a reason, and a reason goes with a change: on an unchanged paragraph it is
    /// refused, not dropped; `--reason` for the same paragraph wins over the comment.
    @Test func commentsAreReasonsOnlyWhereTheTextChanges() throws {
        let scenario = try DraftingScenario()
        let clean = scenario.scratch.file("clean.docx")
        try scenario.expectSuccess(["export", "res140", "--docx", clean, "--clean"])
        let comments = "<w:comments xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:comment w:id=\"0\" \(Self.change)><w:p>\(Self.textRun("From the comment."))</w:p></w:comment></w:comments>"
        func edited(_ name: String, commentOn anchor: String) throws -> String {
            let path = scenario.scratch.file(name)
            try editedPackage(clean, to: path, extraParts: ["word/comments.xml": comments]) { pieces in
                let changed = pieces.firstIndex { $0.contains("continue to take") }!
                pieces[changed] = pieces[changed].replacingOccurrences(of: "continue to take", with:
                    "continue to </w:t></w:r><w:del w:id=\"101\" \(Self.change)><w:r><w:delText>take</w:delText></w:r></w:del>"
                    + "<w:ins w:id=\"102\" \(Self.change)><w:r><w:t>play</w:t></w:r></w:ins><w:r><w:t xml:space=\"preserve\">")
                let commented = pieces.firstIndex { $0.contains(anchor) }!
                pieces[commented] = pieces[commented].replacingOccurrences(of: "</w:p>", with: "<w:commentRangeStart w:id=\"0\"/><w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>")
            }
            return path
        }
        let onUnchanged = try scenario.concord(["submit", "res140", try edited("unchanged.docx", commentOn: "remain open to all"), "--as", "RUS"])
        #expect(onUnchanged.status == 2 && onUnchanged.stderr.contains("paragraph 3 has a comment, but RUS's text leaves it unchanged"), "\(onUnchanged.stderr)")
        #expect(try git(["rev-parse", "--verify", "--quiet", "comments/res140/RUS"], in: scenario.repo).status != 0)

        try scenario.expectSuccess(["submit", "res140", try edited("changed.docx", commentOn: "continue to"), "--as", "RUS",
                                    "--reason", "resolves 1=From the command line."])
        let consolidation = try json(try scenario.concord(["consolidate", "res140", "--format", "json"]))
        let reasons = (consolidation["paragraphs"] as! [[String: Any]]).compactMap { ($0["reasons"] as? [String: String])?["RUS"] }
        #expect(reasons == ["From the command line."])
    }

    @Test func theConsolidatedTextExportsAsHTMLAndMarkdownAsConsolidateShowsIt() throws {
        let scenario = try DraftingScenario()
        let rus = try scenario.editedDraft("rus.txt") { $0.replace("continue to take", with: "continue to play") }
        try scenario.expectSuccess(["submit", "res140", rus, "--as", "RUS"])
        for format in ["html", "markdown"] {
            let file = scenario.scratch.file("res140.\(format)")
            try scenario.expectSuccess(["export", "res140", "--\(format)", file])
            #expect(try String(contentsOfFile: file, encoding: .utf8) == (try scenario.concord(["consolidate", "res140", "--format", format]).stdout))
        }
    }

    @Test func wordFilesThatAreNotWhatTheySeemAreRefusedAndNothingIsRecorded() throws {
        let scenario = try DraftingScenario()
        let fixture = Fixtures.packageRoot.appendingPathComponent("Tests/ConcordCLITests/Word/numbered-resolution.fodt").path
        let legacy = try office(fixture, to: "doc", in: scenario.scratch)
        let notZip = scenario.scratch.write("plain.docx", "{#p1} just text\n")
        let clean = scenario.scratch.file("clean.docx")
        try scenario.expectSuccess(["export", "res140", "--docx", clean, "--clean"])
        let doctype = scenario.scratch.file("doctype.docx")
        try editedPackage(clean, to: doctype, documentPrefix: "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>") { pieces in
            pieces[0] = "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>"
        }
        let mainBefore = try git(["rev-parse", "main"], in: scenario.repo).stdout
        for (file, expected) in [(legacy, "save it as a Word Document (.docx)"), (notZip, "not a Word document"),
                                 (doctype, "declares a document type or entities")] {
            for command in [["submit", "res140", file, "--as", "RUS"], ["draft", "import", "other", file]] {
                let result = try scenario.concord(command)
                #expect(result.status == 2, "\(command): \(result.stderr)")
                #expect(result.stderr.contains(expected) && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            }
        }
        #expect(try git(["rev-parse", "--verify", "--quiet", "comments/res140/RUS"], in: scenario.repo).status != 0)
        #expect(try git(["rev-parse", "main"], in: scenario.repo).stdout == mainBefore)
        // A refused export writes nothing either.
        let missing = scenario.scratch.file("never.docx")
        #expect(try scenario.concord(["export", "res140", "--docx", missing, "--member", "NOBODY"]).status != 0)
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
