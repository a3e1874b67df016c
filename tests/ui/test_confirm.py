"""Confirm (Ctrl+Enter): a changed bead is saved, an unchanged one accepted; then the next bead,
on the next page when it was the last of its page."""

from dataclasses import replace

from tests.review.samples import SENTENCES
from workbench.store import review
from workbench.ui import handlers
from workbench.ui.handlers import Details, act, make_view


def _paged(alignment, size=2):
    view = make_view(alignment.id, ["en", "ar"], order="document order")
    return replace(view, query=replace(view.query, size=size))


def test_confirm_saves_a_changed_bead_and_moves_to_the_next(ctx, alignment):
    view = _paged(alignment)
    first, second = handlers.show(ctx, view).bead_ids
    editor = handlers.editor(ctx, view, first)
    details = Details(texts=[SENTENCES["en"][0], "نص مصحح"], bases=editor.bases)
    outcome = act(ctx, None, view, first, "confirm", details)
    assert outcome.message == "Saved the corrected text." and outcome.editor.bead_id == second
    assert review.alignment_state(ctx.db, alignment.id).beads[first].texts == {1: "نص مصحح"}


def test_confirm_accepts_an_unchanged_bead(ctx, alignment):
    view = _paged(alignment)
    first, second = handlers.show(ctx, view).bead_ids
    editor = handlers.editor(ctx, view, first)
    texts = [slot.text for slot in editor.slots]
    outcome = act(ctx, None, view, first, "confirm", Details(texts=texts, bases=editor.bases))
    assert outcome.message == "Accepted." and outcome.editor.bead_id == second
    assert review.events(ctx.db, alignment.id)[-1].action == "accept"


def test_confirm_on_the_last_bead_of_a_page_opens_the_next_page(ctx, alignment):
    view = _paged(alignment)
    last = handlers.show(ctx, view).bead_ids[-1]
    editor = handlers.editor(ctx, view, last)
    texts = [slot.text for slot in editor.slots]
    outcome = act(ctx, None, view, last, "confirm", Details(texts=texts, bases=editor.bases))
    assert outcome.shown.page == 2 and outcome.editor.bead_id == outcome.shown.bead_ids[0]
    assert outcome.editor.bead_id == alignment.beads[2].id


def test_confirm_on_the_very_last_bead_stays_there(ctx, alignment):
    view = replace(_paged(alignment), query=replace(_paged(alignment).query, page=3))
    last = handlers.show(ctx, view).bead_ids[-1]
    assert last == alignment.beads[-1].id
    outcome = act(ctx, None, view, last, "accept")
    assert (outcome.shown.page, outcome.editor.bead_id) == (3, last)
