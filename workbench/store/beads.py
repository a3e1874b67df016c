"""One bead at a time: is it current, and what have reviewers made of it.

`alignments.current_beads` folds every event of an alignment and reads every bead; a
reviewer's action touches one bead, so these answer the same questions from that bead's row,
the alignment's structural (and undo) events, and the bead's own events only. The answers
are the ones the full fold gives (tests/store/test_beads.py checks them against it).
"""

from __future__ import annotations

from workbench.errors import NotFound
from workbench.records import Bead
from workbench.store import review
from workbench.store.alignments import bead_of
from workbench.store.db import Database

_RESHAPING = (*review.STRUCTURAL_ACTIONS, "undo")


def current_bead(db: Database, alignment_id: int, bead_id: int) -> Bead:
    """The bead if it is one of the alignment's current beads, with its status and last flag."""
    with db.read() as conn:
        row = conn.execute(
            "SELECT * FROM bead WHERE id = ? AND alignment_id = ?", (bead_id, alignment_id)
        ).fetchone()
        placeholders = ",".join("?" * len(_RESHAPING))
        reshaping = conn.execute(
            f"SELECT * FROM review_event WHERE alignment_id = ? AND action IN ({placeholders})"
            " ORDER BY id",
            (alignment_id, *_RESHAPING),
        ).fetchall()
        own = review.events(db, alignment_id, bead_id=bead_id)
    structure = review.fold(review._event(r) for r in reshaping)
    if row is None or not structure.is_current(bead_id, row["created_by_event"]):
        raise NotFound(
            f"Bead {bead_id} is not a current bead of alignment {alignment_id} (someone may "
            "have split, merged or unaligned it); reload the report."
        )
    return bead_of(row, review.fold(own).beads.get(bead_id))


def bead_state(db: Database, alignment_id: int, bead_id: int) -> review.BeadState:
    """Status, edited texts, flags and comments of one bead, from its own events."""
    state = review.fold(review.events(db, alignment_id, bead_id=bead_id)).beads.get(bead_id)
    return state or review.BeadState()
