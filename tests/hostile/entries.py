"""Storing one file the three ways in (the CLI, the Python API, the UI's upload handlers),
each answering an Outcome: how the hostile tests of limits, messages and dropped text feed
their files. The ingest and import upload handlers take `ctx`, the UI's context, and read
only files in the server's upload folder: the file is copied there first, as a browser's
upload would leave it."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.hostile.conftest import Outcome, api_outcome, cli_outcome


def ingest_outcome(entry: str, path: Path, report: str, cli, db, ctx, lang: str = "en") -> Outcome:
    if entry == "cli":
        return cli_outcome(cli("ingest", str(path), "--report", report, "--lang", lang))
    if entry == "api":
        import workbench

        return api_outcome(lambda: workbench.ingest(db, [path], report=report, lang=lang))
    from workbench.ui import handlers

    with uploaded(path) as upload:
        return api_outcome(lambda: handlers.ingest_uploads(ctx, None, [upload], report, lang))


def import_outcome(entry: str, path: Path, report: str, cli, db, ctx) -> Outcome:
    if entry == "cli":
        return cli_outcome(cli("import", str(path), "--report", report))
    if entry == "api":
        import workbench

        return api_outcome(lambda: workbench.import_file(path, report, db=db))
    from workbench.ui import handlers

    with uploaded(path) as upload:
        return api_outcome(lambda: handlers.import_upload(ctx, None, upload, report))


@contextmanager
def uploaded(path: Path) -> Iterator[str]:
    """A copy of `path` in the upload folder (a pipe stays a pipe), removed afterwards."""
    from workbench.ui.transfer import upload_folder

    upload_folder().mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=upload_folder(), prefix="hostile-"))
    try:
        copy = folder / path.name
        shutil.copy2(path, copy, follow_symlinks=False)
        yield str(copy)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
