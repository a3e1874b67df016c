"""QA findings and their dismissals.

Findings are what the checks made of a pair of documents through an alignment; running QA
again replaces them (they are machine output). A dismissal is a review event, action
"dismiss", with the finding's key in `after` and the reason as its comment: append-only,
undoable like any other event, and kept when QA runs again, since a finding on unchanged
text has the same key.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from workbench.errors import InputError, NotFound
from workbench.records import Finding, ReviewEvent
from workbench.store import review
from workbench.store.db import Database, inserted_id, now

_SELECT = """SELECT f.*, s.lang AS src_lang, t.lang AS tgt_lang FROM qa_finding f
             JOIN document s ON s.id = f.src_document JOIN document t ON t.id = f.tgt_document"""


def save_findings(
    db: Database,
    alignment_id: int,
    src_document: int,
    tgt_document: int,
    findings: Sequence[Finding],
    *,
    checks: Sequence[str],
) -> list[Finding]:
    """Replace what `checks` found before on this pair of documents by `findings`."""

    def work(conn: sqlite3.Connection) -> list[int]:
        placeholders = ",".join("?" * len(checks))
        conn.execute(
            "DELETE FROM qa_finding WHERE alignment_id = ? AND src_document = ?"
            f" AND tgt_document = ? AND check_name IN ({placeholders})",
            (alignment_id, src_document, tgt_document, *checks),
        )
        created = now()
        ids = []
        for f in findings:
            cur = conn.execute(
                """INSERT INTO qa_finding (alignment_id, bead_id, src_document, tgt_document,
                       check_name, severity, message, src_start, src_end, tgt_start, tgt_end,
                       key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    alignment_id,
                    f.bead,
                    src_document,
                    tgt_document,
                    f.check,
                    f.severity,
                    f.message,
                    *(f.src_span or (None, None)),
                    *(f.tgt_span or (None, None)),
                    f.key,
                    created,
                ),
            )
            ids.append(inserted_id(cur))
        return ids

    db.write(work)
    return findings_of(db, [alignment_id], documents=(src_document, tgt_document))


def findings_of(
    db: Database,
    alignment_ids: Sequence[int],
    *,
    documents: tuple[int, int] | None = None,
    include_dismissed: bool = True,
) -> list[Finding]:
    """The stored findings of these alignments (of one pair of documents, if given), in
    bead order, each with its dismissal when a reviewer dismissed it."""
    if not alignment_ids:
        return []
    placeholders = ",".join("?" * len(alignment_ids))
    sql = f"{_SELECT} WHERE f.alignment_id IN ({placeholders})"
    args: tuple[int, ...] = tuple(alignment_ids)
    if documents is not None:
        sql += " AND f.src_document = ? AND f.tgt_document = ?"
        args += documents
    with db.read() as conn:
        rows = conn.execute(sql + " ORDER BY f.alignment_id, f.bead_id, f.id", args).fetchall()
        dismissed = dismissals(db, alignment_ids)
    found = [_finding(row, dismissed.get(row["key"])) for row in rows]
    return found if include_dismissed else [f for f in found if f.dismissed is None]


def get_finding(db: Database, finding_id: int) -> Finding:
    row = db.connection().execute(f"{_SELECT} WHERE f.id = ?", (finding_id,)).fetchone()
    if row is None:
        raise NotFound(
            f"There is no QA finding {finding_id}; `workbench qa --report NAME` lists them "
            "(QA run again gives findings new numbers)."
        )
    return _finding(row, dismissals(db, [row["alignment_id"]]).get(row["key"]))


def dismissals(db: Database, alignment_ids: Sequence[int]) -> dict[str, dict[str, Any]]:
    """Finding key -> who dismissed it, why, in which event: the dismissals in effect."""
    if not alignment_ids:
        return {}
    placeholders = ",".join("?" * len(alignment_ids))
    rows = db.connection().execute(
        f"SELECT * FROM review_event WHERE alignment_id IN ({placeholders})"
        " AND action IN ('dismiss', 'undo') ORDER BY id",
        tuple(alignment_ids),
    )
    by_alignment: dict[int, list[ReviewEvent]] = {}
    for row in rows:
        by_alignment.setdefault(row["alignment_id"], []).append(review._event(row))
    found: dict[str, dict[str, Any]] = {}
    for events in by_alignment.values():
        for state in review.fold(events).beads.values():
            found.update(state.dismissed)
    return found


def dismiss(db: Database, finding_id: int, user: str, why: str) -> ReviewEvent:
    """A reviewer sets a finding aside, saying why: a "dismiss" review event."""
    if not why.strip():
        raise InputError("Say why the finding is dismissed (--why): reviewers after you read it.")
    found = get_finding(db, finding_id)
    if found.dismissed is not None:
        raise InputError(
            f"Finding {finding_id} was dismissed already by {found.dismissed['user']}: "
            f"{found.dismissed['why']}"
        )
    return review.record_event(
        db,
        ReviewEvent(
            action="dismiss",
            user=user,
            alignment_id=found.alignment_id or 0,
            bead_id=found.bead,
            after={"finding": found.key, "check": found.check, "message": found.message},
            comment=why.strip(),
        ),
    )


def _finding(row: sqlite3.Row, dismissed: dict[str, Any] | None) -> Finding:
    def span(start: int | None, end: int | None) -> tuple[int, int] | None:
        return None if start is None else (start, end or start)

    return Finding(
        check=row["check_name"],
        severity=row["severity"],
        message=row["message"],
        src_span=span(row["src_start"], row["src_end"]),
        tgt_span=span(row["tgt_start"], row["tgt_end"]),
        bead=row["bead_id"],
        src_lang=row["src_lang"],
        tgt_lang=row["tgt_lang"],
        key=row["key"],
        id=row["id"],
        alignment_id=row["alignment_id"],
        dismissed=dismissed,
    )
