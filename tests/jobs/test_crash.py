"""kill -9 at random moments, then resume: every item done exactly once, the same bytes, the
same store (ids included).

Each case starts the job in a process of its own, kills it (SIGKILL, no chance to clean up)
three times at moments drawn from a seeded generator, resumes it each time, and finally
compares the output folder byte for byte with an uninterrupted run of the same spec.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.jobs.conftest import write_spec
from tests.jobs.test_runner import commits_per_item, outputs
from workbench.config import load_settings
from workbench.jobs import api
from workbench.store import jobs as store
from workbench.store.db import open_database

HELPER = Path(__file__).with_name("run_fake_job.py")
SPEC = """
output = "out"
[inputs]
paths = ["reports"]
[shout]
chunk = 1
delay_ms = 25
"""


def _corpus(base: Path) -> Path:
    folder = base / "reports"
    folder.mkdir(parents=True)
    for n in range(6):
        for lang in ("en", "ar"):
            lines = [f"report {n} {lang} line {i}." for i in range(8 + n)]
            (folder / f"r{n}.{lang}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _session_processes(sid: int) -> list[int]:
    """Processes still alive in the killed runner's session (its workers, if any)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] not in ("Z", "X"):
                alive.append(int(entry.name))
    return alive


def _start(db_path: Path, spec: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(HELPER), str(db_path), str(spec)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _wait_for(condition, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the job never got there"
        time.sleep(0.02)


def _progress(db_path: Path) -> tuple[int, int]:
    """(done, total) items, read without writing (a migration would compete with the job)."""
    if not db_path.exists():
        return (0, 0)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    try:
        rows = conn.execute("SELECT status, count(*) FROM job_item GROUP BY status").fetchall()
    except sqlite3.OperationalError:  # the tables are not there yet
        rows = []
    finally:
        conn.close()
    counts = dict(rows)
    return counts.get("done", 0), sum(counts.values())


@pytest.fixture
def reference(tmp_path, fake_steps) -> tuple[dict[str, bytes], list[tuple]]:
    """The outputs of an uninterrupted run, made in a folder and database of their own."""
    base = tmp_path / "reference"
    _corpus(base)
    spec = write_spec(base, SPEC)
    with open_database(base / "ref.db") as db:
        summary = api.run_job(spec, db=db, settings=load_settings(), steps=fake_steps)
        rows = _store_rows(db)
    assert summary["status"] == "done"
    return outputs(base / "out"), rows


def _store_rows(db) -> list[tuple]:
    """What the steps stored, with the ids the store gave it."""
    return db.connection().execute("SELECT id, scope_ref, value FROM score ORDER BY id").fetchall()


@pytest.mark.parametrize("seed", [11, 22, 33])
def test_kill_9_three_times_then_resume_gives_the_same_bytes(tmp_path, reference, seed):
    _corpus(tmp_path)
    spec = write_spec(tmp_path, SPEC)
    db_path = tmp_path / "crash.db"
    chance = random.Random(seed)
    files, rows = reference
    targets = sorted(chance.sample(range(3, len(files) * 9), 3))  # items done at each kill
    progress = []
    for kill, target in enumerate(targets):
        runner = _start(db_path, spec)
        _wait_for(lambda t=target: _progress(db_path)[0] >= t)
        time.sleep(chance.uniform(0, 0.05))  # sometimes mid-commit, sometimes between items
        os.kill(runner.pid, signal.SIGKILL)
        runner.wait(30)
        deadline = time.monotonic() + 5
        while _session_processes(runner.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _session_processes(runner.pid) == [], f"workers outlived runner (kill {kill})"
        progress.append(_progress(db_path))
        with open_database(db_path) as db:
            assert api.job_status(1, db=db)["status"] == "interrupted"
    assert all(0 < done < total for done, total in progress), progress
    finisher = _start(db_path, spec)
    out, err = finisher.communicate(timeout=300)
    assert finisher.returncode == 0, err
    assert out.startswith("done")
    assert outputs(tmp_path / "out") == files
    with open_database(db_path) as db:
        [job] = store.list_jobs(db)
        assert (job.status, job.done, job.failed, job.total) == ("done", job.total, 0, job.total)
        assert [tuple(r) for r in _store_rows(db)] == [tuple(r) for r in rows]
        commits = commits_per_item(db)
        assert len(commits) == job.total - 6 - 12 and set(commits.values()) == {1}
        assert not list((tmp_path / "out").rglob("*.partial"))


def test_kill_9_on_ray_then_resume_gives_the_same_bytes(tmp_path, reference):
    """The whole process group goes (runner, and the private Ray it started), then resume."""
    files, rows = reference
    _corpus(tmp_path)
    spec = write_spec(tmp_path, SPEC)
    db_path = tmp_path / "crash.db"
    runner = subprocess.Popen(
        [sys.executable, str(HELPER), str(db_path), str(spec), "ray"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    _wait_for(lambda: _progress(db_path)[0] >= 20, timeout=300)
    os.killpg(runner.pid, signal.SIGKILL)
    runner.wait(30)
    done, total = _progress(db_path)
    assert 0 < done < total
    finisher = subprocess.run(
        [sys.executable, str(HELPER), str(db_path), str(spec), "ray"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert finisher.returncode == 0 and finisher.stdout.startswith("done"), finisher.stderr
    assert outputs(tmp_path / "out") == files
    with open_database(db_path) as db:
        assert [tuple(r) for r in _store_rows(db)] == [tuple(r) for r in rows]
        assert set(commits_per_item(db).values()) == {1}
