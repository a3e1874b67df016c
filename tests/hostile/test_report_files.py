"""Hostile report files (.txt, .md, .html, .docx and what pretends to be one), each fed to
`workbench ingest`, to `workbench.ingest` and to the UI's upload of language versions."""

from __future__ import annotations

import pytest

from tests.hostile.conftest import (
    ENTRIES,
    REPORT,
    Outcome,
    api_outcome,
    assert_sound,
    case_path,
    cli_outcome,
    judge,
)
from tests.hostile.make_cases import REPORT_CASES, Case

pytestmark = pytest.mark.timeout(180)


def _ingest(entry: str, path, case: Case, cli, db, ctx) -> Outcome:
    if entry == "cli":
        return cli_outcome(cli("ingest", str(path), "--report", REPORT, "--lang", case.lang))
    if entry == "api":
        import workbench

        return api_outcome(lambda: workbench.ingest(db, [path], report=REPORT, lang=case.lang))
    from workbench.ui import handlers

    return api_outcome(lambda: handlers.ingest_uploads(ctx, None, [str(path)], REPORT, case.lang))


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("case", REPORT_CASES, ids=lambda c: c.id)
def test_report_file(case, entry, cases_folder, upload_cases, cli, db, ctx, home, tmp_path):
    folder = upload_cases if entry == "ui" else cases_folder  # the UI reads only uploads
    outcome = _ingest(entry, case_path(case, folder), case, cli, db, ctx)
    judge(case, outcome, db)
    assert_sound(cli, home, tmp_path)
