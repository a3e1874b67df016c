"""The real steps end to end: the sample corpora ingested, translated by tiny MarianMT models,
aligned, scored, reported and exported, on the local executor and on Ray, and after kill -9.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.jobs.conftest import write_spec
from tests.jobs.test_runner import outputs
from workbench.config import load_settings
from workbench.jobs import api
from workbench.store import jobs as store
from workbench.store.db import open_database

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ("displacement-returns", "provincial-elections", "security-meeting")
SPEC = f"""
output = "out"
workers = 2
[inputs]
paths = ["{ROOT}/corpora/*/"]
[translate]
from = "en"
to = ["ar", "ckb"]
chunk = 4
[align]
[export]
formats = ["tmx", "tsv"]
"""
QUALITY = """
[score]
metrics = ["bleu", "chrf"]
[report]
formats = ["html", "json"]
"""
EPOCH = "1700000000"  # SOURCE_DATE_EPOCH: dates in files are the same in every run


@pytest.fixture(scope="module")
def models_home(tiny_model, tmp_path_factory) -> Path:
    """A workbench.toml naming tiny models for en-ar and en-ckb, and a models folder shared
    by the module (their CTranslate2 copies are made once)."""
    folder = tmp_path_factory.mktemp("job-models")
    (folder / "workbench.toml").write_text(
        f'models_dir = "{folder / "models"}"\n[models]\n'
        f'"en-ar" = "{tiny_model("en", "ar")}"\n"en-ckb" = "{tiny_model("en", "ckb")}"\n'
    )
    return folder


@pytest.fixture
def settings(models_home, monkeypatch):
    monkeypatch.setenv("WORKBENCH_CONFIG", str(models_home / "workbench.toml"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return load_settings()


def _run(base: Path, settings, executor: str = "local", extra: str = "") -> tuple[dict, Path]:
    spec = write_spec(base, SPEC + extra)
    db_path = base / "w.db"
    with open_database(db_path) as db:
        summary = api.run_job(spec, db=db, settings=settings, executor=executor)
    return summary, db_path


def _translation_counts(db_path: Path) -> tuple[int, int, int]:
    """(segments translated by a model, segments from memory, rows in the memory)."""
    with open_database(db_path) as db:
        made = found = 0
        for item in store.items(db, 1, step="translate"):
            made += item.result["translated"]
            found += item.result["from_memory"]
        rows = db.connection().execute("SELECT count(*) FROM translation").fetchone()[0]
    return made, found, rows


def _english_segments(db_path: Path) -> tuple[int, int]:
    with open_database(db_path) as db:
        texts = [
            r[0]
            for r in db.connection().execute(
                "SELECT s.text FROM segment s JOIN document d ON d.id = s.document_id"
                " WHERE d.lang = 'en' AND d.origin = 'original' AND trim(s.text) != ''"
            )
        ]
    return len(texts), len(set(texts))


def _store_rows(db_path: Path) -> dict[str, list[tuple]]:
    """The job's records in the store, ids included (times left out)."""
    conn = sqlite3.connect(db_path)
    queries = {
        "document": "SELECT id, report_id, lang, origin, model, pivot, sha256 FROM document",
        "alignment": "SELECT id, report_id, document_ids, method, signature FROM alignment",
        "bead": "SELECT id, alignment_id, position, segments, score, confidence FROM bead",
        "score": "SELECT id, metric, value, scope, scope_ref, signature FROM score",
        "review_event": "SELECT id, alignment_id, bead_id, action, after FROM review_event",
    }
    rows = {name: conn.execute(sql + " ORDER BY id").fetchall() for name, sql in queries.items()}
    conn.close()
    return rows


def test_a_job_over_the_corpora_runs_every_step(tmp_path, settings):
    summary, db_path = _run(tmp_path, settings, extra=QUALITY)
    assert (summary["status"], summary["failed"]) == ("done", 0), summary["errors"]
    files = outputs(tmp_path / "out")
    for report in REPORTS:
        for name in (
            "en-ar.mt.txt",
            "en-ckb.mt.txt",
            "en-ar.beads",
            "en-kmr.beads",
            "en-ckb.tmx",
            "en-ar.tsv",
            "quality.html",
            "quality.json",
        ):
            assert f"{report}/{report}.{name}" in files
    quality = json.loads(files["security-meeting/security-meeting.quality.json"])
    assert {row["lang"] for row in quality["scores"]} == {"ar", "ckb"}
    assert quality["created_at"] == "2023-11-14T22:13:20+00:00"
    rows = _store_rows(db_path)
    machine = [r for r in rows["document"] if r[3] == "machine"]
    assert len(machine) == 6 and {json.loads(r[5])[0] for r in machine} == {"en"}
    assert len(rows["alignment"]) == 9


def test_no_segment_is_translated_twice(tmp_path, settings):
    _, db_path = _run(tmp_path, settings)
    total, distinct = _english_segments(db_path)
    made, found, rows = _translation_counts(db_path)
    assert (made, made + found, rows) == (2 * distinct, 2 * total, 2 * distinct)


def test_a_second_job_on_the_same_texts_takes_every_translation_from_memory(tmp_path, settings):
    _run(tmp_path, settings)
    (tmp_path / "again").mkdir()
    spec = write_spec(tmp_path / "again", SPEC.replace('output = "out"', 'output = "out2"'))
    with open_database(tmp_path / "w.db") as db:
        second = api.run_job(spec, db=db, settings=settings)
        made = sum(i.result["translated"] for i in store.items(db, second["job"], step="translate"))
    assert second["status"] == "done" and made == 0
    translations = {k: v for k, v in outputs(tmp_path / "out").items() if k.endswith(".mt.txt")}
    again = outputs(tmp_path / "again" / "out2")
    assert {k: again[k] for k in translations} == translations


def test_the_ray_executor_writes_what_the_local_one_writes(tmp_path, settings):
    (tmp_path / "local").mkdir()
    (tmp_path / "ray").mkdir()
    local, local_db = _run(tmp_path / "local", settings, "local")
    on_ray, ray_db = _run(tmp_path / "ray", settings, "ray")
    assert on_ray["status"] == local["status"] == "done"
    assert outputs(tmp_path / "ray" / "out") == outputs(tmp_path / "local" / "out")
    assert _store_rows(ray_db) == _store_rows(local_db)
    assert _translation_counts(ray_db) == _translation_counts(local_db)


def _cli(db_path: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "workbench", "--database", str(db_path), "job", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _done_items(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute("SELECT count(*) FROM job_item WHERE status = 'done'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


@pytest.mark.parametrize("seed", [5])
def test_kill_9_during_a_real_job_then_resume_from_the_cli(tmp_path, settings, seed):
    (tmp_path / "ref").mkdir()
    reference, ref_db = _run(tmp_path / "ref", settings)
    spec = write_spec(tmp_path, SPEC)
    db_path = tmp_path / "crash.db"
    chance = random.Random(seed)
    for target in sorted(chance.sample(range(2, reference["total"] - 5), 3)):
        runner = _cli(db_path, "run", str(spec), "--quiet")
        deadline = time.monotonic() + 300
        while _done_items(db_path) < target:
            assert runner.poll() is None, runner.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        os.kill(runner.pid, signal.SIGKILL)
        runner.wait(30)
    finisher = _cli(db_path, "resume", "1", "--quiet")
    out, err = finisher.communicate(timeout=600)
    assert finisher.returncode == 0, out + err
    assert "Job 1 done" in out
    assert outputs(tmp_path / "out") == outputs(tmp_path / "ref" / "out")
    assert _store_rows(db_path) == _store_rows(ref_db)
    total, distinct = _english_segments(db_path)
    made, found, rows = _translation_counts(db_path)
    assert rows == 2 * distinct and made + found == 2 * total and made <= 2 * distinct
