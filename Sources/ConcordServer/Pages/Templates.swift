import Mustache

/// The pages' templates, compiled into the binary so that `concord serve` needs nothing beside
/// it. Every value is written with `{{…}}`, which escapes it for HTML; the exceptions are the
/// layout's `{{{body}}}`, the page's own template already rendered (and escaped) by then, and
/// `{{{redline}}}`, built by `Redline.html`, which escapes every text it holds.
enum Templates {
    static func library() -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in all {
            // The templates are constants of this file: one that does not parse is a bug, found by every test.
            try! library.register(text, named: name)
        }
        return library
    }

    static let all: [String: String] = [
        "layout": layout, "error": error, "drafts": drafts, "draft": draft, "edit": edit, "preview": preview,
        "status": status, "consolidated": consolidated, "publish": publish, "blame": blame,
    ]

    static let layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} — Concord</title>
        <style>
        body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; }
        header { background: #12355b; color: #fff; padding: .6rem 1.5rem; display: flex; justify-content: space-between; align-items: center; }
        header a { color: #fff; text-decoration: none; font-weight: 600; }
        header form { display: inline; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
        .paragraph { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .6rem .9rem; margin: .6rem 0; }
        .paragraph.conflict { border-color: #c0392b; border-width: 2px; }
        .label { font-weight: 700; margin-right: .5rem; }
        .meta { color: #555; font-size: .9rem; }
        ins { text-decoration: none; background: #e3f6e3; border-bottom: 2px solid currentColor; }
        del { background: #fbe3e3; }
        ins, del { padding: 0 1px; }
        .alternative { border-left: 4px solid #888; padding: .3rem .7rem; margin: .5rem 0; background: #f6f6f6; }
        .outdated { color: #a04000; font-weight: 700; }
        table { border-collapse: collapse; background: #fff; } th, td { border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; vertical-align: top; }
        textarea { width: 100%; font: inherit; }
        .notice { background: #fff7d6; border: 1px solid #e6c200; padding: .6rem .9rem; border-radius: 6px; }
        .error { background: #fdecea; border: 1px solid #c0392b; padding: .6rem .9rem; border-radius: 6px; white-space: pre-wrap; }
        button, .button { font: inherit; padding: .3rem .9rem; border-radius: 4px; border: 1px solid #12355b; background: #12355b; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
        button.secondary { background: #fff; color: #12355b; }
        nav.actions a { margin-right: 1rem; }
        </style>
        </head>
        <body>
        <header><a href="/">Concord</a>
        {{#member}}<span>Signed in as <strong>{{member}}</strong>
        <form method="post" action="/signout"><input type="hidden" name="csrf" value="{{csrf}}"><button class="secondary" type="submit">Sign out</button></form></span>{{/member}}
        </header>
        <main>
        {{{body}}}
        </main>
        </body>
        </html>
        """

    static let error = """
        <h1>{{title}}</h1>
        <p class="error">{{message}}</p>
        {{#next}}<p><a href="{{next}}">Go back</a></p>{{/next}}
        """

    static let drafts = """
        <h1>Drafts</h1>
        {{^drafts}}<p>There are no drafts yet.</p>{{/drafts}}
        <table>
        <tr><th>Draft</th><th>Round</th><th>Deadline</th><th>Time left</th></tr>
        {{#drafts}}<tr><td><a href="/drafts/{{id}}">{{id}}</a></td><td>{{round}}</td><td>{{deadline}}</td><td>{{timeLeft}}</td></tr>{{/drafts}}
        </table>
        """

    static let draft = """
        <h1>{{id}}</h1>
        {{#notice}}<p class="notice">{{notice}}</p>{{/notice}}
        {{#round}}<p class="meta">Round {{number}} ({{state}}) on {{base}} · deadline {{deadline}} · {{timeLeft}}</p>{{/round}}
        {{^round}}<p class="meta">No round has been opened on this draft yet.</p>{{/round}}
        <nav class="actions">
        <a href="/drafts/{{id}}/text">Download the text (.txt)</a>
        <a href="/drafts/{{id}}/docx">Download for Word (.docx)</a>
        <a href="/drafts/{{id}}/consolidated">Consolidated text</a>
        <a href="/drafts/{{id}}/compare">Comparison</a>
        <a href="/drafts/{{id}}/status">Status</a>
        <a href="/drafts/{{id}}/blame">Blame</a>
        </nav>
        {{#canSubmit}}
        <h2>Submit your proposals</h2>
        <form method="post" action="/drafts/{{id}}/preview" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label>Your edited file (the text, or the Word document with tracked changes):
        <input type="file" name="file" required></label>
        <button type="submit">Preview</button></p>
        </form>
        <p>Or <a href="/drafts/{{id}}/edit">edit the paragraphs in the page</a>.</p>
        {{/canSubmit}}
        <h2>My proposals</h2>
        {{^mine}}<p>You have no proposals in this round.</p>{{/mine}}
        {{#mine}}<div class="paragraph"><span class="label">{{label}}</span><span class="meta">{{op}}{{#standing}} · {{standing}}{{/standing}}</span> {{{redline}}}
        {{#reason}}<p class="meta">Reason: {{reason}}</p>{{/reason}}
        <form method="post" action="/drafts/{{draft}}/withdraw"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="paragraph" value="{{id}}"><input type="hidden" name="state" value="{{state}}"><button class="secondary" type="submit">Withdraw</button></form>
        </div>{{/mine}}
        {{#isChair}}
        <h2>Chair</h2>
        {{^roundOpen}}<form method="post" action="/drafts/{{id}}/open">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="state" value="{{state}}">
        <label>Deadline (e.g. 2027-02-18T23:59:00+01:00) <input name="deadline" required></label> <button type="submit">Open a round</button></form>{{/roundOpen}}
        {{#roundOpen}}<p><a class="button" href="/drafts/{{id}}/publish">Close the round and publish…</a></p>{{/roundOpen}}
        {{/isChair}}
        """

    static let edit = """
        <h1>Edit {{id}}</h1>
        <p class="meta">Change the text of any paragraph; empty a paragraph to propose deleting it. Nothing is recorded before you confirm the preview.</p>
        <form method="post" action="/drafts/{{id}}/preview">
        <input type="hidden" name="csrf" value="{{csrf}}">
        {{#paragraphs}}<div class="paragraph"><label><span class="label">{{label}}</span>
        <textarea dir="auto" name="p-{{id}}" rows="{{rows}}">{{text}}</textarea></label></div>{{/paragraphs}}
        <button type="submit">Preview</button>
        </form>
        """

    static let preview = """
        <h1>Preview: what will be recorded for {{member}}</h1>
        {{#notice}}<p class="notice">{{notice}}</p>{{/notice}}
        {{#carriedFrom}}<p class="notice">Your text was edited from {{carriedFrom}}: only your own changes are carried onto the current text.</p>{{/carriedFrom}}
        {{^changes}}<p class="notice">Your text changes nothing in this draft.</p>{{/changes}}
        <form method="post" action="/drafts/{{draft}}/submit">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="pending" value="{{pending}}">
        {{#changes}}<div class="paragraph"><span class="label">{{label}}</span><span class="meta">{{op}}</span> {{{redline}}}
        <label class="meta">Reason (optional) <textarea dir="auto" name="reason-{{id}}" rows="2">{{reason}}</textarea></label></div>{{/changes}}
        {{#hasMembers}}<fieldset><legend>Co-sponsors</legend>
        {{#members}}<label><input type="checkbox" name="with-{{id}}" value="1"> {{id}} ({{name}})</label> {{/members}}</fieldset>{{/hasMembers}}
        {{#hasChanges}}<p><button type="submit">Confirm and record</button> <a href="/drafts/{{draft}}">Cancel</a></p>{{/hasChanges}}
        </form>
        """

    static let status = """
        <h1>{{draft}}: round {{round}}</h1>
        <p class="meta">Deadline {{deadline}} · {{timeLeft}}</p>
        <table><tr><th>Member</th><th>Submitted</th><th>Paragraphs</th></tr>
        {{#entries}}<tr><td>{{member}} ({{name}})</td><td>{{submitted}}</td><td>{{paragraphs}}</td></tr>{{/entries}}
        </table>
        """

    static let consolidated = """
        <h1>{{draft}}: consolidated text, round {{round}}</h1>
        {{#notice}}<p class="notice">{{notice}}</p>{{/notice}}
        <p class="meta">{{summary}}</p>
        {{#hasPages}}<nav class="pages">Paragraphs {{first}}–{{last}} of {{total}}:
        {{#pages}}{{#current}}<strong>{{number}}</strong>{{/current}}{{^current}}<a href="?page={{number}}">{{number}}</a>{{/current}}{{#conflicts}}<sup title="paragraphs in conflict">({{conflicts}})</sup>{{/conflicts}} {{/pages}}</nav>{{/hasPages}}
        {{#paragraphs}}<div class="paragraph {{status}}" id="p-{{id}}"><span class="label">{{label}}</span><span class="meta">{{status}}{{#moved}} · moved here by {{moved}}{{/moved}}</span>
        <div dir="auto">{{{redline}}}</div>
        {{#reasons}}<p class="meta">{{member}}: {{reason}}</p>{{/reasons}}
        {{#decision}}<p class="meta {{#outdated}}outdated{{/outdated}}">{{#outdated}}OUTDATED – decide again: {{/outdated}}{{decision}}</p>{{/decision}}
        {{#alternatives}}<div class="alternative"><strong>ALT {{number}}</strong> ({{op}}) by {{by}}{{#supporters}} · supported by {{supporters}}{{/supporters}}
        <div dir="auto">{{{redline}}}</div>
        {{#canDecide}}<form method="post" action="/drafts/{{draft}}/decide"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="paragraph" value="{{paragraph}}"><input type="hidden" name="fingerprint" value="{{fingerprint}}"><input type="hidden" name="outcome" value="accept"><input type="hidden" name="member" value="{{member}}"><button type="submit">Accept {{member}}'s proposal</button></form>{{/canDecide}}
        {{#canSupport}}<form method="post" action="/drafts/{{draft}}/support"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="paragraph" value="{{paragraph}}"><input type="hidden" name="proposal" value="{{member}}"><button class="secondary" type="submit">Support {{member}}'s proposal</button></form>{{/canSupport}}
        </div>{{/alternatives}}
        {{#canDecide}}{{#collapsed}}<details><summary>Decide…</summary>{{/collapsed}}<form method="post" action="/drafts/{{draft}}/decide"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="paragraph" value="{{id}}"><input type="hidden" name="fingerprint" value="{{fingerprint}}">
        <button type="submit" name="outcome" value="keep">Keep the base text</button>
        <label>or a compromise: <textarea dir="auto" name="text" rows="2">{{text}}</textarea></label>
        <label>Reason <input name="reason"></label>
        <button type="submit" name="outcome" value="text">Adopt the compromise</button></form>{{#collapsed}}</details>{{/collapsed}}{{/canDecide}}
        </div>{{/paragraphs}}
        """

    static let publish = """
        <h1>Publish {{draft}} Rev.{{revision}}?</h1>
        <p>Round {{round}} will be closed, and its consolidated text published as <strong>Rev.{{revision}}</strong>, the base of the next round.</p>
        <ul><li>{{amended}} paragraphs amended, {{added}} added, {{deleted}} deleted.</li>
        <li>{{conflicts}} paragraphs still in conflict keep the base text; their alternatives stand again in the next round.</li></ul>
        <form method="post" action="/drafts/{{draft}}/publish"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="state" value="{{state}}">
        <button type="submit">Publish Rev.{{revision}}</button> <a href="/drafts/{{draft}}">Cancel</a></form>
        """

    static let blame = """
        <h1>{{draft}}: who proposed what</h1>
        {{#paragraphs}}<div class="paragraph"><span class="label">{{label}}</span>
        {{#spans}}<span title="{{by}}, round {{round}}" style="{{#credited}}border-bottom: 2px solid {{colour}}{{/credited}}" dir="auto">{{text}}</span>{{/spans}}
        </div>{{/paragraphs}}
        """
}
