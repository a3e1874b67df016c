"""The SQLite database: one file, WAL mode, a connection per thread, retried write transactions.

Writers use `BEGIN IMMEDIATE`, so two writers never deadlock on a lock upgrade; SQLite's busy
timeout makes the second one wait, and a transaction that still finds the file locked is
retried with back-off before the user ever sees "database is locked".
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from workbench.errors import StoreError

BUSY_TIMEOUT_MS = 30_000
RETRY_FOR_S = 120.0
T = TypeVar("T")


def now() -> str:
    """The timestamp format of every row: ISO 8601, UTC, microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Database:
    """A workbench database file. Share one object between threads; each gets a connection."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(
                "PRAGMA synchronous = NORMAL" if mode == "wal" else "PRAGMA synchronous = FULL"
            )
        except sqlite3.DatabaseError as exc:
            raise _unusable(self.path, exc) from None
        return conn

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for several SELECTs."""
        conn = self.connection()
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work(conn)` in one write transaction, retrying while another writer holds it.

        `work` may run more than once, so it must only touch the database.
        """
        deadline = time.monotonic() + RETRY_FOR_S
        delay = 0.01
        while True:
            try:
                return self._write_once(work)
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() > deadline:
                    raise StoreError(
                        f"The database {self.path} stayed busy for {RETRY_FOR_S:.0f} s ({exc}). "
                        "Another program may be holding it; close it and try again."
                    ) from None
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 1.0)

    def _write_once(self, work: Callable[[sqlite3.Connection], T]) -> T:
        conn = self.connection()
        if conn.in_transaction:  # nested: join the outer transaction
            return work(conn)
        conn.execute("BEGIN IMMEDIATE")
        try:
            result = work(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return result

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def open_database(path: Path | str) -> Database:
    """Open (creating it and its folder if needed) and migrate a workbench database."""
    from workbench.store.migrations import migrate

    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Cannot create the folder for {path} ({exc.strerror}).") from None
    db = Database(path)
    try:
        migrate(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise _unusable(path, exc) from None
    return db


def _unusable(path: Path, exc: Exception) -> StoreError:
    return StoreError(
        f"Cannot use the database {path} ({exc}): it is not a workbench database, is damaged "
        "or cannot be read. Check its permissions, restore a backup (workbench db backup makes "
        "them) or choose another file with --database."
    )


def check(db: Database) -> list[str]:
    """SQLite's integrity and foreign-key checks; an empty list means the file is sound."""
    conn = db.connection()
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
    for row in conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"row {row[1]} of table {row[0]} points to a missing {row[2]}")
    return problems


def backup(db: Database, target: Path | str) -> Path:
    """Copy the database with SQLite's online backup API: consistent while others write."""
    as_folder = str(target).endswith(("/", "\\"))
    target = Path(target)
    if as_folder or target.is_dir():
        target = target / f"workbench-{datetime.now(UTC):%Y%m%dT%H%M%S}.db"
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(partial)
        try:
            db.connection().backup(dest)  # one step: a consistent snapshot, even under writes
        finally:
            dest.close()
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(
            f"Cannot write the backup {target} ({exc}). Choose another path."
        ) from None
    return target
