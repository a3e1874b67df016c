"""Alignments and their beads, as made by the aligner and as reshaped by reviewers."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from workbench.errors import Conflict, InputError, NotFound
from workbench.records import Alignment, Bead, ReviewEvent
from workbench.store import carry, review
from workbench.store.db import Database, inserted_id, now


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
        _insert_beads(conn, inserted_id(cur), alignment.beads, None, start=0.0, step=1.0)
        return inserted_id(cur)

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
            f"There is no alignment {alignment_id}; `workbench alignments list` shows them."
        )
    alignment = _alignment(row)
    if with_beads:
        alignment = replace(alignment, beads=tuple(current_beads(db, alignment_id)))
    return alignment


def alignment_overview(db: Database, report: str | None = None) -> list[dict[str, Any]]:
    """One row per alignment (of one report, or all): id, report, languages in column order,
    method, how many beads it has now, and when it was made."""
    sql = """SELECT a.id, r.name AS report, a.document_ids, a.method, a.created_at
             FROM alignment a LEFT JOIN report r ON r.id = a.report_id
             WHERE ? IS NULL OR r.name = ? ORDER BY a.id"""
    with db.read() as conn:
        rows = [dict(row) for row in conn.execute(sql, (report, report))]
        for row in rows:
            ids = json.loads(row.pop("document_ids"))
            langs = {
                r["id"]: r["lang"]
                for r in conn.execute(
                    f"SELECT id, lang FROM document WHERE id IN ({','.join('?' * len(ids))})",
                    ids,
                )
            }
            row["languages"] = [langs.get(i, "?") for i in ids]
            row["beads"] = len(current_beads(db, row["id"]))
    return rows


def alignments_for_report(db: Database, report_id: int) -> list[Alignment]:
    rows = db.connection().execute(
        "SELECT * FROM alignment WHERE report_id = ? ORDER BY id", (report_id,)
    )
    return [_alignment(row) for row in rows]


def current_beads(
    db: Database, alignment_id: int, *, state: review.AlignmentState | None = None
) -> list[Bead]:
    """The alignment's beads now, in document order (`state`: its fold, when at hand)."""
    with db.read() as conn:
        state = state or review.alignment_state(db, alignment_id)
        rows = conn.execute(
            "SELECT * FROM bead WHERE alignment_id = ? ORDER BY position, id", (alignment_id,)
        ).fetchall()
    return [
        bead_of(row, state.beads.get(row["id"]))
        for row in rows
        if state.is_current(row["id"], row["created_by_event"])
    ]


def beads_after(
    conn: sqlite3.Connection, alignment_id: int, after_id: int = 0
) -> list[sqlite3.Row]:
    """Bead rows of the alignment newer than bead `after_id` (current or not: bead rows never
    change once written; reviewers' work is in the events), by id."""
    return conn.execute(
        "SELECT * FROM bead WHERE alignment_id = ? AND id > ? ORDER BY id", (alignment_id, after_id)
    ).fetchall()


def bead_segments(db: Database, alignment_id: int) -> dict[int, tuple[tuple[int, ...], ...]]:
    """Every bead the alignment ever had (current or retired) -> its sentences per column."""
    rows = db.connection().execute(
        "SELECT id, segments FROM bead WHERE alignment_id = ?", (alignment_id,)
    )
    return {r["id"]: tuple(tuple(s) for s in json.loads(r["segments"])) for r in rows}


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

    The new beads take the place of the first retired bead, in the order given, and carry the
    reviewers' work on the retired ones over (`store.carry`). Inside the write transaction the
    retired beads are checked to be current (and, for a merge, next to each other), so two
    reviewers reshaping the same bead at once never both succeed.
    """
    if action not in review.STRUCTURAL_ACTIONS:
        raise InputError(f"{action!r} does not reshape beads; use one of split, merge, unalign.")

    def work(conn: sqlite3.Connection) -> ReviewEvent:
        alignment = get_alignment(db, alignment_id, with_beads=False)
        state = review.some_beads_state(conn, alignment_id, retire)
        rows = _retiring(conn, alignment_id, retire, state, action)
        sources = [_source(r, state.beads.get(r["id"])) for r in rows]
        made = [tuple(tuple(s) for s in b.segments) for b in create]
        _same_sentences(sources, made)
        carried = carry.carry(
            sources, made, _languages(conn, alignment), _original(conn, alignment)
        )
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
                    "create": [[list(s) for s in b] for b in made],
                    "carry": carried,
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


def _retiring(
    conn: sqlite3.Connection,
    alignment_id: int,
    retire: Sequence[int],
    state: review.AlignmentState,
    action: str,
) -> list[sqlite3.Row]:
    """The rows of the beads to retire, in document order; refused unless all are current
    (and, for a merge, no current bead lies between them)."""
    marks = ",".join("?" * len(retire))
    rows = conn.execute(
        f"SELECT * FROM bead WHERE alignment_id = ? AND id IN ({marks}) ORDER BY position, id",
        (alignment_id, *retire),
    ).fetchall()
    if len(rows) != len(set(retire)) or not rows:
        raise NotFound(f"Beads {list(retire)} are not all in alignment {alignment_id}.")
    gone = [r["id"] for r in rows if not state.is_current(r["id"], r["created_by_event"])]
    if gone:
        raise Conflict(
            f"Bead {gone[0]} was changed a moment ago ({_reshaped_by(conn, alignment_id, gone[0])}"
            "): it is not a current bead any more. Reload the report and try again."
        )
    if action == "merge" and _current_between(conn, alignment_id, rows, state):
        raise Conflict(
            f"Beads {', '.join(map(str, retire))} are not next to each other any more (someone "
            "reshaped the beads between them). Reload the report and try again."
        )
    return list(rows)


def _current_between(
    conn: sqlite3.Connection,
    alignment_id: int,
    rows: Sequence[sqlite3.Row],
    state: review.AlignmentState,
) -> bool:
    first, last = rows[0], rows[-1]
    between = conn.execute(
        "SELECT id, created_by_event FROM bead WHERE alignment_id = ?"
        " AND (position, id) > (?, ?) AND (position, id) < (?, ?)",
        (alignment_id, first["position"], first["id"], last["position"], last["id"]),
    )
    chosen = {r["id"] for r in rows}
    return any(
        b["id"] not in chosen and state.is_current(b["id"], b["created_by_event"]) for b in between
    )


def _reshaped_by(conn: sqlite3.Connection, alignment_id: int, bead_id: int) -> str:
    """Who retired the bead, as 'karwan merged it', from the latest event that names it."""
    for row in conn.execute(
        "SELECT user, action, after FROM review_event WHERE alignment_id = ? AND action IN"
        " ('split', 'merge', 'unalign') ORDER BY id DESC",
        (alignment_id,),
    ):
        if bead_id in json.loads(row["after"]).get("retire", []):
            return f"{row['user']} {review.DONE[row['action']]} it"
    return "someone undid what made it"


def _source(row: sqlite3.Row, state: review.BeadState | None) -> carry.Source:
    state = state or review.BeadState()
    return carry.Source(
        bead_id=row["id"],
        segments=tuple(tuple(s) for s in json.loads(row["segments"])),
        status=state.status,
        texts=dict(state.texts),
        editors=dict(state.editors),
        flags=tuple(state.flags),
        comments=tuple(state.comments),
        spans=tuple(state.spans),
    )


def _same_sentences(
    sources: Sequence[carry.Source], made: Sequence[Sequence[Sequence[int]]]
) -> None:
    """The new beads hold exactly the retired beads' sentences: none lost, none twice (a merge
    of two beads that share a sentence, as a race once left them, keeps it once)."""
    before = {(c, i) for s in sources for c, col in enumerate(s.segments) for i in col}
    after = [(c, i) for b in made for c, col in enumerate(b) for i in col]
    width = len(sources[0].segments)
    if before != set(after) or len(after) != len(before) or any(len(b) != width for b in made):
        raise InputError(
            "The new beads must hold exactly the sentences of the beads they replace "
            f"({len(before)} sentences in {width} columns)."
        )


def column_languages(db: Database, alignment: Alignment) -> list[str]:
    """The language of each column (document) of the alignment, in column order."""
    return _languages(db.connection(), alignment)


def _languages(conn: sqlite3.Connection, alignment: Alignment) -> list[str]:
    marks = ",".join("?" * len(alignment.document_ids))
    rows = conn.execute(
        f"SELECT id, lang FROM document WHERE id IN ({marks})", alignment.document_ids
    )
    langs = {row["id"]: row["lang"] for row in rows}
    return [langs.get(doc, f"column {c}") for c, doc in enumerate(alignment.document_ids)]


def column_text(
    conn: sqlite3.Connection, alignment: Alignment, column: int, indices: Sequence[int]
) -> str:
    """The stored text of some sentences of a column, joined by spaces (as the screen shows)."""
    return _original(conn, alignment)(column, indices)


def _original(conn: sqlite3.Connection, alignment: Alignment) -> carry.Original:
    """The stored text of some sentences of a column, joined by spaces (as the screen shows)."""

    def text(column: int, indices: Sequence[int]) -> str:
        doc = alignment.document_ids[column]
        found = {
            row["idx"]: row["text"]
            for row in conn.execute(
                f"SELECT idx, text FROM segment WHERE document_id = ? AND idx IN "
                f"({','.join('?' * len(indices))})",
                (doc, *indices),
            )
        }
        return " ".join(found[i] for i in indices if i in found)

    return text


def sentences_in_two_beads(db: Database) -> list[str]:
    """Each sentence that sits in more than one current bead of an alignment, and where."""
    problems = []
    for row in db.connection().execute("SELECT id FROM alignment ORDER BY id").fetchall():
        holders: dict[tuple[int, int], list[int]] = {}
        for bead in current_beads(db, row["id"]):
            for column, indices in enumerate(bead.segments):
                for i in indices:
                    holders.setdefault((column, i), []).append(bead.id or 0)
        for (column, i), ids in sorted(holders.items()):
            if len(ids) > 1:
                problems.append(
                    f"alignment {row['id']}: sentence {i} of column {column} is in current "
                    f"beads {', '.join(map(str, ids))}"
                )
    return problems


def _alignment(row: sqlite3.Row) -> Alignment:
    return Alignment(
        document_ids=tuple(json.loads(row["document_ids"])),
        method=row["method"],
        signature=row["signature"],
        id=row["id"],
        report_id=row["report_id"],
        created_at=row["created_at"],
    )
