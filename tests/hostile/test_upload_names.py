"""Upload names that try to climb out of the upload folder, sent to the running app's upload
route as a browser would, then stored through the UI's handler: the file lands inside the
upload folder, nothing is written where the name points, and the stored name is clean."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import httpx
import pytest

from tests.hostile.make_cases import EN
from workbench.config import load_settings
from workbench.store.db import open_database
from workbench.ui import handlers, server

pytestmark = pytest.mark.timeout(120)
UPLOADS = Path(os.environ.get("GRADIO_TEMP_DIR") or Path(tempfile.gettempdir()) / "gradio")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("uploads")
    db = open_database(folder / "ui.db")
    running = server.start(load_settings({"home": folder}), db)
    yield running, db, folder
    running.stop()
    db.close()


def _names(target) -> list[tuple[str, str]]:
    climb = "../" * 12 + str(target).lstrip("/")
    return [
        ("relative-climb", climb),
        ("absolute-path", str(target)),
        ("windows-climb", "..\\" * 12 + "escaped.txt"),
        ("encoded-climb", "%2e%2e%2f" * 12 + "escaped.txt"),
        ("dot-dot-only", "...txt"),
        ("right-to-left-override", "report\u202etxt.exe.txt"),
        ("control-characters", "rep\x01ort\r\n.txt"),
        ("very-long", "r" * 400 + ".txt"),
    ]


CASES = [kind for kind, _ in _names("/x/escaped.txt")]


@pytest.mark.parametrize("kind", CASES)
def test_an_upload_name_cannot_climb_out(kind, app, tmp_path):
    running, db, folder = app
    target = tmp_path / "escaped.txt"
    name = dict(_names(target))[kind]
    answer = httpx.post(
        running.url + "gradio_api/upload",
        files={"files": (name, EN.encode(), "text/plain")},
        timeout=30,
    )
    assert not target.exists() and not list(tmp_path.rglob("*"))
    if answer.status_code == 400:  # refused by the upload route itself: fine
        return
    assert answer.status_code == 200, answer.text
    [stored_at] = answer.json()
    assert Path(stored_at).resolve().parent.parent == UPLOADS.resolve()  # <uploads>/<sha>/name
    ctx = handlers.Context(db, load_settings({"home": folder}), accounts=False)
    message = handlers.ingest_uploads(ctx, None, [stored_at], f"upload {kind}", "en")
    assert "1 sentence" in message or "2 sentence" in message, message
    from workbench.store import reports

    [doc] = reports.documents(db, reports.get_report(db, f"upload {kind}").id)
    shown = doc.source_file.rsplit("/", 1)[-1]
    assert shown and all(c.isalnum() or c in "._-" for c in shown), shown
    assert not target.exists()
