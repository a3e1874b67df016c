"""The translation memory's tables: texts with their trigram index, entries, marks and uses.

A text is stored once per language (`tm_text`), with its match form (`norm`) indexed by
SQLite FTS5's trigram tokenizer. `tm_gram` counts the texts that hold each trigram, so a
lookup can choose the query's rarest trigrams without reading long postings. An entry joins a
source text to a target text, with its origin and provenance, in a named batch ("alignment:3",
"file:<sha256>", "translation") that can be replaced as a whole.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any

from workbench.records import MemoryEntry
from workbench.store.db import Database, now, number

CHUNK = 500  # values per IN (...), well under SQLite's limit on bound variables
REBUILD_SHARE = 0.1  # adding more than this share of the texts recounts trigrams from the index
REBUILD_AT_LEAST = 5000
Norm = Callable[[str, str], str]  # (lang, text) -> match form

_ENTRY = """SELECT e.*, s.text AS source, s.norm AS source_norm, t.text AS target
            FROM tm_entry e JOIN tm_text s ON s.id = e.source_id
            JOIN tm_text t ON t.id = e.target_id"""


def trigrams(norm: str) -> set[str]:
    """The trigrams FTS5's trigram tokenizer indexes for a text (it folds case)."""
    text = norm.lower()
    return {text[i : i + 3] for i in range(len(text) - 2)}


def save_entries(
    db: Database,
    batch: str,
    entries: Sequence[MemoryEntry],
    norm: Norm,
    *,
    replace: bool = False,
) -> int:
    """Store entries as `batch` (after removing the batch's old entries when `replace`)."""

    def work(conn: sqlite3.Connection) -> int:
        if replace:
            conn.execute("DELETE FROM tm_entry WHERE batch = ?", (batch,))
        if not entries:
            return 0
        ids = _text_ids(conn, entries, norm)
        conn.executemany(
            """INSERT INTO tm_entry (source_id, target_id, src_lang, tgt_lang, origin, batch,
                   report, alignment_id, bead_id, file, signature, user, context, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                (
                    ids[(e.src_lang, e.source)],
                    ids[(e.tgt_lang, e.target)],
                    e.src_lang,
                    e.tgt_lang,
                    e.origin,
                    batch,
                    e.report,
                    e.alignment_id,
                    e.bead_id,
                    e.file,
                    e.signature,
                    e.user,
                    e.context,
                    e.created_at or now(),
                )
                for e in entries
            ],
        )
        return len(entries)

    return db.write(work)


def _text_ids(
    conn: sqlite3.Connection, entries: Sequence[MemoryEntry], norm: Norm
) -> dict[tuple[str, str], int]:
    """Every source and target text stored (new ones indexed and counted), by (lang, text)."""
    wanted = dict.fromkeys(
        key for e in entries for key in ((e.src_lang, e.source), (e.tgt_lang, e.target))
    )
    before = conn.execute("SELECT coalesce(max(id), 0) FROM tm_text").fetchone()[0]
    conn.executemany(
        "INSERT OR IGNORE INTO tm_text (lang, text, norm) VALUES (?, ?, ?)",
        [(lang, text, norm(lang, text)) for lang, text in wanted],
    )
    conn.execute(
        "INSERT INTO tm_fts (rowid, norm) SELECT id, norm FROM tm_text WHERE id > ?", (before,)
    )
    new = conn.execute(
        "SELECT id, lang, text, norm FROM tm_text WHERE id > ?", (before,)
    ).fetchall()
    ids = {(r["lang"], r["text"]): r["id"] for r in new}
    for lang, text in wanted:
        if (lang, text) not in ids:
            row = conn.execute(
                "SELECT id FROM tm_text WHERE lang = ? AND text = ?", (lang, text)
            ).fetchone()
            ids[(lang, text)] = row["id"]
    _count_trigrams(conn, [r["norm"] for r in new], before)
    return ids


def _count_trigrams(conn: sqlite3.Connection, norms: list[str], before: int) -> None:
    if not norms:
        return
    if len(norms) >= max(REBUILD_AT_LEAST, REBUILD_SHARE * before):
        conn.execute("DELETE FROM tm_gram")
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.tm_vocab USING fts5vocab(main, tm_fts, 'row')"
        )
        conn.execute("INSERT INTO tm_gram (gram, df) SELECT term, doc FROM temp.tm_vocab")
        return
    counts = Counter(gram for text in norms for gram in trigrams(text))
    conn.executemany(
        "INSERT INTO tm_gram (gram, df) VALUES (?, ?)"
        " ON CONFLICT (gram) DO UPDATE SET df = df + excluded.df",
        counts.items(),
    )


def gram_frequencies(db: Database, grams: Collection[str]) -> dict[str, int]:
    """How many texts hold each of `grams` (grams no text holds are left out)."""
    found: dict[str, int] = {}
    for chunk in _chunks(list(grams)):
        rows = db.connection().execute(
            f"SELECT gram, df FROM tm_gram WHERE gram IN ({_marks(chunk)})", chunk
        )
        found.update((r["gram"], r["df"]) for r in rows)
    return found


def texts_with_gram(db: Database, gram: str) -> list[int]:
    """The ids of the texts holding a trigram (any language)."""
    phrase = '"' + gram.replace('"', '""') + '"'
    rows = db.connection().execute("SELECT rowid FROM tm_fts WHERE tm_fts MATCH ?", (phrase,))
    return [r[0] for r in rows]


def texts_with_norm(db: Database, lang: str, norms: Collection[str]) -> dict[str, list[int]]:
    """The ids of the texts in `lang` whose match form is one of `norms`, by match form."""
    found: dict[str, list[int]] = {}
    for chunk in _chunks(list(norms)):
        rows = db.connection().execute(
            f"SELECT id, norm FROM tm_text WHERE lang = ? AND norm IN ({_marks(chunk)})",
            (lang, *chunk),
        )
        for r in rows:
            found.setdefault(r["norm"], []).append(r["id"])
    return found


def texts_translated(db: Database, ids: Sequence[int], src: str, tgt: str) -> dict[int, str]:
    """Those of the texts `ids` that are the source of an entry from `src` into `tgt`, with
    their match forms."""
    found: dict[int, str] = {}
    for chunk in _chunks(list(ids)):
        rows = db.connection().execute(
            f"SELECT id, norm FROM tm_text WHERE id IN ({_marks(chunk)}) AND EXISTS ("
            "SELECT 1 FROM tm_entry WHERE source_id = tm_text.id AND src_lang = ?"
            " AND tgt_lang = ?)",
            (*chunk, src, tgt),
        )
        found.update((r[0], r[1]) for r in rows)
    return found


def entries_from(
    db: Database, source_ids: Collection[int], tgt: str
) -> list[tuple[MemoryEntry, str]]:
    """The entries translating the texts `source_ids` into `tgt`, each with its source's match
    form."""
    found = []
    for chunk in _chunks(list(source_ids)):
        rows = db.connection().execute(
            f"{_ENTRY} WHERE e.source_id IN ({_marks(chunk)}) AND e.tgt_lang = ?", (*chunk, tgt)
        )
        found += [(_entry(r), r["source_norm"]) for r in rows]
    return found


def iter_entries(
    db: Database,
    *,
    src: str | None = None,
    tgt: str | None = None,
    origins: Collection[str] | None = None,
    reports: Collection[str] | None = None,
) -> Iterator[MemoryEntry]:
    """Every entry (in one direction, of some origins and reports), oldest first."""
    where, args = ["1"], []
    for column, value in (("e.src_lang", src), ("e.tgt_lang", tgt)):
        if value:
            where.append(f"{column} = ?")
            args.append(value)
    for column, values in (("e.origin", origins), ("e.report", reports)):
        if values:
            where.append(f"{column} IN ({_marks(list(values))})")
            args += list(values)
    rows = db.connection().execute(f"{_ENTRY} WHERE {' AND '.join(where)} ORDER BY e.id", args)
    for row in rows:
        yield _entry(row)


def get_entry(db: Database, entry_id: int) -> MemoryEntry | None:
    row = db.connection().execute(f"{_ENTRY} WHERE e.id = ?", (entry_id,)).fetchone()
    return _entry(row) if row else None


def memory_counts(db: Database) -> list[dict[str, Any]]:
    """Entries per direction and origin."""
    rows = db.connection().execute(
        "SELECT src_lang, tgt_lang, origin, count(*) AS entries FROM tm_entry"
        " GROUP BY src_lang, tgt_lang, origin ORDER BY src_lang, tgt_lang, origin"
    )
    return [dict(r) for r in rows]


def count_texts(db: Database) -> int:
    return number(db.connection(), "SELECT count(*) FROM tm_text")


# --- what the memory has read of the store ------------------------------------------------


def has_memory(db: Database) -> bool:
    """Whether the store has the memory's tables (a read-only store is never migrated)."""
    row = (
        db.connection()
        .execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tm_entry'")
        .fetchone()
    )
    return row is not None


def marks(db: Database) -> dict[str, int]:
    rows = db.connection().execute("SELECT name, value FROM tm_mark")
    return {r["name"]: r["value"] for r in rows}


def set_marks(db: Database, values: dict[str, int]) -> None:
    db.write(
        lambda conn: conn.executemany(
            "INSERT INTO tm_mark (name, value) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            values.items(),
        )
    )


def store_heads(db: Database) -> dict[str, int]:
    """The newest alignment, review event and machine translation of the store (0: none)."""
    conn = db.connection()
    return {
        name: conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
        for name, table in (
            ("alignment", "alignment"),
            ("review_event", "review_event"),
            ("translation", "translation"),
        )
    }


def alignments_changed(db: Database, after_alignment: int, after_event: int) -> list[int]:
    """Alignments made after `after_alignment` or reviewed after event `after_event`."""
    rows = db.connection().execute(
        "SELECT id FROM alignment WHERE id > ?"
        " UNION SELECT alignment_id FROM review_event WHERE id > ? ORDER BY 1",
        (after_alignment, after_event),
    )
    return [r[0] for r in rows]


def all_alignments(db: Database, report_id: int | None = None) -> list[int]:
    sql, args = "SELECT id FROM alignment", tuple[int, ...]()
    if report_id is not None:
        sql, args = sql + " WHERE report_id = ?", (report_id,)
    return [r[0] for r in db.connection().execute(sql + " ORDER BY id", args)]


# --- where each sentence of a stored translation came from ---------------------------------


def save_uses(
    db: Database, document_id: int, uses: Iterable[tuple[int, str, int, int | None, int]]
) -> None:
    """Record (segment index, origin, score, entry id, offers) for a stored translation."""
    db.write(
        lambda conn: conn.executemany(
            "INSERT OR REPLACE INTO tm_use (document_id, idx, origin, score, entry_id, offers)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(document_id, *use) for use in uses],
        )
    )


def segment_uses(db: Database, document_id: int) -> list[dict[str, Any]]:
    rows = db.connection().execute(
        "SELECT idx, origin, score, entry_id, offers FROM tm_use WHERE document_id = ?"
        " ORDER BY idx",
        (document_id,),
    )
    return [dict(r) for r in rows]


def _entry(row: sqlite3.Row) -> MemoryEntry:
    return MemoryEntry(
        source=row["source"],
        target=row["target"],
        src_lang=row["src_lang"],
        tgt_lang=row["tgt_lang"],
        origin=row["origin"],
        report=row["report"],
        alignment_id=row["alignment_id"],
        bead_id=row["bead_id"],
        file=row["file"],
        signature=row["signature"],
        user=row["user"],
        created_at=row["created_at"],
        context=row["context"],
        id=row["id"],
    )


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))
