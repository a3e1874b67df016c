"""Hostile parallel files (TMX, XLIFF, TSV, JSONL), each fed to `workbench import`, to
`workbench.import_file` and to the UI's import of an uploaded file."""

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
from tests.hostile.make_cases import PARALLEL_CASES

pytestmark = pytest.mark.timeout(120)


def _import(entry: str, path, cli, db, ctx) -> Outcome:
    if entry == "cli":
        return cli_outcome(cli("import", str(path), "--report", REPORT))
    if entry == "api":
        import workbench

        return api_outcome(lambda: workbench.import_file(path, REPORT, user="amina", db=db))
    from workbench.ui import handlers

    return api_outcome(lambda: handlers.import_upload(ctx, None, str(path), REPORT))


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("case", PARALLEL_CASES, ids=lambda c: c.id)
def test_parallel_file(case, entry, cases_folder, upload_cases, cli, db, ctx, home, tmp_path):
    folder = upload_cases if entry == "ui" else cases_folder  # the UI reads only uploads
    judge(case, _import(entry, case_path(case, folder), cli, db, ctx), db)
    assert_sound(cli, home, tmp_path)
