"""The Ray executor: a private Ray on loopback gives the local executor's results, byte for byte.

Ray starts once for this module (2 CPUs, 127.0.0.1, no dashboard, no usage stats; HOME holds
the `ray_bootstrap_config.yaml` that stops Ray probing cloud metadata). The suite's network
guard must see nothing, from this process or from Ray's workers.
"""

from __future__ import annotations

import pytest
import ray

from tests.jobs.conftest import write_spec
from tests.jobs.test_runner import SPEC, commits_per_item, expected_outputs, outputs
from workbench.config import load_settings
from workbench.jobs import api
from workbench.store import jobs as store
from workbench.store.db import open_database


@pytest.fixture(scope="module")
def ray_session():
    """One private Ray for the module, started as a job would start it (jobs reuse it)."""
    from workbench.jobs.ray_executor import RayExecutor
    from workbench.jobs.registry import registry

    executor = RayExecutor(2, load_settings(), registry())
    executor.start()
    yield
    executor.close()


def _run(base, executor, steps, extra=""):
    spec = write_spec(base, SPEC.format(chunk=2, extra=extra))
    with open_database(base / "w.db") as db:
        summary = api.run_job(spec, db=db, settings=load_settings(), steps=steps, executor=executor)
        items = {i.key: (i.status, i.result) for i in store.items(db, summary["job"])}
        return summary, items, commits_per_item(db)


def _without_process(items: dict) -> dict:
    """Item results minus which process made them (and its cores)."""
    return {
        key: (status, {f: v for f, v in result.items() if f not in ("pid", "cores")})
        for key, (status, result) in items.items()
    }


def test_ray_workers_carry_the_network_guard(ray_session):
    @ray.remote
    def guarded() -> tuple[str, bool]:
        import socket
        import sys

        return socket.getaddrinfo.__module__, "workbench_netguard" in sys.modules

    assert ray.get(guarded.remote()) == ("workbench_netguard", True)


def test_the_ray_executor_gives_the_local_executors_outputs(
    ray_session, tmp_path, reports, fake_steps
):
    local, local_items, _ = _run(tmp_path, "local", fake_steps)
    local_files = outputs(tmp_path / "out")
    (tmp_path / "w.db").unlink()
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"w.db{suffix}").unlink(missing_ok=True)
    (tmp_path / "out").rename(tmp_path / "local-out")
    on_ray, ray_items, commits = _run(tmp_path, "ray", fake_steps)
    assert on_ray["status"] == local["status"] == "done"
    assert outputs(tmp_path / "out") == local_files
    assert _without_process(ray_items) == _without_process(local_items)
    assert set(commits.values()) == {1}


def test_each_ray_actor_loads_its_model_once_on_a_core_of_its_own(
    ray_session, tmp_path, reports, fake_steps
):
    summary, items, _ = _run(tmp_path, "ray", fake_steps)
    cores = {r["pid"]: tuple(r["cores"]) for k, (_, r) in items.items() if k.startswith("shout/")}
    assert summary["status"] == "done" and 1 <= len(cores) <= 2
    assert {len(c) for c in cores.values()} == {1}  # each actor pinned to a core of its own
    assert len(set(cores.values())) == len(cores)


def test_errors_on_ray_are_recorded_per_item(ray_session, tmp_path, reports, fake_steps):
    summary, _, _ = _run(tmp_path, "ray", fake_steps, 'fail_on = "vote"')
    assert {e["item"] for e in summary["errors"]} == {
        "shout/vote/ar/0000",
        "shout/vote/en/0000",
        "shout/vote/en/0002",
    }
    assert summary["status"] == "failed" and summary["done"] == summary["total"] - 3


def test_an_item_that_kills_its_actor_fails_without_looping(
    ray_session, tmp_path, reports, fake_steps
):
    summary, items, _ = _run(tmp_path, "ray", fake_steps, 'crash_on = "clinic"')
    failed = {e["item"] for e in summary["errors"]}
    assert {"shout/clinic/ar/0000", "shout/clinic/en/0000"} <= failed
    assert all("Ray actor failed" in e["error"] for e in summary["errors"])
    assert summary["status"] == "failed"


def test_job_run_on_ray_from_the_cli(ray_session, cli, tmp_path, reports, fake_steps):
    spec = write_spec(tmp_path, SPEC.format(chunk=2, extra=""))
    result = cli("job", "run", str(spec), "--executor", "ray", "--workers", "2", "--quiet")
    assert result.code == 0, result.err
    assert "Job 1 'job' (ray): reports ->" in result.out and "Job 1 done" in result.out
    assert cli("job", "list").out.splitlines()[1].split()[5] == "ray"
    assert outputs(tmp_path / "out") == expected_outputs()
