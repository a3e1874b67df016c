"""Alignments and their beads, as made by the aligner and as reshaped by reviewers."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import replace

from workbench.errors import InputError, NotFound
from workbench.records import Alignment, Bead, ReviewEvent
from workbench.store import review
from workbench.store.db import Database, now


def save_alignment(db: Database, alignment: Alignment) -> Alignment:
    """Store an alignment and its beads (positions 0, 1, 2, ... in the given order)."""
    if len(alignment.document_ids) < 2:
        raise InputError("An alignment joins at least two documents.")

    def work(conn: sqlite3.Connection) -> int:
        cur = conn.execute(
            """INSERT INTO alignment (report_id, document_ids, method, signature, created_at)
               VALUES (?, ?, ?, ?, ?)""",
            (
                alignment.report_id,
                json.dumps(list(alignment.document_ids)),
                alignment.method,
                alignment.signature,
                now(),
            ),
        )
        _insert_beads(conn, cur.lastrowid, alignment.beads, None, start=0.0, step=1.0)
        return cur.lastrowid

    return get_alignment(db, db.write(work))


def _insert_beads(
    conn: sqlite3.Connection,
    alignment_id: int,
    beads: Sequence[Bead],
    event_id: int | None,
    *,
    start: float,
    step: float,
) -> None:
    conn.executemany(
        """INSERT INTO bead (alignment_id, position, segments, score, confidence, signal,
                             created_by_event) VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [
            (
                alignment_id,
                start + i * step,
                json.dumps([list(s) for s in b.segments]),
                b.score,
                b.confidence,
                b.signal,
                event_id,
            )
            for i, b in enumerate(beads)
        ],
    )


def get_alignment(db: Database, alignment_id: int, *, with_beads: bool = True) -> Alignment:
    """An alignment with its *current* beads: reviewers' edits and restructuring applied."""
    conn = db.connection()
    row = conn.execute("SELECT * FROM alignment WHERE id = ?", (alignment_id,)).fetchone()
    if row is None:
        raise NotFound(
            f"There is no alignment {alignment_id}; `workbench reports list` shows them."
        )
    alignment = _alignment(row)
    if with_beads:
        alignment = replace(alignment, beads=tuple(current_beads(db, alignment_id)))
    return alignment


def alignments_for_report(db: Database, report_id: int) -> list[Alignment]:
    rows = db.connection().execute(
        "SELECT * FROM alignment WHERE report_id = ? ORDER BY id", (report_id,)
    )
    return [_alignment(row) for row in rows]


def current_beads(db: Database, alignment_id: int) -> list[Bead]:
    with db.read() as conn:
        state = review.alignment_state(db, alignment_id)
        rows = conn.execute(
            "SELECT * FROM bead WHERE alignment_id = ? ORDER BY position, id", (alignment_id,)
        ).fetchall()
    return [
        bead_of(row, state.beads.get(row["id"]))
        for row in rows
        if state.is_current(row["id"], row["created_by_event"])
    ]


def bead_of(row: sqlite3.Row, state: review.BeadState | None) -> Bead:
    """A bead row as reviewers have left it: its status and its latest flag."""
    return Bead(
        segments=tuple(tuple(s) for s in json.loads(row["segments"])),
        score=row["score"],
        confidence=row["confidence"],
        signal=row["signal"],
        status=state.status if state else "auto",
        id=row["id"],
        position=row["position"],
        flag=state.flags[-1] if state and state.flags else None,
    )


def restructure(
    db: Database,
    alignment_id: int,
    user: str,
    action: str,
    retire: Sequence[int],
    create: Sequence[Bead],
    *,
    comment: str = "",
) -> ReviewEvent:
    """Replace beads `retire` by the beads `create` (split, merge, unalign) as one event.

    The new beads take the place of the first retired bead, in the order given.
    """
    if action not in review.STRUCTURAL_ACTIONS:
        raise InputError(f"{action!r} does not reshape beads; use one of split, merge, unalign.")

    def work(conn: sqlite3.Connection) -> ReviewEvent:
        placeholders = ",".join("?" * len(retire))
        rows = conn.execute(
            "SELECT id, position, segments FROM bead"
            f" WHERE alignment_id = ? AND id IN ({placeholders}) ORDER BY position",
            (alignment_id, *retire),
        ).fetchall()
        if len(rows) != len(set(retire)) or not rows:
            raise NotFound(f"Beads {list(retire)} are not all in alignment {alignment_id}.")
        event = review._insert(
            conn,
            ReviewEvent(
                action=action,
                user=user,
                alignment_id=alignment_id,
                bead_id=rows[0]["id"],
                before={"beads": {r["id"]: json.loads(r["segments"]) for r in rows}},
                after={
                    "retire": list(retire),
                    "create": [[list(s) for s in b.segments] for b in create],
                },
                comment=comment,
            ),
        )
        nxt = conn.execute(
            "SELECT min(position) FROM bead WHERE alignment_id = ? AND position > ?",
            (alignment_id, rows[-1]["position"]),
        ).fetchone()[0]
        start = rows[0]["position"]
        gap = ((nxt if nxt is not None else start + 1.0) - start) / (len(create) + 1)
        _insert_beads(conn, alignment_id, create, event.id, start=start + gap, step=gap)
        return event

    return db.write(work)


def _alignment(row: sqlite3.Row) -> Alignment:
    return Alignment(
        document_ids=tuple(json.loads(row["document_ids"])),
        method=row["method"],
        signature=row["signature"],
        id=row["id"],
        report_id=row["report_id"],
        created_at=row["created_at"],
    )
