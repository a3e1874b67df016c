"""The Jobs tab's handlers: specs checked and started, jobs watched, cancelled and resumed."""

from __future__ import annotations

import json
import os
import time

import pytest

from workbench.errors import InputError, JobSpecError, NotFound, PermissionDenied
from workbench.ui import jobs, render


def wait_for_end(ctx, job_id: int, timeout: float = 180.0) -> dict:
    from workbench.jobs.api import job_status

    deadline = time.monotonic() + timeout
    while (status := job_status(job_id, db=ctx.db))["status"] in ("pending", "running"):
        log = ctx.settings.home / "logs" / f"job-{job_id}.log"
        assert time.monotonic() < deadline, log.read_text() if log.exists() else "no log"
        time.sleep(0.2)
    return status


def test_the_example_spec_checks_over_the_sample_corpus(ctx):
    checked = jobs.check_spec(ctx, None, jobs.example_spec())
    assert checked.message.startswith(
        "The spec is fine: job 'sample corpus' runs ingest, align, export"
    )
    assert "over 3 report(s) (12 file(s)" in checked.message
    assert checked.data["base"] == str(ctx.settings.home / "jobs")


def test_the_example_spec_starts_a_job_that_aligns_and_exports_every_report(ctx):
    status, message = jobs.start(ctx, None, jobs.example_spec())
    assert message.startswith(f"Started job {status['id']} 'sample corpus'.")
    done = wait_for_end(ctx, status["id"])
    assert (done["status"], done["failed"], done["pending"]) == ("done", 0, 0)
    out = ctx.settings.home / "jobs" / "sample-corpus"
    tmx = sorted(p.name for p in out.rglob("*.tmx"))
    assert len(tmx) == 9  # three reports, each English version with three others
    assert {name.split(".")[1] for name in tmx} == {"en-ar", "en-ckb", "en-kmr"}
    rows = jobs.jobs_overview(ctx)
    assert [(r["id"], r["status"]) for r in rows] == [(status["id"], "done")]
    assert not jobs.keep_polling(rows, None, time.time())
    again, _ = jobs.resume(ctx, None, status["id"])
    assert wait_for_end(ctx, again["id"])["done"] == done["done"]


def test_a_spec_is_read_as_json_when_it_starts_with_a_brace(ctx, tmp_path):
    spec = {"output": "out", "inputs": {"paths": [str(tmp_path)]}, "align": {}}
    data = jobs.read_spec_text(json.dumps(spec), tmp_path)
    assert data["inputs"] == spec["inputs"] and data["base"] == str(tmp_path)


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("", InputError, "Write a job spec"),
        ("   \n", InputError, "Write a job spec"),
        ("name = ", JobSpecError, "not valid TOML"),
        ('{"name": ', JobSpecError, "not valid JSON"),
        ("[1, 2]", JobSpecError, "not valid TOML"),
        ("x" * (jobs.SPEC_LIMIT_BYTES + 1), InputError, "over 256 kB"),
    ],
)
def test_a_bad_spec_text_is_a_clear_error(ctx, text, error, message):
    with pytest.raises(error, match=message):
        jobs.check_spec(ctx, None, text)


def test_a_spec_with_a_wrong_field_names_the_field(ctx):
    with pytest.raises(JobSpecError, match=r"\[inputs\] paths: expected a list of texts"):
        jobs.check_spec(ctx, None, 'output = "o"\n[inputs]\npaths = "reports"\n[align]\n')


def test_an_uploaded_spec_is_read_into_the_box(uploads):
    good = uploads / "nightly.toml"
    good.write_text('name = "nightly"\n', encoding="utf-8")
    assert jobs.read_upload(str(good)) == 'name = "nightly"\n'
    other = uploads / "notes.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="notes.txt is not a job spec"):
        jobs.read_upload(str(other))
    binary = uploads / "spec.json"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(InputError, match="not UTF-8"):
        jobs.read_upload(str(binary))
    with pytest.raises(InputError, match="Choose a .toml"):
        jobs.read_upload(None)


def test_an_uploaded_spec_is_a_small_regular_file_the_browser_sent(uploads, tmp_path):
    large = uploads / "large.toml"
    large.write_text("# " + "x" * jobs.SPEC_LIMIT_BYTES, encoding="utf-8")
    with pytest.raises(InputError, match="large.toml is over 256 kB: not a job spec"):
        jobs.read_upload(str(large))
    pipe = uploads / "pipe.toml"
    os.mkfifo(pipe)
    with pytest.raises(InputError, match="pipe.toml is not a regular file"):
        jobs.read_upload(str(pipe))  # at once: never waits for a writer
    elsewhere = tmp_path / "nightly.toml"
    elsewhere.write_text('name = "nightly"\n', encoding="utf-8")
    with pytest.raises(InputError, match="was not uploaded to this server"):
        jobs.read_upload(str(elsewhere))
    (uploads / "link.toml").symlink_to(elsewhere)
    with pytest.raises(InputError, match="link.toml is a symbolic link to a file outside"):
        jobs.read_upload(str(uploads / "link.toml"))


def test_a_viewer_may_look_but_not_check_start_cancel_or_resume(accounts_ctx):
    assert jobs.jobs_overview(accounts_ctx) == []
    spec = jobs.example_spec()
    for act in (
        lambda: jobs.check_spec(accounts_ctx, "omar", spec),
        lambda: jobs.start(accounts_ctx, "omar", spec),
        lambda: jobs.cancel(accounts_ctx, "omar", 1),
        lambda: jobs.resume(accounts_ctx, "omar", 1),
    ):
        with pytest.raises(PermissionDenied, match="omar is a viewer"):
            act()
    with pytest.raises(PermissionDenied, match="Log in first"):
        jobs.start(accounts_ctx, None, spec)


@pytest.mark.parametrize("value", [None, "", "seven", "1.5"])
def test_a_job_must_be_chosen_by_its_number(value):
    with pytest.raises(InputError):
        jobs.job_number(value)


def test_an_unknown_job_is_named(ctx):
    with pytest.raises(NotFound, match="There is no job 42"):
        jobs.cancel(ctx, None, 42)


@pytest.mark.parametrize(("workers", "executor"), [(-1, "local"), (1.5, "local"), (0, "slurm")])
def test_workers_and_executor_are_checked_before_anything_starts(ctx, workers, executor):
    with pytest.raises(InputError):
        jobs.start(ctx, None, jobs.example_spec(), executor, workers)
    assert jobs.jobs_overview(ctx) == []


def test_polling_goes_on_while_a_job_runs_and_just_after_a_start():
    running, done = [{"status": "running"}], [{"status": "done"}]
    assert jobs.keep_polling(running, None, 100.0)
    assert jobs.keep_polling(done, 100.0, 100.0 + jobs.WATCH_S - 1)
    assert not jobs.keep_polling(done, 100.0, 100.0 + jobs.WATCH_S + 1)
    assert not jobs.keep_polling(done, None, 100.0)


def test_the_jobs_table_escapes_names_and_says_what_to_do_when_empty():
    row = {
        "id": 3, "name": "<script>alert(1)</script>", "status": "running", "done": 5,
        "total": 10, "failed": 1, "eta_s": 125, "rate_per_s": 0.5,
        "created_at": "2026-11-28T10:00:00", "started_at": "2026-11-28T10:00:01",
        "finished_at": None,
    }  # fmt: skip
    html = jobs.jobs_html([row])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "60%" in html and "2 min" in html and "2026-11-28 10:00:01" in html
    assert "No jobs yet" in jobs.jobs_html([])


@pytest.mark.parametrize(
    ("seconds", "said"), [(0, "0 s"), (42.4, "42 s"), (150, "2 min"), (7500, "2 h 5 min")]
)
def test_time_left_is_said_as_people_say_it(seconds, said):
    assert render.duration(seconds) == said


def test_details_list_steps_and_failed_items(ctx):
    folder = jobs.jobs_folder(ctx) / "flood"
    folder.mkdir(parents=True)
    (folder / "flood.en.txt").write_text("The river rose.\n", encoding="utf-8")
    (folder / "flood.ar.txt").write_bytes(b"\x00\x01\x02 not text")
    spec = 'output = "o"\n[inputs]\npaths = ["flood"]\n[align]\n'
    status, _ = jobs.start(ctx, None, spec)
    finished = wait_for_end(ctx, status["id"])
    assert finished["failed"] >= 1
    html = jobs.details_html(ctx, status["id"])
    assert "flood.ar.txt" in html and "fix the inputs named, then Resume" in html
    assert "Choose a job" in jobs.details_html(ctx, None)
