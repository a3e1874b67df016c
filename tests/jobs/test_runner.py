"""The runner with the local executor, on fake steps: outputs, idempotence, errors, cancel."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.jobs.conftest import REPORTS, write_spec
from workbench.config import load_settings
from workbench.errors import JobError
from workbench.jobs import api
from workbench.jobs.local import WORKER_DIED
from workbench.store import jobs as store

SPEC = """
output = "out"
workers = 2
[inputs]
paths = ["reports"]
[shout]
chunk = {chunk}
{extra}
"""


def expected_outputs() -> dict[str, bytes]:
    files = {}
    for name, versions in REPORTS.items():
        for lang, text in zip(("en", "ar"), versions, strict=True):
            files[f"{name}/{name}.{lang}.shout.txt"] = text.upper().encode()
    return files


def outputs(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def commits_per_item(db) -> dict[str, int]:
    rows = db.connection().execute(
        "SELECT scope_ref, count(*) FROM score WHERE metric = 'shouted' GROUP BY scope_ref"
    )
    return dict(rows.fetchall())


def run(db, spec: Path, steps, **options):
    return api.run_job(spec, db=db, settings=load_settings(), steps=steps, **options)


@pytest.fixture
def spec(tmp_path, reports):
    return lambda extra="", chunk=2: write_spec(tmp_path, SPEC.format(extra=extra, chunk=chunk))


def test_a_job_runs_every_item_once_and_writes_its_outputs(db, spec, fake_steps, tmp_path):
    summary = run(db, spec(), fake_steps)
    assert (summary["status"], summary["failed"], summary["done"]) == ("done", 0, 17)
    assert outputs(tmp_path / "out") == expected_outputs()
    assert set(commits_per_item(db).values()) == {1} and len(commits_per_item(db)) == 8
    assert {item.attempts for item in store.items(db, summary["job"])} == {1}


def test_running_a_finished_job_again_does_nothing_and_says_so(db, spec, fake_steps):
    first = run(db, spec(), fake_steps)
    again = run(db, spec(), fake_steps)
    assert again["job"] == first["job"]
    assert (again["ran"], again["nothing_to_do"], again["status"]) == (0, True, "done")


def test_a_changed_input_file_is_redone_and_nothing_else(db, spec, fake_steps, tmp_path, reports):
    run(db, spec(), fake_steps)
    (reports / "clinic.en.txt").write_text("A clinic reopened.\nNurses came back.\n")
    again = run(db, spec(), fake_steps)
    redone = {item.key for item in store.items(db, again["job"]) if item.attempts == 2}
    assert redone == {"lines/clinic", "shout/clinic/en/0000", "shout-doc/clinic/en"}
    assert outputs(tmp_path / "out")["clinic/clinic.en.shout.txt"] == (
        b"A CLINIC REOPENED.\nNURSES CAME BACK.\n"
    )


def test_a_new_report_in_the_folder_is_added_to_the_job(db, spec, fake_steps, tmp_path, reports):
    run(db, spec(), fake_steps)
    (reports / "storm.en.txt").write_text("Wind.\n")
    again = run(db, spec(), fake_steps)
    assert again["ran"] == 3 and again["status"] == "done"
    assert (tmp_path / "out/storm/storm.en.shout.txt").read_bytes() == b"WIND.\n"


def test_a_broken_input_among_good_ones_fails_alone(db, spec, fake_steps, tmp_path, reports):
    (reports / "broken.en.txt").write_bytes(b"\xff\xfe\x00 not text \x81")
    summary = run(db, spec(), fake_steps)
    assert summary["status"] == "failed"
    assert [e["item"] for e in summary["errors"]] == ["lines/broken"]
    assert "broken.en.txt is not UTF-8 text" in summary["errors"][0]["error"]
    assert summary["blocked"] == [{"report": "broken", "step": "lines"}]
    assert outputs(tmp_path / "out") == expected_outputs()


def test_an_item_error_is_recorded_and_the_job_goes_on(db, spec, fake_steps, tmp_path):
    summary = run(db, spec('fail_on = "vote"'), fake_steps)
    failed = {e["item"]: e["error"] for e in summary["errors"]}
    assert set(failed) == {"shout/vote/ar/0000", "shout/vote/en/0000", "shout/vote/en/0002"}
    assert set(failed.values()) == {"cannot shout in report vote"}
    written = outputs(tmp_path / "out")
    assert {k for k in written if k.startswith("vote/")} == set()
    assert len(written) == 4


def test_fixing_the_spec_and_resuming_finishes_the_failed_items(db, spec, fake_steps, tmp_path):
    failed = run(db, spec('fail_on = "vote"'), fake_steps)
    spec()  # the same file, without fail_on: resume reads it again
    resumed = api.resume_job(failed["job"], db=db, settings=load_settings(), steps=fake_steps)
    assert (resumed["status"], resumed["failed"]) == ("done", 0)
    assert outputs(tmp_path / "out") == expected_outputs()


def test_a_worker_that_dies_is_replaced_and_only_its_items_fail(db, spec, fake_steps, tmp_path):
    summary = run(db, spec('crash_on = "clinic"'), fake_steps)
    assert {e["item"] for e in summary["errors"]} == {
        "shout/clinic/ar/0000",
        "shout/clinic/en/0000",
    }
    assert {e["error"] for e in summary["errors"]} == {WORKER_DIED}
    assert {k.split("/")[0] for k in outputs(tmp_path / "out")} == {"flood", "vote"}


def test_cancel_stops_the_job_and_resume_finishes_it(db, spec, fake_steps, tmp_path):
    path = spec("delay_ms = 150", chunk=1)
    job_id = api.create_job(path, db=db, steps=fake_steps)["id"]
    result = {}
    runner = threading.Thread(target=lambda: result.update(run(db, path, fake_steps)), daemon=True)
    runner.start()
    _wait_until(
        lambda: (
            api.job_status(job_id, db=db)["steps"][1:]
            and api.job_status(job_id, db=db)["done"] >= 5
        )
    )
    running = api.job_status(job_id, db=db)
    assert running["status"] == "running" and running["runner_pid"] == os.getpid()
    assert running["rate_per_s"] > 0 and running["eta_s"] > 0
    assert api.cancel_job(job_id, db=db)["status"] == "cancelling"
    runner.join(30)
    assert result["status"] == "cancelled" and result["done"] < result["total"]
    assert api.job_status(job_id, db=db)["status"] == "cancelled"
    resumed = api.resume_job(job_id, db=db, settings=load_settings(), steps=fake_steps)
    assert resumed["status"] == "done" and 0 < resumed["ran"] < resumed["total"]
    assert outputs(tmp_path / "out") == expected_outputs()
    assert set(commits_per_item(db).values()) == {1}


def test_a_second_runner_is_refused_while_the_first_runs(db, spec, fake_steps):
    path = spec("delay_ms = 100", chunk=1)
    job_id = api.create_job(path, db=db, steps=fake_steps)["id"]
    runner = threading.Thread(target=lambda: run(db, path, fake_steps), daemon=True)
    runner.start()
    _wait_until(lambda: api.job_status(job_id, db=db)["status"] == "running")
    with pytest.raises(JobError, match="already running"):
        api.resume_job(job_id, db=db, settings=load_settings(), steps=fake_steps)
    api.cancel_job(job_id, db=db)
    runner.join(30)


def test_status_reports_counts_per_step_and_errors(db, spec, fake_steps):
    summary = run(db, spec('fail_on = "clinic"'), fake_steps)
    status = api.job_status(summary["job"], db=db)
    assert status["steps"] == [
        {"step": "lines", "total": 3, "done": 3, "failed": 0, "pending": 0},
        {"step": "shout", "total": 8, "done": 6, "failed": 2, "pending": 0},
        {"step": "shout-doc", "total": 4, "done": 4, "failed": 0, "pending": 0},
    ]
    assert [e["report"] for e in status["errors"]] == ["clinic", "clinic"]
    assert status["status"] == "failed" and status["rate_per_s"] > 0


def _wait_until(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def test_each_worker_gets_its_own_share_of_the_cores(db, spec, fake_steps):
    summary = run(db, spec(), fake_steps)
    cores_of = {
        item.result["pid"]: tuple(item.result["cores"])
        for item in store.items(db, summary["job"], step="shout")
    }
    available = len(os.sched_getaffinity(0))
    assert {len(c) for c in cores_of.values()} == {max(1, available // 2)}
    if available >= 2 and len(cores_of) == 2:
        assert len(set(cores_of.values())) == 2


def test_half_written_files_of_a_killed_runner_are_swept_on_resume(db, spec, fake_steps, tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    leftover = tmp_path / "out" / "flood" / f".flood.en.shout.txt.{dead}.partial"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"HALF")
    mine = tmp_path / "out" / "flood" / f".other.txt.{os.getpid()}.partial"
    mine.write_bytes(b"a live process is writing this")
    run(db, spec(), fake_steps)
    assert not leftover.exists() and mine.exists()


def test_an_output_that_is_a_link_is_refused_never_replaced(db, spec, fake_steps, tmp_path):
    """A link (to /dev/stdout, a pipe, a file elsewhere) in the output folder stays a link;
    its item fails with a message saying what to do, and the others are written."""
    name = next(iter(REPORTS))
    out = tmp_path / "out" / name
    out.mkdir(parents=True)
    link = out / f"{name}.en.shout.txt"
    link.symlink_to("/dev/null")
    summary = run(db, spec(), fake_steps)
    assert summary["status"] == "failed"
    assert link.is_symlink() and str(link.readlink()) == "/dev/null"
    [error] = [e["error"] for e in summary["errors"]]
    assert "not a regular file" in error and "resume the job" in error


def test_the_progress_bar_total_is_known_first_and_never_goes_back(
    db, spec, fake_steps, monkeypatch
):
    """The total is (steps x reports), counted before any work; items move it forward only."""
    import tqdm

    seen: list[tuple[float, float]] = []

    class Recorder:
        def __init__(self, total, **kwargs):
            self.total, self.n = total, 0.0
            seen.append((self.total, self.n))

        def update(self, amount):
            self.n += amount
            seen.append((self.total, self.n))

        def set_description(self, *args, **kwargs):
            pass

        def set_postfix_str(self, *args, **kwargs):
            pass

        def close(self):
            pass

    monkeypatch.setattr(tqdm, "tqdm", Recorder)
    summary = run(db, spec(), fake_steps, progress=True)
    assert summary["status"] == "done"
    totals = {total for total, _ in seen}
    values = [n for _, n in seen]
    assert len(totals) == 1 and values == sorted(values)
    assert values[-1] == pytest.approx(next(iter(totals)))


def test_both_executors_are_executors_and_the_names_are_declared_once():
    from workbench.jobs.executor import EXECUTORS, Executor, RunOptions
    from workbench.jobs.local import LocalExecutor
    from workbench.jobs.ray_executor import RayExecutor
    from workbench.jobs.runner import make_executor

    assert issubclass(LocalExecutor, Executor) and issubclass(RayExecutor, Executor)
    assert EXECUTORS == ("local", "ray")
    with pytest.raises(JobError, match="use local or ray"):
        make_executor("slurm", 1, load_settings(), {})
    with pytest.raises(JobError, match="Unknown executor 'slurm': use local or ray"):
        RunOptions(executor="slurm")
