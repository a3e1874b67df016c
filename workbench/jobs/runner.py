"""The runner: plan each step's items, hand the open ones to an executor, commit each result.

The runner is the only process that writes the store for a job. Steps run in order; a step
is planned for a report once every item of the steps it needs is done for that report, so a
broken input stops its own report and nothing else. Items are committed one at a time (files
first, then one transaction with the step's store writes and the item's "done"), so a run
killed at any moment resumes with exactly the items that were not committed.
"""

from __future__ import annotations

import os
import secrets
import socket
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench.config import Settings
from workbench.errors import JobError, WorkbenchError
from workbench.jobs.executor import EXECUTORS, Executor, RunOptions
from workbench.jobs.inputs import Inputs, ReportInput, find_inputs
from workbench.jobs.registry import load_step, registry
from workbench.jobs.spec import JobSpec, parse_spec
from workbench.jobs.step import Item, JobContext, Output, Step
from workbench.store import jobs as store
from workbench.store.db import Database

WORKERS_PER_CORE = 4  # local (and private Ray) workers: more only queue for the same cores


@dataclass
class RunSummary:
    """What one run of a job did, and where the job stands after it."""

    job_id: int
    status: str
    ran: int = 0  # items computed in this run
    done: int = 0
    failed: int = 0
    total: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (item key, message)
    blocked: list[tuple[str, str]] = field(default_factory=list)  # (report, step it stopped at)
    ignored: list[dict[str, str]] = field(default_factory=list)  # {"path", "reason"}
    elapsed_s: float = 0.0
    output: str = ""

    @property
    def nothing_to_do(self) -> bool:
        return self.ran == 0 and self.status == "done"


def run_job(
    db: Database,
    settings: Settings,
    job_id: int,
    options: RunOptions = RunOptions(),
    *,
    steps: Mapping[str, str] | None = None,
) -> RunSummary:
    """Run (or resume) a job to its end, or until it is cancelled."""
    steps = dict(steps or registry())
    job = store.get_job(db, job_id)
    spec = parse_spec(job.spec, source=f"job {job_id}'s spec", steps=steps)
    runner = runner_token()
    stale = (lambda token: True) if options.force else runner_is_stale
    store.claim_job(db, job_id, runner, options.executor, is_stale=stale)
    run = _Run(db, settings, spec, job_id, runner, steps, options.progress)
    run.ctx.workers_share_store = options.executor == "local"
    run.ctx.epoch = job_epoch(job.created_at)
    status, error = "failed", "the run stopped unexpectedly; resume it"
    try:
        run.executor = make_executor(
            options.executor,
            options.workers or spec.workers or settings.workers,
            settings,
            steps,
            options.ray_address,
            db.path,
        )
        status, error = run.run(), ""
    except store.LeaseLost:
        raise
    except WorkbenchError as exc:
        error = str(exc)
        raise
    except KeyboardInterrupt:
        status, error = "cancelled", "interrupted"
        raise
    finally:
        if run.executor is not None:
            run.executor.close()
        run.close_bar()
        store.release_job(db, job_id, runner, status, error)
    return run.summary(status)


def job_epoch(created_at: str) -> int:
    """The date a job writes into its files: SOURCE_DATE_EPOCH if set (reproducible builds),
    else when the job was created, so every run and resume of one job writes the same."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        return int(given)
    return int(datetime.fromisoformat(created_at).timestamp())


def local_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def make_executor(
    kind: str,
    workers: int,
    settings: Settings,
    steps: Mapping[str, str],
    ray_address: str | None = None,
    database: Path | None = None,
) -> Executor:
    """`workers` 0: one per core here, or one per CPU of the Ray cluster. Local workers
    share the job's `database` as their translation memory."""
    if kind == "local" or (kind == "ray" and not ray_address):
        _check_local_workers(workers)
    if kind == "local":
        from workbench.jobs.local import LocalExecutor

        return LocalExecutor(workers or local_cores(), settings, steps, database)
    if kind == "ray":
        from workbench.jobs.ray_executor import RayExecutor

        return RayExecutor(workers, settings, steps, address=ray_address)
    raise JobError(f"Unknown executor {kind!r}: use {' or '.join(EXECUTORS)}.")


def _check_local_workers(workers: int) -> None:
    """Each worker is a process that may hold a model: far more than the cores would start
    them all at once and exhaust the machine, so that is refused, not attempted."""
    most = WORKERS_PER_CORE * local_cores()
    if workers > most:
        raise JobError(
            f"{workers} workers is too many for this machine of {local_cores()} core(s): use "
            f"at most {most} (--workers or workers = in the spec), or a Ray cluster "
            "(--executor ray --ray-address ...)."
        )


BAR = "{l_bar}{bar}| {n:.1f}/{total} report-steps [{elapsed}<{remaining}{postfix}]"


def runner_token() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


def runner_is_stale(token: str) -> bool:
    """True when the process named by a runner token is gone (only knowable on its host)."""
    try:
        host, pid, _ = token.split(":")
        pid_number = int(pid)
    except ValueError:
        return True
    if host != socket.gethostname():
        return False
    try:
        os.kill(pid_number, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:  # a killed process its parent has not reaped yet still answers kill(0)
        with open(f"/proc/{pid_number}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except (OSError, IndexError):
        return False


class _Run:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        spec: JobSpec,
        job_id: int,
        runner: str,
        steps: Mapping[str, str],
        progress: bool,
    ):
        self.db, self.spec, self.job_id, self.runner, self.steps = db, spec, job_id, runner, steps
        self.ctx = JobContext(db, settings, spec, job_id)
        self.executor: Executor | None = None
        self.progress = progress
        self.bar: Any = None
        self.shares: dict[str, float] = {}
        self.ran = 0
        self.failures = 0
        self.cancelled = False
        self.blocked: dict[str, str] = {}
        self.inputs: Inputs | None = None
        self.started = time.monotonic()

    def run(self) -> str:
        sweep_partial_files(self.spec.output)
        self.inputs = find_inputs(self.spec, db=self.db)
        store.forget_reports(self.db, self.job_id, [r.name for r in self.inputs.reports])
        names = self.spec.step_names(self.steps)
        self._open_bar(len(names) * len(self.inputs.reports))
        for name in names:
            step = load_step(name, self.steps)
            open_items = self._plan(step, self.inputs.reports)
            if open_items:
                self._execute(step, open_items)
            if self.cancelled:
                return "cancelled"
        job = store.get_job(self.db, self.job_id)
        return "failed" if job.failed or self.blocked else "done"

    def _plan(self, step: Step, reports: tuple[ReportInput, ...]) -> list[Item]:
        open_items = []
        for report in reports:
            if not self._needs_done(step, report.name):
                self._advance(1.0)  # this report's share of the step: nothing will run
                continue
            try:
                planned = step.plan(self.ctx, report)
            except WorkbenchError as exc:
                planned = [step.item(report.name, "", None, "could not plan", str(exc))]
                self._record_plan_failure(step, planned[0], str(exc))
                self._advance(1.0)
                continue
            store.plan_items(
                self.db,
                self.job_id,
                step.name,
                report.name,
                [(item.key, item.input_hash) for item in planned],
            )
            still_open = {
                i.key
                for i in store.items(self.db, self.job_id, step=step.name, report=report.name)
                if i.status != "done"
            }
            opened = [item for item in planned if item.key in still_open]
            self._share(opened, len(planned))
            open_items.extend(opened)
        return open_items

    def _needs_done(self, step: Step, report: str) -> bool:
        """Whether every step this one needs, directly or not, is done for the report.

        A failure stops only the steps that depend on it: a failed translation does not
        keep the report's versions from being aligned.
        """
        for need in self._all_needs(step):
            items = store.items(self.db, self.job_id, step=need, report=report)
            if any(i.status != "done" for i in items):
                self.blocked.setdefault(report, need)
                return False
        return True

    def _all_needs(self, step: Step) -> list[str]:
        found, todo = [], list(step.needs)
        while todo:
            name = todo.pop()
            if name not in found:
                found.append(name)
                todo.extend(load_step(name, self.steps).needs)
        return found

    def _record_plan_failure(self, step: Step, item: Item, message: str) -> None:
        store.plan_items(
            self.db, self.job_id, step.name, item.report, [(item.key, item.input_hash)]
        )
        store.fail_item(self.db, self.job_id, item.key, item.input_hash, self.runner, message)
        self.blocked.setdefault(item.report, step.name)

    def _execute(self, step: Step, open_items: list[Item]) -> None:
        """Workers compute in any order; results are committed in plan order.

        Committing in a fixed order makes the store itself reproducible: the ids of documents,
        alignments and beads after a crash and a resume are those of an uninterrupted run.
        """
        store.start_items(self.db, self.job_id, [item.key for item in open_items])
        self._describe(step)
        position = {item.key: n for n, item in enumerate(open_items)}
        arrived: dict[int, tuple[Item, Output | str | None]] = {}
        next_up = 0
        work = self._prepared(step, open_items, position, arrived)
        for item, output in self.executor.map(step, work, self._should_stop):
            arrived[position[item.key]] = (item, output)
            while next_up in arrived:
                self._finish(step, *arrived.pop(next_up))
                next_up += 1
        while next_up in arrived:  # items whose preparation failed, after the last result
            self._finish(step, *arrived.pop(next_up))
            next_up += 1

    def _prepared(
        self,
        step: Step,
        open_items: list[Item],
        position: dict[str, int],
        arrived: dict[int, tuple[Item, Output | str | None]],
    ) -> Iterator[tuple[Item, Any]]:
        for item in open_items:
            try:
                payload = step.prepare(self.ctx, item)
            except WorkbenchError as exc:
                arrived[position[item.key]] = (item, str(exc))
                continue
            yield item, payload

    def _finish(self, step: Step, item: Item, output: Output | str | None) -> None:
        self.ran += 1
        if isinstance(output, str):
            self._fail(item, output)
        elif output is not None:
            self._commit(step, item, output)
        self._tick(item)

    def _commit(self, step: Step, item: Item, output: Output) -> None:
        try:
            for relative, data in sorted(output.files.items()):
                write_atomically(self.spec.output, relative, data)
            self.db.write(lambda conn: self._complete(conn, step, item, output))
        except store.LeaseLost:
            raise
        except WorkbenchError as exc:
            self._fail(item, str(exc))
        except OSError as exc:
            self._fail(item, f"cannot write into {self.spec.output} ({exc.strerror})")

    def _complete(self, conn: Any, step: Step, item: Item, output: Output) -> None:
        result = step.commit(self.ctx, item, output)
        store.complete_item(conn, self.job_id, item.key, item.input_hash, self.runner, result)

    def _fail(self, item: Item, message: str) -> None:
        store.fail_item(self.db, self.job_id, item.key, item.input_hash, self.runner, message)
        self.failures += 1
        if self.bar is not None:
            self.bar.set_postfix_str(f"{self.failures} failed", refresh=False)

    def _should_stop(self) -> bool:
        status, runner = store.job_state(self.db, self.job_id)
        if runner != self.runner:
            raise store.LeaseLost(
                f"Job {self.job_id} was taken over by another process; this runner stops."
            )
        self.cancelled = status == "cancelling"
        return self.cancelled

    # --- progress ---------------------------------------------------------------------

    def _open_bar(self, units: int) -> None:
        """The bar counts (step, report) pairs, all known before any work: its total never
        changes, so the percentage never goes back. Each pair's items share its one unit."""
        if not self.progress or self.bar is not None:
            return
        from tqdm import tqdm

        self.bar = tqdm(
            total=units,
            unit="step",
            desc=f"job {self.job_id}",
            dynamic_ncols=True,
            smoothing=0.1,
            bar_format=BAR,
        )

    def _share(self, opened: list[Item], planned: int) -> None:
        """What each open item of one (step, report) moves the bar; done ones count now."""
        if not planned:
            self._advance(1.0)
            return
        self._advance((planned - len(opened)) / planned)
        for item in opened:
            self.shares[item.key] = 1.0 / planned

    def _advance(self, amount: float) -> None:
        if self.bar is not None and amount:
            self.bar.update(amount)

    def _describe(self, step: Step) -> None:
        if self.bar is not None:
            self.bar.set_description(f"job {self.job_id} {step.name}")

    def _tick(self, item: Item) -> None:
        self._advance(self.shares.pop(item.key, 0.0))

    def close_bar(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def summary(self, status: str) -> RunSummary:
        job = store.get_job(self.db, self.job_id)
        failed = store.items(self.db, self.job_id, status="failed")
        return RunSummary(
            job_id=self.job_id,
            status=status,
            ran=self.ran,
            done=job.done,
            failed=job.failed,
            total=job.total,
            errors=[(item.key, item.error) for item in failed],
            blocked=sorted(self.blocked.items()),
            ignored=[
                {"path": str(i.path), "reason": i.reason}
                for i in (self.inputs.ignored if self.inputs else ())
            ],
            elapsed_s=time.monotonic() - self.started,
            output=str(self.spec.output),
        )


def sweep_partial_files(folder: Path) -> int:
    """Remove what runners killed in the middle of a write left behind (never a live one's)."""
    removed = 0
    for partial in folder.rglob(".*.partial") if folder.is_dir() else ():
        pid = partial.name.rsplit(".", 2)[-2]
        if pid.isdigit() and runner_is_stale(f"{socket.gethostname()}:{pid}:-"):
            partial.unlink(missing_ok=True)
            removed += 1
    return removed


def write_atomically(folder: Path, relative: str, data: bytes) -> Path:
    """Write `folder/relative` through a temporary file and a rename: never half a file."""
    target = (folder / relative).absolute()
    if folder.absolute() not in target.parents:
        raise JobError(f"A step tried to write {relative!r} outside the output folder.")
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise JobError(
            f"{target} is not a regular file (a link, pipe or device); the job does not write "
            "over it. Remove it from the output folder, then resume the job."
        )
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with open(partial, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target
