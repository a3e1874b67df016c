"""Batch jobs and their items: the record a job resumes from.

A job is claimed by one runner at a time (`job.runner`, "host:pid:token"); an item is marked
done only by the runner that holds the job, and only once (`complete_item` checks both inside
the write transaction that also holds the step's own store writes), so a crashed runner, a
stray worker or a second runner can never make an item count twice.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from workbench.errors import JobError, NotFound
from workbench.records import Job, JobItem
from workbench.store.db import Database, inserted_id, now

ACTIVE = ("running", "cancelling")


class LeaseLost(JobError):
    """Another runner took the job over; this one must stop."""


def create_job(db: Database, *, kind: str, name: str, spec: dict[str, Any], spec_key: str) -> Job:
    def work(conn: sqlite3.Connection) -> int:
        stamp = now()
        cur = conn.execute(
            """INSERT INTO job (kind, name, spec, spec_key, status, created_at, updated_at)
               VALUES (?, ?, ?, ?, 'pending', ?, ?)""",
            (kind, name, json.dumps(spec, ensure_ascii=False), spec_key, stamp, stamp),
        )
        return inserted_id(cur)

    return get_job(db, db.write(work))


def find_job(db: Database, spec_key: str) -> Job | None:
    """The newest job made from this spec, if any."""
    row = (
        db.connection()
        .execute("SELECT id FROM job WHERE spec_key = ? ORDER BY id DESC LIMIT 1", (spec_key,))
        .fetchone()
    )
    return get_job(db, row["id"]) if row else None


def get_job(db: Database, job_id: int) -> Job:
    row = db.connection().execute("SELECT * FROM job WHERE id = ?", (job_id,)).fetchone()
    if row is None:
        raise NotFound(f"There is no job {job_id}. `workbench job list` shows the jobs.")
    return _job(row, _counts(db.connection(), job_id))


def list_jobs(db: Database) -> list[Job]:
    conn = db.connection()
    rows = conn.execute("SELECT * FROM job ORDER BY id").fetchall()
    return [_job(row, _counts(conn, row["id"])) for row in rows]


def update_spec(db: Database, job_id: int, spec: dict[str, Any], name: str) -> None:
    db.write(
        lambda conn: conn.execute(
            "UPDATE job SET spec = ?, name = ?, updated_at = ? WHERE id = ?",
            (json.dumps(spec, ensure_ascii=False), name, now(), job_id),
        )
    )


def claim_job(
    db: Database, job_id: int, runner: str, executor: str, *, is_stale: Callable[[str], bool]
) -> Job:
    """Make `runner` the one process working on the job; refuse while another one lives."""

    def work(conn: sqlite3.Connection) -> None:
        row = conn.execute("SELECT status, runner FROM job WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise NotFound(f"There is no job {job_id}. `workbench job list` shows the jobs.")
        if row["status"] in ACTIVE and row["runner"] and not is_stale(row["runner"]):
            pid = row["runner"].split(":")[1]
            raise JobError(
                f"Job {job_id} is already running (process {pid}). Wait for it, or stop it "
                f"with `workbench job cancel {job_id}`."
            )
        stamp = now()
        conn.execute(
            """UPDATE job SET status = 'running', runner = ?, executor = ?, error = '',
                   started_at = ?, finished_at = '', updated_at = ? WHERE id = ?""",
            (runner, executor, stamp, stamp, job_id),
        )

    db.write(work)
    return get_job(db, job_id)


def release_job(db: Database, job_id: int, runner: str, status: str, error: str = "") -> None:
    """The runner is finished with the job (done, failed, cancelled): it is free again."""
    stamp = now()
    db.write(
        lambda conn: conn.execute(
            """UPDATE job SET status = ?, runner = '', error = ?, finished_at = ?,
                   updated_at = ? WHERE id = ? AND runner = ?""",
            (status, error, stamp, stamp, job_id, runner),
        )
    )


def request_cancel(db: Database, job_id: int, *, is_stale: Callable[[str], bool]) -> Job:
    """Ask the job's runner to stop after the items in hand; a job nobody runs stops now."""

    def work(conn: sqlite3.Connection) -> None:
        row = conn.execute("SELECT status, runner FROM job WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise NotFound(f"There is no job {job_id}. `workbench job list` shows the jobs.")
        if row["status"] == "done":
            raise JobError(f"Job {job_id} is already done; there is nothing to cancel.")
        running = row["status"] in ACTIVE and row["runner"] and not is_stale(row["runner"])
        status = "cancelling" if running else "cancelled"
        runner = row["runner"] if running else ""
        conn.execute(
            "UPDATE job SET status = ?, runner = ?, updated_at = ? WHERE id = ?",
            (status, runner, now(), job_id),
        )

    db.write(work)
    return get_job(db, job_id)


def job_state(db: Database, job_id: int) -> tuple[str, str]:
    """(status, runner): cheap enough to ask between every two items."""
    row = (
        db.connection().execute("SELECT status, runner FROM job WHERE id = ?", (job_id,)).fetchone()
    )
    return (row["status"], row["runner"]) if row else ("", "")


def plan_items(
    db: Database,
    job_id: int,
    step: str,
    report: str,
    items: Sequence[tuple[str, str]],
) -> None:
    """Record the (key, input_hash) items of one step of one report.

    New keys are added as pending; a key whose input changed goes back to pending; keys this
    step no longer makes for the report (its input shrank) are removed. Done items whose
    input is unchanged are left alone: that is what makes a resume skip them.
    """
    keys = [key for key, _ in items]

    def work(conn: sqlite3.Connection) -> None:
        stamp = now()
        for key, input_hash in items:
            conn.execute(
                """INSERT INTO job_item (job_id, key, step, report, status, input_hash,
                       updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)
                   ON CONFLICT (job_id, key) DO UPDATE SET
                       status = 'pending', input_hash = excluded.input_hash, result = '{}',
                       error = '', updated_at = excluded.updated_at
                   WHERE job_item.input_hash != excluded.input_hash""",
                (job_id, key, step, report, input_hash, stamp),
            )
        marks = ",".join("?" * len(keys))
        conn.execute(
            f"DELETE FROM job_item WHERE job_id = ? AND step = ? AND report = ?"
            f" AND key NOT IN ({marks})",
            (job_id, step, report, *keys),
        )

    db.write(work)


def forget_reports(db: Database, job_id: int, keep: Iterable[str]) -> int:
    """Remove the items of reports that are no longer among the job's inputs."""
    keep = list(keep)
    marks = ",".join("?" * len(keep))
    return db.write(
        lambda conn: (
            conn.execute(
                f"DELETE FROM job_item WHERE job_id = ? AND report NOT IN ({marks})",
                (job_id, *keep),
            ).rowcount
        )
    )


def items(
    db: Database,
    job_id: int,
    *,
    step: str | None = None,
    report: str | None = None,
    status: str | None = None,
) -> list[JobItem]:
    """The job's items, filtered, in key order."""
    sql, args = "SELECT * FROM job_item WHERE job_id = ?", list[object]([job_id])
    for column, value in (("step", step), ("report", report), ("status", status)):
        if value is not None:
            sql += f" AND {column} = ?"
            args.append(value)
    rows = db.connection().execute(sql + " ORDER BY key", args)
    return [_item(row) for row in rows]


def start_items(db: Database, job_id: int, keys: Sequence[str]) -> None:
    """Count one more attempt for each item handed to a worker."""
    db.write(
        lambda conn: conn.executemany(
            "UPDATE job_item SET attempts = attempts + 1 WHERE job_id = ? AND key = ?",
            [(job_id, key) for key in keys],
        )
    )


def complete_item(
    conn: sqlite3.Connection,
    job_id: int,
    key: str,
    input_hash: str,
    runner: str,
    result: dict[str, Any],
) -> None:
    """Mark an item done, inside the caller's write transaction (with the step's writes).

    Raises LeaseLost, which rolls the whole transaction back, when the item is already done,
    its input changed meanwhile, or this runner no longer holds the job.
    """
    cur = conn.execute(
        """UPDATE job_item SET status = 'done', result = ?, error = '', updated_at = ?
           WHERE job_id = ? AND key = ? AND input_hash = ? AND status != 'done'
             AND EXISTS (SELECT 1 FROM job WHERE id = ? AND runner = ?)""",
        (json.dumps(result, ensure_ascii=False), now(), job_id, key, input_hash, job_id, runner),
    )
    if cur.rowcount != 1:
        raise LeaseLost(
            f"Item {key} of job {job_id} was already done or the job was taken over by "
            "another process; this runner stops."
        )


def fail_item(
    db: Database, job_id: int, key: str, input_hash: str, runner: str, error: str
) -> None:
    def work(conn: sqlite3.Connection) -> None:
        cur = conn.execute(
            """UPDATE job_item SET status = 'failed', error = ?, updated_at = ?
               WHERE job_id = ? AND key = ? AND input_hash = ? AND status != 'done'
                 AND EXISTS (SELECT 1 FROM job WHERE id = ? AND runner = ?)""",
            (error, now(), job_id, key, input_hash, job_id, runner),
        )
        if cur.rowcount != 1:
            raise LeaseLost(f"Job {job_id} was taken over by another process; this runner stops.")

    db.write(work)


def finished_since(db: Database, job_id: int, stamp: str) -> int:
    """How many items were finished (done or failed) at or after `stamp`."""
    row = (
        db.connection()
        .execute(
            "SELECT count(*) FROM job_item WHERE job_id = ? AND status != 'pending'"
            " AND updated_at >= ?",
            (job_id, stamp),
        )
        .fetchone()
    )
    return int(row[0])


def step_counts(db: Database, job_id: int) -> dict[str, dict[str, int]]:
    """{step: {status: count}} in the order the steps first appear."""
    rows = db.connection().execute(
        """SELECT step, status, count(*) AS n, min(id) AS first FROM job_item
           WHERE job_id = ? GROUP BY step, status ORDER BY first""",
        (job_id,),
    )
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["step"], {})[row["status"]] = row["n"]
    return counts


def _counts(conn: sqlite3.Connection, job_id: int) -> dict[str, int]:
    rows = conn.execute(
        "SELECT status, count(*) AS n FROM job_item WHERE job_id = ? GROUP BY status", (job_id,)
    )
    return {row["status"]: row["n"] for row in rows}


def _job(row: sqlite3.Row, counts: dict[str, int]) -> Job:
    return Job(
        kind=row["kind"],
        spec=json.loads(row["spec"]),
        status=row["status"],
        id=row["id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        done=counts.get("done", 0),
        failed=counts.get("failed", 0),
        total=sum(counts.values()),
        name=row["name"],
        spec_key=row["spec_key"],
        runner=row["runner"],
        executor=row["executor"],
        error=row["error"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
    )


def _item(row: sqlite3.Row) -> JobItem:
    return JobItem(
        job_id=row["job_id"],
        key=row["key"],
        status=row["status"],
        input_hash=row["input_hash"],
        result=json.loads(row["result"]),
        error=row["error"],
        attempts=row["attempts"],
        id=row["id"],
        step=row["step"],
        report=row["report"],
        updated_at=row["updated_at"],
    )
