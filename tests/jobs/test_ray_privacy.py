"""A private Ray started by a job stays on this machine, even where HOME has no Ray config.

Without `~/ray_bootstrap_config.yaml`, Ray's usage module asks cloud metadata servers which
cloud it runs on (usage statistics off or not). The Ray executor gives the Ray it starts a
HOME that says "local"; the suite's network guard (in this process and, through PYTHONPATH,
in every Ray process) fails this test on any lookup or connection beyond loopback.
"""

from __future__ import annotations

from tests.jobs.conftest import write_spec
from tests.jobs.test_runner import SPEC, expected_outputs, outputs
from workbench.config import load_settings
from workbench.jobs import api


def test_a_private_ray_asks_no_cloud_where_it_runs(tmp_path, monkeypatch, reports, fake_steps, db):
    bare_home = tmp_path / "bare-home"
    bare_home.mkdir()
    monkeypatch.setenv("HOME", str(bare_home))
    spec = write_spec(tmp_path, SPEC.format(chunk=2, extra="delay_ms = 200"))
    summary = api.run_job(spec, db=db, settings=load_settings(), steps=fake_steps, executor="ray")
    assert summary["status"] == "done"
    assert outputs(tmp_path / "out") == expected_outputs()
    assert not (bare_home / "ray_bootstrap_config.yaml").exists()


def test_ray_workers_find_the_model_cache_under_the_real_home(tmp_path, monkeypatch):
    import os

    import ray

    from workbench.jobs.ray_executor import RayExecutor
    from workbench.jobs.registry import registry

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("HF_HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    executor = RayExecutor(1, load_settings(), registry())
    executor.start()
    try:
        seen = ray.get(ray.remote(lambda: os.environ["HF_HOME"]).remote(), timeout=120)
    finally:
        executor.close()
    assert seen == str(tmp_path / ".cache" / "huggingface")
    assert os.environ["HOME"] == str(tmp_path)


def test_one_process_starts_private_rays_under_two_homes_one_after_the_other(tmp_path):
    """Ray keeps the first auth token a process read; a second private Ray under another home
    must take the same token, or it refuses the process (InvalidAuthToken)."""
    import ray

    from workbench.jobs.ray_executor import RayExecutor
    from workbench.jobs.registry import registry

    answers = []
    for name in ("first", "second"):
        executor = RayExecutor(1, load_settings({"home": tmp_path / name}), registry())
        executor.start()
        try:
            answers.append(ray.get(ray.remote(lambda: 42).remote(), timeout=120))
        finally:
            executor.close()
    assert answers == [42, 42]
