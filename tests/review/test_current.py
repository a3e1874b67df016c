"""The alignment kept in memory (review.current) and the rows built from it (rows.RowCache):
after any sequence of reviewers' actions, what a cached look shows is what a fresh look at
the store shows; only changed beads get new rows."""

from __future__ import annotations

import pytest

from tests.review.conftest import REVIEWER
from workbench.records import User
from workbench.review import actions
from workbench.review.current import CurrentAlignments
from workbench.review.rows import Query, Sources, open_review
from workbench.store import alignments, review
from workbench.store.db import open_database

KARWAN = User("karwan", "reviewer")


def _fresh(db, alignment_id):
    """The rows as a look with nothing cached shows them."""
    return open_review(db, alignment_id, ["en", "ar"], sources=Sources())


def _same(cached, fresh) -> None:
    assert cached.rows == fresh.rows
    assert cached.alignment.beads == fresh.alignment.beads


def _ids(db, alignment):
    return [b.id for b in alignments.current_beads(db, alignment.id)]


STEPS = {
    "accept": lambda db, a, b: actions.accept(db, REVIEWER, a, b[0]),
    "edit": lambda db, a, b: actions.edit(db, REVIEWER, a, b[1], {1: "نص جديد"}),
    "flag": lambda db, a, b: actions.flag(
        db, KARWAN, a, b[2], "accuracy/mistranslation", "minor", "why"
    ),
    "comment": lambda db, a, b: actions.comment(db, KARWAN, a, b[0], "a note"),
    "merge": lambda db, a, b: actions.merge_with_next(db, REVIEWER, a, b[2]),
    "split": lambda db, a, b: actions.split(db, REVIEWER, a, b[-1], [0, 1, 1]),
    "undo": lambda db, a, b: actions.undo_mine(db, REVIEWER, a),
}


@pytest.mark.parametrize(
    "plan",
    [
        ("accept", "edit", "flag"),
        ("edit", "undo", "edit"),
        ("merge", "accept"),
        ("accept", "merge", "undo", "comment"),
        ("edit", "split", "flag", "undo", "undo"),
    ],
)
def test_a_cached_look_after_actions_equals_a_fresh_one(db, alignment, plan):
    sources = Sources()
    _same(open_review(db, alignment.id, ["en", "ar"], sources=sources), _fresh(db, alignment.id))
    for step in plan:
        STEPS[step](db, alignment.id, _ids(db, alignment))
        cached = open_review(db, alignment.id, ["en", "ar"], sources=sources)
        _same(cached, _fresh(db, alignment.id))


def test_the_fold_carried_on_equals_the_fold_of_every_event(db, alignment):
    current = CurrentAlignments()
    current.get(db, alignment.id)
    ids = _ids(db, alignment)
    actions.edit(db, REVIEWER, alignment.id, ids[0], {1: "أول"})
    actions.flag(db, KARWAN, alignment.id, ids[0], "style", "major", "")
    standing = current.get(db, alignment.id)
    every = review.alignment_state(db, alignment.id)
    assert standing.state.beads == every.beads
    assert standing.last_event == max(e.id for e in review.events(db, alignment.id))


def test_an_older_look_is_not_changed_by_a_newer_one(db, alignment):
    current = CurrentAlignments()
    ids = _ids(db, alignment)
    actions.edit(db, REVIEWER, alignment.id, ids[0], {1: "أول"})
    before = current.get(db, alignment.id)
    kept = dict(before.state.beads[ids[0]].texts)
    actions.edit(db, REVIEWER, alignment.id, ids[0], {1: "ثاني"})
    after = current.get(db, alignment.id)
    assert before.state.beads[ids[0]].texts == kept
    assert after.state.beads[ids[0]].texts[1] == "ثاني"


def test_another_process_writing_is_seen(db, alignment, tmp_path):
    sources = Sources()
    open_review(db, alignment.id, ["en", "ar"], sources=sources)
    other = open_database(db.path)  # another handle on the file, as `workbench` on the CLI
    try:
        actions.accept(other, KARWAN, alignment.id, _ids(db, alignment)[3])
    finally:
        other.close()
    opened = open_review(db, alignment.id, ["en", "ar"], sources=sources)
    assert opened.rows[3].status == "accepted"


def test_only_changed_beads_get_new_rows_and_unchanged_looks_are_reused(db, alignment):
    sources = Sources()
    first = open_review(db, alignment.id, ["en", "ar"], sources=sources)
    assert open_review(db, alignment.id, ["en", "ar"], sources=sources) is first
    actions.accept(db, REVIEWER, alignment.id, first.rows[1].bead_id)
    second = open_review(db, alignment.id, ["en", "ar"], sources=sources)
    assert second is not first
    assert [a is b for a, b in zip(first.rows, second.rows, strict=True)] == [
        True, False, True, True, True,
    ]  # fmt: skip


def test_pages_of_one_filter_are_cut_from_one_selection(db, alignment):
    opened = open_review(db, alignment.id, ["en", "ar"], sources=Sources())
    query = Query(status="unreviewed", order="document order", size=2)
    pages = [opened.page(Query(**{**query.__dict__, "page": n})) for n in (1, 2, 3)]
    assert [r.number for p in pages for r in p.rows] == [1, 2, 3, 4, 5]
    assert opened.selected(query) is opened.selected(Query(**{**query.__dict__, "page": 3}))
