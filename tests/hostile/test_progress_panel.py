"""Forged values for the Reports tab's "Review progress per reviewer" handlers (the report
list it follows, Refresh, Download as CSV), sent through the raw HTTP queue by a viewer and a
reviewer: each gets a message or Gradio's refusal, never a traceback, markup of its own on the
page, or a file other than the progress CSV; and the real calls show and write what
the reviewers did."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.hostile.conftest import logged_in, serving
from tests.review.samples import add_report
from workbench.records import User
from workbench.review import actions
from workbench.store import alignments

pytestmark = pytest.mark.timeout(300)

SCRIPT = "<script>alert('progress')</script>"
HOSTILE = {
    "none": None, "empty": "", "negative": -1, "huge": 2**70, "float": 1.5,
    "list": ["x", "-1"], "dict": {"name": "x"}, "markup": SCRIPT, "sql": "x'; DROP TABLE report",
    "path": "../../../etc/passwd", "absolute": "/etc/passwd", "long": "x" * 100_000,
}  # fmt: skip
TRIGGERS = ("wb-work-report", "wb-progress-show", "wb-progress-csv")
REPORT = "Erbil water"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    def reviewed(db) -> int:
        alignment = add_report(db, langs=("en", "ar")).id
        bead = alignments.current_beads(db, alignment)[0].id
        actions.accept(db, User("amina", "reviewer"), alignment, bead)
        return alignment

    with serving(tmp_path_factory.mktemp("served-progress"), reviewed) as served:
        yield served


@pytest.fixture(scope="module")
def clients(served):
    with logged_in(served) as made:
        yield made


def _call(client, trigger: str, report):
    handler = client.handler_of(trigger, shows="wb-progress-message")
    return client.call(handler, client.defaults(handler, wb_work_report=report))


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
@pytest.mark.parametrize("trigger", TRIGGERS)
@pytest.mark.parametrize("value", HOSTILE)
def test_a_forged_report_gets_a_message_never_a_traceback_or_a_file_elsewhere(
    served, clients, role, trigger, value
):
    answer = _call(clients[role], trigger, HOSTILE[value])
    assert "Traceback" not in answer.raw and 'File "' not in answer.raw
    assert "root:" not in answer.raw  # /etc/passwd's first line never comes back
    if answer.success:
        assert SCRIPT not in answer.text()
        for found in _files(answer):  # only ever the progress CSV (Gradio's copy of it)
            assert Path(found).name.endswith("-progress.csv") and "/" not in Path(found).name
            assert Path(found).read_text(encoding="utf-8").startswith("report,reviewer,beads,")
    else:  # Gradio's own refusal (a value not among the choices): a message
        assert answer.error, answer.raw[:500]


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
def test_anyone_signed_in_sees_who_reviewed_what_and_gets_it_as_csv(served, clients, role):
    shown = _call(clients[role], "wb-progress-show", REPORT)
    assert shown.success, shown.raw[:500]
    table = shown.output[0]
    assert 'data-reviewer="amina"' in table and "<strong>everyone</strong>" in table
    written = _call(clients[role], "wb-progress-csv", REPORT)
    [path] = _files(written)
    rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    mine = [r for r in rows if r["reviewer"] == "amina"]
    assert [(r["report"], r["reviewed"], r["accepted"]) for r in mine] == [(REPORT, "1", "1")]


def _files(answer) -> list[str]:
    """The paths of the files an answer hands the page for download."""
    found = []
    for item in answer.output or []:
        if isinstance(item, dict) and isinstance(item.get("value"), dict):  # an update
            item = item["value"]
        if isinstance(item, dict) and isinstance(item.get("path"), str):
            found.append(item["path"])
    return found
