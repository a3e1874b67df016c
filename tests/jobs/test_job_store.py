"""The job tables: items planned idempotently, done exactly once, one runner per job."""

from __future__ import annotations

import pytest

from workbench.errors import JobError, NotFound
from workbench.store import jobs


@pytest.fixture
def job(db):
    return jobs.create_job(db, kind="batch", name="nightly", spec={"a": 1}, spec_key="file:/x")


def _alive(token: str) -> bool:
    return False


def _dead(token: str) -> bool:
    return True


def _statuses(db, job_id):
    return {i.key: (i.status, i.input_hash) for i in jobs.items(db, job_id)}


def test_a_job_is_found_again_by_its_spec_key(db, job):
    assert jobs.find_job(db, "file:/x").id == job.id
    assert jobs.find_job(db, "file:/y") is None


def test_planning_again_keeps_done_items_and_resets_changed_ones(db, job):
    jobs.claim_job(db, job.id, "h:1:a", "local", is_stale=_alive)
    jobs.plan_items(db, job.id, "t", "flood", [("t/flood/0", "h0"), ("t/flood/1", "h1")])
    db.write(
        lambda c: [
            jobs.complete_item(c, job.id, k, h, "h:1:a", {})
            for k, h in [("t/flood/0", "h0"), ("t/flood/1", "h1")]
        ]
    )
    jobs.plan_items(db, job.id, "t", "flood", [("t/flood/0", "h0"), ("t/flood/1", "CHANGED")])
    assert _statuses(db, job.id) == {
        "t/flood/0": ("done", "h0"),
        "t/flood/1": ("pending", "CHANGED"),
    }


def test_keys_a_step_no_longer_makes_are_removed(db, job):
    jobs.plan_items(db, job.id, "t", "flood", [("t/flood/0", "a"), ("t/flood/1", "b")])
    jobs.plan_items(db, job.id, "t", "vote", [("t/vote/0", "c")])
    jobs.plan_items(db, job.id, "t", "flood", [("t/flood/0", "a")])
    assert set(_statuses(db, job.id)) == {"t/flood/0", "t/vote/0"}


def test_reports_gone_from_the_inputs_are_forgotten(db, job):
    jobs.plan_items(db, job.id, "t", "flood", [("t/flood/0", "a")])
    jobs.plan_items(db, job.id, "t", "vote", [("t/vote/0", "c")])
    assert jobs.forget_reports(db, job.id, ["vote"]) == 1
    assert set(_statuses(db, job.id)) == {"t/vote/0"}


def test_an_item_is_completed_only_once(db, job):
    jobs.claim_job(db, job.id, "h:1:a", "local", is_stale=_alive)
    jobs.plan_items(db, job.id, "t", "flood", [("t/flood/0", "a")])
    db.write(lambda c: jobs.complete_item(c, job.id, "t/flood/0", "a", "h:1:a", {"n": 1}))
    with pytest.raises(jobs.LeaseLost):
        db.write(lambda c: jobs.complete_item(c, job.id, "t/flood/0", "a", "h:1:a", {"n": 2}))
    assert jobs.items(db, job.id)[0].result == {"n": 1}


def test_a_runner_that_lost_the_job_cannot_complete_items(db, job):
    jobs.claim_job(db, job.id, "h:1:a", "local", is_stale=_alive)
    jobs.plan_items(db, job.id, "t", "flood", [("t/flood/0", "a")])
    jobs.claim_job(db, job.id, "h:2:b", "local", is_stale=_dead)
    with pytest.raises(jobs.LeaseLost):
        db.write(lambda c: jobs.complete_item(c, job.id, "t/flood/0", "a", "h:1:a", {}))


def test_the_step_writes_roll_back_with_a_refused_completion(db, job):
    jobs.claim_job(db, job.id, "h:1:a", "local", is_stale=_alive)

    def commit(conn):
        conn.execute(
            "INSERT INTO score (metric, value, scope, scope_ref, signature, created_at)"
            " VALUES ('m', 1, 'document', 'x', 's', 't')"
        )
        jobs.complete_item(conn, job.id, "t/never/0", "a", "h:1:a", {})

    with pytest.raises(jobs.LeaseLost):
        db.write(commit)
    assert db.connection().execute("SELECT count(*) FROM score").fetchone()[0] == 0


def test_a_live_runner_keeps_the_job(db, job):
    jobs.claim_job(db, job.id, "h:1:a", "local", is_stale=_alive)
    with pytest.raises(JobError, match="already running \\(process 1\\)"):
        jobs.claim_job(db, job.id, "h:2:b", "local", is_stale=_alive)


def test_a_dead_runners_job_is_taken_over(db, job):
    jobs.claim_job(db, job.id, "h:1:a", "local", is_stale=_alive)
    assert jobs.claim_job(db, job.id, "h:2:b", "ray", is_stale=_dead).runner == "h:2:b"


@pytest.mark.parametrize(("runner_alive", "expected"), [(True, "cancelling"), (False, "cancelled")])
def test_cancel_asks_a_live_runner_and_stops_an_abandoned_job(db, job, runner_alive, expected):
    jobs.claim_job(db, job.id, "h:1:a", "local", is_stale=_alive)
    stale = _alive if runner_alive else _dead
    assert jobs.request_cancel(db, job.id, is_stale=stale).status == expected


def test_a_done_job_cannot_be_cancelled(db, job):
    jobs.claim_job(db, job.id, "h:1:a", "local", is_stale=_alive)
    jobs.release_job(db, job.id, "h:1:a", "done")
    with pytest.raises(JobError, match="already done"):
        jobs.request_cancel(db, job.id, is_stale=_dead)


def test_counts_per_step_and_overall(db, job):
    jobs.claim_job(db, job.id, "h:1:a", "local", is_stale=_alive)
    jobs.plan_items(db, job.id, "a", "r", [("a/r/0", "x"), ("a/r/1", "y")])
    jobs.plan_items(db, job.id, "b", "r", [("b/r/0", "z")])
    jobs.fail_item(db, job.id, "a/r/1", "y", "h:1:a", "broken")
    assert jobs.step_counts(db, job.id) == {"a": {"pending": 1, "failed": 1}, "b": {"pending": 1}}
    got = jobs.get_job(db, job.id)
    assert (got.total, got.done, got.failed) == (3, 0, 1)


def test_an_unknown_job_is_not_found(db):
    with pytest.raises(NotFound, match="job list"):
        jobs.get_job(db, 99)
