"""Named schema migrations, applied in order on open and recorded in the `migration` table.

Add a migration by appending a (name, statements) pair; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from functools import partial

from workbench.store.db import Database, now

INITIAL_SCHEMA = (
    """CREATE TABLE report (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL)""",
    """CREATE TABLE document (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES report(id),
        lang TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('original', 'human', 'machine')),
        model TEXT NOT NULL DEFAULT '',
        pivot TEXT NOT NULL DEFAULT '[]',
        title TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        source_file TEXT NOT NULL DEFAULT '',
        sha256 TEXT NOT NULL,
        raw_text TEXT NOT NULL,
        paragraphs TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        UNIQUE (report_id, sha256))""",
    "CREATE INDEX document_report ON document(report_id, lang)",
    """CREATE TABLE segment (
        document_id INTEGER NOT NULL REFERENCES document(id),
        idx INTEGER NOT NULL,
        paragraph INTEGER NOT NULL,
        text TEXT NOT NULL,
        normalized TEXT NOT NULL,
        PRIMARY KEY (document_id, idx)) WITHOUT ROWID""",
    """CREATE TABLE alignment (
        id INTEGER PRIMARY KEY,
        report_id INTEGER REFERENCES report(id),
        document_ids TEXT NOT NULL,
        method TEXT NOT NULL,
        signature TEXT NOT NULL,
        created_at TEXT NOT NULL)""",
    "CREATE INDEX alignment_report ON alignment(report_id)",
    """CREATE TABLE review_event (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        alignment_id INTEGER NOT NULL REFERENCES alignment(id),
        bead_id INTEGER REFERENCES bead(id),
        user TEXT NOT NULL,
        action TEXT NOT NULL,
        before TEXT NOT NULL DEFAULT '{}',
        after TEXT NOT NULL DEFAULT '{}',
        comment TEXT NOT NULL DEFAULT '',
        undoes INTEGER REFERENCES review_event(id),
        created_at TEXT NOT NULL)""",
    "CREATE INDEX review_event_alignment ON review_event(alignment_id, id)",
    """CREATE TRIGGER review_event_no_update BEFORE UPDATE ON review_event
       BEGIN SELECT RAISE(ABORT, 'review events are append-only'); END""",
    """CREATE TRIGGER review_event_no_delete BEFORE DELETE ON review_event
       BEGIN SELECT RAISE(ABORT, 'review events are append-only'); END""",
    """CREATE TABLE bead (
        id INTEGER PRIMARY KEY,
        alignment_id INTEGER NOT NULL REFERENCES alignment(id),
        position REAL NOT NULL,
        segments TEXT NOT NULL,
        score REAL NOT NULL DEFAULT 0,
        confidence REAL NOT NULL DEFAULT 0,
        signal TEXT NOT NULL DEFAULT '',
        created_by_event INTEGER REFERENCES review_event(id))""",
    "CREATE INDEX bead_alignment ON bead(alignment_id, position)",
    """CREATE TABLE translation (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        model TEXT NOT NULL,
        revision TEXT NOT NULL,
        engine TEXT NOT NULL,
        settings TEXT NOT NULL,
        src_lang TEXT NOT NULL,
        tgt_lang TEXT NOT NULL,
        source_sha256 TEXT NOT NULL,
        source TEXT NOT NULL,
        output TEXT NOT NULL,
        signature TEXT NOT NULL,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE score (
        id INTEGER PRIMARY KEY,
        metric TEXT NOT NULL,
        value REAL NOT NULL,
        scope TEXT NOT NULL CHECK (scope IN ('bead', 'document', 'report', 'collection', 'system')),
        scope_ref TEXT NOT NULL,
        signature TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL)""",
    "CREATE INDEX score_scope ON score(scope, scope_ref)",
    """CREATE TABLE user (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'reviewer', 'admin')),
        password_hash TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL)""",
    """CREATE TABLE job (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        spec TEXT NOT NULL,
        status TEXT NOT NULL,
        error TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    """CREATE TABLE job_item (
        id INTEGER PRIMARY KEY,
        job_id INTEGER NOT NULL REFERENCES job(id),
        key TEXT NOT NULL,
        status TEXT NOT NULL,
        input_hash TEXT NOT NULL DEFAULT '',
        result TEXT NOT NULL DEFAULT '{}',
        error TEXT NOT NULL DEFAULT '',
        attempts INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        UNIQUE (job_id, key))""",
)

# Batch jobs: which spec a job runs (so the same spec finds its job again), which process
# holds it (so two runners never work on one job), and the step and report of each item.
JOB_RUNS = (
    "ALTER TABLE job ADD COLUMN name TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE job ADD COLUMN spec_key TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE job ADD COLUMN runner TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE job ADD COLUMN executor TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE job ADD COLUMN started_at TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE job ADD COLUMN finished_at TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX job_spec_key ON job(spec_key)",
    "ALTER TABLE job_item ADD COLUMN step TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE job_item ADD COLUMN report TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX job_item_step ON job_item(job_id, step, report)",
    # a job on Ray sends each chunk the memory's entries for its segments: find them by text
    "CREATE INDEX translation_source ON translation(src_lang, tgt_lang, source_sha256)",
)

# Version QA: what each check found in each pair of versions of a bead. Findings are the
# checks' output, replaced when QA runs again; a reviewer's dismissal is a review event
# (action "dismiss", the finding's key in `after`), so it is never lost.
QA_FINDINGS = (
    """CREATE TABLE qa_finding (
        id INTEGER PRIMARY KEY,
        alignment_id INTEGER NOT NULL REFERENCES alignment(id),
        bead_id INTEGER REFERENCES bead(id),
        src_document INTEGER NOT NULL REFERENCES document(id),
        tgt_document INTEGER NOT NULL REFERENCES document(id),
        check_name TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
        message TEXT NOT NULL,
        src_start INTEGER,
        src_end INTEGER,
        tgt_start INTEGER,
        tgt_end INTEGER,
        key TEXT NOT NULL,
        created_at TEXT NOT NULL)""",
    "CREATE INDEX qa_finding_pair ON qa_finding(alignment_id, src_document, tgt_document)",
    "CREATE INDEX qa_finding_key ON qa_finding(key)",
)

# The translation memory and the termbase. Texts are stored once per language (both directions
# of a pair share them) and never changed, so the trigram index over their match form only
# grows; workbench.store.memory indexes new texts in the transaction that adds them (one
# INSERT ... SELECT: three times faster than a trigger per row). `tm_gram` counts the texts
# holding each trigram, so a lookup reads the postings of the query's rarest trigrams only.
# Entries derived from an alignment are replaced as a batch when reviewers change it (the
# review events stay the record of what was there before).
TRANSLATION_MEMORY = (
    """CREATE TABLE tm_text (
        id INTEGER PRIMARY KEY,
        lang TEXT NOT NULL,
        text TEXT NOT NULL,
        norm TEXT NOT NULL,
        UNIQUE (lang, text))""",
    "CREATE INDEX tm_text_norm ON tm_text(lang, norm)",
    """CREATE VIRTUAL TABLE tm_fts USING fts5(
        norm, content='tm_text', content_rowid='id', tokenize='trigram', detail='none')""",
    """CREATE TRIGGER tm_text_no_update BEFORE UPDATE ON tm_text
       BEGIN SELECT RAISE(ABORT, 'memory texts are never changed'); END""",
    """CREATE TRIGGER tm_text_no_delete BEFORE DELETE ON tm_text
       BEGIN SELECT RAISE(ABORT, 'memory texts are never deleted'); END""",
    "CREATE TABLE tm_gram (gram TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID",
    """CREATE TABLE tm_entry (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES tm_text(id),
        target_id INTEGER NOT NULL REFERENCES tm_text(id),
        src_lang TEXT NOT NULL,
        tgt_lang TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('reviewed', 'imported', 'aligned', 'mt')),
        batch TEXT NOT NULL,
        report TEXT NOT NULL DEFAULT '',
        alignment_id INTEGER,
        bead_id INTEGER,
        file TEXT NOT NULL DEFAULT '',
        signature TEXT NOT NULL DEFAULT '',
        user TEXT NOT NULL DEFAULT '',
        context TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL)""",
    "CREATE INDEX tm_entry_source ON tm_entry(source_id, tgt_lang)",
    "CREATE INDEX tm_entry_batch ON tm_entry(batch)",
    "CREATE TABLE tm_mark (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
    """CREATE TABLE tm_use (
        document_id INTEGER NOT NULL REFERENCES document(id),
        idx INTEGER NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('memory', 'fill', 'machine')),
        score INTEGER NOT NULL DEFAULT 0,
        entry_id INTEGER,
        offers INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (document_id, idx)) WITHOUT ROWID""",
    """CREATE TABLE concept (
        id INTEGER PRIMARY KEY,
        subject TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        origin TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL)""",
    """CREATE TABLE term (
        id INTEGER PRIMARY KEY,
        concept_id INTEGER NOT NULL REFERENCES concept(id),
        lang TEXT NOT NULL,
        text TEXT NOT NULL,
        forbidden INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        UNIQUE (concept_id, lang, text))""",
    "CREATE INDEX term_text ON term(lang, text)",
    """CREATE TABLE term_candidate (
        id INTEGER PRIMARY KEY,
        src_lang TEXT NOT NULL,
        tgt_lang TEXT NOT NULL,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        kind TEXT NOT NULL,
        score REAL NOT NULL,
        count INTEGER NOT NULL,
        examples TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'accepted', 'rejected')),
        concept_id INTEGER REFERENCES concept(id),
        user TEXT NOT NULL DEFAULT '',
        decided_at TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        UNIQUE (src_lang, tgt_lang, source, target))""",
)

# Review progress and MQM scores per reviewer: their events across every alignment, in time
# order. (Error spans and their removal are review events, "span" and "unspan": the
# append-only log keeps who marked what and when, and undo, split and merge work for them as
# for every other action; see workbench.store.review.)
REVIEWER_EVENTS = ("CREATE INDEX review_event_user ON review_event(user, created_at)",)

MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("0001_initial", INITIAL_SCHEMA),
    ("0002_job_runs", JOB_RUNS),
    ("0003_qa_findings", QA_FINDINGS),
    ("0004_translation_memory", TRANSLATION_MEMORY),
    ("0005_review_events_by_reviewer", REVIEWER_EVENTS),
)


def migrate(db: Database) -> list[str]:
    """Apply the migrations this file lacks; returns their names. Safe from many processes."""
    db.write(
        lambda conn: conn.execute(
            "CREATE TABLE IF NOT EXISTS migration (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
    )
    applied = []
    for name, statements in MIGRATIONS:
        if db.write(partial(_apply, name=name, statements=statements)):
            applied.append(name)
    return applied


def applied_migrations(db: Database) -> list[str]:
    rows = db.connection().execute("SELECT name FROM migration ORDER BY name")
    return [row["name"] for row in rows]


def pending_migrations(db: Database) -> list[str]:
    """The migrations this file lacks (all of them for a file that has none), without writing."""
    conn = db.connection()
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'migration'").fetchone():
        return [name for name, _ in MIGRATIONS]
    done = set(applied_migrations(db))
    return [name for name, _ in MIGRATIONS if name not in done]


def _apply(conn: sqlite3.Connection, name: str, statements: tuple[str, ...]) -> bool:
    if conn.execute("SELECT 1 FROM migration WHERE name = ?", (name,)).fetchone():
        return False
    for statement in statements:
        conn.execute(statement)
    conn.execute("INSERT INTO migration (name, applied_at) VALUES (?, ?)", (name, now()))
    return True
