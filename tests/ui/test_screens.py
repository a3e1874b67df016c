"""Every tab at 1366×768 and 1920×1080, in 2- and 4-language views: no visible boxes overlap.

The sample corpus (4-language reports) is loaded and aligned; each tab is opened in Debian's
Chromium and the bounding boxes of its visible controls, panels and table cells are compared
pairwise (a box and what it contains are never compared, and each box is first cut to the
parts its scrolling or clipping ancestors show). Screenshots go to artifacts/screens/ (ignored
by git); docs/screenshots/ keeps a few of them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.ui import server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ROOT / "artifacts" / "screens"
WAIT_MS = 30_000
REPORT = "provincial-elections"
SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}
VIEWS = {  # the review tab's languages side by side (+mt: with the MT column)
    "4-languages": ("en", "ar", "ckb", "kmr"),
    "4-languages+mt": ("en", "ar", "ckb", "kmr"),
    "2-languages": ("en", "ar"),
    "sorani-rtl": ("ar", "ckb"),
    "kurmanji": ("en", "kmr"),
}

TINY = (("en", "ar"), ("ar", "en"), ("en", "ckb"), ("kmr", "en"))  # models the tabs use
TRANSLATIONS = {  # the Translate tab's views: from, to (Arabic to Sorani goes through English)
    "sorani-rtl": ("ar", "ckb"),
    "kurmanji": ("kmr", "en"),
}

OVERLAPS = (Path(__file__).parent / "overlaps.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def store(tmp_path_factory, tiny_model):
    """The sample corpus, aligned, and settings with the tiny models of TINY."""
    from workbench.align.report import align_report
    from workbench.config import load_settings
    from workbench.store.db import open_database
    from workbench.text.corpus import load_corpus

    folder = tmp_path_factory.mktemp("screens")
    db = open_database(folder / "ui.db")
    models = {f"{s}-{t}": str(tiny_model(s, t)) for s, t in TINY}
    settings = load_settings({"home": folder, "models": models})
    for report in load_corpus(db):
        align_report(db, report.name, settings=settings)
    _check_versions(db)
    yield db, settings
    db.close()


@pytest.fixture(scope="module")
def app(store):
    db, settings = store
    running = server.start(settings, db)
    yield running
    running.stop()


def _check_versions(db) -> None:
    """The corpus's glossary loaded and QA run on every report, as `make run` does: the QA
    column has badges and the Matches panel terms."""
    from workbench.memory.termbase import import_terms, load_termbase
    from workbench.qa.report import run_report_qa
    from workbench.store.reports import list_reports

    import_terms(db, ROOT / "corpora" / "glossary.tbx")
    termbase = load_termbase(db)
    for report in list_reports(db):
        run_report_qa(db, report.name, glossary=termbase)


@pytest.fixture(params=list(SIZES), scope="module")
def window(request, app, browser):
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(f"{app.url}?report={REPORT}")
    page.wait_for_selector("#wb-review-table tr[data-bead]")
    yield request.param, page
    context.close()


def _check(page, tab: str, shot: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)  # let the layout settle after the last update
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENS / f"{shot}.png"))
    overlaps = page.evaluate(OVERLAPS, f"#wb-tab-{tab}")
    assert overlaps == [], f"{shot}: " + "; ".join(overlaps[:8])


def _show_languages(page, langs, ordered: bool = True) -> None:
    """Tick `langs` (in this order when `ordered`; a language ticked before stays in place)."""
    boxes = page.locator("#wb-langs input[type=checkbox]")
    for i in range(boxes.count()):
        box = boxes.nth(i)
        wanted = box.evaluate("el => el.closest('label').innerText.trim()") in langs
        if box.is_checked() != wanted:
            with page.expect_response(lambda r: "/queue/" in r.url or "/gradio_api/" in r.url):
                box.click()
            page.wait_for_timeout(400)
    heads = page.locator("#wb-review-table th[lang]")
    page.wait_for_function(
        f"document.querySelectorAll('#wb-review-table th[lang]').length == {len(langs)}"
    )
    shown = [heads.nth(i).get_attribute("lang") for i in range(heads.count())]
    assert shown == list(langs) if ordered else sorted(shown) == sorted(langs)


@pytest.mark.parametrize("view", list(VIEWS))
def test_the_review_tab_has_no_overlapping_boxes(window, view):
    size, page = window
    page.get_by_role("tab", name="Review").click()
    _show_languages(page, VIEWS[view])
    machine = page.locator("#wb-machine input[type=checkbox]")
    if machine.is_checked() != view.endswith("+mt"):
        machine.click()
        page.wait_for_function(
            "!!document.querySelector('#wb-review-table .wb-mt-head') == "
            + str(view.endswith("+mt")).lower()
        )
    page.locator("#wb-review-table tr[data-bead]").first.click()  # the side panel fills in
    page.wait_for_selector("#wb-panel .wb-panel[data-bead]")
    page.wait_for_selector("#wb-edit-0 textarea")
    page.wait_for_selector("#wb-qa-panel .wb-qa-panel")  # the QA and Matches panels fill in
    page.wait_for_selector("#wb-matches-panel .wb-matches-panel")
    _check(page, "review", f"review-{view}-{size}")


QA_REPORT = "security-meeting"  # the sample with planted discrepancies (docs/qa.md)
QA_VIEWS = ("4-languages", "sorani-rtl", "kurmanji")


@pytest.mark.parametrize("view", QA_VIEWS)
@pytest.mark.parametrize("size", list(SIZES))
def test_the_qa_spans_marked_in_the_text_overlap_nothing(app, browser, size, view):
    """Sorted by QA severity, the beads with findings come first, their spans marked in the
    text cells (right to left in Arabic and Sorani); the marks stay inside their cells
    (overlaps.js)."""
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    try:
        page.goto(f"{app.url}?report={QA_REPORT}")
        page.wait_for_selector("#wb-review-table tr[data-bead]")
        _show_languages(page, VIEWS[view], ordered=False)
        page.get_by_text("Filter and sort").click()
        _choose(page, "wb-order", "QA severity")
        page.wait_for_function(
            "(() => { const c = document.querySelector('#wb-review-table tr[data-bead] td.wb-qa');"
            " return c && c.dataset.findings !== '0'; })()"
        )
        page.get_by_text("Filter and sort").click()  # folded again: the table as it shows
        marks = page.locator("#wb-review-table mark.wb-qa-span")
        assert marks.count() >= 1 and "·" in marks.first.get_attribute("title")
        page.locator("#wb-review-table tr[data-bead]").first.click()
        page.wait_for_selector("#wb-qa-panel .wb-qa-panel")
        _check(page, "review", f"review-qa-{view}-{size}")
    finally:
        context.close()


@pytest.mark.parametrize("tab", ["reports", "translate", "quality", "jobs"])
def test_the_other_tabs_have_no_overlapping_boxes(window, tab):
    size, page = window
    page.get_by_role("tab", name=tab.capitalize()).click()
    page.wait_for_selector(f"#wb-tab-{tab}", state="visible")
    _check(page, tab, f"{tab}-{size}")


def test_the_review_tab_opens_without_a_stale_message(app, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    try:
        page.goto(app.url)
        page.wait_for_selector("#wb-who .wb-notice")  # the page load has run
        page.get_by_role("tab", name="Review").click()
        page.wait_for_selector("#wb-review-table tr[data-bead]")
        page.wait_for_timeout(1500)  # whatever the opening sets off has answered
        assert page.locator("#wb-message .wb-notice-problem").count() == 0
        assert page.locator("#wb-tab-review .wb-notice-problem").count() == 0
    finally:
        context.close()


def _choose(page, elem_id: str, value: str) -> None:
    page.locator(f"#{elem_id} input").click()
    page.get_by_role("option", name=value, exact=True).click()


def _report_text(db, lang: str) -> str:
    """The sample report's title and first sentences (in the memory once aligned), one a
    paragraph, the next one with its numbers changed (a fuzzy match), and a new sentence."""
    from workbench.store.reports import documents, get_report

    report = get_report(db, REPORT)
    [doc] = [d for d in documents(db, report.id or 0, with_segments=True) if d.lang == lang]
    changed = re.sub(r"\d+", lambda m: str(int(m.group()) + 7), doc.segments[2].text)
    known = [s.text for s in doc.segments[:2]]
    return "\n\n".join([*known, changed, "A sentence nobody translated."])


@pytest.mark.parametrize("view", list(TRANSLATIONS))
def test_the_translate_tab_with_a_translation_has_no_overlapping_boxes(window, store, view):
    size, page = window
    src, tgt = TRANSLATIONS[view]
    page.get_by_role("tab", name="Translate").click()
    _choose(page, "wb-src", src)
    _choose(page, "wb-tgt", tgt)
    page.wait_for_function(
        "document.querySelector('#wb-expected-quality').innerText.includes(' → ')"
    )
    page.locator("#wb-source-text textarea").fill(_report_text(store[0], src))
    page.locator("#wb-translate").click()
    page.wait_for_selector("#wb-origins tr.wb-origin-machine")
    assert page.locator("#wb-origins tr.wb-origin-memory").count() >= 1
    assert page.locator("#wb-origins .wb-offer").count() >= 1  # the changed sentence's match
    assert "review every sentence" in page.locator("#wb-expected-quality").inner_text()
    _check(page, "translate", f"translate-{view}-{size}")
    page.screenshot(path=str(SCREENS / f"translate-{view}-{size}-full.png"), full_page=True)


@pytest.mark.parametrize("view", ["sorani-rtl", "kurmanji"])
def test_the_side_panel_scrolled_to_the_span_marker_shows_whole_rows(window, view):
    """As after pressing s: the side column scrolls down to the error-span fields; its top edge
    must not cut a field in half (the MQM screenshot showed the flag row clipped)."""
    size, page = window
    page.get_by_role("tab", name="Review").click()
    _show_languages(page, VIEWS[view])
    page.locator("#wb-review-table tr[data-bead]").first.click()
    page.wait_for_selector("#wb-panel .wb-panel[data-bead]")
    page.evaluate("document.querySelector('#wb-span-add').focus()")
    page.wait_for_timeout(400)  # a smooth scroll and its snap settle
    side = page.locator("#wb-side")
    if side.evaluate("el => el.scrollHeight > el.clientHeight"):
        assert side.evaluate("el => el.scrollTop") > 0  # the case this test is about
    shown = page.evaluate(
        "() => { const b = document.querySelector('#wb-span-add').getBoundingClientRect(),"
        " s = document.querySelector('#wb-side').getBoundingClientRect();"
        " return b.top >= s.top - 1 && b.bottom <= s.bottom + 1; }"
    )
    assert shown, "the focused Mark button is out of the side column's view"
    _check(page, "review", f"review-side-scrolled-{view}-{size}")


@pytest.mark.parametrize("view", ["sorani-rtl", "kurmanji"])
def test_the_qa_column_filter_and_matches_panel_in_rtl_and_kurmanji(window, view):
    """Beads with findings only: each row has a QA badge, the chosen bead's findings and
    matches show, the texts in their language's direction."""
    size, page = window
    page.get_by_role("tab", name="Review").click()
    langs = VIEWS[view]
    _show_languages(page, langs)
    if not page.locator("#wb-qa-filter input").is_visible():
        page.get_by_text("Filter and sort").click()
    page.locator("#wb-qa-filter input").click()
    page.get_by_role("option", name="any check").click()
    page.wait_for_function(
        "[...document.querySelectorAll('#wb-review-table tr[data-bead]')].every("
        "r => r.querySelector('.wb-qa-badge'))"
    )
    rows = page.locator("#wb-review-table tr[data-bead]")
    assert rows.count() > 0
    rows.first.click()
    page.wait_for_selector("#wb-qa-panel .wb-findings li")
    page.wait_for_selector("#wb-matches-panel .wb-matches-panel")
    page.wait_for_timeout(500)  # (a bead with no first-language sentence has no matches: no error)
    assert page.locator("#wb-message .wb-notice-problem").count() == 0
    target = page.locator(f"#wb-matches-panel p[lang={langs[1]}]")
    if target.count():  # a match: in the direction of its language
        expected = "rtl" if langs[1] in ("ar", "ckb") else "ltr"
        assert target.first.get_attribute("dir") == expected
    _check(page, "review", f"review-qa-{view}-{size}")
    for box in ("qa", "matches"):  # the panels themselves, for the guides
        page.locator(f"#wb-{box}-box").scroll_into_view_if_needed()
        page.locator(f"#wb-{box}-box").screenshot(path=str(SCREENS / f"{box}-{view}-{size}.png"))
    page.locator("#wb-qa-filter input").click()
    page.get_by_role("option", name="all", exact=True).click()


@pytest.mark.parametrize("view", ["sorani-rtl", "kurmanji"])
def test_glossary_terms_are_marked_in_the_cells_in_rtl_and_kurmanji(window, view):
    """The glossary's terms are marked in the table's texts, in both languages shown, each
    saying the concept's terms in the other languages when hovered."""
    size, page = window
    page.get_by_role("tab", name="Review").click()
    langs = VIEWS[view]
    _show_languages(page, langs)
    for lang in langs:
        marks = page.locator(f"#wb-review-table td[lang={lang}] mark.wb-term")
        marks.first.wait_for()
        title = marks.first.get_attribute("title") or ""
        assert title.startswith(("Term «", "Forbidden term «")) and "\n" in title, title
    _check(page, "review", f"review-terms-{view}-{size}")
    page.locator("#wb-review-table").screenshot(
        path=str(SCREENS / f"terms-{view}-{size}.png")
    )


def test_the_term_candidates_panel_lists_accepts_and_has_no_overlapping_boxes(window):
    size, page = window
    page.get_by_role("tab", name="Reports").click()
    page.get_by_text("Term candidates: accept into the termbase").click()
    page.locator("#wb-terms-find").click()
    page.wait_for_function(
        "document.querySelector('#wb-terms-message').innerText.includes('waiting')"
    )
    boxes = page.locator("#wb-term-candidates input[type=checkbox]")
    every = boxes.count()
    _choose(page, "wb-terms-pair", "en → kmr")
    page.wait_for_function(
        "document.querySelector('#wb-terms-summary').innerText.includes('(en → kmr)')"
    )
    before = boxes.count()
    assert 0 < before < every
    labels = page.locator("#wb-term-candidates label").all_inner_texts()
    assert all(label.startswith("en→kmr") for label in labels), labels
    page.locator("#wb-terms-find").scroll_into_view_if_needed()
    _check(page, "reports", f"reports-terms-{size}")
    page.locator("#wb-tab-reports .wb-terms-box").screenshot(
        path=str(SCREENS / f"term-candidates-{size}.png")
    )
    boxes.first.check()
    page.locator("#wb-terms-accept").click()
    page.wait_for_function(
        "document.querySelector('#wb-terms-message').innerText.includes('Accepted')"
    )
    assert page.locator("#wb-term-candidates input[type=checkbox]").count() == before - 1


def test_the_review_progress_panel_shows_reviewers_and_has_no_overlapping_boxes(window, store):
    from workbench.records import User
    from workbench.review import actions
    from workbench.store import alignments
    from workbench.store.reports import get_report

    size, page = window
    db, _ = store
    [alignment] = alignments.alignments_for_report(db, get_report(db, REPORT).id)[:1]
    bead = alignments.current_beads(db, alignment.id)[-1].id
    actions.flag(db, User("amina", "reviewer"), alignment.id, bead, "style", "minor", "a name")
    page.get_by_role("tab", name="Reports").click()
    page.get_by_text("Review progress per reviewer").click()
    page.locator("#wb-progress-show").click()
    page.wait_for_selector("#wb-reviewer-progress tr[data-reviewer='amina']")
    page.locator("#wb-progress-show").scroll_into_view_if_needed()
    _check(page, "reports", f"reports-progress-{size}")
    page.locator("#wb-progress-box").screenshot(path=str(SCREENS / f"progress-{size}.png"))
    page.locator("#wb-progress-csv").click()
    page.wait_for_function(
        "document.querySelector('#wb-progress-message').innerText.includes('progress.csv')"
    )
    assert page.locator("#wb-progress-file a").count() == 1
