import sqlite3

import pytest

from workbench.errors import StoreError
from workbench.store.db import check, open_database
from workbench.store.migrations import MIGRATIONS, applied_migrations, migrate


def test_empty_file_gets_every_migration_recorded(tmp_path):
    db = open_database(tmp_path / "new" / "w.db")
    assert applied_migrations(db) == [name for name, _ in MIGRATIONS]
    tables = {
        r[0] for r in db.connection().execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    assert {
        "report",
        "document",
        "segment",
        "alignment",
        "bead",
        "translation",
        "score",
        "review_event",
        "job",
        "job_item",
        "user",
        "migration",
    } <= tables
    assert db.connection().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_reopening_applies_nothing_again(tmp_path):
    open_database(tmp_path / "w.db").close()
    db = open_database(tmp_path / "w.db")
    assert migrate(db) == []
    assert check(db) == []
    db.close()


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a workbench database, is damaged"):
        open_database(bad)


def test_busy_timeout_is_set(db):
    assert db.connection().execute("PRAGMA busy_timeout").fetchone()[0] >= 10_000


def test_raw_sqlite_still_refuses_to_rewrite_review_history(db):
    conn = db.connection()
    conn.execute(
        "INSERT INTO alignment (document_ids, method, signature, created_at)"
        " VALUES ('[1,2]', 'm', 's', 't')"
    )
    conn.execute(
        "INSERT INTO review_event (alignment_id, user, action, created_at)"
        " VALUES (1, 'a', 'accept', 't')"
    )
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE review_event SET user = 'b'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM review_event")
