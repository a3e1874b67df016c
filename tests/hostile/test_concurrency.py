"""Twenty reviewers writing at once through the running UI's API for a minute, while
`workbench db backup` copies the store: every acknowledged event is stored once, by whom it
says, nobody meets "database is locked", and each backup is a consistent snapshot.

The minute of load runs once (a module fixture); each promise is its own test on what it left.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.hostile.served import serve
from tests.review.samples import add_report
from workbench.accounts import create_user
from workbench.store import alignments, review
from workbench.store.db import open_database

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

WRITERS = 20
LOAD_S = 60.0
BACKUP_AT_S = (15.0, 30.0, 45.0)
PASSWORD = "correct horse"


@dataclass
class Writer:
    name: str
    acknowledged: list[dict] = field(default_factory=list)  # the events the server answered
    errors: list[str] = field(default_factory=list)


@dataclass
class Load:
    writers: list[Writer]
    db_path: Path
    backups: list[Path]
    backup_errors: list[str]
    alignment_id: int
    server_log: str


def _write(writer: Writer, url: str, alignment_id: int, beads: list[int], stop: float) -> None:
    from gradio_client import Client

    try:
        # Twenty logins at once from one address take turns at the login limit's places
        # (Argon2 is slow on purpose): give them longer than httpx's 5 s on a busy machine.
        client = Client(
            url, auth=(writer.name, PASSWORD), verbose=False, httpx_kwargs={"timeout": 60}
        )
    except Exception as exc:  # a failed login is a failure of the test, reported below
        writer.errors.append(f"login: {exc}")
        return
    n = 0
    while time.monotonic() < stop:
        bead = beads[n % len(beads)]
        try:
            if n % 3 == 2:
                done = client.predict(alignment_id=alignment_id, bead_id=bead, api_name="/accept")
            else:
                text = f"{writer.name} says {n}"
                done = client.predict(
                    alignment_id=alignment_id, bead_id=bead, text=text, api_name="/comment"
                )
            writer.acknowledged.append(done)
        except Exception as exc:
            writer.errors.append(f"{type(exc).__name__}: {exc}")
        n += 1
    client.close()


def _backups(db_path: Path, folder: Path, start: float, errors: list[str]) -> list[Path]:
    made = []
    for i, at in enumerate(BACKUP_AT_S):
        time.sleep(max(0.0, start + at - time.monotonic()))
        target = folder / f"copy-{i}.db"
        result = subprocess.run(
            [sys.executable, "-m", "workbench", "--database", str(db_path), "db", "backup",
             str(target)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        if result.returncode != 0:
            errors.append(result.stderr)
        made.append(target)
    return made


@pytest.fixture(scope="module")
def load(tmp_path_factory) -> Load:
    folder = tmp_path_factory.mktemp("concurrency")
    db_path = folder / "shared.db"
    db = open_database(db_path)
    alignment = add_report(db, langs=("en", "ar"), repeat=4)
    beads = [b.id for b in alignments.current_beads(db, alignment.id)]
    writers = [Writer(f"reviewer{i:02d}") for i in range(WRITERS)]
    for writer in writers:
        create_user(db, writer.name, PASSWORD, "reviewer")
    db.close()
    served = serve(["--database", str(db_path), "serve"], folder / "home", folder / "server.log")
    try:
        start = time.monotonic()
        threads = [
            threading.Thread(
                target=_write, args=(w, served.url, alignment.id, beads, start + LOAD_S)
            )
            for w in writers
        ]
        for thread in threads:
            thread.start()
        errors: list[str] = []
        backups = _backups(db_path, folder, start, errors)
        for thread in threads:
            thread.join(timeout=LOAD_S + 120)
    finally:
        served.stop()
    return Load(writers, db_path, backups, errors, alignment.id, served.output())


def _stored(path: Path, alignment_id: int) -> list:
    db = open_database(path)
    try:
        return review.events(db, alignment_id)
    finally:
        db.close()


def test_nobody_meets_an_error_and_everyone_wrote(load):
    assert [w.errors[:2] for w in load.writers if w.errors] == []
    assert all(len(w.acknowledged) >= 5 for w in load.writers), [
        len(w.acknowledged) for w in load.writers
    ]
    assert "locked" not in load.server_log.lower()


def test_every_acknowledged_event_is_stored_once(load):
    stored = {e.id: e for e in _stored(load.db_path, load.alignment_id)}
    acknowledged = [a["event_id"] for w in load.writers for a in w.acknowledged]
    assert len(acknowledged) == len(set(acknowledged))
    assert sorted(stored) == sorted(acknowledged)  # none lost, none extra


def test_every_event_is_attributed_to_its_writer(load):
    stored = {e.id: e for e in _stored(load.db_path, load.alignment_id)}
    for writer in load.writers:
        for answer in writer.acknowledged:
            event = stored[answer["event_id"]]
            assert (event.user, event.action, event.comment) == (
                writer.name,
                answer["action"],
                answer["comment"],
            )
            assert event.action == "accept" or event.comment.startswith(f"{writer.name} says")


def test_backups_during_the_writes_are_consistent_snapshots(load):
    assert load.backup_errors == []
    every = [e.id for e in _stored(load.db_path, load.alignment_id)]
    for copy in load.backups:
        check = subprocess.run(
            [sys.executable, "-m", "workbench", "--database", str(copy), "db", "check"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert check.returncode == 0 and check.stdout.startswith("ok:"), check.stderr
        held = [e.id for e in _stored(copy, load.alignment_id)]
        assert held, f"{copy.name} holds no events: it was taken before any write"
        assert held == [i for i in every if i <= max(held)]  # all committed before it, only


def test_the_store_passes_its_check_after_the_load(load):
    check = subprocess.run(
        [sys.executable, "-m", "workbench", "--database", str(load.db_path), "db", "check"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert check.returncode == 0, check.stderr
