"""Storing one file the three ways in (the CLI, the Python API, the UI's upload handlers),
each answering an Outcome: how the hostile tests of limits, messages and dropped text feed
their files. The ingest and import upload handlers take `ctx`, the UI's context."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.conftest import Outcome, api_outcome, cli_outcome


def ingest_outcome(entry: str, path: Path, report: str, cli, db, ctx, lang: str = "en") -> Outcome:
    if entry == "cli":
        return cli_outcome(cli("ingest", str(path), "--report", report, "--lang", lang))
    if entry == "api":
        import workbench

        return api_outcome(lambda: workbench.ingest(db, [path], report=report, lang=lang))
    from workbench.ui import handlers

    return api_outcome(lambda: handlers.ingest_uploads(ctx, None, [str(path)], report, lang))


def import_outcome(entry: str, path: Path, report: str, cli, db, ctx) -> Outcome:
    if entry == "cli":
        return cli_outcome(cli("import", str(path), "--report", report))
    if entry == "api":
        import workbench

        return api_outcome(lambda: workbench.import_file(path, report, db=db))
    from workbench.ui import handlers

    return api_outcome(lambda: handlers.import_upload(ctx, None, str(path), report))
