"""Jobs started from the UI or its API stay inside the job roots (issue 19, item 2).

A reviewer's spec names paths on the server. Each hostile spec below reaches outside the
data folder's `jobs/` (absolute paths, `..`, `base`, globs, `~`, links planted inside the
root) and must be refused before anything is read or written: by the Jobs tab's Check and
Start, and by `/job_start` over HTTP. The refusal names the allowed folders and the setting
that adds more; no job is recorded, no file outside is read into the store, nothing is
written outside. The machine's own user at the CLI keeps full access.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import api_outcome, assert_sound
from tests.hostile.make_cases import AR, EN, SECRET
from tests.hostile.reviewer_app import reviewer_app
from tests.ui.test_jobs import wait_for_end

pytestmark = pytest.mark.timeout(300)

REFUSED = r"outside the folders a job started here may (read|write into) \(.*jobs.*\).*job_roots"
Spec = Callable[[Path, Path], str]  # (jobs folder, outside folder) -> spec text


def _spec(inputs: list[str], output: str = "out", base: str = "") -> str:
    lines = [f"base = {json.dumps(base)}"] if base else []
    lines += [f"output = {json.dumps(output)}", "[inputs]", f"paths = {json.dumps(inputs)}"]
    return "\n".join(lines) + "\n"


def _linked(name: str, target: Callable[[Path], Path], spec: Callable[[str], str]) -> Spec:
    """Plant a link `name` in the jobs folder pointing at `target(outside)`, then the spec."""

    def build(jobs: Path, outside: Path) -> str:
        link = jobs / name
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target(outside))
        return spec(name)

    return build


HOSTILE: dict[str, Spec] = {
    "absolute-input": lambda jobs, out: _spec([str(out / "reports")]),
    "system-file": lambda jobs, out: _spec(["/etc/passwd"]),
    "dotdot-input": lambda jobs, out: _spec([os.path.relpath(out / "reports", jobs)]),
    "dotdot-inside-path": lambda jobs, out: _spec([f"x/../{os.path.relpath(out, jobs)}/reports"]),
    "base-at-root": lambda jobs, out: _spec([str(out / "reports").lstrip("/")], base="/"),
    "base-outside": lambda jobs, out: _spec(["reports"], base=str(out)),
    "glob-outside": lambda jobs, out: _spec([str(out / "reports" / "*.txt")]),
    "recursive-glob-outside": lambda jobs, out: _spec([str(out) + "/**/*.txt"]),
    "home-tilde": lambda jobs, out: _spec(["~/"]),
    "link-to-folder": _linked("linked", lambda out: out / "reports", lambda n: _spec([n])),
    "link-to-file": _linked(
        "reports/water.en.txt", lambda out: out / "reports" / "water.en.txt",
        lambda n: _spec([n]),
    ),
    "glob-over-link": _linked("linked", lambda out: out / "reports", lambda n: _spec([n + "/*"])),
    "absolute-output": lambda jobs, out: _spec(["mine"], output=str(out / "written")),
    "dotdot-output": lambda jobs, out: _spec(["mine"], os.path.relpath(out / "written", jobs)),
    "output-the-data-folder": lambda jobs, out: _spec(["mine"], output=".."),
    "system-output": lambda jobs, out: _spec(["mine"], output="/etc/cron.d"),
    "output-through-link": _linked(
        "out-link", lambda out: out / "written", lambda n: _spec(["mine"], output=n + "/x")
    ),
}  # fmt: skip


def _outside(folder: Path) -> Path:
    """A folder the server can read, outside its jobs root, holding a secret report."""
    reports = folder / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "water.en.txt").write_text(f"{SECRET}. {EN}\n", encoding="utf-8")
    (reports / "water.ar.txt").write_text(AR + "\n", encoding="utf-8")
    (folder / "written").mkdir(exist_ok=True)
    return folder


def _mine(jobs: Path) -> None:
    """A report of the reviewer's own inside the root, so only the hostile part is wrong."""
    (jobs / "mine").mkdir(parents=True, exist_ok=True)
    (jobs / "mine" / "water.en.txt").write_text(EN + "\n", encoding="utf-8")


def _nothing_escaped(db, outside: Path) -> None:
    from workbench.jobs.api import list_jobs

    assert list_jobs(db=db) == []
    assert list((outside / "written").iterdir()) == []
    assert _secret_stored(db) == 0


def _secret_stored(db) -> int:
    sql = "SELECT count(*) FROM segment WHERE text LIKE ?"
    return db.connection().execute(sql, (f"%{SECRET}%",)).fetchone()[0]


@pytest.mark.parametrize("action", ["check", "start"])
@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_the_jobs_tab_refuses_paths_outside_the_job_roots(kind, action, ctx, db, cli, home,
                                                         tmp_path):  # fmt: skip
    from workbench.ui import jobs

    outside = _outside(tmp_path / "outside")
    folder = jobs.jobs_folder(ctx)
    _mine(folder)
    text = HOSTILE[kind](folder, outside)
    call = jobs.check_spec if action == "check" else jobs.start
    outcome = api_outcome(lambda: call(ctx, None, text))
    assert not outcome.stored and re.search(REFUSED, outcome.message), outcome
    assert str(folder) in outcome.message
    _nothing_escaped(db, outside)
    assert_sound(cli, home, tmp_path)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with reviewer_app(tmp_path_factory.mktemp("roots-home")) as app:
        _mine(app.jobs)
        yield app, _outside(tmp_path_factory.mktemp("roots-outside"))


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_job_start_over_http_refuses_paths_outside_the_job_roots(kind, served):
    from gradio_client.exceptions import AppError

    app, outside = served
    for planted in ("linked", "out-link", "reports"):  # links of the previous case
        path = app.jobs / planted
        if path.is_symlink():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)
    text = HOSTILE[kind](app.jobs, outside)
    with pytest.raises(AppError) as refused:
        app.client.predict(spec=text, api_name="/job_start")
    assert re.search(REFUSED, str(refused.value)), str(refused.value)
    _nothing_escaped(app.db, outside)


def test_a_glob_through_a_planted_link_reads_nothing_outside(ctx, db, tmp_path):
    """`**` follows links to folders; the files found through one are listed as ignored,
    and the job runs over the reviewer's own files only."""
    from workbench.jobs.api import job_status
    from workbench.ui import jobs

    outside = _outside(tmp_path / "outside")
    folder = jobs.jobs_folder(ctx)
    _mine(folder)
    (folder / "mine" / "more").symlink_to(outside / "reports")
    checked = jobs.check_spec(ctx, None, _spec(["mine/**/*.txt"]))
    assert "1 report(s) (1 file(s); 2 other file(s) there ignored)" in checked.message
    status, _ = jobs.start(ctx, None, _spec(["mine/**/*.txt"]))
    assert wait_for_end(ctx, status["id"])["status"] == "done"
    assert job_status(status["id"], db=db)["failed"] == 0
    assert _secret_stored(db) == 0


def test_more_roots_come_only_from_the_servers_settings(db, home, tmp_path, monkeypatch):
    """job_roots in the settings (here WORKBENCH_JOB_ROOTS) lets jobs read and write there
    too, and only there: the default root is replaced, not added to."""
    from workbench.config import load_settings
    from workbench.ui import jobs
    from workbench.ui.handlers import Context

    shared = _outside(tmp_path / "shared")
    monkeypatch.setenv("WORKBENCH_JOB_ROOTS", str(shared))
    ctx = Context(db, load_settings(), accounts=False, local_name="local")
    checked = jobs.check_spec(ctx, None, _spec(["reports"], output="written/out"))
    assert checked.message.startswith("The spec is fine") and str(shared) in checked.message
    refused = api_outcome(lambda: jobs.check_spec(ctx, None, _spec([str(home / "jobs")])))
    assert not refused.stored and str(shared) in refused.message


def test_the_cli_keeps_full_access(cli, db, home, tmp_path):
    """`workbench job run` is the machine's own user: absolute paths anywhere are theirs."""
    outside = _outside(tmp_path / "outside")
    spec = tmp_path / "elsewhere" / "job.toml"
    spec.parent.mkdir()
    text = _spec([str(outside / "reports")], output=str(outside / "written")) + "[align]\n"
    spec.write_text(text, "utf-8")
    result = cli("job", "run", str(spec), "--quiet", "--workers", "1")
    assert result.code == 0, result.err
    assert list((outside / "written").iterdir())  # it wrote there
    assert _secret_stored(db) == 1
