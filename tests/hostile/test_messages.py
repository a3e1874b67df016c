"""What no store can hold gets a message, never an internal error (issue 19, item 11).

Lone surrogates (half of a UTF-16 pair: JSON's "\\ud800", XLIFF's <cp hex="D800"/>, a file
or report name of bytes that are not UTF-8), integers of thousands of digits, ids of 2^63
and more, and a spec whose steps need a table it left out: through the CLI (exit 2, one
`error:` line, no crash log), the Python API (an InputError), the review screen's actions
and the HTTP API (the message, as the client sees it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.hostile.conftest import (
    ENTRIES,
    api_outcome,
    assert_sound,
    cli_outcome,
    report_names,
)
from tests.hostile.entries import import_outcome
from tests.hostile.make_cases import AR, EN
from tests.hostile.reviewer_app import reviewer_app

pytestmark = pytest.mark.timeout(120)
SURROGATE = r"holds a lone surrogate \('\\ud[89a-f][0-9a-f]{2}'\), half of a UTF-16 pair"
DIGITS = "9" * 5000


def _xliff(source: str) -> str:
    return (
        '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
        'version="2.0" srcLang="en" trgLang="ar"><file id="f"><unit id="u"><segment>'
        f"<source>{source}</source><target>أعيد افتتاح المحطة.</target></segment></unit>"
        "</file></xliff>"
    )


def _jsonl(**fields: object) -> str:
    record = {"texts": {"en": "The station reopened.", "ar": "أعيد افتتاح المحطة."}, **fields}
    return json.dumps(record) + "\n"  # ensure_ascii: "\ud800" is written as JSON writes it


# (file name, content, refused regex; "" = imported)
FILES = {
    "xliff-cp-high-surrogate": ("cp.xlf", _xliff('The <cp hex="D800"/> station.'),
                                r'<unit> number 1: <cp hex="D800"/> names a surrogate'),
    "xliff-cp-low-surrogate": ("cp.xlf", _xliff('The <cp hex="dfff"/> station.'),
                               r'<cp hex="dfff"/> names a surrogate'),
    "xliff-cp-beyond-unicode": ("cp.xlf", _xliff('The <cp hex="110000"/> station.'), ""),
    "xliff-cp-5000-hex-digits": ("cp.xlf", _xliff(f'The <cp hex="{"F" * 5000}"/> station.'),
                                 ""),
    "jsonl-surrogate-in-a-text": (
        "s.jsonl", _jsonl(texts={"en": "The \ud800 station.", "ar": AR}),
        rf'line 1: "texts\.en" {SURROGATE}'),
    "jsonl-surrogate-in-a-comment": ("s.jsonl", _jsonl(comments=["fine", "\udfff"]),
                                     rf'line 1: "comments" {SURROGATE}'),
    "jsonl-surrogate-in-a-flag": (
        "s.jsonl", _jsonl(flags=[{"category": "omission", "comment": "\ud83d"}]),
        rf'line 1: "flags\.comment" {SURROGATE}'),
    "jsonl-surrogate-as-a-language": ("s.jsonl", _jsonl(texts={"\ud800": "x", "en": "y"}),
                                      r"line 1: Unknown language '\\ud800'"),
    "jsonl-5000-digit-number": ("n.jsonl", _jsonl().replace("{", '{"score": ' + DIGITS + ", ", 1),
                                r"line 1 holds a number of thousands of digits"),
    "jsonl-400-digit-score": ("n.jsonl", _jsonl(score=10**400),
                              r'line 1: "evidence" is far too large a number'),  # the old name
    "jsonl-400-digit-evidence": ("n.jsonl", _jsonl(evidence=10**400),
                                 r'line 1: "evidence" is far too large a number'),
    "jsonl-5000-digit-id": ("n.jsonl", _jsonl().replace("{", '{"id": ' + DIGITS + ", ", 1),
                            r"line 1 holds a number of thousands of digits"),
    "tmx-5000-digit-alignment": (
        "a.tmx",
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="en" datatype="x" '
        'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1">'
        f'<prop type="x-alignment">{DIGITS}</prop></header><body><tu><tuv xml:lang="en"><seg>'
        'Yes.</seg></tuv><tuv xml:lang="ar"><seg>نعم.</seg></tuv></tu></body></tmx>', ""),
}  # fmt: skip


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("name", sorted(FILES))
def test_unstorable_text_and_numbers_in_files(name, entry, cli, db, ctx, home, tmp_path):
    filename, content, refused = FILES[name]
    path = tmp_path / filename
    path.write_text(content, encoding="utf-8", errors="surrogatepass")
    outcome = import_outcome(entry, path, "odd", cli, db, ctx)
    if refused:
        assert not outcome.stored and re.search(refused, outcome.message), outcome.message
        assert report_names(db) == []
    else:
        assert outcome.stored, outcome.message
    assert_sound(cli, home, tmp_path)


def test_a_bead_number_of_5000_digits_is_refused(cli, home, tmp_path):
    (tmp_path / "gold.beads").write_text("[0]:[0]\n", encoding="utf-8")
    (tmp_path / "test.beads").write_text(f"[{DIGITS}]:[0]\n", encoding="utf-8")
    outcome = cli_outcome(cli("align-eval", str(tmp_path / "test.beads"),
                              str(tmp_path / "gold.beads")))  # fmt: skip
    assert not outcome.stored and "names a sentence number beyond any document" in outcome.message


# --- names of bytes that are not UTF-8 (they reach Python as lone surrogates) ---------------


def test_a_report_name_that_is_not_utf8_is_refused(cli, db, home, tmp_path):
    path = tmp_path / "water.en.txt"
    path.write_text(EN, encoding="utf-8")
    name = b"water\xff".decode("utf-8", "surrogateescape")  # what argv gives for that byte
    outcome = cli_outcome(cli("ingest", str(path), "--report", name))
    assert not outcome.stored and "holds a control character ('\\udcff'" in outcome.message
    assert report_names(db) == []
    assert_sound(cli, home, tmp_path)


def test_a_file_name_that_is_not_utf8_is_shown_escaped(cli, db, home, tmp_path):
    import os

    raw = os.fsencode(tmp_path) + b"/water\xff.en.txt"
    with open(raw, "wb") as fh:
        fh.write(EN.encode())
    path = os.fsdecode(raw)
    result = cli("ingest", path, "--report", "water")
    assert result.code == 0, result.err
    assert "water\\udcff.en.txt" in result.out and "\udcff" not in result.out
    result.out.encode("utf-8")  # what a terminal is sent can be sent


def test_a_job_over_a_file_name_that_is_not_utf8_lists_it_as_ignored(cli, db, home, tmp_path):
    import os

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "water.en.txt").write_text(EN, encoding="utf-8")
    with open(os.fsencode(folder) + b"/water\xff.ar.txt", "wb") as fh:
        fh.write(AR.encode())
    (tmp_path / "job.toml").write_text('output = "out"\n[inputs]\npaths = ["reports"]\n')
    result = cli("job", "run", str(tmp_path / "job.toml"), "--quiet", "--workers", "1")
    assert result.code == 0, result.err
    assert "1 a name that is not UTF-8 text (rename it) (e.g. water\\udcff.ar.txt)" in result.out
    assert_sound(cli, home, tmp_path)


# --- the review screen's actions and the HTTP API -------------------------------------------


@pytest.fixture
def opened(ctx, db):
    from tests.review.samples import add_report
    from workbench.store import alignments
    from workbench.ui import handlers

    alignment = add_report(db)
    view = handlers.make_view(alignment.id, ["en", "ar"])
    return view, [b.id for b in alignments.current_beads(db, alignment.id or 0)]


SCREEN = {
    "edit": lambda bead: ("edit", bead, {"texts": ["The \ud800 station.", AR]},
                          "The corrected text " + SURROGATE),
    "comment": lambda bead: ("comment", bead, {"comment": "odd \udc00"},
                             "The comment " + SURROGATE),
    "flag-comment": lambda bead: ("flag", bead, {"category": "omission", "severity": "minor",
                                                 "comment": "\udbff"}, "The comment " + SURROGATE),
    "bead-2^63": lambda bead: ("accept", str(2**63), {}, r"There is no such bead: bead numbers go"),
    "bead-5000-digits": lambda bead: ("accept", DIGITS, {}, r"is not a bead number"),
    "bead-negative": lambda bead: ("accept", "-1", {}, r"There is no such bead"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(SCREEN))
def test_the_review_screen_answers_with_a_message(name, opened, ctx, db, cli, home, tmp_path):
    from workbench.store import review
    from workbench.ui import handlers

    view, beads = opened
    action, bead, details, refused = SCREEN[name](beads[0])
    outcome = api_outcome(
        lambda: handlers.act(ctx, None, view, bead, action, handlers.Details(**details))
    )
    assert not outcome.stored and re.search(refused, outcome.message), outcome.message
    assert review.events(db, view.alignment_id) == []
    assert_sound(cli, home, tmp_path)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with reviewer_app(tmp_path_factory.mktemp("messages-home")) as app:
        (app.jobs / "reports").mkdir(parents=True)
        (app.jobs / "reports" / "water.en.txt").write_text(EN, encoding="utf-8")
        yield app


HTTP = {
    "edit-surrogate": ("/edit", lambda a, b: {"alignment_id": a, "bead_id": b,
                                              "texts": {"ar": "نص \ud800"}},
                       "texts " + SURROGATE),
    "edit-surrogate-language": ("/edit", lambda a, b: {"alignment_id": a, "bead_id": b,
                                                       "texts": {"\udc00": "x"}},
                                "texts " + SURROGATE),
    "edit-5000-digit-column": ("/edit", lambda a, b: {"alignment_id": a, "bead_id": b,
                                                      "texts": {DIGITS: "x"}},
                               r"is not a column number"),
    "comment-surrogate": ("/comment", lambda a, b: {"alignment_id": a, "bead_id": b,
                                                    "text": "\udfff"}, "text " + SURROGATE),
    "flag-surrogate": ("/flag", lambda a, b: {"alignment_id": a, "bead_id": b,
                                              "category": "omission", "severity": "minor",
                                              "comment": "\ud800"}, "comment " + SURROGATE),
    "review-surrogate-report": ("/review", lambda a, b: {"report": "Erbil \ud800"},
                                "report " + SURROGATE),
    "accept-bead-2^63": ("/accept", lambda a, b: {"alignment_id": a, "bead_id": 2**63},
                         r"bead_id is a number of 64 bits; no id is that large"),
    "accept-bead-2^70": ("/accept", lambda a, b: {"alignment_id": a, "bead_id": 2**70},
                         r"bead_id is a number of 71 bits; no id is that large"),
    "accept-bead-below-minus-2^63": ("/accept", lambda a, b: {"alignment_id": a,
                                                              "bead_id": -(2**63) - 1},
                                     r"bead_id is a number of 64 bits"),
    "accept-alignment-2^63": ("/accept", lambda a, b: {"alignment_id": 2**63, "bead_id": b},
                              r"alignment_id is a number of 64 bits"),
    "history-2^64": ("/history", lambda a, b: {"alignment_id": a, "bead_id": 2**64},
                     r"bead_id is a number of 65 bits"),
    "job-status-2^63": ("/job_status", lambda a, b: {"job_id": 2**63},
                        r"job_id is a number of 64 bits"),
    "job-cancel-2^63": ("/job_cancel", lambda a, b: {"job_id": 2**63},
                        r"job_id is a number of 64 bits"),
    "job-spec-surrogate-name": (
        "/job_start",
        lambda a, b: {"spec": '{"name": "\\ud800", "output": "o", "inputs": ["reports"]}'},
        r"The job spec name " + SURROGATE),
    "job-spec-surrogate-path": (
        "/job_start",
        lambda a, b: {"spec": '{"output": "o", "inputs": ["reports/\\udcff.txt"]}'},
        r"paths " + SURROGATE),
    # the Reports tab's work runs as jobs over stored reports: refused before any job is made
    "align-unknown-report": ("/align", lambda a, b: {"report": "../../etc/passwd"},
                             r"no report '\.\./\.\./etc/passwd' in the store \(it has: "
                             r"Erbil water\); check the name"),
    "align-surrogate-report": ("/align", lambda a, b: {"report": "Erbil \ud800"},
                               "report " + SURROGATE),
    "align-5000-digit-report": ("/align", lambda a, b: {"report": DIGITS},
                                r"no report '9{5000}' in the store"),
    "align-unknown-language": ("/align", lambda a, b: {"report": "Erbil water",
                                                       "languages": ["en", "zz"]},
                               r"'zz' is not a language the workbench knows; use one of en"),
    "job-spec-unknown-stored-report": (
        "/job_start",
        lambda a, b: {"spec": '{"output": "o", "inputs": {"reports": ["nowhere"]}}'},
        r"\[inputs\] reports: there is no report 'nowhere' in the store"),
    "job-spec-surrogate-stored-report": (
        "/job_start",
        lambda a, b: {"spec": '{"output": "o", "inputs": {"reports": ["\\udcff"]}}'},
        r"reports " + SURROGATE),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(HTTP))
def test_the_http_api_answers_with_a_message(name, served):
    """Sent as raw JSON ("\\ud800" is valid JSON that gradio_client cannot send)."""
    from workbench.jobs.api import list_jobs
    from workbench.store import review

    endpoint, arguments, refused = HTTP[name]
    before = len(review.events(served.db, served.alignment_id))
    body = json.dumps(arguments(served.alignment_id, served.bead_ids[0]))
    kind, answer = served.call_raw(endpoint, body)
    assert kind == "error" and re.search(refused, answer), answer
    assert "Something went wrong" not in answer
    assert len(review.events(served.db, served.alignment_id)) == before
    assert list_jobs(db=served.db) == []


@pytest.mark.parametrize(
    "command",
    [["job", "status", "{big}"], ["job", "resume", "{big}"], ["job", "cancel", "{big}"],
     ["export", "{big}", "out.tmx"], ["job", "status", "9" * 5000]],
    ids=["job-status", "job-resume", "job-cancel", "export", "job-status-5000-digits"],
)  # fmt: skip
def test_cli_ids_beyond_2_63_are_refused(command, cli, home, tmp_path):
    outcome = cli_outcome(cli(*[part.format(big=2**63) for part in command]))
    assert not outcome.stored
    assert re.search(r"Invalid value for '(ID|ALIGNMENT_ID)'", outcome.message), outcome.message
    assert_sound(cli, home, tmp_path)


# --- specs ------------------------------------------------------------------------------------


def _reports(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "water.en.txt").write_text(EN + "\n", encoding="utf-8")
    (folder / "water.ar.txt").write_text(AR + "\n", encoding="utf-8")
    return folder


INPUTS = '[inputs]\npaths = ["reports"]\n'
SPECS = {
    "export-without-align": (f'output = "out"\n{INPUTS}[export]\nformats = ["tmx", "tsv"]\n', ""),
    "export-without-align-or-options": (f'output = "out"\n{INPUTS}[export]\n', ""),
    "score-without-translate": (f'output = "out"\n{INPUTS}[score]\n',
                                r"\[score\] needs \[translate\] too"),
    "json-surrogate-name": ('{"name": "\\ud800", "output": "out", "inputs": ["reports"]}',
                            r"name " + SURROGATE),
    "nul-in-output": (f'output = "o\\u0000ut"\n{INPUTS}',
                      r"holds a NUL character, which no file name"),
    "nul-in-input": ('output = "out"\n[inputs]\npaths = ["reports\\u0000"]\n',
                     r"holds a NUL character, which no file name"),
}  # fmt: skip


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("name", sorted(SPECS))
def test_specs_run_or_are_refused_with_a_message(name, entry, cli, db, ctx, home, tmp_path):
    from workbench.jobs.api import list_jobs
    from workbench.review import jobs

    text, refused = SPECS[name]
    if entry == "ui":
        _reports(jobs.jobs_folder(ctx) / "reports")
        outcome = api_outcome(lambda: jobs.start(ctx, None, text))
    else:
        _reports(tmp_path / "reports")
        spec = tmp_path / ("job.json" if text.startswith("{") else "job.toml")
        spec.write_text(text, encoding="utf-8")
        if entry == "cli":
            outcome = cli_outcome(cli("job", "run", str(spec), "--quiet", "--workers", "1"))
        else:
            import workbench

            outcome = api_outcome(lambda: workbench.run_job(spec, db=db, workers=1))
    if refused:
        assert not outcome.stored and re.search(refused, outcome.message), outcome.message
        assert list_jobs(db=db) == []
    else:
        assert outcome.stored, outcome.message
        if entry == "ui":
            from tests.review.test_jobs import wait_for_end

            wait_for_end(ctx, list_jobs(db=db)[0]["id"])
        [job] = list_jobs(db=db)
        assert (job["status"], job["failed"], job["error"]) == ("done", 0, "")
        assert job["done"] == job["total"] >= 3  # ingest, align en-ar, export per format
    assert_sound(cli, home, tmp_path)
