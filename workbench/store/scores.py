"""Scores at every scope (bead, document, report, collection, system) with their signatures.

A score is derived data: scoring the same thing the same way again (same metric, scope,
scope_ref and signature) replaces the old row instead of piling up copies. `scope_ref` is a
path from the widest part to the narrowest, e.g. `annual-2024/opus-mt-en-ar/ar/doc3-doc2/bead17`,
so everything under a report or a document is found by prefix.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from workbench.errors import InputError
from workbench.records import Score
from workbench.store.db import Database, now

SCOPES = ("bead", "document", "report", "collection", "system")


def save_scores(db: Database, scores: Sequence[Score]) -> int:
    """Store scores in one transaction, replacing earlier rows of the same score; returns count."""
    for score in scores:
        if score.scope not in SCOPES:
            raise InputError(
                f"Unknown score scope {score.scope!r}: use one of {', '.join(SCOPES)}."
            )
    created = now()
    keys = [(s.metric, s.scope, s.scope_ref, s.signature) for s in scores]
    rows = [
        (
            s.metric,
            float(s.value),
            s.scope,
            s.scope_ref,
            s.signature,
            json.dumps(s.details, ensure_ascii=False),
            created,
        )
        for s in scores
    ]

    def work(conn: sqlite3.Connection) -> int:
        conn.executemany(
            "DELETE FROM score WHERE metric = ? AND scope = ? AND scope_ref = ? AND signature = ?",
            keys,
        )
        conn.executemany(
            """INSERT INTO score (metric, value, scope, scope_ref, signature, details, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )
        return len(rows)

    return db.write(work)


def get_scores(
    db: Database,
    *,
    scope: str | None = None,
    scope_ref: str | None = None,
    under: str | None = None,
    metric: str | None = None,
) -> list[Score]:
    """Stored scores, oldest first; `under` selects a scope_ref and everything below it."""
    clauses: list[str] = []
    args: list[object] = []
    for column, value in (("scope", scope), ("scope_ref", scope_ref), ("metric", metric)):
        if value is not None:
            clauses.append(f"{column} = ?")
            args.append(value)
    if under is not None:
        clauses.append("(scope_ref = ? OR substr(scope_ref, 1, ?) = ?)")
        prefix = under.rstrip("/") + "/"
        args += [under, len(prefix), prefix]
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = db.connection().execute(f"SELECT * FROM score{where} ORDER BY id", args)
    return [_score(row) for row in rows]


def bead_scores(db: Database, alignment_id: int) -> dict[int, list[Score]]:
    """The bead-level scores of one alignment's beads: bead id -> its scores (every system)."""
    rows = db.connection().execute(
        """SELECT * FROM score WHERE scope = 'bead'
               AND json_extract(details, '$.alignment_id') = ?
               AND json_extract(details, '$.bead_id') IS NOT NULL ORDER BY id""",
        (alignment_id,),
    )
    found: dict[int, list[Score]] = {}
    for row in rows:
        score = _score(row)
        found.setdefault(score.details["bead_id"], []).append(score)
    return found


def _score(row: sqlite3.Row) -> Score:
    return Score(
        metric=row["metric"],
        value=row["value"],
        scope=row["scope"],
        scope_ref=row["scope_ref"],
        signature=row["signature"],
        details=json.loads(row["details"]),
        id=row["id"],
        created_at=row["created_at"],
    )
