#!/usr/bin/env python3
"""The chair's HTML reports at forty members, measured in a real browser.

A round of forty members is built with the real `concord` binary: each member amends a few
paragraphs, some the same way, some differently; some give reasons, some support others, one
co-sponsors, one is admitted late, the chair decides a paragraph. Then `compare --format
html` and `consolidate --format html` are opened in Debian's chromium (through Playwright) on
a 1,400 × 900 screen, and the page is measured, not read:

- no cell of the comparison is narrower than a readable width, and the base column is wider;
- no text overflows its cell, and no two cells of a row overlap;
- scrolling the table down keeps its header row in view; scrolling right keeps the paragraph
  and base columns in view;
- an unchanged (NOC) cell does not repeat the base text;
- the consolidation's legend names forty distinct colours, a joint change names all its
  proposers, and every paragraph can be reached by its `#p…` anchor.

Screenshots go to the folder given as the second argument: compare-40.png (the top of the
comparison), compare-40-scrolled.png (scrolled right and down) and consolidation-40.png.

Usage: reports_layout_test.py CONCORD_BINARY SCREENSHOT_FOLDER
"""
import os
import re
import sys
import tempfile

from playwright.sync_api import sync_playwright

from browser_support import CONCORD, ENV, SEED, SHOTS, check, concord, failures

MEMBERS = ["ARG", "ARM", "AUS", "AUT", "BEL", "BRA", "CAN", "CHN", "CZE", "DEU", "DNK", "EGY", "ESP", "FIN", "F",
           "G", "GRC", "HNG", "IND", "INS", "IRL", "ISR", "I", "J", "KEN", "KOR", "MEX", "NGR", "NOR", "NZL",
           "POL", "POR", "QAT", "RUS", "S", "SUI", "TUR", "UAE", "URG", "USA"]
READABLE_PX = 150   # about twenty characters: a member's cell is never narrower
BASE_PX = 300


# Each member's edits: (substring of a line, replacement). Members share some proposals, so
# the page has consensual, uncontested and contested rows.
WORDS = ["swiftly", "fully", "jointly", "actively", "effectively", "openly", "promptly", "steadily"]


def edits(index):
    chosen = [("to take a leading role", "to take a " + ["pivotal", "central", "key", "strong"][index % 4] + " role")]
    if index % 3 == 0:
        chosen.append(("to report annually", "to report " + ["every year", "each year"][index % 2]))
    if index % 5 == 0:
        chosen.append(("to share good practices", "to share " + WORDS[index % len(WORDS)] + " good practices"))
    if index % 7 == 0:
        chosen.append(("remain open to all Member States", "remain open to all Member States, Sector Members and Associates"))
    return chosen


def build_round(folder):
    repo = os.path.join(folder, "drafts")
    concord("init", repo, repo=folder)
    concord("draft", "import", "res140", SEED, repo=repo)
    concord("member", "add", "CHAIR", "--name", "Chair of the group", "--kind", "chair", repo=repo)
    for member in MEMBERS:
        concord("member", "add", member, "--name", f"Member State {member}", "--kind", "member-state", repo=repo)
    concord("round", "open", "res140", "--as", "CHAIR", "--deadline", "2022-02-18T23:59:00+01:00", repo=repo)
    base = concord("draft", "show", "res140", repo=repo)
    for index, member in enumerate(MEMBERS):
        text = base
        for old, new in edits(index):
            text = text.replace(old, new, 1)
        if text == base:
            continue
        path = os.path.join(folder, f"{member}.txt")
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
        arguments = ["submit", "res140", path, "--as", member]
        if index % 4 == 1:
            arguments += ["--reason", f"resolves 1=The wording {member} prefers, agreed in its national consultation"]
        if member == "ARM":
            arguments += ["--with", "RUS"]
        if member == "USA":
            concord("round", "admit", "res140", "USA", "--as", "CHAIR", repo=repo)
            concord(*arguments, repo=repo, now="2022-02-20T10:00:00Z")
        else:
            concord(*arguments, repo=repo)
    concord("support", "res140", "resolves 1", "--as", "CAN", "--proposal", "ARM", repo=repo)
    concord("decide", "res140", "instructs the Secretary‑General 1", "--accept", "ARG", "--as", "CHAIR",
            "--reason", "As agreed at the second meeting", repo=repo)
    return repo


MEASURE = """() => {
  const table = document.querySelector('table.synopsis');
  const rows = [...table.querySelectorAll('tr')];
  const cells = rows.flatMap(row => [...row.children]).map(cell => {
    const box = cell.getBoundingClientRect();
    return {cls: cell.className, text: cell.innerText, width: box.width, left: box.left, right: box.right,
            overflow: cell.scrollWidth - cell.clientWidth, row: rows.indexOf(cell.parentElement)};
  });
  return cells;
}"""


def check_comparison(page, path, every_row):
    page.goto("file://" + path)
    cells = page.evaluate(MEASURE)
    members = [cell for cell in cells if cell["cls"] not in ("para", "base", "agreement") and not cell["cls"].startswith("para")]
    check(len(cells) > 40 * 3, f"the comparison has a row per changed paragraph and a column per member ({len(cells)} cells)")
    narrow = [cell for cell in members if cell["width"] < READABLE_PX]
    check(not narrow, f"no member cell narrower than {READABLE_PX} px (narrowest: {min(c['width'] for c in members):.0f} px)")
    bases = [cell for cell in cells if cell["cls"] == "base"]
    check(bases and min(cell["width"] for cell in bases) >= BASE_PX, f"the base column is at least {BASE_PX} px wide")
    overflowing = [cell for cell in cells if cell["overflow"] > 1]
    check(not overflowing, f"no text overflows its cell ({[c['text'][:30] for c in overflowing[:3]]})")
    overlaps = []
    by_row = {}
    for cell in cells:
        by_row.setdefault(cell["row"], []).append(cell)
    for row in by_row.values():
        ordered = sorted(row, key=lambda cell: cell["left"])
        overlaps += [(a["text"][:20], b["text"][:20]) for a, b in zip(ordered, ordered[1:]) if a["right"] > b["left"] + 1]
    check(not overlaps, f"no two cells of a row overlap ({overlaps[:3]})")
    base_texts = set(cell["text"].strip() for cell in bases)
    noc = [cell for cell in cells if cell["cls"] == "noc"]
    check(noc and all(cell["text"].strip() == "NOC" for cell in noc), "an unchanged cell says NOC only")
    check(not any(cell["text"].strip() in base_texts for cell in noc), "an unchanged cell does not repeat the base")
    check(page.locator("text=paragraph(s) someone changed").count() > 0, "the agreement matrix says it counts only changed paragraphs")
    page.screenshot(path=os.path.join(SHOTS, "compare-40.png"))

    # Every row (--no-changed-only), scrolled right and down: the header row and the
    # paragraph and base columns stay in view.
    page.goto("file://" + every_row)
    frame = page.locator("div.frame")
    frame_box = frame.bounding_box()
    scrolled = page.evaluate("() => { const f = document.querySelector('div.frame'); f.scrollLeft = 3000; f.scrollTop = 1500; "
                             "return [f.scrollLeft, f.scrollTop]; }")
    check(scrolled[0] > 1000 and scrolled[1] > 1000, f"the table scrolls in its frame, both ways ({scrolled})")
    header = page.locator("table.synopsis thead th.base").bounding_box()
    check(abs(header["y"] - frame_box["y"]) <= 2, "the header row stays at the top of the table when scrolled down")
    base_cell = page.locator("table.synopsis tbody td.base").first.bounding_box()
    check(base_cell["x"] >= frame_box["x"] and base_cell["x"] < frame_box["x"] + 120,
          "the base column stays in view when scrolled right")
    page.screenshot(path=os.path.join(SHOTS, "compare-40-scrolled.png"))


def check_consolidation(page, path):
    page.goto("file://" + path)
    colours = page.evaluate("() => [...document.querySelectorAll('ul.legend li b')].map(b => getComputedStyle(b).color)")
    names = page.evaluate("() => [...document.querySelectorAll('ul.legend li')].map(li => li.innerText)")
    check(len(colours) >= 38 and len(set(colours)) == len(colours), f"the legend gives {len(colours)} members {len(set(colours))} distinct colours")
    check(all(re.match(r"^\S+ [a-z ]+$", name) for name in names), f"each colour is named in the legend ({names[:3]})")
    joint = page.evaluate("() => [...document.querySelectorAll('ins')].map(i => i.nextElementSibling ? i.nextElementSibling.querySelectorAll('b').length : 0)")
    check(max(joint or [0]) >= 2, "a joint change names each of its proposers")
    striped = page.evaluate("() => [...document.querySelectorAll('ins[style]')].filter(i => getComputedStyle(i).backgroundImage.includes('gradient')).length")
    check(striped > 0, "a joint change is striped in its proposers' colours")
    ids = page.evaluate("() => [...document.querySelectorAll('[id^=p]')].map(e => e.id)")
    check(len(ids) == 26 and all(re.match(r"^p[0-9a-f]{8}$", i) for i in ids), f"every paragraph has its anchor ({len(ids)})")
    page.goto("file://" + path + "#" + ids[-1])
    check(page.evaluate("() => window.scrollY") > 0, "an anchor takes the reader to its paragraph")
    page.goto("file://" + path)
    page.screenshot(path=os.path.join(SHOTS, "consolidation-40.png"), full_page=True)


def main():
    os.makedirs(SHOTS, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="concord-reports-") as folder:
        repo = build_round(folder)
        compare = os.path.join(folder, "compare.html")
        with open(compare, "w", encoding="utf-8") as file:
            file.write(concord("compare", "res140", "--format", "html", "--chair", repo=repo))
        every_row = os.path.join(folder, "compare-every-row.html")
        with open(every_row, "w", encoding="utf-8") as file:
            file.write(concord("compare", "res140", "--format", "html", "--no-changed-only", repo=repo))
        consolidated = os.path.join(folder, "consolidated.html")
        with open(consolidated, "w", encoding="utf-8") as file:
            # Exit 1: conflicts remain, as they do here.
            file.write(concord("consolidate", "res140", "--format", "html", repo=repo, allowed=(0, 1)))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            check_comparison(page, compare, every_row)
            check_consolidation(page, consolidated)
            browser.close()
    if failures:
        print(f"{len(failures)} layout check(s) failed", file=sys.stderr)
        sys.exit(1)
    print(f"report layout tests passed; screenshots in {SHOTS}")


main()
