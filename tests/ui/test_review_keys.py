"""Keyboard habits of CAT tools, in Debian's Chromium: Ctrl+Enter confirms the bead and moves to
the next one with the focus in its edit box; n jumps to the next unreviewed bead; the keys are
listed on screen."""

from __future__ import annotations

import pytest

from tests.ui import reviewing
from workbench.store import review

pytestmark = [pytest.mark.browser, pytest.mark.slow]
app, page = reviewing.app, reviewing.page  # the served Erbil water and amina's page on it

IN_A_BOX = "document.activeElement && document.activeElement.tagName === 'TEXTAREA'"


def _order(page) -> list[str]:
    rows = page.locator("#wb-review-table tr[data-bead]")
    return [rows.nth(i).get_attribute("data-bead") for i in range(rows.count())]


def _selected(page) -> str:
    return page.locator("#wb-review-table tr.wb-selected").get_attribute("data-bead")


def _focused(page) -> str:
    """The id of the editor box that holds the focus ("" when the focus is elsewhere)."""
    return page.evaluate(
        "() => { const el = document.activeElement;"
        " return el && el.tagName === 'TEXTAREA' ? el.closest('[id^=wb-]').id : ''; }"
    )


def test_ctrl_enter_confirms_and_moves_on_with_the_focus_in_the_edit_box(app, page):
    _, db, alignment = app
    order = _order(page)
    page.keyboard.press("j")
    page.wait_for_selector(f'#wb-panel .wb-panel[data-bead="{order[0]}"]')
    page.keyboard.press("e")
    page.keyboard.press("End")
    page.keyboard.type(" (مراجع)")
    page.keyboard.press("Control+Enter")  # changed: saved as an edit, then the next bead
    page.wait_for_selector(f'#wb-panel .wb-panel[data-bead="{order[1]}"]')
    page.wait_for_function(IN_A_BOX)
    assert _selected(page) == order[1]
    assert page.locator(f'tr[data-bead="{order[0]}"] td[lang="ar"].wb-edited').count() == 1
    assert _focused(page) == "wb-edit-1"
    shown = page.locator(f'tr[data-bead="{order[1]}"] td[lang="ar"]').inner_text().strip()
    assert page.locator("#wb-edit-1 textarea").input_value() == shown

    page.keyboard.press("Control+Enter")  # unchanged: accepted, then the next bead
    page.wait_for_selector(f'#wb-panel .wb-panel[data-bead="{order[2]}"]')
    page.wait_for_function(IN_A_BOX)
    assert _focused(page) == "wb-edit-1" and _selected(page) == order[2]
    page.keyboard.type("!")  # the focus really is in the new bead's box: typing lands there
    assert page.locator("#wb-edit-1 textarea").input_value().endswith("!")

    state = review.alignment_state(db, alignment.id).beads
    assert state[int(order[0])].texts[1].endswith(" (مراجع)")
    assert [e.action for e in review.events(db, alignment.id)][-2:] == ["edit", "accept"]
    assert page.locator(f'tr[data-bead="{order[1]}"].wb-accepted').count() == 1


def test_n_skips_reviewed_beads_and_the_keys_are_listed(app, page):
    from workbench.records import User
    from workbench.review import actions

    _, db, alignment = app
    order = _order(page)
    unreviewed = [b for b in order if page.locator(f'tr[data-bead="{b}"].wb-auto').count()]
    assert len(unreviewed) >= 3
    actions.accept(db, User("karwan", "reviewer"), alignment.id, int(unreviewed[1]))
    page.reload()
    page.wait_for_selector("#wb-review-table tr[data-bead]")
    page.keyboard.press("n")
    page.wait_for_selector(f'#wb-panel .wb-panel[data-bead="{unreviewed[0]}"]')
    page.keyboard.press("n")  # karwan accepted the next one: skipped
    page.wait_for_selector(f'#wb-panel .wb-panel[data-bead="{unreviewed[2]}"]')
    assert _selected(page) == unreviewed[2]
    keys = page.locator(".wb-keys").inner_text()
    for words in ("next unreviewed", "next with a QA finding", "confirm and go to the next bead"):
        assert words in keys
    assert page.locator(".wb-keys").is_visible()
