"""Fixtures for job tests: a small folder of reports and the fake steps, registered."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.jobs.fake_steps import FAKE_STEPS, fake_registry

REPORTS = {
    "flood": (
        "Rivers rose overnight.\nTwo bridges closed.\nAid arrived by noon.\nSchools shut.\n",
        "ارتفعت الأنهار ليلا.\nأغلق جسران.\n",
    ),
    "vote": (
        "Polls opened at seven.\nTurnout was high.\nCounting began at dusk.\n",
        "فتحت مراكز الاقتراع.\nكانت المشاركة عالية.\n",
    ),
    "clinic": ("A clinic reopened.\nDoctors returned.\n", "أعيد فتح عيادة.\n"),
}


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """reports/NAME.en.txt and NAME.ar.txt for three reports."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, (en, ar) in REPORTS.items():
        (folder / f"{name}.en.txt").write_text(en, encoding="utf-8")
        (folder / f"{name}.ar.txt").write_text(ar, encoding="utf-8")
    return folder


@pytest.fixture
def fake_steps():
    """The fake steps, visible to the CLI and the API in this process; returns the registry."""
    from workbench.jobs.registry import register_step, unregister_step

    for name, target in FAKE_STEPS.items():
        register_step(name, target)
    yield fake_registry()
    for name in FAKE_STEPS:
        unregister_step(name)


def write_spec(folder: Path, body: str, name: str = "job.toml") -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path
