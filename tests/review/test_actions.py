import pytest

from tests.review.conftest import REVIEWER, VIEWER
from tests.review.samples import SENTENCES
from workbench.errors import InputError, NotFound, PermissionDenied
from workbench.records import User
from workbench.review import actions
from workbench.store import alignments, review


def _beads(db, alignment):
    return alignments.get_alignment(db, alignment.id).beads


def _state(db, alignment, bead_id):
    return review.alignment_state(db, alignment.id).beads.get(bead_id)


def test_accept_is_an_event_by_the_reviewer(db, alignment):
    event = actions.accept(db, REVIEWER, alignment.id, alignment.beads[0].id)
    assert (event.action, event.user) == ("accept", "amina")
    assert _beads(db, alignment)[0].status == "accepted"


def test_edit_keeps_before_and_after_per_column(db, alignment):
    bead = alignment.beads[2]
    event = actions.edit(db, REVIEWER, alignment.id, bead.id, {1: "  نص   مصحح \n"})
    assert event.before == {"texts": {"1": SENTENCES["ar"][2]}}
    assert event.after == {"texts": {"1": "نص مصحح"}}
    assert _state(db, alignment, bead.id).texts == {1: "نص مصحح"}


def test_an_edit_that_changes_nothing_is_refused(db, alignment):
    bead = alignment.beads[0]
    with pytest.raises(InputError, match="Nothing was changed"):
        actions.edit(db, REVIEWER, alignment.id, bead.id, {0: SENTENCES["en"][0]})


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        ({1: "   "}, "cannot be empty"),
        ({7: "x"}, "no column 7"),
        ({1: "x" * 20_001}, "at most 20000"),
    ],
)
def test_bad_edits_are_refused(db, alignment, texts, message):
    with pytest.raises(InputError, match=message):
        actions.edit(db, REVIEWER, alignment.id, alignment.beads[0].id, texts)


def test_flag_records_category_severity_and_comment(db, alignment):
    bead = alignment.beads[3]
    actions.flag(db, REVIEWER, alignment.id, bead.id, "omission", "major", "  drops Duhok ")
    assert _state(db, alignment, bead.id).flags == [
        {"category": "omission", "severity": "major", "comment": "drops Duhok", "user": "amina"}
    ]


@pytest.mark.parametrize(
    ("category", "severity", "message"),
    [("spelling", "minor", "Unknown error category"), ("style", "fatal", "Unknown severity")],
)
def test_flags_outside_mqm_are_refused(db, alignment, category, severity, message):
    with pytest.raises(InputError, match=message):
        actions.flag(db, REVIEWER, alignment.id, alignment.beads[0].id, category, severity)


def test_comment_keeps_the_status(db, alignment):
    bead = alignment.beads[0]
    actions.comment(db, REVIEWER, alignment.id, bead.id, "check the date")
    state = _state(db, alignment, bead.id)
    assert state.comments == ["check the date"] and state.status == "auto"


def test_split_cuts_a_bead_in_two(db, alignment):
    b0, b1 = alignment.beads[:2]
    merged = actions.merge_with_next(db, REVIEWER, alignment.id, b0.id)
    new_id = _beads(db, alignment)[0].id
    assert merged.action == "merge" and _beads(db, alignment)[0].segments == ((0, 1),) * 3
    actions.split(db, REVIEWER, alignment.id, new_id, [1, 1, 2])
    assert [b.segments for b in _beads(db, alignment)[:2]] == [
        ((0,), (0,), (0, 1)),
        ((1,), (1,), ()),
    ]


@pytest.mark.parametrize(
    ("keep", "message"),
    [([1, 1], "each of the 3 languages"), ([2, 0, 0], "cannot keep 2 of 1"), ([0, 0, 0], "Both")],
)
def test_bad_splits_are_refused(db, alignment, keep, message):
    with pytest.raises(InputError, match=message):
        actions.split(db, REVIEWER, alignment.id, alignment.beads[0].id, keep)


def test_the_last_bead_has_nothing_to_merge_with(db, alignment):
    with pytest.raises(InputError, match="last bead"):
        actions.merge_with_next(db, REVIEWER, alignment.id, alignment.beads[-1].id)


def test_unalign_every_sentence(db, alignment):
    actions.unalign(db, REVIEWER, alignment.id, alignment.beads[0].id)
    kinds = [b.kind for b in _beads(db, alignment)]
    assert kinds == ["1-0-0", "0-1-0", "0-0-1", "1-1-1", "1-1-1", "1-1-1", "1-1-1"]


def test_unalign_one_sentence(db, alignment):
    actions.unalign(db, REVIEWER, alignment.id, alignment.beads[0].id, column=2, segment=0)
    assert [b.segments for b in _beads(db, alignment)[:2]] == [((0,), (0,), ()), ((), (), (0,))]


def test_unalign_a_sentence_that_is_not_in_the_bead(db, alignment):
    with pytest.raises(InputError, match="not in this bead"):
        actions.unalign(db, REVIEWER, alignment.id, alignment.beads[0].id, column=1, segment=3)


def test_undo_takes_back_only_my_latest_action(db, alignment):
    b0, b1 = alignment.beads[:2]
    other = User("karwan", "reviewer")
    actions.accept(db, REVIEWER, alignment.id, b0.id)
    actions.accept(db, other, alignment.id, b1.id)
    undone = actions.undo_mine(db, REVIEWER, alignment.id)
    assert undone.undoes is not None and undone.before == {"action": "accept"}
    assert [b.status for b in _beads(db, alignment)[:2]] == ["auto", "accepted"]


def test_undo_of_a_merge_brings_the_beads_back(db, alignment):
    actions.merge_with_next(db, REVIEWER, alignment.id, alignment.beads[0].id)
    actions.undo_mine(db, REVIEWER, alignment.id)
    assert [b.id for b in _beads(db, alignment)] == [b.id for b in alignment.beads]


def test_nothing_to_undo(db, alignment):
    with pytest.raises(NotFound, match="nothing to undo"):
        actions.undo_mine(db, REVIEWER, alignment.id)


def test_a_retired_bead_cannot_be_acted_on(db, alignment):
    b0 = alignment.beads[0]
    actions.merge_with_next(db, REVIEWER, alignment.id, b0.id)
    with pytest.raises(NotFound, match="reload the report"):
        actions.accept(db, REVIEWER, alignment.id, b0.id)


VIEWER_ACTIONS = {
    "accept": lambda db, a, b: actions.accept(db, VIEWER, a, b),
    "edit": lambda db, a, b: actions.edit(db, VIEWER, a, b, {0: "changed"}),
    "flag": lambda db, a, b: actions.flag(db, VIEWER, a, b, "style", "minor"),
    "comment": lambda db, a, b: actions.comment(db, VIEWER, a, b, "note"),
    "split": lambda db, a, b: actions.split(db, VIEWER, a, b, [1, 0, 0]),
    "merge": lambda db, a, b: actions.merge_with_next(db, VIEWER, a, b),
    "unalign": lambda db, a, b: actions.unalign(db, VIEWER, a, b),
    "undo": lambda db, a, b: actions.undo_mine(db, VIEWER, a),
}


@pytest.mark.parametrize("action", sorted(VIEWER_ACTIONS))
def test_a_viewer_cannot_change_anything(db, alignment, action):
    with pytest.raises(PermissionDenied, match="omar is a viewer"):
        VIEWER_ACTIONS[action](db, alignment.id, alignment.beads[0].id)
    assert review.events(db, alignment.id) == []
