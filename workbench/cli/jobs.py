"""`workbench job`: run, resume, watch and cancel batch jobs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import click

from workbench.cli.common import RECORD_ID, State, echo_json, echo_table, pass_state, say
from workbench.jobs.executor import EXECUTORS

EXECUTOR = click.option(
    "--executor",
    type=click.Choice(EXECUTORS),
    help="Where the work runs: worker processes here (local) or a Ray cluster.",
)
RAY_ADDRESS = click.option(
    "--ray-address",
    metavar="ADDR",
    help="A running Ray cluster (e.g. 10.0.0.5:6379); default: start Ray on this machine.",
)
WORKERS = click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes (or Ray actors); default: the spec, the settings, or one per core.",
)
QUIET = click.option("--quiet", is_flag=True, help="No progress bar, only the summary.")


@click.group()
def job() -> None:
    """Run batch jobs: ingest, translate, align, score, report and export whole folders.

    A job resumes from where it stopped after a crash or a cancel, and running a finished
    job again does nothing.
    """


@job.command("run")
@click.argument("spec", type=click.Path(dir_okay=False))
@EXECUTOR
@RAY_ADDRESS
@WORKERS
@QUIET
@pass_state
def job_run(
    state: State,
    spec: str,
    executor: str | None,
    ray_address: str | None,
    workers: int | None,
    quiet: bool,
) -> None:
    """Run the job described by SPEC (a .toml or .json file); resumes it if it ran before."""
    from workbench.jobs import api

    created = api.create_job(spec, db=state.db, settings=state.settings)
    _announce(created, executor or "local", ray_address)
    summary = api.resume_job(
        created["id"],
        executor=executor or "local",
        workers=workers or 0,
        ray_address=ray_address,
        progress=not quiet,
        db=state.db,
        settings=state.settings,
    )
    _finish(summary)


@job.command("resume")
@click.argument("job_id", metavar="ID", type=RECORD_ID)
@EXECUTOR
@RAY_ADDRESS
@WORKERS
@QUIET
@click.option(
    "--force",
    is_flag=True,
    help="Take over a job whose runner seems alive (only if you know its machine is gone).",
)
@pass_state
def job_resume(
    state: State,
    job_id: int,
    executor: str | None,
    ray_address: str | None,
    workers: int | None,
    quiet: bool,
    force: bool,
) -> None:
    """Continue job ID: only the items not done yet are done."""
    from workbench.jobs import api

    status = api.job_status(job_id, db=state.db, settings=state.settings)
    if not quiet:
        _announce(status, executor or status["executor"] or "local", ray_address)
    summary = api.resume_job(
        job_id,
        executor=executor,
        workers=workers or 0,
        ray_address=ray_address,
        progress=not quiet,
        force=force,
        db=state.db,
        settings=state.settings,
    )
    _finish(summary)


@job.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the jobs as JSON.")
@pass_state
def job_list(state: State, as_json: bool) -> None:
    """Show every job with its status and progress."""
    from workbench.jobs import api

    rows = api.list_jobs(db=state.db, settings=state.settings)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No jobs yet. `workbench job run SPEC` starts one.")
        return
    echo_table(
        [
            (
                r["id"],
                r["name"],
                r["status"],
                f"{r['done']}/{r['total']}",
                r["failed"],
                r["executor"] or "-",
                (r["finished_at"] or r["started_at"] or r["created_at"])[:19],
            )
            for r in rows
        ],
        ("id", "name", "status", "done", "failed", "executor", "last change (UTC)"),
    )


@job.command("status")
@click.argument("job_id", metavar="ID", type=RECORD_ID)
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@pass_state
def job_status(state: State, job_id: int, as_json: bool) -> None:
    """Show job ID: counts per step, rate and time left, and every error."""
    from workbench.jobs import api

    status = api.job_status(job_id, db=state.db, settings=state.settings)
    if as_json:
        echo_json(status, indent=2)
        return
    say(
        f"Job {status['id']} {status['name']!r}: {status['status']}, "
        f"{status['done']}/{status['total']} items done, {status['failed']} failed"
    )
    if status["error"]:
        say(f"Error: {status['error']}")
    say(f"Output: {status['output']}")
    if status["eta_s"] is not None and status["status"] == "running":
        click.echo(f"Rate: {status['rate_per_s']} items/s, about {status['eta_s']:.0f} s left")
    if status["steps"]:
        echo_table(
            [
                (s["step"], s["done"], s["failed"], s["pending"], s["total"])
                for s in status["steps"]
            ],
            ("step", "done", "failed", "pending", "total"),
        )
    _echo_errors(status["errors"])


@job.command("cancel")
@click.argument("job_id", metavar="ID", type=RECORD_ID)
@pass_state
def job_cancel(state: State, job_id: int) -> None:
    """Stop job ID after the items in hand; `workbench job resume ID` continues it."""
    from workbench.jobs import api

    status = api.cancel_job(job_id, db=state.db, settings=state.settings)
    if status["status"] == "cancelling":
        click.echo(
            f"Job {job_id} will stop after the items in hand (its runner checks "
            "every quarter second)."
        )
    else:
        click.echo(f"Job {job_id} cancelled: {status['done']}/{status['total']} items done.")
    click.echo(f"`workbench job resume {job_id}` continues it.")


def _announce(status: dict[str, Any], executor: str, ray_address: str | None) -> None:
    where = f"ray at {ray_address}" if ray_address else executor
    say(
        f"Job {status['id']} {status['name']!r} ({where}): "
        f"{', '.join(status['inputs'])} -> {status['output']}"
    )


def _finish(summary: dict[str, Any]) -> None:
    job_id, status = summary["job"], summary["status"]
    if summary["ignored"]:
        _echo_ignored(summary["ignored"])
    if summary["nothing_to_do"]:
        say(
            f"Job {job_id} is already done: all {summary['total']} items were done "
            f"before, nothing to do. Outputs in {summary['output']}."
        )
        return
    if status == "done":
        say(
            f"Job {job_id} done: {summary['ran']} item(s) run, {summary['done']} of "
            f"{summary['total']} done in {summary['elapsed_s']:.1f} s. "
            f"Outputs in {summary['output']}."
        )
        return
    if status == "cancelled":
        click.echo(
            f"Job {job_id} cancelled: {summary['done']} of {summary['total']} items "
            f"done. `workbench job resume {job_id}` continues it."
        )
        raise click.exceptions.Exit(1)
    click.echo(
        f"Job {job_id} finished with {summary['failed']} failed item(s): "
        f"{summary['done']} of {summary['total']} done."
    )
    _echo_errors(summary["errors"])
    for blocked in summary["blocked"]:
        say(
            f"  report {blocked['report']!r} stopped at {blocked['step']}: "
            "its later steps did not run"
        )
    click.echo(f"Fix the inputs named above, then `workbench job resume {job_id}`.")
    raise click.exceptions.Exit(1)


def _echo_errors(errors: list[dict[str, Any]]) -> None:
    if errors:
        click.echo("Errors:")
    for error in errors:
        say(f"  {error['item']}: {error['error']}")


def _echo_ignored(ignored: list[dict[str, str]]) -> None:
    """How many files were left out for each reason, with one example each."""
    reasons = Counter(i["reason"] for i in ignored)
    example = {i["reason"]: Path(i["path"]).name for i in reversed(ignored)}
    listed = "; ".join(f"{n} {why} (e.g. {example[why]})" for why, n in reasons.most_common())
    say(f"Ignored {len(ignored)} file(s) in the input folders: {listed}")
