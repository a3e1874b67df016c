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


def current_bead(db: Database, alignment_id: int, bead_id: int) -> Bead:
    """The bead if it is one of the alignment's current beads, with its status and last flag."""
    with db.read() as conn:
        row = conn.execute(
            "SELECT * FROM bead WHERE id = ? AND alignment_id = ?", (bead_id, alignment_id)
        ).fetchone()
        state = review.some_beads_state(conn, alignment_id, [bead_id])
    if row is None or not state.is_current(bead_id, row["created_by_event"]):
        raise NotFound(
            f"Bead {bead_id} is not a current bead of alignment {alignment_id} (someone may "
            "have split, merged or unaligned it); reload the report."
        )
    return bead_of(row, state.beads.get(bead_id))


def bead_state(db: Database, alignment_id: int, bead_id: int) -> review.BeadState:
    """Status, edited texts, flags and comments of one bead: what its own events and the
    restructuring that made it (the work it carried over) say."""
    with db.read() as conn:
        state = review.some_beads_state(conn, alignment_id, [bead_id])
    return state.beads.get(bead_id) or review.BeadState()


def next_current_bead(db: Database, alignment_id: int, bead: Bead) -> Bead | None:
    """The current bead after `bead` in document order, or None after the last one."""
    with db.read() as conn:
        structure = review.some_beads_state(conn, alignment_id, [])
        rows = conn.execute(
            "SELECT * FROM bead WHERE alignment_id = ? AND (position, id) > (?, ?)"
            " ORDER BY position, id",
            (alignment_id, bead.position, bead.id),
        )
        for row in rows:
            if structure.is_current(row["id"], row["created_by_event"]):
                return current_bead(db, alignment_id, row["id"])
    return None


def alignment_of(db: Database, bead_id: int) -> int:
    """The alignment a bead belongs to (current or not); NotFound for an unknown bead."""
    row = db.connection().execute("SELECT alignment_id FROM bead WHERE id = ?", (bead_id,))
    found = row.fetchone()
    if found is None:
        raise NotFound(f"There is no bead {bead_id}; `workbench mqm list REPORT` shows them.")
    return int(found["alignment_id"])
