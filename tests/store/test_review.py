import pytest

from workbench.errors import InputError, NotFound
from workbench.records import Alignment, Bead, ReviewEvent
from workbench.store import alignments, review


@pytest.fixture
def alignment(db):
    beads = tuple(Bead(((i,), (i,)), score=0.5, confidence=0.9, signal="length") for i in range(4))
    return alignments.save_alignment(db, Alignment((1, 2), "test", "sig", beads))


def _event(alignment, bead, action, **kw):
    return ReviewEvent(
        action=action, user="amina", alignment_id=alignment.id, bead_id=bead.id, **kw
    )


def _statuses(db, alignment):
    return [b.status for b in alignments.get_alignment(db, alignment.id).beads]


def test_state_is_derived_from_events(db, alignment):
    b0, b1 = alignment.beads[:2]
    review.record_event(db, _event(alignment, b0, "accept"))
    review.record_event(
        db,
        _event(
            alignment, b1, "flag", after={"category": "omission", "severity": "major"}, comment="x"
        ),
    )
    assert _statuses(db, alignment) == ["accepted", "flagged", "auto", "auto"]
    flagged = alignments.get_alignment(db, alignment.id).beads[1]
    assert flagged.flag == {
        "category": "omission",
        "severity": "major",
        "comment": "x",
        "user": "amina",
    }


def test_edit_keeps_the_text_per_column(db, alignment):
    bead = alignment.beads[2]
    review.record_event(db, _event(alignment, bead, "edit", after={"texts": {"1": "fixed"}}))
    state = review.alignment_state(db, alignment.id)
    assert state.beads[bead.id].texts == {1: "fixed"}
    assert state.beads[bead.id].status == "edited"


def test_undo_is_a_new_event_and_undoing_the_undo_redoes(db, alignment):
    bead = alignment.beads[0]
    review.record_event(db, _event(alignment, bead, "accept"))
    review.record_event(db, _event(alignment, bead, "reject"))
    first_undo = review.undo(db, alignment.id, "amina")
    assert _statuses(db, alignment)[0] == "accepted"
    review.undo(db, alignment.id, "amina")
    assert _statuses(db, alignment)[0] == "auto"
    review.record_event(
        db,
        ReviewEvent(action="undo", user="amina", alignment_id=alignment.id, undoes=first_undo.id),
    )
    assert _statuses(db, alignment)[0] == "rejected"
    assert len(review.events(db, alignment.id)) == 5  # nothing was ever removed


def test_undo_with_nothing_to_undo(db, alignment):
    with pytest.raises(NotFound, match="nothing to undo"):
        review.undo(db, alignment.id, "amina")


def test_undo_of_one_bead_leaves_the_others(db, alignment):
    b0, b1 = alignment.beads[:2]
    review.record_event(db, _event(alignment, b0, "accept"))
    review.record_event(db, _event(alignment, b1, "accept"))
    review.undo(db, alignment.id, "amina", bead_id=b0.id)
    assert _statuses(db, alignment)[:2] == ["auto", "accepted"]


@pytest.mark.parametrize(
    ("action", "user", "message"),
    [
        ("delete", "amina", "Unknown review action"),
        ("accept", " ", "needs the name of the reviewer"),
    ],
)
def test_bad_events_are_refused(db, alignment, action, user, message):
    with pytest.raises(InputError, match=message):
        review.record_event(db, ReviewEvent(action=action, user=user, alignment_id=alignment.id))


def test_merge_then_undo_restores_the_beads(db, alignment):
    b1, b2 = alignment.beads[1:3]
    merged = Bead(((1, 2), (1, 2)), signal="reviewer")
    alignments.restructure(db, alignment.id, "amina", "merge", [b1.id, b2.id], [merged])
    after = alignments.get_alignment(db, alignment.id).beads
    assert [b.segments for b in after] == [((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,))]
    review.undo(db, alignment.id, "amina")
    restored = alignments.get_alignment(db, alignment.id).beads
    assert [b.id for b in restored] == [b.id for b in alignment.beads]


def test_split_places_new_beads_where_the_old_one_was(db, alignment):
    b = alignment.beads[1]
    parts = [Bead(((1,), ())), Bead(((), (1,)))]
    alignments.restructure(db, alignment.id, "amina", "split", [b.id], parts)
    kinds = [x.kind for x in alignments.get_alignment(db, alignment.id).beads]
    assert kinds == ["1-1", "1-0", "0-1", "1-1", "1-1"]


def test_restructure_refuses_beads_of_another_alignment(db, alignment):
    with pytest.raises(NotFound, match="not all in alignment"):
        alignments.restructure(db, alignment.id, "amina", "merge", [9999], [Bead(((0,), (0,)))])
