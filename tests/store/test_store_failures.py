"""A write that fails says why (a full disk, a read-only file, no permission) at once, instead
of "stayed busy for 120 s"; a store that cannot be written is still read (items 12 and 14 of
issue 19).

How each failure is made real here, as root too (root writes through chmod):
- a full disk: SQLite's `max_page_count` pragma caps the file at its current size, so the next
  write fails in SQLite exactly as on a full disk (SQLITE_FULL);
- a read-only database: `open_database(..., read_only=True)` opens it with a `file:...?mode=ro`
  URI, so SQLite itself refuses every write (SQLITE_READONLY);
- a read-only store on disk (as on a read-only mount): `chattr +i` on the file and its folder
  when running as root (the immutable flag stops root as well), chmod otherwise;
- no permission and a failing disk: the SQLite error injected at the write's seam (the work
  of a write transaction), as SQLite raises it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.review.samples import add_report
from workbench.errors import ReadOnlyStore, StoreError
from workbench.records import Report
from workbench.store import reports
from workbench.store.db import backup, open_database


def _store(path: Path) -> None:
    db = open_database(path)
    add_report(db)
    db.close()  # the last close checkpoints and removes the -wal and -shm files


@contextmanager
def read_only_store(*paths: Path):
    """The files and folders made read-only for this process, even when it is root."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in paths}
        for p in paths:
            os.chmod(p, 0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                os.chmod(p, mode)
        return
    done = subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"cannot make a read-only store as root here (chattr: {done.stderr.strip()})")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", *map(str, paths)], check=True)


def test_a_full_disk_is_named_at_once_and_the_store_stays_usable(tmp_path):
    db = open_database(tmp_path / "w.db")
    conn = db.connection()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError) as failed:
        for i in range(100):
            reports.add_report(db, Report(f"{'a long report name ' * 5}{i}"))
    message = str(failed.value)
    assert "disk holding the database" in message and "is full" in message
    assert "busy" not in message and "another program" not in message.lower()
    assert not conn.in_transaction
    conn.execute(f"PRAGMA max_page_count = {pages * 100}")  # space freed: it works again
    assert reports.add_report(db, Report("after")).name == "after"
    db.close()


def test_a_database_opened_read_only_reads_and_refuses_writes(tmp_path):
    _store(tmp_path / "w.db")
    db = open_database(tmp_path / "w.db", read_only=True)
    assert [r.name for r in reports.list_reports(db)] == ["Erbil water"]
    with pytest.raises(ReadOnlyStore) as refused:
        reports.add_report(db, Report("new"))
    assert "is read-only" in str(refused.value) and "busy" not in str(refused.value)
    db.close()


def test_sqlite_itself_refuses_a_write_through_a_read_only_uri(tmp_path):
    """The seam below open_database: a connection SQLite opened with mode=ro."""
    from workbench.store.db import Database

    _store(tmp_path / "w.db")
    db = Database(tmp_path / "w.db")
    db._local.conn = Database._open(f"{(tmp_path / 'w.db').as_uri()}?mode=ro", uri=True)
    with pytest.raises(ReadOnlyStore, match="attempt to write a readonly database"):
        reports.add_report(db, Report("new"))
    db.close()


@pytest.mark.parametrize(
    ("code", "text", "said"),
    [
        ("SQLITE_FULL", "database or disk is full", "is full"),
        ("SQLITE_READONLY", "attempt to write a readonly database", "is read-only"),
        ("SQLITE_CANTOPEN", "unable to open database file", "Permission denied"),
        ("SQLITE_IOERR_WRITE", "disk I/O error", "The disk failed"),
    ],
)
def test_each_write_failure_says_what_happened(tmp_path, code, text, said):
    db = open_database(tmp_path / "w.db")
    calls = []

    def work(conn):
        calls.append(1)
        error = sqlite3.OperationalError(text)
        error.sqlite_errorname = code
        raise error

    with pytest.raises(StoreError, match=said) as failed:
        db.write(work)
    assert "busy" not in str(failed.value) and calls == [1]  # not retried for 120 s
    db.close()


def test_a_read_only_store_on_disk_still_lists_checks_and_backs_up(tmp_path, cli):
    store = tmp_path / "store"
    store.mkdir()
    path = store / "w.db"
    _store(path)
    out = tmp_path / "out"
    with read_only_store(path, store):
        listed = cli("--database", str(path), "reports", "list")
        checked = cli("--database", str(path), "db", "check")
        backed = cli("--database", str(path), "db", "backup", str(out) + "/")
        text = tmp_path / "report.txt"
        text.write_text("The water station reopened.", encoding="utf-8")
        ingested = cli("--database", str(path), "ingest", str(text), "--report", "new")
    assert listed.code == 0 and "Erbil water" in listed.out, listed.err
    assert checked.code == 0, checked.err
    assert backed.code == 0, backed.err
    copy = next(out.glob("workbench-*.db"))
    db = open_database(copy)
    assert [r.name for r in reports.list_reports(db)] == ["Erbil water"]
    db.close()
    assert ingested.code != 0 and "is read-only" in ingested.err, ingested.err
    assert "busy" not in ingested.err and "internal error" not in ingested.err


def test_a_read_only_store_opens_in_another_process(tmp_path):
    """As a second program would meet it: nothing in this process is shared."""
    store = tmp_path / "store"
    store.mkdir()
    _store(store / "w.db")
    reader = (
        "import sys; from workbench.store.db import open_database; "
        "from workbench.store.reports import list_reports; "
        "db = open_database(sys.argv[1]); print(db.read_only, [r.name for r in list_reports(db)])"
    )
    with read_only_store(store / "w.db", store):
        done = subprocess.run(
            [sys.executable, "-c", reader, str(store / "w.db")], capture_output=True, text=True
        )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True ['Erbil water']"


# --- db backup's partial copies (item 14) --------------------------------------------------

HOLDER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("holding", flush=True)
time.sleep(60)
"""


def test_a_backup_removes_the_partial_copies_killed_backups_left(tmp_path):
    _store(tmp_path / "w.db")
    copies = tmp_path / "copies"
    copies.mkdir()
    stale = [copies / "workbench-20240101T000000.db.partial", copies / "mine.db.partial"]
    for path in stale:
        path.write_bytes(b"SQLite format 3\x00 half a copy")
    others = [copies / "notes.partial", copies / "other.db.partial"]
    for path in others:
        path.write_text("not a backup of this run")
    db = open_database(tmp_path / "w.db")
    backup(db, copies / "")
    backup(db, copies / "mine.db")
    db.close()
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in others)  # only its own
    assert (copies / "mine.db").exists()


def test_a_running_backups_partial_copy_is_left_alone(tmp_path):
    _store(tmp_path / "w.db")
    copies = tmp_path / "copies"
    copies.mkdir()
    running = copies / "workbench-20991231T235959.db.partial"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(running)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        db = open_database(tmp_path / "w.db")
        made = backup(db, copies / "")
        assert running.exists() and made.exists()
        with pytest.raises(StoreError, match="Another backup is writing"):
            backup(db, running.with_suffix(""))  # the same target as the running one
        db.close()
    finally:
        holder.kill()
        holder.wait()
