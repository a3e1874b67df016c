"""Reports, their language versions (documents) and the documents' segments."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from dataclasses import replace
from typing import Any

from workbench.errors import InputError, NotFound
from workbench.records import Document, Report, Segment
from workbench.store.db import Database, inserted_id, now

MAX_NAME = 200
# Embeddings, overrides and isolates reorder what is shown around them ("Trojan Source"), so a
# name holding one could pass for another; the marks RLM/LRM/ALM and ZWNJ are allowed.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def add_report(db: Database, report: Report) -> Report:
    """Store a report, or return the stored one of the same name (names are unique)."""
    name = report_name(report.name)

    def work(conn: sqlite3.Connection) -> int:
        row = conn.execute("SELECT id FROM report WHERE name = ?", (name,)).fetchone()
        if row:
            return int(row["id"])
        cur = conn.execute(
            "INSERT INTO report (name, title, date, created_at) VALUES (?, ?, ?, ?)",
            (name, report.title, report.date, now()),
        )
        return inserted_id(cur)

    return get_report(db, db.write(work))


def report_name(name: str) -> str:
    """The name as stored (trimmed), or an InputError saying what is wrong with it. Any other
    character is allowed: names only ever reach SQL as parameters and HTML escaped."""
    name = name.strip()
    if not name:
        raise InputError("A report needs a name: pass --report NAME.")
    if len(name) > MAX_NAME:
        raise InputError(
            f"A report name may have at most {MAX_NAME} characters, not {len(name)}: "
            "choose a shorter one."
        )
    odd = [c for c in name if unicodedata.category(c) in ("Cc", "Cs") or c in BIDI_CONTROLS]
    if odd:
        raise InputError(
            f"The report name {name[:60]!r} holds a control character ({ascii(odd[0])}: a "
            "line break, tab, direction override or half a character); choose a name without it."
        )
    return name


def get_report(db: Database, key: int | str) -> Report:
    """A report by id or by name."""
    column = "id" if isinstance(key, int) else "name"
    row = db.connection().execute(f"SELECT * FROM report WHERE {column} = ?", (key,)).fetchone()
    if row is None:
        raise NotFound(f"There is no report {key!r}. `workbench reports list` shows the reports.")
    return _report(row)


def list_reports(db: Database) -> list[Report]:
    rows = db.connection().execute("SELECT * FROM report ORDER BY name")
    return [_report(row) for row in rows]


def report_overview(db: Database) -> list[dict[str, Any]]:
    """One row per report: its languages, how many documents and alignments it has, its
    versions (language, origin, model) and its newest alignment's id (None without one)."""
    sql = """
        SELECT r.id, r.name, r.title, r.date,
               (SELECT group_concat(lang, ',') FROM (
                    SELECT DISTINCT lang FROM document WHERE report_id = r.id ORDER BY lang))
                   AS languages,
               (SELECT count(*) FROM document WHERE report_id = r.id) AS documents,
               (SELECT count(*) FROM alignment WHERE report_id = r.id) AS alignments,
               (SELECT max(id) FROM alignment WHERE report_id = r.id) AS newest_alignment
        FROM report r ORDER BY r.name"""
    versions: dict[int, list[dict[str, Any]]] = {}
    with db.read() as conn:
        rows = [dict(row) for row in conn.execute(sql)]
        found = conn.execute(
            "SELECT report_id, lang, origin, model FROM document ORDER BY report_id, lang, id"
        )
        for row in found:
            versions.setdefault(row["report_id"], []).append(
                {"lang": row["lang"], "origin": row["origin"], "model": row["model"]}
            )
    return [{**row, "versions": versions.get(row["id"], [])} for row in rows]


def add_document(db: Database, report_id: int, document: Document) -> tuple[Document, bool]:
    """Store a language version with its segments; returns (document, created).

    The same file (same sha256) added to the same report again is recognised, and the stored
    document is returned with `created` False.
    """

    def work(conn: sqlite3.Connection) -> tuple[int, bool]:
        row = conn.execute(
            "SELECT id FROM document WHERE report_id = ? AND sha256 = ?",
            (report_id, document.sha256),
        ).fetchone()
        if row:
            return int(row["id"]), False
        cur = conn.execute(
            """INSERT INTO document (report_id, lang, origin, model, pivot, title, date,
                   source_file, sha256, raw_text, paragraphs, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                report_id,
                document.lang,
                document.origin,
                document.model,
                json.dumps(list(document.pivot)),
                document.title,
                document.date,
                document.source_file,
                document.sha256,
                document.raw_text,
                json.dumps(list(document.paragraphs), ensure_ascii=False),
                now(),
            ),
        )
        conn.executemany(
            "INSERT INTO segment (document_id, idx, paragraph, text, normalized)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (inserted_id(cur), s.index, s.paragraph, s.text, s.normalized)
                for s in document.segments
            ],
        )
        return inserted_id(cur), True

    doc_id, created = db.write(work)
    return get_document(db, doc_id), created


def get_document(db: Database, doc_id: int, *, with_segments: bool = True) -> Document:
    conn = db.connection()
    row = conn.execute("SELECT * FROM document WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise NotFound(
            f"There is no document {doc_id}. `workbench reports list` shows the reports."
        )
    doc = _document(row)
    if with_segments:
        doc = replace(doc, segments=tuple(segments(db, doc_id)))
    return doc


def documents(db: Database, report_id: int, *, with_segments: bool = False) -> list[Document]:
    rows = db.connection().execute(
        "SELECT id FROM document WHERE report_id = ? ORDER BY lang, id", (report_id,)
    )
    return [get_document(db, row["id"], with_segments=with_segments) for row in rows.fetchall()]


def segments(db: Database, doc_id: int) -> list[Segment]:
    rows = db.connection().execute(
        "SELECT idx, paragraph, text, normalized FROM segment WHERE document_id = ? ORDER BY idx",
        (doc_id,),
    )
    return [Segment(r["idx"], r["text"], r["normalized"], r["paragraph"]) for r in rows]


def _report(row: sqlite3.Row) -> Report:
    return Report(row["name"], row["title"], row["date"], row["id"], row["created_at"])


def _document(row: sqlite3.Row) -> Document:
    return Document(
        lang=row["lang"],
        paragraphs=tuple(json.loads(row["paragraphs"])),
        title=row["title"],
        date=row["date"],
        origin=row["origin"],
        model=row["model"],
        pivot=tuple(json.loads(row["pivot"])),
        source_file=row["source_file"],
        sha256=row["sha256"],
        raw_text=row["raw_text"],
        id=row["id"],
        report_id=row["report_id"],
    )
