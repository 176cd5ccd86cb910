#!/usr/bin/env python3
"""The web app end to end in a real browser: Playwright driving Debian's chromium.

A drafting repository is built with the real `concord` binary, `concord serve` runs on it,
and delegates and the chair do a round in the browser:

- a delegate signs in with its link, uploads an edited text, sees the preview, adds a
  reason and confirms;
- a second delegate's competing proposal appears as an alternative;
- the chair decides it and publishes Rev.1;
- a member cannot submit for another, nor decide;
- a member's <script> in a proposal never runs (a dialog fails the test);
- a form from a page whose draft changed meanwhile is refused, with the new state.

Screenshots of the main pages are written to the folder given as the second argument.

Usage: web_app_test.py CONCORD_BINARY SCREENSHOT_FOLDER
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from playwright.sync_api import sync_playwright

from browser_support import CONCORD, ENV, SEED, SHOTS, check, concord, failures


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def edited(repo, folder, name, old, new):
    text = concord("draft", "show", "res140", repo=repo)
    assert old in text, old
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as file:
        file.write(text.replace(old, new, 1))
    return path


def main():
    os.makedirs(SHOTS, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="concord-browser-")
    repo = os.path.join(folder, "drafts")
    os.makedirs(repo)
    concord("init", repo, repo=repo)
    concord("draft", "import", "res140", SEED, repo=repo)
    for member, name, kind in [("CHAIR", "Chair of the group", "chair"), ("RUS", "Russian Federation", "member-state"),
                               ("USA", "United States", "member-state"), ("EGY", "<script>alert('name')</script> مصر", "member-state")]:
        concord("member", "add", member, "--name", name, "--kind", kind, repo=repo)
    concord("round", "open", "res140", "--deadline", "2022-02-18T23:59:00+01:00", "--as", "CHAIR", repo=repo)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    links = {member: re.search(r"(http\S+)", concord("member", "token", member, "--url", base, repo=repo)).group(1)
             for member in ["CHAIR", "RUS", "USA", "EGY"]}

    server = subprocess.Popen([CONCORD, "serve", "--repo", repo, "--port", str(port)], env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/signed-out")
                break
            except Exception:
                time.sleep(0.1)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            run_round(browser, base, links, repo, folder)
            browser.close()
    finally:
        server.terminate()
        log, _ = server.communicate(timeout=10)
    check(re.search(r'^127\.0\.0\.1 - RUS \[[^\]]+\] "POST /drafts/res140/submit HTTP/1\.1" 303 ', log, re.M) is not None,
          "each request is logged in the Common Log Format")
    check("token=" not in log, "no sign-in token reaches the log")
    if failures:
        print(f"{len(failures)} browser check(s) failed", file=sys.stderr)
        sys.exit(1)
    print(f"browser tests passed; screenshots in {SHOTS}")


def delegate(browser, link):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(link)
    return context, page, dialogs


def submit_file(page, path, reason=None):
    page.goto(page.url.split("/drafts")[0] + "/drafts/res140")
    page.set_input_files("input[name=file]", path)
    page.click("text=Preview")
    if reason:
        page.fill("textarea[name^=reason-]", reason)


def run_round(browser, base, links, repo, folder):
    # A delegate: sign in, download, upload, preview with a reason, confirm.
    russia, page, russia_dialogs = delegate(browser, links["RUS"])
    check("Signed in as RUS" in page.inner_text("header"), "a delegate signs in with its link")
    page.click("text=res140")
    with page.expect_download() as download:
        page.click("text=Download the text (.txt)")
    check("continue to take" in open(download.value.path(), encoding="utf-8").read(), "the text downloads")
    page.screenshot(path=os.path.join(SHOTS, "draft.png"), full_page=True)
    submit_file(page, edited(repo, folder, "rus.txt", "continue to take", "continue to play"), reason="Aligns with PP-22")
    check(page.locator("ins", has_text="play").count() > 0 and page.locator("del", has_text="take").count() > 0,
          "the preview shows the redline before anything is recorded")
    page.screenshot(path=os.path.join(SHOTS, "preview.png"), full_page=True)
    page.click("text=Confirm and record")
    check("Recorded." in page.inner_text("main"), "confirming records the submission")
    check(page.locator("text=Reason: Aligns with PP-22").count() == 1, "the reason is recorded with it")

    # A second delegate's competing proposal, with markup that must never run.
    usa, usa_page, usa_dialogs = delegate(browser, links["USA"])
    submit_file(usa_page, edited(repo, folder, "usa.txt", "continue to take", "continue to have <script>alert('x')</script>"))
    usa_page.click("text=Confirm and record")
    check("Recorded." in usa_page.inner_text("main"), "the second delegate's proposal is recorded")

    # A member cannot submit with another's preview, nor decide.
    submit_file(usa_page, edited(repo, folder, "usa2.txt", "continue to take", "continue to hold"))
    pending = usa_page.get_attribute("input[name=pending]", "value")
    page.goto(base + "/drafts/res140")
    csrf = page.get_attribute("input[name=csrf]", "value")
    forged = page.request.post(base + "/drafts/res140/submit", form={"csrf": csrf, "pending": pending})
    check(forged.status == 410, "a member cannot confirm another member's preview")

    # A stale form: RUS previews, the CLI records a proposal meanwhile, RUS confirms.
    submit_file(page, edited(repo, folder, "rus2.txt", "continue to take", "continue to play a part"))
    egypt_file = edited(repo, folder, "egy.txt", "in Geneva and in Tunis", "in Geneva and in Tunis <img src=x onerror=alert(1)>")
    concord("submit", "res140", egypt_file, "--as", "EGY", repo=repo)
    page.click("text=Confirm and record")
    check("Changed since you opened this page" in page.inner_text("main"), "a stale form is refused, with the new state")
    page.screenshot(path=os.path.join(SHOTS, "stale.png"), full_page=True)

    # The chair: the conflict as alternatives, decided in place, then published.
    chair, chair_page, chair_dialogs = delegate(browser, links["CHAIR"])
    chair_page.goto(base + "/drafts/res140/consolidated")
    check(chair_page.locator(".alternative").count() >= 2, "competing proposals stand as alternatives")
    chair_page.screenshot(path=os.path.join(SHOTS, "consolidated.png"), full_page=True)
    forged_decision = page.request.post(base + "/drafts/res140/decide", form={
        "csrf": csrf, "paragraph": chair_page.get_attribute("input[name=paragraph]", "value"),
        "fingerprint": chair_page.get_attribute("input[name=fingerprint]", "value"), "outcome": "keep"})
    check(forged_decision.status == 409 and "not the chair" in forged_decision.text(), "a member cannot decide")
    chair_page.click("text=Accept USA's proposal")
    check(chair_page.locator("text=accepted USA's proposal").count() > 0, "the chair's decision is applied and shown")
    chair_page.goto(base + "/drafts/res140/status")
    check("RUS" in chair_page.inner_text("main") and "USA" in chair_page.inner_text("main"), "the status lists who submitted")
    chair_page.screenshot(path=os.path.join(SHOTS, "status.png"), full_page=True)
    chair_page.goto(base + "/drafts/res140/compare")
    chair_page.screenshot(path=os.path.join(SHOTS, "compare.png"), full_page=True)
    chair_page.goto(base + "/drafts/res140/publish")
    check("Rev.1" in chair_page.inner_text("main"), "publishing says what will be published")
    chair_page.screenshot(path=os.path.join(SHOTS, "publish.png"), full_page=True)
    chair_page.click("button:has-text('Publish Rev.1')")
    check("closed" in chair_page.inner_text("main"), "the round is closed once published")
    shown = concord("draft", "show", "res140", "--at", "Rev.1", repo=repo)
    check("continue to have" in shown, "Rev.1 holds the accepted proposal")

    page.goto(base + "/drafts/res140/consolidated")
    check(not russia_dialogs and not usa_dialogs and not chair_dialogs, "no member's markup ever ran")


if __name__ == "__main__":
    main()
