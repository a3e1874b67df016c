"""`workbench job ...` end to end, through the real CLI entry point."""

from __future__ import annotations

import json
import re
import time

import pytest

from tests.jobs.conftest import write_spec
from tests.jobs.fake_steps import FAKE_STEPS
from tests.jobs.test_runner import SPEC, expected_outputs, outputs


@pytest.fixture
def spec(tmp_path, reports, fake_steps):
    return lambda extra="", chunk=2: str(
        write_spec(tmp_path, SPEC.format(extra=extra, chunk=chunk))
    )


def test_job_run_runs_the_spec_and_says_where_the_outputs_are(cli, spec, tmp_path):
    result = cli("job", "run", spec(), "--quiet")
    assert result.code == 0, result.err
    assert "Job 1 'job' (local): reports -> " in result.out
    assert "Job 1 done: 17 item(s) run, 17 of 17 done in" in result.out
    assert f"Outputs in {tmp_path / 'out'}." in result.out
    assert outputs(tmp_path / "out") == expected_outputs()


def test_job_run_again_does_nothing_and_says_so(cli, spec):
    cli("job", "run", spec(), "--quiet")
    again = cli("job", "run", spec(), "--quiet")
    assert again.code == 0
    assert "Job 1 is already done: all 17 items were done before, nothing to do." in again.out


def test_the_progress_bar_shows_counts_and_time_left(cli, spec):
    result = cli("job", "run", spec(), "--workers", "1")
    assert "job 1 shout-doc: 100%" in result.err
    # the spec's steps times its reports, counted before any work, all done at the end
    assert re.search(r" (\d+)\.0/\1 report-steps \[", result.err), result.err[-300:]


def test_a_failed_job_lists_its_errors_and_exits_non_zero(cli, spec):
    result = cli("job", "run", spec('fail_on = "vote"'), "--quiet")
    assert result.code == 1
    assert "Job 1 finished with 3 failed item(s): 12 of 15 done." in result.out
    assert "  shout/vote/en/0000: cannot shout in report vote" in result.out
    assert "`workbench job resume 1`" in result.out


def test_job_list_and_status(cli, spec):
    cli("job", "run", spec('fail_on = "clinic"'), "--quiet")
    listed = cli("job", "list")
    assert listed.out.splitlines()[0].split() == [
        "id",
        "name",
        "status",
        "done",
        "failed",
        "executor",
        "last",
        "change",
        "(UTC)",
    ]
    assert listed.out.splitlines()[1].split()[:6] == ["1", "job", "failed", "13/15", "2", "local"]
    status = cli("job", "status", "1")
    assert "Job 1 'job': failed, 13/15 items done, 2 failed" in status.out
    assert "shout      6     2       0        8" in status.out
    assert "  shout/clinic/ar/0000: cannot shout in report clinic" in status.out
    as_json = json.loads(cli("job", "status", "1", "--json").out)
    assert as_json["steps"][1] == {
        "step": "shout",
        "total": 8,
        "done": 6,
        "failed": 2,
        "pending": 0,
    }


def test_job_list_without_jobs(cli):
    assert "No jobs yet" in cli("job", "list").out


def test_cancel_and_resume_from_the_cli(cli, spec):
    cli("job", "run", spec('fail_on = "vote"'), "--quiet")
    cancelled = cli("job", "cancel", "1")
    assert cancelled.code == 0 and "Job 1 cancelled: 12/15 items done." in cancelled.out
    assert cli("job", "list").out.splitlines()[1].split()[2] == "cancelled"
    spec()  # fixed
    resumed = cli("job", "resume", "1", "--quiet")
    assert resumed.code == 0 and "Job 1 done: 5 item(s) run, 17 of 17 done" in resumed.out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("job", "status", "9"), 3, "error: There is no job 9. `workbench job list` shows"),
        (("job", "resume", "9"), 3, "error: There is no job 9."),
        (("job", "cancel", "9"), 3, "error: There is no job 9."),
        (("job", "run", "missing.toml"), 2, "error: The job spec"),
    ],
)
def test_job_errors_are_one_line(cli, args, code, message):
    result = cli(*args)
    assert (result.code, result.err.startswith(message)) == (code, True), result.err
    assert "Traceback" not in result.err


def test_a_spec_error_names_the_field(cli, tmp_path):
    path = write_spec(tmp_path, 'output = "out"\n[inputs]\npaths = "reports"\n')
    result = cli("job", "run", str(path))
    assert result.code == 2
    assert result.err.strip() == (
        f"error: {path}: [inputs] paths: expected a list of texts, got text 'reports'."
    )


def test_cancelling_a_done_job_is_refused(cli, spec):
    cli("job", "run", spec(), "--quiet")
    result = cli("job", "cancel", "1")
    assert result.code == 1 and "already done; there is nothing to cancel" in result.err


def test_a_job_started_in_the_background_runs_to_its_end(home, spec, tmp_path, monkeypatch):
    from workbench.jobs import api

    monkeypatch.setenv("WORKBENCH_JOB_STEPS", ",".join(f"{k}={v}" for k, v in FAKE_STEPS.items()))
    started = api.start_job(spec())
    assert started["id"] == 1 and started["status"] in ("pending", "running", "done")
    deadline = time.monotonic() + 120
    while api.job_status(1)["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline, (home / "logs" / "job-1.log").read_text()
        time.sleep(0.2)
    assert api.job_status(1)["status"] == "done"
    assert outputs(tmp_path / "out") == expected_outputs()


def test_a_background_run_gets_exactly_the_callers_settings(tmp_path):
    from workbench.config import load_settings
    from workbench.jobs.api import settings_toml

    settings = load_settings(
        {
            "home": tmp_path / "h",
            "beam": 2,
            "engine": "hf",
            "offline": True,
            "workers": 3,
            "allowed_hosts": ("review.example.org", "laptop.lan"),
        }
    ).replace(
        models={"en-ar": str(tmp_path / "my model"), "ar-en": 'org/model "x"'},
        mqm={"major": "10", "accuracy/omission": "2"},
    )
    written = tmp_path / "settings.toml"
    written.write_text(settings_toml(settings), encoding="utf-8")
    assert load_settings(config_file=written, environ={}) == settings
    empty = settings.replace(allowed_hosts=())  # an empty list stays empty
    written.write_text(settings_toml(empty), encoding="utf-8")
    assert load_settings(config_file=written, environ={}) == empty
