"""The SQLite database: one file, WAL mode, a connection per thread, retried write transactions.

Writers use `BEGIN IMMEDIATE`, so two writers never deadlock on a lock upgrade; SQLite's busy
timeout makes the second one wait, and a transaction that still finds the file locked is
retried with back-off before the user ever sees "database is locked". A write that fails for
another reason (a full disk, a read-only file, no permission) says that reason at once.

A database that cannot be written (a read-only file, folder or disk) is opened read-only:
everything that only reads (listing, exporting, checking, backing up) works, and a write is
refused with the reason. The file and its folder are private to their owner (see
`workbench.private_files`).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from workbench import private_files
from workbench.config import Settings
from workbench.errors import NotFound, ReadOnlyStore, StoreError

BUSY_TIMEOUT_MS = 30_000
RETRY_FOR_S = 120.0
T = TypeVar("T")
log = logging.getLogger(__name__)


def now() -> str:
    """The timestamp format of every row: ISO 8601, UTC, microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just made."""
    if cur.lastrowid is None:
        raise StoreError("The store did not report the id of a new row; run `workbench check`.")
    return cur.lastrowid


def number(conn: sqlite3.Connection, sql: str, args: tuple[object, ...] = ()) -> int:
    """The one number a `SELECT count(*)`-like query returns."""
    return int(conn.execute(sql, args).fetchone()[0] or 0)


class Database:
    """A workbench database file. Share one object between threads; each gets a connection.

    `read_only` opens it with `mode=ro` (or, where SQLite cannot even keep its shared-memory
    file beside it, as immutable): reads work, writes raise ReadOnlyStore.
    """

    def __init__(self, path: Path | str, *, read_only: bool = False, why: str = ""):
        self.path = Path(path)
        self.read_only = read_only
        self.why = why or "it was opened read-only"  # why it is read-only, for the messages
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
        if self.read_only:
            return self._connect_read_only()
        try:
            conn = self._open(str(self.path))
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            conn.execute(
                "PRAGMA synchronous = NORMAL" if mode == "wal" else "PRAGMA synchronous = FULL"
            )
        except sqlite3.DatabaseError as exc:
            raise _unusable(self.path, exc) from None
        return conn

    def _connect_read_only(self) -> sqlite3.Connection:
        """`mode=ro` first; `immutable=1` where a WAL database's -shm file cannot be made (a
        read-only folder or disk): then nobody can be writing it through this folder either."""
        uri = self.path.absolute().as_uri()
        failure: sqlite3.DatabaseError | None = None
        for option in ("mode=ro", "immutable=1"):
            conn = None
            try:
                conn = self._open(f"{uri}?{option}", uri=True)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return conn
            except sqlite3.DatabaseError as exc:
                failure = exc
                if conn is not None:
                    conn.close()
        raise _unusable(self.path, failure or sqlite3.DatabaseError("cannot open"))

    @staticmethod
    def _open(target: str, *, uri: bool = False) -> sqlite3.Connection:
        conn = sqlite3.connect(
            target,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
            uri=uri,
        )
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
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
        if self.read_only:
            raise _read_only(self.path, self.why)
        deadline = time.monotonic() + RETRY_FOR_S
        delay = 0.01
        while True:
            try:
                return self._write_once(work)
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise write_failure(self.path, exc) from None
                if time.monotonic() > deadline:
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
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # a failed COMMIT (disk full) leaves it open
                conn.execute("ROLLBACK")
            raise
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
    name = getattr(exc, "sqlite_errorname", "")
    if name:
        return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def write_failure(path: Path, exc: sqlite3.Error) -> StoreError:
    """What went wrong with a write, in words: a full disk, a read-only file, no permission."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_FULL") or "disk is full" in str(exc):
        return StoreError(
            f"The disk holding the database {path} is full ({exc}): nothing was written. Free "
            "some space there (or move the database and pass --database) and try again."
        )
    if name.startswith("SQLITE_READONLY") or "readonly" in str(exc):
        return _read_only(path, str(exc))
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return StoreError(
            f"Permission denied writing the database {path} or its folder ({exc}): nothing was "
            "written. Give this user write permission on both, or pass another --database."
        )
    if name.startswith("SQLITE_IOERR"):
        return StoreError(
            f"The disk failed while writing the database {path} ({exc}): nothing was written. "
            "Check the disk (and its free space), then try again; `workbench db check` tells "
            "whether the file is sound."
        )
    return StoreError(f"Cannot write the database {path} ({exc}): nothing was written.")


def _read_only(path: Path, why: str) -> ReadOnlyStore:
    error = ReadOnlyStore(
        f"The database {path} is read-only ({why}): nothing was written. Reading works; to "
        "change it, give this user write permission on the file and its folder, or copy it "
        "somewhere writable and pass --database."
    )
    error.why = why
    return error


def open_database(path: Path | str, *, read_only: bool = False) -> Database:
    """Open (creating it and its folder if needed) and migrate a workbench database.

    A database that cannot be written (or `read_only`) is opened read-only, unmigrated.
    """
    from workbench.store.migrations import migrate

    path = Path(path)
    if read_only:
        return _open_read_only(path, "")
    if not _writable(path):
        return _open_read_only(path, "this user may not write the file or its folder")
    try:
        if not path.parent.exists():
            private_files.private_folder(path.parent)
        private_files.create_private(path)
    except OSError as exc:
        raise StoreError(f"Cannot create the database {path} ({exc.strerror or exc}).") from None
    db = Database(path)
    try:
        migrate(db)
    except ReadOnlyStore as exc:
        db.close()
        return _open_read_only(path, getattr(exc, "why", ""))
    except sqlite3.DatabaseError as exc:
        db.close()
        raise _unusable(path, exc) from None
    except StoreError:
        db.close()
        raise
    for private in (path, _beside(path, "-wal"), _beside(path, "-shm")):
        private_files.tighten(private)
    return db


def open_store(settings: Settings | None = None) -> Database:
    """The configured database (`settings`, default: `load_settings()`), with the data folder
    made private first: `db = workbench.open_store()`."""
    if settings is None:
        from workbench.config import load_settings

        settings = load_settings()
    if settings.home.exists():
        private_files.tighten(settings.home)
    return open_database(settings.database_path)


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _writable(path: Path) -> bool:
    """Whether SQLite could write here: the file (when there is one) and its folder."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if path.exists():
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return os.access(folder, os.W_OK)


def _open_read_only(path: Path, why: str) -> Database:
    from workbench.store.migrations import pending_migrations

    if not path.exists() and why:
        raise StoreError(
            f"Cannot create the database {path}: its folder is read-only or not yours. Choose "
            "another place with --database (or --home)."
        )
    if not path.exists():
        raise NotFound(f"There is no database {path} to open read-only: check the path.")
    db = Database(path, read_only=True, why=why)
    try:
        missing = pending_migrations(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise _unusable(path, exc) from None
    if missing:
        log.warning(
            "%s is read-only and older than this workbench (it lacks %s): reading may fail "
            "where it needs them.",
            path,
            ", ".join(missing),
        )
    return db


def _unusable(path: Path, exc: Exception) -> StoreError:
    return StoreError(
        f"Cannot use the database {path} ({exc}): it is not a workbench database, is damaged "
        "or cannot be read. Check its permissions, restore a backup (workbench db backup makes "
        "them) or choose another file with --database."
    )


def check(db: Database) -> list[str]:
    """SQLite's integrity and foreign-key checks, then the review's own: no sentence in two
    current beads of an alignment. An empty list means the file is sound."""
    from workbench.store.alignments import sentences_in_two_beads

    conn = db.connection()
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
    for row in conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"row {row[1]} of table {row[0]} points to a missing {row[2]}")
    return problems or sentences_in_two_beads(db)


def backup(db: Database, target: Path | str) -> Path:
    """Copy the database with SQLite's online backup API: consistent while others write.

    The copy is written to `<target>.partial` (locked while it is written) and renamed when
    whole; partial copies a killed backup left in the same folder are removed first, never
    one that a running backup holds.
    """
    as_folder = str(target).endswith(("/", "\\"))
    target = Path(target)
    if as_folder or target.is_dir():
        target = target / f"workbench-{datetime.now(UTC):%Y%m%dT%H%M%S}.db"
    partial = _beside(target, ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_partials(target)
        with _held(partial):
            dest = sqlite3.connect(partial)
            try:
                db.connection().backup(dest)  # one step: a consistent snapshot, even under writes
            finally:
                dest.close()
            partial.replace(target)
    except StoreError:
        raise
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(
            f"Cannot write the backup {target} ({exc}). Choose another path."
        ) from None
    return target


BACKUP_NAMES = "workbench-*.db.partial"  # the dated copies `backup` makes in a folder


def remove_stale_partials(target: Path) -> list[Path]:
    """Remove the partial copies killed backups left beside `target` (its own, and dated ones
    in its folder); a partial a running backup holds is locked, and stays."""
    removed = []
    candidates = {_beside(target, ".partial"), *target.parent.glob(BACKUP_NAMES)}
    for partial in sorted(candidates):
        if not partial.is_file() or partial.is_symlink():
            continue
        try:
            with _held(partial, create=False):
                partial.unlink()
            removed.append(partial)
        except (BlockingIOError, FileNotFoundError):
            continue  # being written now, or gone
    return removed


@contextmanager
def _held(partial: Path, *, create: bool = True) -> Iterator[None]:
    """An exclusive lock on the partial copy (created 0600) while it is written; a second
    backup to the same target is refused while the first runs."""
    flags = os.O_RDWR | (os.O_CREAT if create else 0)
    fd = os.open(partial, flags, private_files.FILE_MODE)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not create:
                raise
            raise StoreError(
                f"Another backup is writing {partial.name} now: wait for it, or choose another "
                "path."
            ) from None
        if create:
            os.ftruncate(fd, 0)  # a killed backup's leftover is not a start
            os.fchmod(fd, private_files.FILE_MODE)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
