"""A rendered report in Debian's Chromium: right-to-left Arabic and Sorani in a font that joins
their letters, user text shown as text, nothing fetched. The screenshot is kept in artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.chromium import chromium
from workbench.score.render import write_report
from workbench.score.report import report_from_store

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
ARABIC_FONTS = {"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri"}

pytestmark = pytest.mark.browser


@pytest.fixture
def page(db, store_report, tmp_path):
    built = report_from_store(db, [store_report.name], samples=100, worst=5)
    path = write_report(built, tmp_path / "quality.html")
    with chromium() as browser:
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.requests, tab.dialogs = [], []
        tab.on("request", lambda r: tab.requests.append(r.url))
        tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
        tab.goto(path.as_uri())
        yield tab


def test_arabic_and_sorani_cells_are_right_to_left(page):
    cells = page.eval_on_selector_all(
        "td.text",
        """cells => cells.map(c => ({lang: c.lang, dir: c.getAttribute('dir'),
                                  direction: getComputedStyle(c).direction,
                                  arabic: /[\\u0600-\\u06FF]/.test(c.textContent)}))""",
    )
    arabic = [c for c in cells if c["arabic"]]
    assert {c["lang"] for c in arabic} == {"ar", "ckb"}
    assert all(c["dir"] == "rtl" and c["direction"] == "rtl" for c in arabic)
    english = [c for c in cells if c["lang"] == "en"]
    assert english and all(c["direction"] == "ltr" for c in english)


def test_arabic_script_is_drawn_with_a_font_that_joins_its_letters(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    for lang in ("ar", "ckb"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f'td[lang="{lang}"]'})
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
        used = max(fonts, key=lambda f: f["glyphCount"])["familyName"]
        assert used in ARABIC_FONTS, f"{lang} text drawn with {fonts}"


def test_a_segment_with_a_script_tag_shows_as_text(page):
    assert page.dialogs == []
    assert page.locator("td", has_text="<script>alert(1)</script>").count() >= 1
    assert page.evaluate("document.scripts.length") == 0


def test_nothing_is_fetched_and_a_screenshot_is_kept(page):
    assert all(url.startswith(("file://", "data:")) for url in page.requests), page.requests
    assert page.locator("svg").count() == 4 + 2  # four plots, two alignment paths
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "score-report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000
