"""Saving an edit never reverts a colleague's: the editor sends only the boxes the reviewer
changed, each with the text it started from, and a box whose text changed since is refused
with both versions shown (item 7 of issue 19)."""

from __future__ import annotations

import contextlib
import threading

import pytest

from tests.review.samples import SENTENCES
from workbench.errors import EditConflict, InputError
from workbench.records import User
from workbench.review import actions
from workbench.store import beads, review
from workbench.ui import handlers
from workbench.ui.handlers import Details, make_view

KARWAN = User("karwan", "reviewer")
FIXED_EN = "The water station in Erbil reopened on 4 March 2024."


def _picked(ctx, alignment, bead_id):
    """What the screen holds once the local reviewer picked the bead: the boxes and bases."""
    view = make_view(alignment.id, ["en", "ar"], order="document order")
    editor = handlers.editor(ctx, view, bead_id)
    return view, [slot.text for slot in editor.slots], editor.bases


def _texts(ctx, alignment, bead_id):
    bead = beads.current_bead(ctx.db, alignment.id, bead_id)
    return actions.current_texts(ctx.db, alignment.id, bead)


def test_changing_only_the_arabic_keeps_a_colleagues_english_fix(ctx, alignment):
    bead = alignment.beads[0].id
    view, boxes, bases = _picked(ctx, alignment, bead)
    actions.edit(ctx.db, KARWAN, alignment.id, bead, {0: FIXED_EN})  # B saves first
    boxes[1] = "نص مصحح"
    handlers.act(ctx, None, view, bead, "edit", Details(texts=boxes, bases=bases))
    assert _texts(ctx, alignment, bead)[:2] == [FIXED_EN, "نص مصحح"]
    last = review.events(ctx.db, alignment.id)[-1]
    assert last.after == {"texts": {"1": "نص مصحح"}}  # the English box was not sent


def test_changing_the_same_box_is_refused_showing_both_versions(ctx, alignment):
    bead = alignment.beads[0].id
    view, boxes, bases = _picked(ctx, alignment, bead)
    actions.edit(ctx.db, KARWAN, alignment.id, bead, {0: FIXED_EN})
    boxes[0] = "The station reopened in March."
    count = len(review.events(ctx.db, alignment.id))
    with pytest.raises(EditConflict) as refused:
        handlers.act(ctx, None, view, bead, "edit", Details(texts=boxes, bases=bases))
    message = str(refused.value)
    assert "karwan changed the en text" in message
    assert "Yours: «The station reopened in March.»" in message
    assert f"Now: «{FIXED_EN}»" in message
    assert refused.value.current == {0: FIXED_EN}
    assert len(review.events(ctx.db, alignment.id)) == count
    assert _texts(ctx, alignment, bead)[0] == FIXED_EN


def test_saving_again_after_seeing_both_versions_replaces_theirs(ctx, alignment):
    bead = alignment.beads[0].id
    view, boxes, bases = _picked(ctx, alignment, bead)
    actions.edit(ctx.db, KARWAN, alignment.id, bead, {0: FIXED_EN})
    boxes[0] = "The station reopened in March."
    with pytest.raises(EditConflict) as refused:
        handlers.act(ctx, None, view, bead, "edit", Details(texts=boxes, bases=bases))
    rebased = handlers.rebased(bases, refused.value.current)
    handlers.act(ctx, None, view, bead, "edit", Details(texts=boxes, bases=rebased))
    last = review.events(ctx.db, alignment.id)[-1]
    assert last.before == {"texts": {"0": FIXED_EN}}  # what it replaced, on the record
    assert _texts(ctx, alignment, bead)[0] == "The station reopened in March."


def test_saving_unchanged_boxes_is_nothing_to_save(ctx, alignment):
    bead = alignment.beads[1].id
    view, boxes, bases = _picked(ctx, alignment, bead)
    actions.edit(ctx.db, KARWAN, alignment.id, bead, {1: "نص آخر"})
    with pytest.raises(InputError, match="Nothing was changed"):
        handlers.act(ctx, None, view, bead, "edit", Details(texts=boxes, bases=bases))
    assert _texts(ctx, alignment, bead)[1] == "نص آخر"


def test_the_domain_refuses_a_stale_base_and_saves_a_current_one(db, alignment):
    bead = alignment.beads[2].id
    amina = User("amina", "reviewer")
    actions.edit(db, KARWAN, alignment.id, bead, {0: "First fix."})
    with pytest.raises(EditConflict, match="karwan changed the en text"):
        actions.edit(db, amina, alignment.id, bead, {0: "Mine."}, bases={0: SENTENCES["en"][2]})
    done = actions.edit(db, amina, alignment.id, bead, {0: "Mine."}, bases={0: "First fix."})
    assert done.before == {"texts": {"0": "First fix."}}


def _both_read_first(monkeypatch):
    """Two savers both read the current text before either writes, where the code lets them
    (with the read inside the write transaction the second waits, and the barrier gives up)."""
    barrier = threading.Barrier(2, timeout=2)
    real = actions.current_texts

    def both_read(*args, **kwargs):
        texts = real(*args, **kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return texts

    monkeypatch.setattr(actions, "current_texts", both_read)


def test_two_reviewers_saving_one_box_at_once_one_is_told(db, alignment, monkeypatch):
    """The check and the write are one transaction: both read the same text, one saves, the
    other is refused with both versions, never a silent overwrite."""
    bead = alignment.beads[3].id
    base = SENTENCES["en"][3]
    _both_read_first(monkeypatch)
    outcomes = {}

    def save(name, text):
        try:
            outcomes[name] = actions.edit(
                db, User(name, "reviewer"), alignment.id, bead, {0: text}, bases={0: base}
            )
        except Exception as exc:
            outcomes[name] = exc

    threads = [threading.Thread(target=save, args=(n, f"{n}'s fix.")) for n in ("amina", "karwan")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    refused = [o for o in outcomes.values() if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], EditConflict), outcomes
    assert "Yours:" in str(refused[0]) and "Now:" in str(refused[0])


def test_two_edits_without_bases_record_what_each_replaced(db, alignment, monkeypatch):
    """The API's older form (no bases) still saves, but each event's `before` is the text it
    really replaced: the second edit's before is the first one's after."""
    bead = alignment.beads[4].id
    _both_read_first(monkeypatch)
    threads = [
        threading.Thread(
            target=actions.edit,
            args=(db, User(n, "reviewer"), alignment.id, bead, {0: f"{n}'s fix."}),
        )
        for n in ("amina", "karwan")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    first, second = [e for e in review.events(db, alignment.id) if e.action == "edit"]
    assert first.before == {"texts": {"0": SENTENCES["en"][4]}}
    assert second.before == first.after


def test_boxes_filled_for_another_bead_are_never_saved_on_this_one(ctx, alignment):
    """j pressed twice quickly: the pick moved on while the boxes still hold the first bead's
    texts; saving them onto the second bead would overwrite it with the first one's text."""
    first, second = alignment.beads[0].id, alignment.beads[1].id
    view, boxes, bases = _picked(ctx, alignment, first)
    boxes[1] = "نص مصحح"
    with pytest.raises(InputError, match=f"does not show bead {second} yet"):
        handlers.act(ctx, None, view, second, "edit", Details(texts=boxes, bases=bases))
    assert _texts(ctx, alignment, second)[:2] == [SENTENCES["en"][1], SENTENCES["ar"][1]]
