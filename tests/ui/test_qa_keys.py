"""QA findings from the keyboard, in Debian's Chromium: the finding's words are marked in both
texts, q jumps to the next bead with a finding, d asks why and Enter dismisses it (a dismiss
event with who and why), and the keys are listed on screen."""

from __future__ import annotations

import pytest

from tests.review.qa_samples import UPDATE, add_both
from tests.ui.reviewing import review_page, serving
from workbench.store import review

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WRONG = 2  # the update's bead whose Arabic gives 41,000 for 14,000
ON_THE_ROW = "document.activeElement && document.activeElement.matches('tr.wb-selected')"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from workbench.accounts import create_user
    from workbench.config import load_settings
    from workbench.store.db import open_database

    folder = tmp_path_factory.mktemp("qa-keys")
    db = open_database(folder / "ui.db")
    update = add_both(db)[1]
    create_user(db, "amina", "correct horse", "reviewer")
    with serving(db, load_settings({"home": folder}), update) as served:
        yield served


@pytest.fixture
def page(app, browser):
    context, tab = review_page(browser, app[0].url, report=UPDATE)
    yield tab
    context.close()


def _row(page, update, place: int):
    return page.locator(f'#wb-review-table tr[data-bead="{update.beads[place - 1].id}"]')


def test_q_lands_on_the_next_bead_with_a_finding_and_its_words_are_marked(app, page):
    _, _, update = app
    wrong = update.beads[WRONG - 1].id
    assert _row(page, update, 1).locator("td.wb-qa").get_attribute("data-findings") == "0"
    page.keyboard.press("q")  # nothing chosen yet: bead 1 has no finding, bead 2 has
    page.wait_for_selector(f'#wb-panel .wb-panel[data-bead="{wrong}"]')
    assert "wb-selected" in _row(page, update, WRONG).get_attribute("class")
    # the QA panel is its own update: it may still show Gradio's progress timer a moment
    page.wait_for_function("document.querySelector('#wb-qa-panel').innerText.includes('41,000')")
    marks = _row(page, update, WRONG).locator("mark.wb-qa-span")
    assert [marks.nth(i).inner_text() for i in range(marks.count())] == ["14,000", "41,000"]
    assert "numbers · critical" in marks.first.get_attribute("title")
    assert "<kbd>d</kbd>" in page.locator(".wb-keys").inner_html()
    assert "dismiss a QA finding" in page.locator(".wb-keys").inner_text()


def test_d_asks_why_and_enter_dismisses_the_beads_finding(app, page):
    _, db, update = app
    wrong = update.beads[WRONG - 1].id
    page.keyboard.press("q")
    page.wait_for_selector(f'#wb-panel .wb-panel[data-bead="{wrong}"]')
    page.keyboard.press("d")
    page.wait_for_function("document.activeElement.closest('#wb-dismiss-why') !== null")
    page.keyboard.type("the English figure is the typo")
    page.keyboard.press("Enter")
    page.wait_for_selector(f'tr[data-bead="{wrong}"] td.wb-qa[data-findings="0"]')
    page.wait_for_function(ON_THE_ROW)  # back on the row, where the keys work
    assert _row(page, update, WRONG).locator("mark.wb-qa-span").count() == 0
    [event] = [e for e in review.events(db, update.id) if e.action == "dismiss"]
    assert (event.user, event.bead_id) == ("amina", wrong)
    assert event.comment == "the English figure is the typo"
    assert "dismissed by amina" in page.locator("#wb-message").inner_text()
