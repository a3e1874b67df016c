"""One bead at a time: is it current, and what have reviewers made of it.

`alignments.current_beads` folds every event of an alignment and reads every bead; a
reviewer's action touches one bead, so these answer the same questions from that bead's row,
the alignment's structural (and undo) events, and the bead's own events only. The answers
are the ones the full fold gives (tests/store/test_beads.py checks them against it).
"""

from __future__ import annotations

import sqlite3

from workbench.errors import NotFound
from workbench.records import Bead, ReviewEvent
from workbench.store import review
from workbench.store.alignments import bead_of
from workbench.store.db import Database

_RESHAPING = (*review.STRUCTURAL_ACTIONS, "undo")


def current_bead(db: Database, alignment_id: int, bead_id: int) -> Bead:
    """The bead if it is one of the alignment's current beads, with its status and last flag."""
    row, reshaping, state = _one(db, alignment_id, bead_id)
    structure = review.fold(reshaping)
    if row is None or not structure.is_current(bead_id, row["created_by_event"]):
        raise NotFound(
            f"Bead {bead_id} is not a current bead of alignment {alignment_id} (someone may "
            "have split, merged or unaligned it); reload the report."
        )
    return bead_of(row, state)


def bead_state(db: Database, alignment_id: int, bead_id: int) -> review.BeadState:
    """Status, edited texts, flags and comments of one bead: what its own events and the
    restructuring that made it (the work it carried over) say."""
    return _one(db, alignment_id, bead_id)[2] or review.BeadState()


def _one(
    db: Database, alignment_id: int, bead_id: int
) -> tuple[sqlite3.Row | None, list[ReviewEvent], review.BeadState | None]:
    """The bead's row, the alignment's reshaping events, and the bead's state."""
    with db.read() as conn:
        row = conn.execute(
            "SELECT * FROM bead WHERE id = ? AND alignment_id = ?", (bead_id, alignment_id)
        ).fetchone()
        placeholders = ",".join("?" * len(_RESHAPING))
        reshaping = [
            review._event(r)
            for r in conn.execute(
                f"SELECT * FROM review_event WHERE alignment_id = ? AND action IN ({placeholders})"
                " ORDER BY id",
                (alignment_id, *_RESHAPING),
            )
        ]
        own = review.events(db, alignment_id, bead_id=bead_id)
        maker = row["created_by_event"] if row is not None else None
        made = review.created_beads(conn, alignment_id, event_id=maker) if maker else {}
    both = {e.id: e for e in [*reshaping, *own]}
    return row, reshaping, review.fold(both.values(), made).beads.get(bead_id)
