"""Batch jobs as people start and watch them: checked, started, cancelled, resumed, listed.

A job runs in a process of its own (`workbench.jobs.api.start_job`) that outlives the UI; a
screen polls `job_status` while a job runs. Anyone may look; starting, cancelling and resuming
need a reviewer or admin, checked here on the server.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.errors import InputError, JobError
from workbench.jobs.executor import EXECUTORS
from workbench.records import record_number
from workbench.review.session import Context

RUNNING = ("running", "cancelling")
POLL_S = 2.0  # how often the page looks at running jobs
WATCH_S = 30.0  # after a start or resume, poll this long even before the runner reports in
ERRORS_SHOWN = 100


def jobs_folder(ctx: Context) -> Path:
    """Where a spec's relative paths start when the page gives no `base`."""
    return ctx.settings.job_folders[0]


def job_roots(ctx: Context) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """(where jobs started here may write, where they may read): the job roots, and for
    reading the sample corpus too (the example spec reads it)."""
    from workbench.text.corpus import default_corpus_dir

    write = ctx.settings.job_folders
    return write, (*write, default_corpus_dir())


def example_spec(corpus: Path | None = None) -> str:
    """A spec over the sample corpus that needs no model: align each report's versions
    around English and export the beads as TMX (its output goes under <home>/jobs)."""
    from workbench.text.corpus import default_corpus_dir

    folder = corpus or default_corpus_dir()
    inputs = json.dumps(str(folder / "*") + "/", ensure_ascii=False)
    return f"""\
# A batch job (TOML). Relative paths start from <home>/jobs unless `base` says otherwise;
# a job started here reads and writes only inside the job roots (the setting job_roots).
name = "sample corpus"
output = "sample-corpus"      # one folder per report is written in here

[inputs]
paths = [{inputs}]   # files, folders or globs
group_by = "name"             # NAME.LANG.EXT files are one report's versions; or "folder"

[align]                       # every version with the hub
hub = "en"

[export]                      # REPORT.LANGS.tmx per alignment
formats = ["tmx"]

# With translation models on this machine (`workbench models list`), add for example:
# [translate]
# from = "en"
# to = ["ar"]
# [score]
# [report]
"""


# --- the spec ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedSpec:
    """A spec the page may start: its data (what start_job gets) and what it will do."""

    data: dict[str, Any]
    message: str


def check_spec(ctx: Context, username: str | None, text: str) -> CheckedSpec:
    """Parse and check a spec, and find its inputs: every problem named with its field.
    Only those who may start a job may look at the server's folders this way, and only
    inside the job roots (see `workbench.jobs.roots`)."""
    from workbench.accounts import require_writer
    from workbench.jobs.inputs import find_inputs
    from workbench.jobs.roots import check_found, check_spec_paths
    from workbench.jobs.spec import parse_spec, read_spec_text

    require_writer(ctx.user(username))
    data = read_spec_text(text, base=jobs_folder(ctx))
    spec = parse_spec(data, source="The job spec")
    write, read = job_roots(ctx)
    check_spec_paths(spec, write, read)
    found = find_inputs(spec, hashed=False, db=ctx.db)
    check_found(found, read)
    files = sum(len(r.files) for r in found.reports)
    ignored = f"; {len(found.ignored)} other file(s) there ignored" if found.ignored else ""
    message = (
        f"The spec is fine: job {spec.name!r} runs {', '.join(spec.step_names())} over "
        f"{len(found.reports)} report(s) ({files} file(s){ignored}) and writes into "
        f"{spec.output}."
    )
    return CheckedSpec(data, message)


# --- acting on jobs -------------------------------------------------------------------------


def start(
    ctx: Context,
    username: str | None,
    text: str,
    executor: str = "local",
    workers: int | float | None = 0,
) -> tuple[dict[str, Any], str]:
    """Check the spec and start its job in a process of its own: (its status, a message)."""
    from workbench.jobs.api import start_job

    checked = check_spec(ctx, username, text)
    status = start_job(
        checked.data, executor=_executor(executor), workers=_workers(workers), db=ctx.db,
        settings=ctx.settings,
    )  # fmt: skip
    return status, f"Started job {status['id']} {status['name']!r}. {checked.message}"


def cancel(ctx: Context, username: str | None, job_id: Any) -> tuple[dict[str, Any], str]:
    """Ask a job to stop after the items in hand: (its status, a message)."""
    from workbench.accounts import require_writer
    from workbench.jobs.api import cancel_job

    require_writer(ctx.user(username))
    status = cancel_job(job_number(job_id), db=ctx.db, settings=ctx.settings)
    if status["status"] == "cancelling":
        return status, f"Job {status['id']} stops after the items in hand; Resume continues it."
    return status, (
        f"Job {status['id']} cancelled: {status['done']}/{status['total']} items done. "
        "Resume continues it."
    )


def resume(
    ctx: Context, username: str | None, job_id: Any, workers: int | float | None = 0
) -> tuple[dict[str, Any], str]:
    """Continue a job in a process of its own: only what is not done yet is done."""
    from workbench.accounts import require_writer
    from workbench.jobs.api import job_status, resume_job

    require_writer(ctx.user(username))
    number = job_number(job_id)
    before = job_status(number, db=ctx.db, settings=ctx.settings)
    if before["status"] in RUNNING:
        raise JobError(f"Job {number} is running already: wait for it, or cancel it first.")
    status = resume_job(
        number, background=True, workers=_workers(workers), db=ctx.db, settings=ctx.settings
    )
    return status, f"Resumed job {number}: {before['pending']} item(s) left to do."


def job_number(value: Any) -> int:
    if value in (None, ""):
        raise InputError("Choose a job in the list first.")
    return record_number(value, "job")


def _executor(kind: str | None) -> str:
    if (kind or "local") not in EXECUTORS:
        raise InputError(f"Unknown executor {kind!r}: use {' or '.join(EXECUTORS)}.")
    return kind or "local"


def _workers(value: int | float | str | None) -> int:
    if value in (None, ""):
        return 0
    if float(value) < 0 or float(value) != int(value):
        raise InputError("Workers is a whole number: 0 (the default), 1, 2, ...")
    return int(value)


# --- what the page shows ----------------------------------------------------------------------


def jobs_overview(ctx: Context) -> list[dict[str, Any]]:
    """Every job, newest first, with the rate and time left of those running."""
    from workbench.jobs.api import job_status, list_jobs

    rows = list(reversed(list_jobs(db=ctx.db, settings=ctx.settings)))
    for row in rows:
        if row["status"] in RUNNING:
            pace = job_status(row["id"], db=ctx.db, settings=ctx.settings)
            row.update(rate_per_s=pace["rate_per_s"], eta_s=pace["eta_s"])
    return rows


def job_choices(rows: Sequence[Mapping[str, Any]]) -> list[tuple[str, int]]:
    """(label, id) per job for the picker, newest first."""
    return [(f"#{r['id']} {r['name']} · {r['status']}", r["id"]) for r in rows]


def keep_polling(
    rows: Sequence[Mapping[str, Any]], watched_since: float | None, now: float
) -> bool:
    """Poll while a job runs, and for a while after this page started or resumed one (its
    process takes a moment to report in)."""
    if any(r["status"] in RUNNING for r in rows):
        return True
    return watched_since is not None and now - watched_since < WATCH_S
