"""A page names a file it sends by its path on the server, so a forged request can name any
file there. Every handler that takes a file (found in /config, not listed by hand) is sent,
by a viewer, a reviewer and an admin, paths that did not come through this server's upload
folder: absolute, climbing out with `..`, relative, through /proc, a link into /etc, a linked
folder, another session's export, URLs and a file without Gradio's type tag. None may answer
with the file's text, store it, copy it into Gradio's folder or fetch the URL (the network
guard fails the test if anything tries). A file truly uploaded still works, and so do the
files the server hands out.
"""

from __future__ import annotations

import asyncio
import secrets
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import gradio as gr
import pytest

from tests.hostile.conftest import ROLES, ServedApp
from tests.hostile.queue_client import Handler, QueueClient, file_data
from workbench.store import reports

pytestmark = pytest.mark.timeout(180)


def upload_folder() -> Path:
    """Gradio's upload folder (and cache), found as Gradio finds it."""
    from gradio.utils import get_upload_folder

    return Path(get_upload_folder()).resolve()


FILE_HANDLERS = {"add_versions", "import_file", "job_upload"}  # every handler taking a file
PASSWD = "root:x:0:0"


@dataclass(frozen=True)
class Secrets:
    """Files outside the upload folder, one per kind of file a handler takes, each holding
    `marker`; and a folder inside the upload folder with links out of it."""

    marker: str  # in the files' text only (an error may repeat the path it was given)
    stem: str  # the files' name, to find copies of them
    files: dict[str, Path]  # suffix -> file
    planted: Path  # <upload folder>/<fresh>: passwd.SUFFIX -> /etc/passwd, outside -> files'

    def for_handler(self, handler: Handler) -> Path:
        [position] = handler.reads("file")
        accepted = handler.inputs[position]["props"].get("file_types") or []
        return next(path for suffix, path in self.files.items() if suffix in accepted)


@pytest.fixture(scope="module")
def hidden(tmp_path_factory):
    marker, stem = f"SECRET{secrets.token_hex(6)}", f"secret-{secrets.token_hex(6)}"
    folder = tmp_path_factory.mktemp("server-only")
    contents = {
        ".json": f'{{"name": "{marker}"}}\n',
        ".txt": f"The {marker} sentence stays on the server. Nobody may read it.\n",
        ".tsv": f"en\tar\nThe {marker} sentence stays on the server.\tنص سري.\n",
    }
    files = {}
    for suffix, text in contents.items():
        files[suffix] = folder / f"{stem}{suffix}"
        files[suffix].write_text(text, encoding="utf-8")
    uploads = upload_folder()
    uploads.mkdir(parents=True, exist_ok=True)
    planted = Path(tempfile.mkdtemp(dir=uploads, prefix="hostile-"))
    for suffix in contents:
        (planted / f"passwd{suffix}").symlink_to("/etc/passwd")
    (planted / "outside").symlink_to(folder, target_is_directory=True)
    yield Secrets(marker, stem, files, planted)
    shutil.rmtree(planted, ignore_errors=True)


@pytest.fixture(scope="module")
def clients(served_app):
    """A logged-in raw client per role, for the whole module (one login each)."""
    made = {role: served_app.client(role) for role in ROLES}
    yield made
    for client in made.values():
        client.close()


@pytest.fixture(scope="module")
def other_export(served_app: ServedApp) -> Path:
    """An export made by the admin's session: the file in the server's exports folder."""
    with served_app.client("admin") as admin:
        answer = _export(admin)
    assert answer.success, answer.error
    name = Path(answer.output[0]["path"]).name
    [original] = served_app.blocks.workbench_context.exports.glob(f"*/{name}")
    return original


def _export(client: QueueClient):
    """Open the page, then export its first alignment with the Review tab's Export button."""
    loaded = client.open_page()
    load = next(h for h in client.handlers() if "load" in h.events)
    alignment = loaded.output[load.position("wb-alignment", "outputs")]["value"]
    export = client.handler_of("wb-export")
    return client.call(export, client.defaults(export, wb_alignment=alignment))


PATHS: dict[str, Callable[[Path, Secrets, ServedApp, Path], dict]] = {
    "absolute": lambda secret, s, app, export: file_data(str(secret)),
    "climb-out-of-uploads": lambda secret, s, app, export: file_data(
        f"{upload_folder()}/{'../' * 12}{str(secret).lstrip('/')}"
    ),
    "relative-climb": lambda secret, s, app, export: file_data(
        "../" * 30 + str(secret).lstrip("/")
    ),
    "through-proc": lambda secret, s, app, export: file_data(f"/proc/self/root{secret}"),
    "link-into-etc": lambda secret, s, app, export: file_data(
        str(s.planted / f"passwd{secret.suffix}")
    ),
    "linked-folder": lambda secret, s, app, export: file_data(
        str(s.planted / "outside" / secret.name)
    ),
    "other-sessions-export": lambda secret, s, app, export: file_data(str(export)),
    "loopback-url": lambda secret, s, app, export: file_data(f"{app.url}config#{secret.name}"),
    "remote-url": lambda secret, s, app, export: file_data(f"https://example.org/{secret.name}"),
    "without-type-tag": lambda secret, s, app, export: file_data(str(secret), meta=False),
}
REFUSED = (
    "was not uploaded to this server",  # app.UploadsOnly, before Gradio copies anything
    "is a symbolic link to a file outside",  # the same, for a link planted in the folder
)


def _file_handlers(client: QueueClient) -> dict[str, Handler]:
    return {h.api_name: h for h in client.handlers() if h.reads("file")}


def test_every_handler_that_takes_a_file_is_tried(clients):
    """A new one fails here until it is added to FILE_HANDLERS, and so tried below."""
    assert set(_file_handlers(clients["viewer"])) == FILE_HANDLERS


def _stored(db) -> list[str]:
    return sorted(r.name for r in reports.list_reports(db))


@pytest.mark.parametrize("kind", sorted(PATHS))
@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("name", sorted(FILE_HANDLERS))
@pytest.mark.parametrize("gradio_check", ["gradio-checks-too", "gradio-check-off"])
def test_a_handler_takes_no_file_that_was_not_uploaded(
    gradio_check, name, role, kind, served_app, clients, hidden, other_export
):
    """With Gradio's own check off too (as mounting leaves it): the workbench's holds alone."""
    before = _stored(served_app.db)
    client = clients[role]
    with served_app.gradio_check(gradio_check == "gradio-checks-too"):
        handler = _file_handlers(client)[name]
        secret = hidden.for_handler(handler)
        sent = PATHS[kind](secret, hidden, served_app, other_export)
        [position] = handler.reads("file")
        data = client.defaults(handler, text=f"hostile {kind}")
        multiple = handler.inputs[position]["props"].get("file_count") == "multiple"
        data[position] = [sent] if multiple else sent
        answer = client.call(handler, data)
    assert hidden.marker not in answer.raw and PASSWD not in answer.raw
    assert other_export.read_text(encoding="utf-8")[-200:] not in answer.raw
    assert _stored(served_app.db) == before
    assert list(upload_folder().glob(f"*/{hidden.stem}*")) == []  # no copy in Gradio's cache
    assert not answer.success and any(r in (answer.error or "") for r in REFUSED), answer.raw


def test_gradios_own_check_runs_on_the_mounted_app(served_app, hidden):
    """Gradio refuses a file that did not come through its upload folder only once
    `launch()` has run; the server sets that for the mounted app, so it checks too."""
    from gradio.context import LocalContext
    from gradio.exceptions import InvalidPathError

    blocks = served_app.blocks
    [job_upload] = [fn for fn in blocks.fns.values() if fn.api_name == "job_upload"]
    sent = [file_data(str(hidden.files[".json"]))]
    token = LocalContext.blocks.set(blocks)
    try:
        with pytest.raises(InvalidPathError, match="it was not uploaded by a user"):
            asyncio.run(gr.Blocks.preprocess_data(blocks, job_upload, sent, None))
    finally:
        LocalContext.blocks.reset(token)


@pytest.mark.parametrize("role", sorted(ROLES))
def test_a_spec_truly_uploaded_is_read_into_the_box(role, served_app):
    with served_app.client(role) as client:
        handler = client.handler("job_upload")
        path = client.upload("nightly.toml", b'name = "nightly"\n')
        answer = client.call(handler, [file_data(path)])
    assert answer.success and 'name = \\"nightly\\"' in answer.text(), answer.raw


@pytest.mark.parametrize("role", sorted(ROLES))
def test_a_file_truly_uploaded_is_imported_by_those_who_may(role, served_app):
    report = f"uploaded by {role}"
    with served_app.client(role) as client:
        handler = client.handler("import_file")
        path = client.upload(
            "water.tsv", "en\tar\nThe station reopened.\tأعيد افتتاح المحطة.\n".encode()
        )
        answer = client.call(
            handler, client.defaults(handler, text=report, wb_upload=file_data(path))
        )
    assert answer.success, answer.raw
    if role == "viewer":
        assert "omar is a viewer and cannot change anything" in answer.text()
        assert report not in _stored(served_app.db)
    else:
        assert "Imported 1 bead" in answer.text() and report in _stored(served_app.db)


def test_an_export_is_still_handed_to_the_browser(served_app):
    with served_app.client("viewer") as viewer:
        answer = _export(viewer)
        assert answer.success, answer.raw
        download = viewer.http.get(answer.output[0]["url"])
    assert download.status_code == 200 and "<tmx" in download.text
    assert "The water station in Erbil reopened" in download.text
