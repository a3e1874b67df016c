"""One-bead answers agree with the full fold of the alignment, whatever reviewers did."""

import pytest

from workbench.errors import NotFound
from workbench.records import Alignment, Bead, ReviewEvent
from workbench.store import alignments, beads, review


@pytest.fixture
def alignment(db):
    rows = tuple(Bead(((i,), (i,)), confidence=0.5) for i in range(4))
    return alignments.save_alignment(db, Alignment((1, 2), "test", "sig", rows))


def _agree(db, alignment):
    """Every bead of the table answers as the full fold says: current or not, same state."""
    current = {b.id: b for b in alignments.current_beads(db, alignment.id)}
    state = review.alignment_state(db, alignment.id)
    ids = [r[0] for r in db.connection().execute("SELECT id FROM bead")]
    for bead_id in ids:
        if bead_id in current:
            assert beads.current_bead(db, alignment.id, bead_id) == current[bead_id]
            expected = state.beads.get(bead_id) or review.BeadState()
            assert beads.bead_state(db, alignment.id, bead_id) == expected
        else:
            with pytest.raises(NotFound, match="not a current bead"):
                beads.current_bead(db, alignment.id, bead_id)


STEPS = {
    "edit and flag": lambda db, a, b: [
        review.record_event(
            db, ReviewEvent("edit", "amina", a.id, b[0].id, after={"texts": {"1": "x"}})
        ),
        review.record_event(
            db,
            ReviewEvent(
                "flag", "amina", a.id, b[1].id, after={"category": "style", "severity": "minor"}
            ),
        ),
    ],
    "merge": lambda db, a, b: alignments.restructure(
        db, a.id, "amina", "merge", [b[0].id, b[1].id], [Bead(((0, 1), (0, 1)))]
    ),
    "merge then undo": lambda db, a, b: [
        alignments.restructure(
            db, a.id, "amina", "merge", [b[0].id, b[1].id], [Bead(((0, 1), (0, 1)))]
        ),
        review.undo(db, a.id, "amina"),
    ],
    "merge, undo, redo": lambda db, a, b: [
        alignments.restructure(
            db, a.id, "amina", "merge", [b[2].id, b[3].id], [Bead(((2, 3), (2, 3)))]
        ),
        review.undo(db, a.id, "amina"),
        review.record_event(
            db, ReviewEvent("undo", "amina", a.id, b[2].id, undoes=review.events(db, a.id)[-1].id)
        ),
    ],
    "split then accept the parts": lambda db, a, b: [
        alignments.restructure(
            db, a.id, "amina", "split", [b[1].id], [Bead(((1,), ())), Bead(((), (1,)))]
        ),
        [
            review.record_event(db, ReviewEvent("accept", "amina", a.id, x.id))
            for x in alignments.current_beads(db, a.id)[1:3]
        ],
    ],
    "edit and flag, then merge (carried over)": lambda db, a, b: [
        STEPS["edit and flag"](db, a, b),
        alignments.restructure(
            db, a.id, "amina", "merge", [b[0].id, b[1].id], [Bead(((0, 1), (0, 1)))]
        ),
    ],
    "flag, then split (both parts carry it), then accept one": lambda db, a, b: [
        alignments.restructure(
            db, a.id, "amina", "merge", [b[2].id, b[3].id], [Bead(((2, 3), (2, 3)))]
        ),
        review.record_event(
            db,
            ReviewEvent(
                "flag",
                "karwan",
                a.id,
                alignments.current_beads(db, a.id)[2].id,
                after={"category": "style", "severity": "minor"},
            ),
        ),
        alignments.restructure(
            db,
            a.id,
            "amina",
            "split",
            [alignments.current_beads(db, a.id)[2].id],
            [Bead(((2,), (2,))), Bead(((3,), (3,)))],
        ),
        review.record_event(
            db, ReviewEvent("accept", "amina", a.id, alignments.current_beads(db, a.id)[3].id)
        ),
    ],
    "accept then undo": lambda db, a, b: [
        review.record_event(db, ReviewEvent("accept", "amina", a.id, b[3].id)),
        review.undo(db, a.id, "amina", bead_id=b[3].id),
    ],
}


@pytest.mark.parametrize("story", sorted(STEPS))
def test_one_bead_answers_agree_with_the_full_fold(db, alignment, story):
    STEPS[story](db, alignment, alignment.beads)
    _agree(db, alignment)


def test_a_bead_of_another_alignment_is_not_current(db, alignment):
    other = alignments.save_alignment(db, Alignment((1, 2), "t", "s", (Bead(((0,), (0,))),)))
    with pytest.raises(NotFound):
        beads.current_bead(db, alignment.id, other.beads[0].id)
