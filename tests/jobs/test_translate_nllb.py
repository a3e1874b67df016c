"""A batch job translating Arabic straight into the Kurdish languages with an NLLB-200 model
(a tiny stand-in), with the spec's profile, device, compute type and batch size, locally and
on Ray: the same outputs either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.jobs.conftest import write_spec
from tests.jobs.test_runner import outputs
from workbench.config import load_settings
from workbench.errors import JobSpecError
from workbench.jobs import api
from workbench.store import jobs as store
from workbench.store.db import open_database

SPEC = """
output = "out"
workers = 2
[inputs]
paths = ["{reports}"]
[translate]
from = "ar"
to = ["ckb", "kmr"]
chunk = 2
profile = "best"
device = "cpu"
compute_type = "float32"
batch_tokens = 256
"""


@pytest.fixture
def settings(tiny_nllb, tmp_path, monkeypatch):
    """[models] sends ar-ckb and ar-kmr to the tiny NLLB model, directly."""
    model = tiny_nllb()
    config = tmp_path / "workbench.toml"
    config.write_text(
        f'models_dir = "{tmp_path / "models"}"\n[models]\n"ar-ckb" = "{model}"\n'
        f'"ar-kmr" = "{model}"\n'
    )
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    return load_settings()


def _run(base: Path, reports: Path, settings, executor: str) -> tuple[dict, dict]:
    base.mkdir(parents=True, exist_ok=True)
    spec = write_spec(base, SPEC.format(reports=reports))
    with open_database(base / "w.db") as db:
        summary = api.run_job(spec, db=db, settings=settings, executor=executor)
        items = {i.key: i.result for i in store.items(db, summary["job"], step="translate")}
    return summary, items


def test_a_job_translates_directly_with_the_specs_runtime(tmp_path, reports, settings):
    summary, items = _run(tmp_path / "local", reports, settings, "local")
    assert (summary["status"], summary["failed"]) == ("done", 0), summary["errors"]
    for result in items.values():
        assert len(result["path"]) == 2  # ar>ckb, ar>kmr: no pivot through English
        fields = dict(p.split(":", 1) for p in result["signature"].split("|"))
        assert fields["srctok"] == "arb_Arab" and fields["tok"] in ("ckb_Arab", "kmr_Latn")
        assert fields["compute"] == "float32"
    files = outputs(tmp_path / "local" / "out")
    assert "flood/flood.ar-ckb.mt.txt" in files and "vote/vote.ar-kmr.mt.txt" in files


def test_ray_gives_the_local_outputs(tmp_path, reports, settings):
    local, local_items = _run(tmp_path / "local", reports, settings, "local")
    on_ray, ray_items = _run(tmp_path / "ray", reports, settings, "ray")
    assert on_ray["status"] == local["status"] == "done", on_ray["errors"]
    assert outputs(tmp_path / "ray" / "out") == outputs(tmp_path / "local" / "out")
    assert {k: r["outputs"] for k, r in ray_items.items()} == {
        k: r["outputs"] for k, r in local_items.items()
    }


@pytest.mark.parametrize(
    "option, value, message",
    [
        ("profile", '"fast"', "expected one of , open, best"),
        ("compute_type", '"int4"', "expected one of , int8, int8_float16"),
        ("device", '"tpu"', "expected one of , auto, cpu, cuda"),
        ("batch_tokens", "-1", "must be at least 0"),
    ],
)
def test_a_wrong_runtime_option_is_a_spec_error(tmp_path, reports, option, value, message):
    from workbench.jobs.spec import load_spec

    text = SPEC.format(reports=reports).replace(
        f"{option} = ", f"{option} = {value}\n#", 1
    )
    with pytest.raises(JobSpecError, match=f"translate\\] {option}: {message}"):
        load_spec(write_spec(tmp_path, text))
