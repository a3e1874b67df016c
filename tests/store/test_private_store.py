"""The store is its owner's alone: the data folder 0700, the database and its WAL/SHM files,
backups and logs 0600, whatever the umask; a store an older version left readable is made
private when it is opened (item 5 of issue 19)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from workbench.config import load_settings
from workbench.private_files import open_private, private_folder, tighten
from workbench.store.db import backup, open_database


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask 022", "umask 000"])
def umask(request):
    """The usual umask, and one that would leave everything world-writable."""
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def test_init_makes_a_private_data_folder_and_database(cli, home, umask):
    result = cli("init")
    assert result.code == 0, result.err
    settings = load_settings()
    assert _mode(settings.home) == 0o700
    assert _mode(settings.models_path) == 0o700
    assert _mode(settings.database_path) == 0o600


def test_the_wal_and_shm_files_are_private_while_the_store_is_open(tmp_path, umask):
    db = open_database(tmp_path / "new" / "w.db")
    db.connection().execute("SELECT count(*) FROM report").fetchone()
    wal, shm = (tmp_path / "new" / f"w.db-{s}" for s in ("wal", "shm"))
    assert wal.exists() and shm.exists()
    assert [_mode(p) for p in (tmp_path / "new", tmp_path / "new" / "w.db", wal, shm)] == [
        0o700,
        0o600,
        0o600,
        0o600,
    ]
    db.close()


def test_a_backup_is_private(tmp_path, umask):
    db = open_database(tmp_path / "w.db")
    made = backup(db, tmp_path / "copies" / "")
    db.close()
    assert _mode(made) == 0o600


def test_a_readable_store_is_made_private_when_it_is_opened(cli, home, umask):
    assert cli("init").code == 0
    settings = load_settings()
    os.chmod(settings.home, 0o755)  # as an older workbench left it
    os.chmod(settings.database_path, 0o644)
    result = cli("reports", "list")
    assert result.code == 0, result.err
    assert _mode(settings.home) == 0o700
    assert _mode(settings.database_path) == 0o600


def test_making_private_only_takes_access_away(tmp_path):
    kept = tmp_path / "read-only-on-purpose.db"
    kept.write_text("x")
    os.chmod(kept, 0o444)
    tighten(kept)
    assert _mode(kept) == 0o400  # never made writable


def test_job_logs_and_settings_are_private(tmp_path, umask):
    logs = private_folder(tmp_path / "home" / "logs")
    with open_private(logs / "job-1.log", "ab") as fh:
        fh.write(b"started\n")
    with open_private(logs / "job-1.log", "ab") as fh:  # appending keeps what was there
        fh.write(b"resumed\n")
    assert (logs / "job-1.log").read_bytes() == b"started\nresumed\n"
    assert (_mode(logs), _mode(logs / "job-1.log")) == (0o700, 0o600)


def test_a_crash_log_is_private(home, umask):
    from workbench.cli.common import write_crash_log

    try:
        raise RuntimeError("a sentence of a private report")
    except RuntimeError as exc:
        path = write_crash_log(exc)
    assert (_mode(path.parent), _mode(path)) == (0o700, 0o600)
