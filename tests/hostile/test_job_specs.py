"""Hostile job specs (wrong types, absurd values, broken or deep files, links and pipes), each
fed to `workbench job run` and to `workbench.run_job` (a file, and the same as data, as a
program or a future UI screen would pass it; the UI has no job screen today). A refused spec
records no job; the store passes its check. And the processes a job starts carry the network
guard."""

from __future__ import annotations

import json
import os
import re
import tomllib

import pytest

from tests.hostile.conftest import Outcome, api_outcome, assert_sound, cli_outcome
from tests.hostile.make_cases import EN

pytestmark = pytest.mark.timeout(180)

BASE = 'output = "out"\n[inputs]\npaths = ["reports"]\n'
DEEP = "[" * 100_000 + "]" * 100_000


def _fifo(path) -> None:
    os.mkfifo(path)


def _link(path) -> None:
    path.symlink_to("/etc/passwd")


# (id, file name, content or a function that makes the file, refused regex or "" for a job)
SPECS = [
    ("wrong-type-workers", "job.toml", 'workers = "many"\n' + BASE,
     r"workers: expected a whole number, got text 'many'"),
    ("bool-workers", "job.toml", "workers = true\n" + BASE, r"workers: expected a whole number"),
    ("float-workers", "job.toml", "workers = 2.5\n" + BASE, r"workers: expected a whole number"),
    ("absurd-workers", "job.toml", "workers = 100000000000000000000\n" + BASE,
     r"workers: must be at most 1024"),
    ("negative-workers", "job.toml", "workers = -3\n" + BASE, r"workers: must be at least 0"),
    ("wrong-type-output", "job.toml", 'output = 5\n[inputs]\npaths = ["reports"]\n',
     r"output: expected text, got a number 5"),
    ("wrong-type-name", "job.toml", "name = 1979-05-27T07:32:00Z\n" + BASE,
     r"name: expected text, got datetime"),
    ("wrong-type-paths", "job.toml", 'output = "out"\n[inputs]\npaths = "reports"\n',
     r"\[inputs\] paths: expected a list of texts, got text 'reports'"),
    ("wrong-type-table", "job.toml", 'translate = "yes"\n' + BASE,
     r"\[translate\] must be a table of options"),
    ("wrong-type-languages", "job.toml", BASE + '[translate]\nfrom = "en"\nto = "ar"\n',
     r"\[translate\] to: expected a list of language codes"),
    ("unknown-language", "job.toml", BASE + '[translate]\nfrom = "en"\nto = ["fr"]\n',
     r"\[translate\] to.*'fr'"),
    ("absurd-beam", "job.toml", BASE + '[translate]\nfrom = "en"\nto = ["ar"]\nbeam = 100000\n',
     r"\[translate\] beam: must be at most 64"),
    ("zero-chunk", "job.toml", BASE + '[translate]\nfrom = "en"\nto = ["ar"]\nchunk = 0\n',
     r"\[translate\] chunk: must be at least 1"),
    ("bad-pairs", "job.toml", BASE + '[align]\npairs = [["en"], "ar", [1, 2]]\n',
     r"\[align\] pairs: each pair is a list of two language codes"),
    ("unknown-field", "job.toml", "wokers = 2\n" + BASE, r"unknown field\(s\) 'wokers'"),
    ("unknown-table", "job.toml", BASE + "[translat]\nfrom = 'en'\n",
     r"unknown field\(s\) 'translat'"),
    ("json-wrong-types", "job.json", json.dumps({"output": ["x"], "inputs": {"paths": [1]}}),
     r"(output: expected text|paths: expected a list of texts)"),
    ("json-not-a-table", "job.json", "[1, 2]", r"a job spec is a table of fields, not list"),
    ("json-deep-nesting", "job.json", '{"output": ' + DEEP + "}", r"nested too deeply"),
    ("toml-deep-nesting", "job.toml", f"name = {DEEP[:10_000]}\n{BASE}", r"nested too deeply"),
    ("invalid-toml", "job.toml", 'output = "out\n', r"is not valid TOML"),
    ("invalid-json", "job.json", '{"output": ', r"is not valid JSON"),
    ("empty-file", "job.toml", "", r"\[inputs\] needs 'paths'"),
    ("binary-file", "job.toml", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", r"is not UTF-8 text"),
    ("yaml", "job.yaml", "output: out\n", r"must be a \.toml or \.json file"),
    ("huge-file", "job.toml", "# " + "x" * 2_000_000 + "\n" + BASE, r"more than the 1 MB"),
    ("symlink", "job.toml", _link, r"is a symbolic link"),
    ("named-pipe", "job.toml", _fifo, r"is not a regular file"),
    ("missing-file", "job.toml", None, r"The job spec .* does not exist"),
    ("valid", "job.toml", BASE, ""),
]  # fmt: skip
IDS = [s[0] for s in SPECS]


@pytest.fixture
def folder(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "water.en.txt").write_text(EN, encoding="utf-8")
    return tmp_path


def _spec(folder, name, content):
    path = folder / name
    if callable(content):
        content(path)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    return path


def _run(entry, path, cli, db) -> Outcome:
    if entry == "cli":
        return cli_outcome(cli("job", "run", str(path), "--quiet", "--workers", "1"))
    import workbench

    return api_outcome(lambda: workbench.run_job(path, db=db, workers=1))


def _judge(outcome: Outcome, refused: str, db) -> None:
    from workbench.jobs.api import list_jobs

    if refused:
        assert not outcome.stored and re.search(refused, outcome.message), outcome.message
        assert list_jobs(db=db) == []
    else:
        assert outcome.stored, outcome.message
        [job] = list_jobs(db=db)
        assert job["status"] == "done", job


@pytest.mark.parametrize("entry", ["cli", "api"])
@pytest.mark.parametrize(("kind", "name", "content", "refused"), SPECS, ids=IDS)
def test_job_spec_file(kind, name, content, refused, entry, folder, cli, db, home):
    path = _spec(folder, name, content)
    _judge(_run(entry, path, cli, db), refused, db)
    assert_sound(cli, home, folder)


FILE_ONLY = ("empty-file", "huge-file")  # what only a file can be
DATA = [
    s for s in SPECS if isinstance(s[2], str) and s[1].endswith(".toml") and s[0] not in FILE_ONLY
]


def _data(content: str):
    try:
        return tomllib.loads(content)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None


@pytest.mark.parametrize(
    ("kind", "name", "content", "refused"),
    [s for s in DATA if _data(s[2]) is not None],
    ids=[s[0] for s in DATA if _data(s[2]) is not None],
)
def test_job_spec_as_data(kind, name, content, refused, folder, cli, db, home):
    import workbench

    data = {**_data(content), "base": str(folder)}
    outcome = api_outcome(lambda: workbench.run_job(data, db=db, workers=1))
    _judge(outcome, refused, db)
    assert_sound(cli, home, folder)


@pytest.mark.parametrize("workers", ["100000", "9" * 30])
def test_more_workers_than_this_machine_can_hold_is_refused(workers, folder, cli, db):
    path = _spec(folder, "job.toml", BASE)
    result = cli_outcome(cli("job", "run", str(path), "--quiet", "--workers", workers))
    assert not result.stored and "too many for this machine" in result.message


def test_the_worker_processes_of_a_local_job_carry_the_network_guard(folder, db):
    from workbench_netguard import installed_pids

    from tests.jobs.fake_steps import FAKE_STEPS, fake_registry
    from workbench.jobs import api
    from workbench.jobs.registry import register_step, unregister_step
    from workbench.store import jobs as store

    (folder / "reports" / "water.ar.txt").write_text("نص.\nنص آخر.\n", encoding="utf-8")
    path = _spec(folder, "job.toml", BASE + "[shout]\nchunk = 1\n")
    for name, target in FAKE_STEPS.items():
        register_step(name, target)
    try:
        summary = api.run_job(path, db=db, workers=2, steps=fake_registry())
    finally:
        for name in FAKE_STEPS:
            unregister_step(name)
    pids = {i.result["pid"] for i in store.items(db, summary["job"]) if i.step == "shout"}
    assert pids and os.getpid() not in pids  # the work ran in worker processes
    assert pids <= installed_pids()
