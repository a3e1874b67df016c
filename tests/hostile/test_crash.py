"""kill -9 of the UI server while reviewers edit: once restarted, every edit the server had
acknowledged is there (an answer is sent only after the transaction committed, and SQLite's
WAL keeps a commit through a crash of the process), and the store passes its check."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from tests.hostile.served import serve
from tests.review.samples import add_report
from workbench.accounts import create_user
from workbench.store import alignments, review
from workbench.store.db import open_database

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

EDITORS = 3
KILL_AFTER = 40  # acknowledged edits
PASSWORD = "correct horse"


def _edit(name, url, alignment_id, beads, acknowledged, errors, killed) -> None:
    from gradio_client import Client

    client = Client(url, auth=(name, PASSWORD), verbose=False)
    n = 0
    while not killed.is_set():
        bead = beads[n % len(beads)]
        text = f"تصحيح {name} {n}"
        try:
            done = client.predict(
                alignment_id=alignment_id, bead_id=bead, texts={"ar": text}, api_name="/edit"
            )
            acknowledged.append((done["event_id"], bead, text))
        except Exception as exc:
            if not killed.is_set():
                errors.append(f"{type(exc).__name__}: {exc}")
            return
        n += 1


def test_every_acknowledged_edit_survives_kill_9(tmp_path):
    db_path = tmp_path / "store.db"
    db = open_database(db_path)
    alignment = add_report(db, langs=("en", "ar"), repeat=3)
    beads = [b.id for b in alignments.current_beads(db, alignment.id)]
    names = [f"editor{i}" for i in range(EDITORS)]
    for name in names:
        create_user(db, name, PASSWORD, "reviewer")
    db.close()
    args = ["--database", str(db_path), "serve"]
    served = serve(args, tmp_path / "home", tmp_path / "first.log")
    acknowledged: list[tuple[int, int, str]] = []
    errors: list[str] = []
    killed = threading.Event()
    threads = [
        threading.Thread(
            target=_edit,
            args=(name, served.url, alignment.id, beads[i::EDITORS], acknowledged, errors, killed),
        )
        for i, name in enumerate(names)
    ]
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 120
        while len(acknowledged) < KILL_AFTER and time.monotonic() < deadline and not errors:
            time.sleep(0.01)
        killed.set()  # what fails from now on is the kill's doing
        served.kill()  # mid-edit: the editors are waiting for answers right now
    finally:
        if served.process.poll() is None:
            served.kill()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == [] and len(acknowledged) >= KILL_AFTER

    restarted = serve(args, tmp_path / "home", tmp_path / "second.log")
    try:
        from gradio_client import Client

        client = Client(restarted.url, auth=(names[0], PASSWORD), verbose=False)
        history = client.predict(alignment_id=alignment.id, api_name="/history")
        client.close()
    finally:
        restarted.stop()
    served_ids = {e["event_id"] for e in history}
    assert {event_id for event_id, _, _ in acknowledged} <= served_ids

    db = open_database(db_path)
    stored = {e.id: e for e in review.events(db, alignment.id)}
    db.close()
    for event_id, _, text in acknowledged:
        assert stored[event_id].action == "edit" and stored[event_id].after["texts"] == {"1": text}
    check = subprocess.run(
        [sys.executable, "-m", "workbench", "--database", str(db_path), "db", "check"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert check.returncode == 0 and check.stdout.startswith("ok:"), check.stderr
