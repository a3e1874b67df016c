"""The translation memory: every machine translation of a segment, keyed by how it was made.

A row's key is the SHA-256 of the structured tuple (model, revision, engine, settings,
source language, target language, SHA-256 of the source text), serialized as JSON, so no
two different requests can share a key by accident of concatenation.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence

from workbench.records import Translation
from workbench.store.db import Database, now, number

CHUNK = 500  # keys per query, well under SQLite's limit on bound variables


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def translation_key(
    *,
    model: str,
    revision: str,
    engine: str,
    settings: str,
    src_lang: str,
    tgt_lang: str,
    source: str,
) -> str:
    parts = [model, revision, engine, settings, src_lang, tgt_lang, text_sha256(source)]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def key_of(t: Translation) -> str:
    return translation_key(
        model=t.model,
        revision=t.revision,
        engine=t.engine,
        settings=t.settings,
        src_lang=t.src_lang,
        tgt_lang=t.tgt_lang,
        source=t.source,
    )


def find_translations(db: Database, keys: Iterable[str]) -> dict[str, Translation]:
    """The stored translations among `keys`, by key."""
    wanted = list(dict.fromkeys(keys))
    found: dict[str, Translation] = {}
    conn = db.connection()
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT * FROM translation WHERE key IN ({marks})", chunk):
            found[row["key"]] = _translation(row)
    return found


def save_translations(db: Database, translations: Sequence[Translation]) -> int:
    """Store new translations (a key already stored is kept as it is); returns how many."""
    rows = [
        (
            key_of(t),
            t.model,
            t.revision,
            t.engine,
            t.settings,
            t.src_lang,
            t.tgt_lang,
            text_sha256(t.source),
            t.source,
            t.output,
            t.signature,
            now(),
        )
        for t in translations
    ]

    def work(conn: sqlite3.Connection) -> int:
        before = conn.total_changes
        conn.executemany(
            "INSERT OR IGNORE INTO translation (key, model, revision, engine, settings, src_lang,"
            " tgt_lang, source_sha256, source, output, signature, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return conn.total_changes - before

    return db.write(work) if rows else 0


def memory_entries(db: Database, src: str, tgt: str, texts: Sequence[str]) -> list[Translation]:
    """Translation-memory rows for these source texts in this direction, any model."""
    hashes = list(dict.fromkeys(text_sha256(t) for t in texts))
    found = []
    for start in range(0, len(hashes), CHUNK):
        chunk = hashes[start : start + CHUNK]
        rows = db.connection().execute(
            f"SELECT * FROM translation WHERE src_lang = ? AND tgt_lang = ?"
            f" AND source_sha256 IN ({','.join('?' * len(chunk))}) ORDER BY id",
            (src, tgt, *chunk),
        )
        found += [_translation(r) for r in rows]
    return found


def last_translation_id(db: Database) -> int:
    """The newest row's id (0 when there is none): `translations_since` starts after it."""
    return number(db.connection(), "SELECT max(id) FROM translation")


def translations_since(db: Database, after: int) -> list[Translation]:
    """The rows stored after id `after`, oldest first."""
    rows = db.connection().execute("SELECT * FROM translation WHERE id > ? ORDER BY id", (after,))
    return [_translation(r) for r in rows]


def count_translations(db: Database) -> int:
    return number(db.connection(), "SELECT count(*) FROM translation")


def _translation(row: sqlite3.Row) -> Translation:
    return Translation(
        source=row["source"],
        output=row["output"],
        src_lang=row["src_lang"],
        tgt_lang=row["tgt_lang"],
        model=row["model"],
        revision=row["revision"],
        engine=row["engine"],
        settings=row["settings"],
        signature=row["signature"],
        id=row["id"],
    )
