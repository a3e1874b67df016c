"""Nothing a user names makes the workbench wait or read forever (issue 19, item 9).

A named pipe nobody writes to blocks whoever opens it; /dev/zero never ends; a pipe on stdin
may never close. Each is handed to every command, function and screen that reads a file:
a named input is refused with the reason, one found in an input folder or by a glob is
listed as ignored with the reason, and the rest of the job runs. Every test finishes on its
own; pytest-timeout only guards against a regression that hangs.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest

from tests.hostile.conftest import api_outcome, assert_sound, cli_outcome
from tests.hostile.make_cases import AR, EN
from tests.hostile.reviewer_app import reviewer_app

pytestmark = pytest.mark.timeout(120)


def _socket(path: Path) -> None:
    import socket

    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(path))  # the socket file stays after the socket is closed


SPECIAL = {  # what is planted in an input folder, and how its reason reads
    "fifo": (os.mkfifo, r"a named pipe, not a regular file"),
    "socket": (_socket, r"a socket, not a regular file"),
    "link-to-dev-zero": (lambda path: path.symlink_to("/dev/zero"), r"a symbolic link"),
}


def _reports(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "water.en.txt").write_text(EN + "\n", encoding="utf-8")
    (folder / "water.ar.txt").write_text(AR + "\n", encoding="utf-8")
    return folder


def _job(folder: Path, inputs: list[str]) -> Path:
    spec = folder / "job.toml"
    paths = ", ".join(f'"{p}"' for p in inputs)
    spec.write_text(f'output = "out"\n[inputs]\npaths = [{paths}]\n[align]\n', "utf-8")
    return spec


def _run(entry: str, spec: Path, cli, db):
    if entry == "cli":
        return cli_outcome(cli("job", "run", str(spec), "--quiet", "--workers", "1"))
    import workbench

    return api_outcome(lambda: workbench.run_job(spec, db=db, workers=1))


@pytest.mark.parametrize("entry", ["cli", "api"])
@pytest.mark.parametrize("named", ["/dev/zero", "/dev/urandom", "pipe"])
def test_a_named_pipe_or_device_as_a_job_input_is_refused(named, entry, cli, db, home,
                                                          tmp_path):  # fmt: skip
    from workbench.jobs.api import list_jobs

    _reports(tmp_path / "reports")
    if named == "pipe":
        os.mkfifo(tmp_path / "pipe.en.txt")
        named = "pipe.en.txt"
    outcome = _run(entry, _job(tmp_path, ["reports", named]), cli, db)
    assert not outcome.stored
    assert re.search(r"is (a device|a named pipe), not a regular file", outcome.message)
    assert list_jobs(db=db) == []
    assert_sound(cli, home, tmp_path)


@pytest.mark.parametrize("entry", ["cli", "api"])
@pytest.mark.parametrize("how", ["folder", "glob"])
@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_a_pipe_or_device_in_an_input_folder_is_listed_as_ignored(kind, how, entry, cli, db,
                                                                  home, tmp_path):  # fmt: skip
    plant, reason = SPECIAL[kind]
    plant(_reports(tmp_path / "reports") / "zzz.en.txt")
    spec = _job(tmp_path, ["reports" if how == "folder" else "reports/*"])
    if entry == "cli":
        result = cli("job", "run", str(spec), "--workers", "1", "--quiet")
        assert result.code == 0, result.err
        assert re.search(rf"Ignored 1 file\(s\) in the input folders: 1 {reason}.*zzz\.en\.txt",
                         result.out), result.out  # fmt: skip
    else:
        import workbench

        summary = workbench.run_job(spec, db=db, workers=1)
        assert summary["status"] == "done"
        [ignored] = summary["ignored"]
        assert ignored["path"].endswith("zzz.en.txt") and re.search(reason, ignored["reason"])
    assert_sound(cli, home, tmp_path)


@pytest.mark.parametrize("action", ["check", "start"])
def test_the_jobs_tab_never_waits_on_a_pipe(action, ctx, db):
    from workbench.ui import jobs

    folder = _reports(jobs.jobs_folder(ctx) / "reports")
    os.mkfifo(folder / "pipe.en.txt")
    call = jobs.check_spec if action == "check" else jobs.start
    outcome = api_outcome(lambda: call(ctx, None, _job(folder.parent, ["reports"]).read_text()))
    assert outcome.stored and "1 other file(s) there ignored" in outcome.message
    named = _job(folder.parent, ["reports/pipe.en.txt"]).read_text()
    refused = api_outcome(lambda: call(ctx, None, named))
    assert not refused.stored and "a named pipe, not a regular file" in refused.message


def test_an_uploaded_spec_that_is_a_pipe_is_refused(upload_cases):
    from workbench.ui import jobs

    pipe = upload_cases / "nightly.toml"  # in the upload folder, as only the server could
    os.mkfifo(pipe)
    try:
        outcome = api_outcome(lambda: jobs.read_upload(str(pipe)))
    finally:
        pipe.unlink()
    assert not outcome.stored and "is not a regular file" in outcome.message


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with reviewer_app(tmp_path_factory.mktemp("hangs-home")) as app:
        folder = _reports(app.jobs / "reports")
        os.mkfifo(folder / "pipe.en.txt")
        yield app


def test_pipes_sent_to_every_api_slot_at_once_leave_the_server_answering(served):
    """Four /job_start calls naming a pipe take the four API slots at once; each is refused,
    and the server answers the next call."""
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    from tests.hostile.reviewer_app import PASSWORD

    spec = 'output = "out"\n[inputs]\npaths = ["reports/pipe.en.txt"]\n'
    answers: list[str] = []

    def start() -> None:
        client = Client(served.client.src, auth=("amina", PASSWORD), verbose=False)
        try:
            client.predict(spec=spec, api_name="/job_start")
            answers.append("started")
        except AppError as exc:
            answers.append(str(exc))
        finally:
            client.close()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 4 and all("a named pipe, not a regular file" in a for a in answers)
    assert [r["name"] for r in served.client.predict(api_name="/reports")] == ["Erbil water"]


COMMANDS = {
    "score-hypotheses": ["score", "--hyp", "{pipe}", "--ref", "{ref}"],
    "score-reference": ["score", "--hyp", "{ref}", "--ref", "{pipe}"],
    "align-sentences": ["align", "{pipe}", "{ref}", "--src-lang", "en", "--tgt-lang", "en"],
    "align-eval-predicted": ["align-eval", "{pipe}", "{beads}"],
    "align-eval-gold": ["align-eval", "{beads}", "{pipe}"],
    "import": ["import", "{pipe}", "--report", "piped", "--format", "jsonl"],
    "ingest": ["ingest", "{pipe}", "--report", "piped"],
    "detect": ["detect", "{pipe}"],
    "segment": ["segment", "{pipe}", "--lang", "en"],
    "job-spec": ["job", "run", "{pipe}"],
    "qa-files": ["qa", "{pipe}", "{ref}", "--src-lang", "en", "--tgt-lang", "en"],
    "align-lexicon": ["align", "{ref}", "{ref}", "--src-lang", "en", "--tgt-lang", "en",
                      "--signals", "length,learned", "--lexicon", "{pipe}"],
}  # fmt: skip


@pytest.mark.parametrize("command", list(COMMANDS.values()), ids=list(COMMANDS))
def test_no_command_waits_on_a_named_pipe(command, cli, home, tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    (tmp_path / "ref.txt").write_text(EN + "\n", encoding="utf-8")
    (tmp_path / "gold.beads").write_text("[0]:[0]\n", encoding="utf-8")
    names = {"pipe": pipe, "ref": tmp_path / "ref.txt", "beads": tmp_path / "gold.beads"}
    outcome = cli_outcome(cli(*[part.format(**names) for part in command]))
    assert not outcome.stored
    assert re.search(r"is not a regular file|named pipe", outcome.message), outcome.message


class Endless:
    """A stdin that never ends: any size asked for is given; asking for all of it fails the
    test (on a real pipe from /dev/zero it would never return)."""

    def read(self, size: int = -1) -> str:
        assert size is not None and size >= 0, "read the whole of a stream that never ends"
        return "word " * (size // 5) + "w" * (size % 5)


@pytest.mark.parametrize("command", [["detect", "-"], ["segment", "-", "--lang", "en"]])
def test_an_endless_stdin_is_read_up_to_the_limit(command, cli, monkeypatch):
    monkeypatch.setenv("WORKBENCH_MAX_REPORT_MB", "1")
    monkeypatch.setattr("sys.stdin", Endless())
    outcome = cli_outcome(cli(*command))
    assert not outcome.stored
    assert "more than 1 MB (max_report_mb)" in outcome.message
    assert "raise max_report_mb in workbench.toml (or WORKBENCH_MAX_REPORT_MB)" in outcome.message
