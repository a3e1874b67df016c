"""The termbase's tables: concepts, their terms per language, and extracted term candidates."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from workbench.errors import NotFound
from workbench.records import Concept, Term, TermCandidate
from workbench.store.db import Database, inserted_id, now, number


def insert_concept(db: Database, concept: Concept) -> int:
    def work(conn: sqlite3.Connection) -> int:
        cur = conn.execute(
            "INSERT INTO concept (subject, note, origin, created_at) VALUES (?, ?, ?, ?)",
            (concept.subject, concept.note, concept.origin, now()),
        )
        _insert_terms(conn, inserted_id(cur), concept.terms)
        return inserted_id(cur)

    return db.write(work)


def add_terms(db: Database, concept_id: int, terms: Sequence[Term]) -> int:
    """Add the terms a concept lacks (a term it has is kept as it is); returns how many."""

    def work(conn: sqlite3.Connection) -> int:
        before = conn.total_changes
        _insert_terms(conn, concept_id, terms)
        return conn.total_changes - before

    return db.write(work)


def _insert_terms(conn: sqlite3.Connection, concept_id: int, terms: Sequence[Term]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO term (concept_id, lang, text, forbidden, note)"
        " VALUES (?, ?, ?, ?, ?)",
        [(concept_id, t.lang, t.text, int(t.forbidden), t.note) for t in terms],
    )


def concepts_with_term(db: Database, lang: str, text: str) -> list[int]:
    """Concepts holding `text` as an allowed term in `lang` (compared without case)."""
    rows = db.connection().execute(
        "SELECT DISTINCT concept_id FROM term WHERE lang = ? AND lower(text) = lower(?)"
        " AND forbidden = 0 ORDER BY concept_id",
        (lang, text),
    )
    return [r[0] for r in rows]


def all_concepts(db: Database) -> list[Concept]:
    with db.read() as conn:
        concepts = conn.execute("SELECT * FROM concept ORDER BY id").fetchall()
        terms = conn.execute("SELECT * FROM term ORDER BY concept_id, id").fetchall()
    by_concept: dict[int, list[Term]] = {}
    for row in terms:
        by_concept.setdefault(row["concept_id"], []).append(_term(row))
    return [_concept(row, by_concept.get(row["id"], [])) for row in concepts]


def termbase_stamp(db: Database) -> tuple[int, int, int, int]:
    """What changes whenever a concept or term is added (both tables are append-only)."""
    row = db.connection().execute(
        "SELECT (SELECT count(*) FROM concept), (SELECT coalesce(max(id), 0) FROM concept),"
        " (SELECT count(*) FROM term), (SELECT coalesce(max(id), 0) FROM term)"
    ).fetchone()
    return (row[0], row[1], row[2], row[3])


def get_concept(db: Database, concept_id: int) -> Concept:
    conn = db.connection()
    row = conn.execute("SELECT * FROM concept WHERE id = ?", (concept_id,)).fetchone()
    if row is None:
        raise NotFound(f"There is no concept {concept_id}; `workbench terms list` shows them.")
    terms = conn.execute("SELECT * FROM term WHERE concept_id = ? ORDER BY id", (concept_id,))
    return _concept(row, [_term(t) for t in terms])


def count_concepts(db: Database) -> int:
    return number(db.connection(), "SELECT count(*) FROM concept")


# --- candidates found by extraction ---------------------------------------------------------


def save_candidates(db: Database, candidates: Sequence[TermCandidate]) -> None:
    """Store new candidates; a pair found again gets its new figures and keeps its decision."""
    rows = [
        (
            c.src_lang,
            c.tgt_lang,
            c.source,
            c.target,
            c.kind,
            c.score,
            c.count,
            json.dumps(list(c.examples), ensure_ascii=False),
            now(),
        )
        for c in candidates
    ]
    db.write(
        lambda conn: conn.executemany(
            """INSERT INTO term_candidate
                   (src_lang, tgt_lang, source, target, kind, score, count, examples, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (src_lang, tgt_lang, source, target) DO UPDATE SET
                   kind = excluded.kind, score = excluded.score, count = excluded.count,
                   examples = excluded.examples""",
            rows,
        )
    )


def find_candidates(
    db: Database, pairs: Sequence[tuple[str, str, str, str]]
) -> list[TermCandidate]:
    """The stored candidates for (src_lang, tgt_lang, source, target) pairs, in that order."""
    found = []
    for pair in pairs:
        row = (
            db.connection()
            .execute(
                "SELECT * FROM term_candidate WHERE src_lang = ? AND tgt_lang = ? AND source = ?"
                " AND target = ?",
                pair,
            )
            .fetchone()
        )
        if row:
            found.append(_candidate(row))
    return found


def list_candidates(db: Database, status: str | None = None) -> list[TermCandidate]:
    sql, args = "SELECT * FROM term_candidate", tuple[str, ...]()
    if status:
        sql, args = sql + " WHERE status = ?", (status,)
    rows = db.connection().execute(sql + " ORDER BY src_lang, tgt_lang, score DESC, id", args)
    return [_candidate(r) for r in rows]


def get_candidate(db: Database, candidate_id: int) -> TermCandidate:
    row = (
        db.connection()
        .execute("SELECT * FROM term_candidate WHERE id = ?", (candidate_id,))
        .fetchone()
    )
    if row is None:
        raise NotFound(
            f"There is no term candidate {candidate_id}; `workbench terms list --candidates` "
            "shows them."
        )
    return _candidate(row)


def decide_candidate(
    db: Database, candidate_id: int, status: str, user: str, concept_id: int | None = None
) -> None:
    db.write(
        lambda conn: conn.execute(
            "UPDATE term_candidate SET status = ?, user = ?, decided_at = ?, concept_id = ?"
            " WHERE id = ?",
            (status, user, now(), concept_id, candidate_id),
        )
    )


def _term(row: sqlite3.Row) -> Term:
    return Term(row["text"], row["lang"], bool(row["forbidden"]), row["note"])


def _concept(row: sqlite3.Row, terms: list[Term]) -> Concept:
    return Concept(tuple(terms), row["subject"], row["note"], row["origin"], row["id"])


def _candidate(row: sqlite3.Row) -> TermCandidate:
    return TermCandidate(
        src_lang=row["src_lang"],
        tgt_lang=row["tgt_lang"],
        source=row["source"],
        target=row["target"],
        kind=row["kind"],
        score=row["score"],
        count=row["count"],
        examples=tuple(json.loads(row["examples"])),
        status=row["status"],
        concept_id=row["concept_id"],
        user=row["user"],
        decided_at=row["decided_at"],
        id=row["id"],
    )
