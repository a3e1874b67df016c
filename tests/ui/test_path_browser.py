"""The alignment path picture on the Review tab, for a 2- and a 4-language alignment, in
Debian's Chromium: a panel per language paired with the first, a link per bead, and a click on
a point opens that bead, on the page that holds it."""

from __future__ import annotations

import pytest

from tests.review.samples import add_report
from workbench.ui import server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WAIT_MS = 30_000
REPEAT = 14  # 70 beads: two pages of 50
REPORTS = {"Two languages": ("en", "ar"), "Four languages": ("en", "ar", "ckb", "kmr")}
POINT = "//*[@id='wb-path']//*[local-name()='a'][@*[local-name()='href']='#bead-{}']"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from workbench.config import load_settings
    from workbench.store.db import open_database

    folder = tmp_path_factory.mktemp("path")
    db = open_database(folder / "ui.db")
    made = {name: add_report(db, name, langs, repeat=REPEAT) for name, langs in REPORTS.items()}
    running = server.start(load_settings({"home": folder}), db)
    yield running, made
    running.stop()
    db.close()


@pytest.mark.parametrize("report", list(REPORTS))
def test_clicking_a_point_opens_its_bead_on_its_page(app, browser, report):
    running, made = app
    alignment = made[report]
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    try:
        page.goto(f"{running.url}?report={report.replace(' ', '%20')}")
        page.wait_for_selector("#wb-review-table tr[data-bead]")
        assert page.locator("#wb-progress").inner_text().count("page 1 of 2") == 1
        page.get_by_text("The alignment at a glance").click()
        page.wait_for_selector("#wb-path .wb-path-picture svg")
        titles = page.locator("#wb-path").inner_html()
        langs = REPORTS[report]
        for lang in langs[1:]:  # one panel per language paired with the first
            assert f"en-{lang}: {5 * REPEAT} beads" in titles
        links = page.locator("xpath=//*[@id='wb-path']//*[local-name()='a']")
        assert links.count() == (len(langs) - 1) * 5 * REPEAT

        # worst first: the most sure bead (the first) is on the last page
        bead = alignment.beads[0].id
        page.locator(f"xpath={POINT.format(bead)}").first.click()
        page.wait_for_selector(f'#wb-panel .wb-panel[data-bead="{bead}"]')
        row = page.locator(f'#wb-review-table tr[data-bead="{bead}"]')
        assert "wb-selected" in row.get_attribute("class")
        assert "page 2 of 2" in page.locator("#wb-progress").inner_text()
        assert row.is_visible()
    finally:
        context.close()
