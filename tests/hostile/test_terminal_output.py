"""Every name and text the CLI prints is shown, never obeyed (issue 19, item 14).

File, folder, report and job names and texts holding line breaks, NUL, terminal escapes, C1
controls, bidi overrides or isolates (U+202E shows "txt.exe" as "exe.txt") and line
separators reach the terminal as escapes (\\x0a, \\x1b, \\u202e) in job headers, error lists,
ignored-file lists, tables and printed sentences, and as JSON escapes in --json output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_sound
from tests.hostile.make_cases import AR, EN

pytestmark = pytest.mark.timeout(120)
OBEYED = "\x00\x07\x1b\x9b\u202e\u2067\u2028"  # what must never reach the terminal raw
HOSTILE = "\x1b]0;pwned\x07\u202e\x9b"
SHOWN = "\\x1b]0;pwned\\x07\\u202e\\x9b"


def _raw(text: str) -> list[str]:
    return [c for c in OBEYED if c in text]


def _job(folder: Path, paths: list[str], name: str = "") -> Path:
    spec = folder / "job.json"
    data = {"output": "out", "inputs": {"paths": paths}, "align": {}}
    spec.write_text(json.dumps({**data, **({"name": name} if name else {})}), encoding="utf-8")
    return spec


def test_a_job_header_shows_names_escaped(cli, home, tmp_path):
    folder = tmp_path / f"reports{HOSTILE}"
    folder.mkdir()
    (folder / "water.en.txt").write_text(EN, encoding="utf-8")
    result = cli("job", "run", str(_job(tmp_path, [folder.name], name="nightly\x00\u202e")))
    assert result.code == 0, result.err
    header = result.out.splitlines()[0]
    assert header.startswith("Job 1 'nightly\\x00\\u202e' (local): reports" + SHOWN), header
    assert _raw(result.out + result.err) == []
    assert_sound(cli, home, tmp_path)


def test_a_job_error_list_shows_file_names_escaped(cli, home, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "water.en.txt").write_text(EN, encoding="utf-8")
    (folder / f"water.ar.txt\nForged: all done{HOSTILE}.txt").write_bytes(b"\x00\x01 not text")
    (folder / "water.ar.txt").write_text(AR, encoding="utf-8")
    result = cli("job", "run", str(_job(tmp_path, ["reports/*"])), "--quiet", "--workers", "1")
    shown = result.out + result.err
    assert _raw(shown) == []
    assert not any(line.startswith("Forged") for line in shown.splitlines()), shown
    assert f"water.ar.txt\\x0aForged: all done{SHOWN}.txt" in shown
    status = cli("job", "status", "1")
    assert _raw(status.out) == [] and "\\x0aForged" in status.out
    assert not any(line.startswith("Forged") for line in status.out.splitlines())


def test_an_ignored_file_list_shows_names_escaped(cli, home, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "water.en.txt").write_text(EN, encoding="utf-8")
    (folder / f"scan{HOSTILE}\n.pdf").write_bytes(b"%PDF-1.4")
    result = cli("job", "run", str(_job(tmp_path, ["reports"])), "--quiet", "--workers", "1")
    assert result.code == 0, result.err
    assert _raw(result.out) == [] and f"scan{SHOWN}\\x0a.pdf" in result.out


def test_tables_show_bidi_overrides_and_controls_escaped(cli, home, tmp_path):
    path = tmp_path / f"report{HOSTILE}.en.txt"
    path.write_text(EN, encoding="utf-8")
    ingested = cli("ingest", str(path), "--report", "water")
    assert ingested.code == 0, ingested.err
    assert _raw(ingested.out) == [] and f"report{SHOWN}.en.txt" in ingested.out
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "water.en.txt").write_text(EN, encoding="utf-8")
    spec = _job(tmp_path, ["reports"], name=f"exe.txt{HOSTILE}")
    assert cli("job", "run", str(spec), "--quiet", "--workers", "1").code == 0
    listed = cli("job", "list")
    assert _raw(listed.out) == [] and f"exe.txt{SHOWN}" in listed.out


def test_json_output_writes_them_as_json_escapes(cli, home, tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "water.en.txt").write_text(EN, encoding="utf-8")
    name = f"night{HOSTILE}\u2066ly"
    assert cli("job", "run", str(_job(tmp_path, ["reports"], name=name)), "--quiet").code == 0
    result = cli("job", "status", "1", "--json")
    assert _raw(result.out) == [] and "\\u202e" in result.out
    assert json.loads(result.out)["name"] == name  # the same JSON, escaped differently


@pytest.mark.parametrize("command", [["segment", "{path}", "--lang", "en"],
                                     ["segment", "{path}", "--lang", "en", "--numbered"],
                                     ["normalize", "{path}", "--lang", "en"],
                                     ["detect", "{path}"]])  # fmt: skip
def test_printed_sentences_show_controls_escaped(command, cli, tmp_path):
    path = tmp_path / "report.txt"
    text = "\x1b]0;pwned\x07\u202e"  # (a C1 control would make it no text file at all)
    path.write_text(f"Then{text} it ended. {EN}\n\n{EN}", encoding="utf-8")
    result = cli(*[part.format(path=path) for part in command])
    assert result.code == 0, result.err
    assert _raw(result.out) == [] and "Then\\x1b]0;pwned\\x07" in result.out  # normalize drops 202e


def test_an_import_message_shows_the_file_name_escaped(cli, home, tmp_path):
    path = tmp_path / f"memory{HOSTILE}.tsv"
    path.write_text("en\tar\nYes.\tنعم.\n", encoding="utf-8")
    assert cli("import", str(path), "--report", "memory").code == 0
    again = cli("import", str(path), "--report", "memory")
    assert again.code == 0 and "was already imported" in again.out
    assert _raw(again.out) == [] and f"memory{SHOWN}.tsv" in again.out
