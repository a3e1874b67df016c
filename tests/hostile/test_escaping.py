"""Every user text is shown as text: hostile segments, edits, comments, flags and a hostile
report name, opened in Debian's Chromium on the review screen, the reports table, the quality
report in its frame and the quality report's own HTML file.

A payload that ran would set `window.__pwned`, open a dialog or log to the console; each is
watched. Beyond "nothing ran", the pages must hold no element the payloads would have made
(script, inline handlers, javascript: links and frames), and show the payloads as text.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

import pytest

from tests.hostile.make_cases import PAYLOADS
from workbench.config import load_settings
from workbench.records import Alignment, Bead, Document, Report, Segment, User
from workbench.review import actions
from workbench.store import alignments, reports
from workbench.store.db import open_database
from workbench.ui import server

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(300)]

WAIT_MS = 30_000
NAME = '<img src=x onerror="window.__pwned=1"> Erbil <script>window.__pwned=1</script>'
WATCH = """() => {
  const bad = 'script, [onerror], [onload], [onclick], a[href^="javascript:" i],'
    + ' iframe[src^="javascript:" i], svg, img[src="x"]';
  return {pwned: window.__pwned ?? null,
          found: [...document.querySelectorAll(SCOPE)].flatMap(
            el => [...el.querySelectorAll(bad)].map(e => e.outerHTML.slice(0, 80)))};
}"""
USER_AREAS = "#wb-review-table, #wb-panel, #wb-progress, #wb-reports, #wb-quality-headline"


def _sentences(lang: str) -> tuple[str, ...]:
    words = {"en": "Station", "ar": "محطة"}[lang]
    return tuple(f"{words} {i}: {payload}" for i, payload in enumerate(PAYLOADS))


def _document(lang: str, texts: tuple[str, ...], origin: str = "original") -> Document:
    return Document(
        lang=lang,
        origin=origin,
        model="hostile-model<script>window.__pwned=1</script>" if origin == "machine" else "",
        pivot=("en", lang) if origin == "machine" else (),
        sha256=hashlib.sha256(f"{lang}{origin}{texts}".encode()).hexdigest(),
        raw_text="\n".join(texts),
        segments=tuple(Segment(i, t, t) for i, t in enumerate(texts)),
    )


def _hostile_store(db) -> int:
    """The report: English and Arabic versions, a machine Arabic version, an alignment, and
    review events whose texts are payloads too."""
    report = reports.add_report(db, Report(NAME, title=PAYLOADS[0]))
    english = reports.add_document(db, report.id, _document("en", _sentences("en")))[0]
    arabic = reports.add_document(db, report.id, _document("ar", _sentences("ar")))[0]
    machine = tuple(reversed(_sentences("ar")))
    reports.add_document(db, report.id, _document("ar", machine, "machine"))
    beads = tuple(Bead(((i,), (i,)), score=0.5, confidence=0.9) for i in range(len(PAYLOADS)))
    made = alignments.save_alignment(
        db, Alignment((english.id, arabic.id), "test", "sig", beads, report_id=report.id)
    )
    me = User("local", "admin")
    bead_ids = [b.id for b in alignments.current_beads(db, made.id)]
    actions.comment(db, me, made.id, bead_ids[0], PAYLOADS[1])
    actions.flag(db, me, made.id, bead_ids[0], "omission", "major", PAYLOADS[2])
    actions.edit(db, me, made.id, bead_ids[1], {1: "نص " + PAYLOADS[3]})
    return made.id


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("escaping")
    db = open_database(folder / "ui.db")
    _hostile_store(db)
    running = server.start(load_settings({"home": folder}), db)
    yield running
    running.stop()
    db.close()


@pytest.fixture
def watched(browser):
    """A page whose dialogs and console are recorded; only the app and files may load."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    ran: list[str] = []
    page.on("dialog", lambda dialog: (ran.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("console", lambda msg: "pwned" in msg.text and ran.append(f"console: {msg.text}"))
    page.on("pageerror", lambda exc: "pwned" in str(exc) and ran.append(f"error: {exc}"))
    yield page, ran
    context.close()


def _watch(page, scope: str) -> dict:
    return page.evaluate(WATCH.replace("SCOPE", repr(scope)))


def test_review_screen_shows_hostile_texts_as_text(app, watched):
    page, ran = watched
    page.goto(app.url + "?report=" + quote(NAME))
    page.wait_for_selector("#wb-review-table tr[data-bead]")
    page.locator("#wb-review-table tr[data-bead]").first.click()  # the bead panel and history
    page.wait_for_selector("#wb-panel .wb-panel[data-bead]")
    page.get_by_role("tab", name="Reports").click()
    page.wait_for_selector("#wb-reports table")
    page.get_by_role("tab", name="Review").click()
    page.wait_for_timeout(500)  # let an onerror of a broken image fire, if any was made
    seen = _watch(page, USER_AREAS)
    assert ran == [] and seen["pwned"] is None
    assert seen["found"] == [], seen["found"]
    table = page.locator("#wb-review-table").inner_text()
    assert all(payload in table for payload in PAYLOADS[:2])
    panel = page.locator("#wb-panel").inner_text()
    assert PAYLOADS[1] in panel and PAYLOADS[2] in panel  # the comment and the flag


def test_quality_report_in_its_frame_shows_hostile_texts_as_text(app, watched):
    page, ran = watched
    page.goto(app.url + "?report=" + quote(NAME))
    page.wait_for_selector("#wb-review-table tr[data-bead]")
    page.get_by_role("tab", name="Quality").click()
    page.locator("#wb-quality").click()
    page.wait_for_selector("#wb-quality-page iframe.wb-embedded", timeout=120_000)
    frame = page.frame_locator("#wb-quality-page iframe")
    frame.locator("h1").first.wait_for()
    page.wait_for_timeout(500)
    assert ran == [] and _watch(page, USER_AREAS)["pwned"] is None
    inner = next(f for f in page.frames if f != page.main_frame and "about:srcdoc" in f.url)
    seen = inner.evaluate(WATCH.replace("SCOPE", "'body'"))
    assert seen["pwned"] is None and _no_payload_elements(seen["found"]), seen["found"]
    assert PAYLOADS[0] in frame.locator("body").inner_text()


def test_quality_report_file_shows_hostile_texts_as_text(watched, tmp_path):
    from workbench.review.quality import quality_report

    store = open_database(tmp_path / "report.db")
    _hostile_store(store)
    made = quality_report(store, [NAME], folder=tmp_path / "out")
    store.close()
    page, ran = watched
    page.goto(made.files[0].as_uri())
    page.wait_for_selector("h1")
    page.wait_for_timeout(500)
    seen = _watch(page, "body")
    assert ran == [] and seen["pwned"] is None
    assert _no_payload_elements(seen["found"]), seen["found"]
    body = page.locator("body").inner_text()
    assert all(payload in body for payload in PAYLOADS)


def _no_payload_elements(found: list[str]) -> bool:
    """The report draws its plots as SVG of its own; no element may come from a payload."""
    return not [html for html in found if "pwned" in html or 'src="x"' in html]
