"""Batch jobs from Python, the CLI and the UI: every function returns plain data.

    import workbench
    summary = workbench.run_job("nightly.toml", workers=2)   # runs to the end
    workbench.job_status(summary["job"])                        # counts per step, errors, ETA

The same spec finds the same job again (a spec file by its path, a spec given as data by its
content), so running it again resumes it, or does nothing when it is done. `start_job` and
`resume_job(..., background=True)` run the job in a separate process and return at once:
that is what the UI's Jobs tab calls, then it polls `job_status`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench.config import Settings, load_settings
from workbench.jobs.executor import RunOptions
from workbench.jobs.runner import RunSummary, runner_is_stale
from workbench.jobs.runner import run_job as _run
from workbench.jobs.spec import JobSpec, load_spec, parse_spec
from workbench.jobs.step import digest
from workbench.private_files import open_private, private_folder, write_private
from workbench.records import Job
from workbench.store import jobs as store
from workbench.store.db import Database, open_store

SpecSource = str | Path | Mapping[str, Any]


def create_job(
    spec: SpecSource,
    *,
    db: Database | None = None,
    settings: Settings | None = None,
    steps: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Check the spec and record its job (or find the job this spec already has)."""
    with _Store(db, settings) as (database, _):
        return job_status(_job_for(database, spec, steps).id, db=database)


def run_job(
    spec: SpecSource,
    *,
    executor: str = "local",
    workers: int = 0,
    ray_address: str | None = None,
    progress: bool = False,
    db: Database | None = None,
    settings: Settings | None = None,
    steps: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Run the spec's job to its end; returns the run's summary as plain data."""
    with _Store(db, settings) as (database, config):
        job = _job_for(database, spec, steps)
        run = RunOptions(executor, workers, ray_address, progress)
        return summary_data(_run(database, config, job.id, run, steps=steps))


def resume_job(
    job_id: int,
    *,
    executor: str | None = None,
    workers: int = 0,
    ray_address: str | None = None,
    progress: bool = False,
    force: bool = False,
    background: bool = False,
    db: Database | None = None,
    settings: Settings | None = None,
    steps: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Continue a job from its items: only what is not done yet is done.

    `executor` defaults to the one the job last ran with. `force` takes over a job whose
    runner seems alive (only when you know it is gone, e.g. its machine crashed).
    `background` starts the run in its own process and returns the job's status at once.
    """
    with _Store(db, settings) as (database, config):
        job = _follow_spec_file(database, store.get_job(database, job_id), steps)
        run = RunOptions(executor or job.executor or "local", workers, ray_address, progress, force)
        if background:
            return _start_in_background(database, config, job_id, run)
        return summary_data(_run(database, config, job_id, run, steps=steps))


def start_job(
    spec: SpecSource,
    *,
    executor: str = "local",
    workers: int = 0,
    ray_address: str | None = None,
    db: Database | None = None,
    settings: Settings | None = None,
) -> dict[str, Any]:
    """Record the spec's job and run it in a separate process; returns its status at once."""
    with _Store(db, settings) as (database, config):
        job = _job_for(database, spec, None)
        run = RunOptions(executor, workers, ray_address)
        return _start_in_background(database, config, job.id, run)


def cancel_job(
    job_id: int, *, db: Database | None = None, settings: Settings | None = None
) -> dict[str, Any]:
    """Stop a job after the items in hand (its runner stops within a second); resumable."""
    with _Store(db, settings) as (database, _):
        store.request_cancel(database, job_id, is_stale=runner_is_stale)
        return job_status(job_id, db=database)


def list_jobs(
    *, db: Database | None = None, settings: Settings | None = None
) -> list[dict[str, Any]]:
    """Every job, oldest first, with its counts (the rows of `workbench job list`)."""
    with _Store(db, settings) as (database, _):
        return [_job_data(job) for job in store.list_jobs(database)]


def job_status(
    job_id: int, *, db: Database | None = None, settings: Settings | None = None
) -> dict[str, Any]:
    """Where a job stands: counts overall and per step, errors, rate and ETA."""
    with _Store(db, settings) as (database, _):
        job = store.get_job(database, job_id)
        data = _job_data(job)
        steps = store.step_counts(database, job_id)
        data["steps"] = [_counts(name, counts) for name, counts in steps.items()]
        data["errors"] = [
            {"item": item.key, "step": item.step, "report": item.report, "error": item.error}
            for item in store.items(database, job_id, status="failed")
        ]
        data.update(_pace(database, job))
        return data


def summary_data(summary: RunSummary) -> dict[str, Any]:
    return {
        "job": summary.job_id,
        "status": summary.status,
        "ran": summary.ran,
        "done": summary.done,
        "failed": summary.failed,
        "total": summary.total,
        "nothing_to_do": summary.nothing_to_do,
        "errors": [{"item": key, "error": error} for key, error in summary.errors],
        "blocked": [{"report": r, "step": s} for r, s in summary.blocked],
        "ignored": summary.ignored,
        "elapsed_s": round(summary.elapsed_s, 3),
        "output": summary.output,
    }


# --- helpers ----------------------------------------------------------------------------


class _Store:
    """Use the caller's database and settings, or open the configured ones for this call."""

    def __init__(self, db: Database | None, settings: Settings | None):
        self.settings = settings or load_settings()
        self.db, self.owned = db, db is None

    def __enter__(self) -> tuple[Database, Settings]:
        if self.db is None:
            self.db = open_store(self.settings)
        return self.db, self.settings

    def __exit__(self, *exc: object) -> None:
        if self.owned and self.db is not None:
            self.db.close()


def _job_for(db: Database, source: SpecSource, steps: Mapping[str, str] | None) -> Job:
    """The spec's job, made if it is new. The whole spec is checked first, its inputs too
    (found, not yet read), so a refused spec leaves no job behind."""
    from workbench.jobs.inputs import find_inputs

    spec, key = _spec_and_key(source, steps)
    find_inputs(spec, hashed=False, db=db)
    job = store.find_job(db, key)
    if job is None:
        return store.create_job(db, kind="batch", name=spec.name, spec=spec.to_dict(), spec_key=key)
    if job.spec != spec.to_dict():  # the spec file was edited: the job follows it
        store.update_spec(db, job.id, spec.to_dict(), spec.name)
    return job


def _follow_spec_file(db: Database, job: Job, steps: Mapping[str, str] | None) -> Job:
    """A job made from a spec file follows the file's edits; if the file is gone, its copy."""
    path = Path(job.spec_key.removeprefix("file:"))
    if job.spec_key.startswith("file:") and path.is_file():
        spec = load_spec(path, steps=steps)
        if spec.to_dict() != job.spec:
            store.update_spec(db, job.id, spec.to_dict(), spec.name)
            return store.get_job(db, job.id)
    return job


def _spec_and_key(source: SpecSource, steps: Mapping[str, str] | None) -> tuple[JobSpec, str]:
    if isinstance(source, Mapping):
        spec = parse_spec(dict(source), steps=steps)
        return spec, "sha256:" + digest(spec.to_dict())
    path = Path(source).expanduser().absolute()
    return load_spec(path, steps=steps), f"file:{path}"


def _start_in_background(
    db: Database, settings: Settings, job_id: int, run: RunOptions
) -> dict[str, Any]:
    """Run `workbench job resume ID` in its own session: it outlives the caller (the UI)."""
    logs = private_folder(settings.home / "logs")
    config = write_private(logs / f"job-{job_id}.settings.toml", settings_toml(settings))
    argv = [
        sys.executable,
        "-m",
        "workbench",
        "--config",
        str(config),
        "--home",
        str(settings.home),
        "--database",
        str(db.path),
        "job",
        "resume",
        str(job_id),
        "--executor",
        run.executor,
        "--quiet",
    ]
    if run.workers:
        argv += ["--workers", str(run.workers)]
    if run.ray_address:
        argv += ["--ray-address", run.ray_address]
    with open_private(logs / f"job-{job_id}.log", "ab") as log:
        subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True
        )
    return job_status(job_id, db=db)


def settings_toml(settings: Settings) -> str:
    """The settings as a workbench.toml, so a background run uses exactly these."""
    lines, tables = [], {}
    for name, value in vars(settings).items():
        if isinstance(value, Mapping):  # [models], [mqm]: tables, after the plain keys
            tables[name] = value
        elif value is not None:
            lines.append(f"{name} = {_toml_value(value)}")
    for name, table in tables.items():
        lines.append(f"[{name}]")
        lines += [f"{json.dumps(k)} = {json.dumps(str(v))}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, tuple):  # a list setting (allowed_hosts, job_roots): a TOML array
        return json.dumps([str(v) for v in value], ensure_ascii=False)
    return json.dumps(str(value))  # a JSON string is a valid TOML basic string


def _job_data(job: Job) -> dict[str, Any]:
    stale = job.status in store.ACTIVE and (not job.runner or runner_is_stale(job.runner))
    return {
        "id": job.id,
        "name": job.name,
        "status": "interrupted" if stale else job.status,
        "executor": job.executor,
        "total": job.total,
        "done": job.done,
        "failed": job.failed,
        "pending": job.total - job.done - job.failed,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "error": job.error,
        "output": job.spec.get("output", ""),
        "inputs": _inputs(job.spec.get("inputs", {})),
        "runner_pid": int(job.runner.split(":")[1]) if job.runner and not stale else None,
    }


def _inputs(given: dict[str, Any]) -> list[str]:
    """The spec's paths, then its stored reports as "report:NAME"."""
    return [*given.get("paths", []), *(f"report:{name}" for name in given.get("reports", []))]


def _counts(step: str, counts: dict[str, int]) -> dict[str, Any]:
    total = sum(counts.values())
    done, failed = counts.get("done", 0), counts.get("failed", 0)
    return {
        "step": step,
        "total": total,
        "done": done,
        "failed": failed,
        "pending": total - done - failed,
    }


def _pace(db: Database, job: Job) -> dict[str, Any]:
    """Items per second in the current (or last) run, and the time left at that pace."""
    if not job.started_at:
        return {"rate_per_s": None, "eta_s": None}
    end = job.finished_at or datetime.now().astimezone().isoformat()
    elapsed = datetime.fromisoformat(end) - datetime.fromisoformat(job.started_at)
    seconds = max(elapsed.total_seconds(), 1e-6)
    finished = store.finished_since(db, job.id, job.started_at)
    rate = finished / seconds if finished else None
    left = job.total - job.done - job.failed
    eta = left / rate if rate and job.status == "running" else (0.0 if not left else None)
    return {"rate_per_s": rate and round(rate, 3), "eta_s": eta if eta is None else round(eta, 1)}
