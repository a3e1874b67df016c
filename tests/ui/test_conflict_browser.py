"""Two reviewers on one bead, in two Chromium contexts (two logged-in browsers): the second save
opens a dialog with both versions side by side; Keep mine, Take theirs and Edit each do what
they say, and the history keeps both versions every time."""

from __future__ import annotations

import pytest

from tests.review.samples import served_store
from tests.ui.reviewing import review_page, serving
from workbench.store import review

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WAIT_MS = 20_000


@pytest.fixture(scope="module")
def app(tmp_path_factory, tiny_model):
    from workbench.accounts import create_user

    db, settings, alignment = served_store(
        tmp_path_factory.mktemp("clash"), tiny_model, ("en", "ar", "kmr")
    )
    create_user(db, "karwan", "another horse", "reviewer")
    with serving(db, settings, alignment) as served:
        yield served


@pytest.fixture
def two(app, browser):
    running = app[0]
    amina = review_page(browser, running.url)
    karwan = review_page(browser, running.url, "karwan", "another horse")
    yield amina[1], karwan[1]
    amina[0].close()
    karwan[0].close()


def _open_bead(page, bead):
    page.locator(f'#wb-review-table tr[data-bead="{bead}"]').click()
    page.wait_for_selector(f'#wb-panel .wb-panel[data-bead="{bead}"]')


def _save(page, text):
    page.locator("#wb-edit-1 textarea").fill(text)
    page.locator("#wb-save").click()


def _clash(amina, karwan, bead, theirs, mine):
    """Both open the bead; karwan saves first; amina's save opens the dialog."""
    _open_bead(amina, bead)
    _open_bead(karwan, bead)
    _save(karwan, theirs)
    karwan.locator("#wb-message").get_by_text("Saved the corrected text").wait_for()
    _save(amina, mine)
    dialog = amina.locator("#wb-conflict").first  # Gradio puts the id on two nested boxes
    dialog.wait_for(state="visible")
    return dialog


def _texts(db, alignment, bead):
    """Every text of column 1 the bead's history holds (edits and set-aside notes)."""
    found = []
    for event in review.events(db, alignment.id, bead_id=bead):
        found += [t for c, t in event.after.get("texts", {}).items() if c == "1"]
        found += [t for c, t in event.after.get("set_aside", {}).items() if c == "1"]
    return found


def test_keep_mine_saves_over_theirs_and_both_stay_in_the_history(app, two):
    _, db, alignment = app
    amina, karwan = two
    bead = alignment.beads[0].id
    dialog = _clash(amina, karwan, bead, "نص كاروان", "نص أمينة")
    mine = dialog.locator(".wb-conflict-mine p")
    theirs = dialog.locator(".wb-conflict-theirs p")
    assert (mine.inner_text(), theirs.inner_text()) == ("نص أمينة", "نص كاروان")
    assert mine.get_attribute("dir") == "rtl" and "karwan" in dialog.inner_text()
    box_mine, box_theirs = mine.bounding_box(), theirs.bounding_box()  # side by side
    assert abs(box_mine["y"] - box_theirs["y"]) < 5 and box_mine["x"] != box_theirs["x"]

    dialog.locator("#wb-conflict-mine").click()
    dialog.wait_for(state="hidden")
    amina.locator("#wb-message").get_by_text("Saved the corrected text").wait_for()
    assert review.alignment_state(db, alignment.id).beads[bead].texts[1] == "نص أمينة"
    assert _texts(db, alignment, bead) == ["نص كاروان", "نص أمينة"]


def test_take_theirs_keeps_their_text_and_sets_mine_aside_in_the_history(app, two):
    _, db, alignment = app
    amina, karwan = two
    bead = alignment.beads[1].id
    dialog = _clash(amina, karwan, bead, "ترجمة كاروان", "ترجمة أمينة")
    dialog.locator("#wb-conflict-theirs").click()
    dialog.wait_for(state="hidden")
    amina.locator("#wb-message").get_by_text("Took karwan's text").wait_for()
    assert amina.locator("#wb-edit-1 textarea").input_value() == "ترجمة كاروان"
    assert review.alignment_state(db, alignment.id).beads[bead].texts[1] == "ترجمة كاروان"
    assert _texts(db, alignment, bead) == ["ترجمة كاروان", "ترجمة أمينة"]
    last = review.events(db, alignment.id, bead_id=bead)[-1]
    assert (last.user, last.action) == ("amina", "comment")


def test_edit_closes_the_dialog_and_the_next_save_replaces_theirs(app, two):
    _, db, alignment = app
    amina, karwan = two
    bead = alignment.beads[2].id
    dialog = _clash(amina, karwan, bead, "جملة كاروان", "جملة أمينة")
    dialog.locator("#wb-conflict-edit").click()
    dialog.wait_for(state="hidden")
    assert amina.locator("#wb-edit-1 textarea").input_value() == "جملة أمينة"
    _save(amina, "جملة أمينة المعدلة")
    amina.locator("#wb-message").get_by_text("Saved the corrected text").wait_for()
    assert review.alignment_state(db, alignment.id).beads[bead].texts[1] == "جملة أمينة المعدلة"
    assert _texts(db, alignment, bead) == ["جملة كاروان", "جملة أمينة المعدلة"]
