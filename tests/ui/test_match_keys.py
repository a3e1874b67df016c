"""A memory match put into the edit box with a key, as in CAT tools, in Debian's Chromium: i puts
the best match (numbers substituted) in the edit box of the second language, 1-5 that match;
nothing is stored until the reviewer saves."""

from __future__ import annotations

import pytest

from tests.review.qa_samples import UPDATE, UPDATED, add_both
from workbench.store import review
from workbench.ui import server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WAIT_MS = 20_000
SUBSTITUTED = "تحصل نحو 14,000 عائلة الآن على مياه نظيفة."  # the memory's 12,000 made 14,000


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from workbench.accounts import create_user
    from workbench.config import load_settings
    from workbench.store.db import open_database

    folder = tmp_path_factory.mktemp("match-keys")
    db = open_database(folder / "ui.db")
    _, update = add_both(db)
    create_user(db, "amina", "correct horse", "reviewer")
    running = server.start(load_settings({"home": folder}), db)
    yield running, db, update
    running.stop()
    db.close()


@pytest.fixture
def page(app, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    tab.goto(app[0].url)
    tab.locator("input[data-testid=textbox]").fill("amina")
    tab.locator("input[type=password]").fill("correct horse")
    tab.locator("button.primary").click()
    tab.wait_for_selector("#wb-who .wb-notice")
    tab.goto(app[0].url + "?report=" + UPDATE.replace(" ", "%20"))
    tab.wait_for_selector("#wb-review-table tr[data-bead]")
    yield tab
    context.close()


def _choose(page, bead: int) -> None:
    page.locator(f'#wb-review-table tr[data-bead="{bead}"] td.wb-num').click()
    page.wait_for_selector(f'#wb-panel .wb-panel[data-bead="{bead}"]')
    page.wait_for_selector("#wb-matches-panel .wb-matches li")


def test_i_puts_the_best_match_in_the_edit_box_and_only_save_stores_it(app, page):
    _, db, update = app
    bead = update.beads[1].id  # its Arabic says 41,000; the memory's match 12,000
    _choose(page, bead)
    page.keyboard.press("i")
    box = page.locator("#wb-edit-1 textarea")
    page.wait_for_function(
        "t => document.querySelector('#wb-edit-1 textarea').value === t", arg=SUBSTITUTED
    )
    assert "Save" in page.locator("#wb-message").inner_text()
    page.wait_for_function("document.activeElement?.tagName === 'TEXTAREA'")  # there to edit
    assert review.events(db, update.id) == []  # in the box only: nothing stored
    shown = page.locator(f'tr[data-bead="{bead}"] td[lang="ar"]').inner_text().strip()
    assert shown == UPDATED["ar"][1]
    assert box.input_value() == SUBSTITUTED

    page.keyboard.press("Control+Enter")  # the reviewer confirms: now it is an edit
    page.wait_for_selector(f'tr[data-bead="{bead}"] td[lang="ar"].wb-edited')
    state = review.alignment_state(db, update.id).beads
    assert state[bead].texts[1] == SUBSTITUTED
    assert [e.action for e in review.events(db, update.id)] == ["edit"]


def test_a_digit_without_such_a_match_says_so_and_changes_nothing(app, page):
    _, db, update = app
    bead = update.beads[2].id
    _choose(page, bead)
    before = page.locator("#wb-edit-1 textarea").input_value()
    page.keyboard.press("5")
    page.wait_for_selector("#wb-message .wb-notice")
    assert "There is no match 5 for this bead" in page.locator("#wb-message").inner_text()
    assert page.locator("#wb-edit-1 textarea").input_value() == before
    keys = page.locator(".wb-keys").inner_text()
    assert "best memory match into the edit box" in keys
