"""Feeding hostile inputs to the three ways in: the CLI, the Python API and the UI's upload.

Each way answers an `Outcome`: stored, or refused with a message. Whatever happened, the
store must pass `workbench db check` afterwards, no crash log may have been written (that is
an internal error: a traceback a user would have met), and nothing half-written may be left.
"""

from __future__ import annotations

import re
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.make_cases import Case, build
from workbench.errors import WorkbenchError

REPORT = "hostile"
ENTRIES = ("cli", "api", "ui")


@dataclass(frozen=True)
class Outcome:
    stored: bool
    message: str


@pytest.fixture(scope="session")
def cases_folder(tmp_path_factory):
    """Where the case files are made, once per session (the 50 MB one too), then removed."""
    folder = tmp_path_factory.mktemp("hostile-cases")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def upload_cases():
    """Where the UI's cases are made: inside Gradio's upload folder, the only place the UI's
    handlers take files from (as a browser's upload leaves them); removed afterwards."""
    import tempfile

    from workbench.ui.uploads import upload_folder

    upload_folder().mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=upload_folder(), prefix="hostile-cases-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def db(home):
    """The database of this test's home, which the CLI uses too."""
    from workbench.config import load_settings
    from workbench.store.db import open_database

    database = open_database(load_settings().database_path)
    yield database
    database.close()


@pytest.fixture
def ctx(db):
    """The UI's handlers' context (no accounts: the local user may do everything)."""
    from workbench.config import load_settings
    from workbench.review.session import Context

    context = Context(db, load_settings(), accounts=False, local_name="local")
    yield context
    leftovers = list(context.exports.rglob("*"))
    shutil.rmtree(context.exports, ignore_errors=True)
    assert leftovers == [], f"the upload left files behind: {leftovers[:3]}"


def cli_outcome(result) -> Outcome:
    """A CLI result as an Outcome: exit 0, or exactly one `error:` line and a user's code."""
    assert "Traceback" not in result.out + result.err
    if result.code == 0:
        return Outcome(True, result.out)
    assert result.code in (1, 2, 3, 4, 5), f"exit {result.code}: {result.err}"  # 70: a bug
    if result.err.startswith("Usage:"):  # refused by the command line's own checks
        assert "\nError: " in result.err, result.err
    else:
        assert result.err.startswith("error: ") and result.err.count("\n") == 1, result.err
    return Outcome(False, result.err)


def api_outcome(call) -> Outcome:
    """Run `call()`; a WorkbenchError is a refusal, anything else fails the test."""
    try:
        made = call()
    except WorkbenchError as exc:
        return Outcome(False, str(exc))
    return Outcome(True, str(made))


def stored_documents(db, report: str = REPORT) -> dict:
    """{lang: Document with its segments} of a stored report."""
    from workbench.store import reports

    found = reports.get_report(db, report)
    return {d.lang: reports.get_document(db, d.id) for d in reports.documents(db, found.id or 0)}


def report_names(db) -> list[str]:
    from workbench.store import reports

    return [r.name for r in reports.list_reports(db)]


def judge(case: Case, outcome: Outcome, db, report: str = REPORT) -> None:
    """Stored as the case says, or refused with its message and nothing stored."""
    if case.stored:
        assert outcome.stored, f"refused: {outcome.message}"
        if case.check:
            case.check(stored_documents(db, report))
    else:
        assert not outcome.stored, "stored, but it should have been refused"
        assert re.search(case.refused, outcome.message), outcome.message
        assert report not in report_names(db), "a refused file left a report behind"


def assert_sound(cli, home: Path, cwd: Path) -> None:
    """`workbench db check` passes, no crash log, no partial file, no injected command ran."""
    check = cli("db", "check")
    assert check.code == 0 and check.out.startswith("ok:"), check.err
    crashes = list((home / "logs").glob("crash-*")) if (home / "logs").exists() else []
    assert crashes == [], crashes[0].read_text() if crashes else ""
    assert not list(cwd.rglob("*.partial")) and not (cwd / "pwned").exists()


def case_path(case: Case, folder: Path) -> Path:
    return build(case, folder)


# --- the served UI with an account per role, for the raw-queue tests ----------------------------

PASSWORD = "correct horse battery"
ROLES = {"viewer": "omar", "reviewer": "amina", "admin": "lead"}


@dataclass
class ServedApp:
    url: str
    db: object
    alignment_id: int
    folder: Path
    blocks: object  # the Gradio Blocks being served
    web: object  # the whole ASGI app (FastAPI, the Gradio app mounted at /)

    @contextmanager
    def gradio_check(self, on: bool):
        """Gradio's own check that files came through its upload folder on or off (off: as
        `mount_gradio_app` leaves it), for the time of the `with`."""
        before = self.blocks.has_launched
        self.blocks.has_launched = on
        try:
            yield
        finally:
            self.blocks.has_launched = before

    def client(self, role: str | None, **options):
        """A raw queue client logged in as the account of `role` (None: not logged in)."""
        from tests.hostile.queue_client import QueueClient

        login = (ROLES[role], PASSWORD) if role else None
        return QueueClient(self.url, login=login, **options)


@pytest.fixture(scope="module")
def served_app(tmp_path_factory):
    """The UI served in this process (127.0.0.1, a free port) over a store holding the
    Erbil water report, with a viewer, a reviewer and an admin."""
    from tests.review.samples import add_report

    with serving(
        tmp_path_factory.mktemp("served"), lambda db: add_report(db, langs=("en", "ar", "ckb")).id
    ) as served:
        yield served


@contextmanager
def serving(folder: Path, fill):
    """The UI served in this process over a new store in `folder` that `fill(db)` fills
    (it returns the alignment the tests use), with a viewer, a reviewer and an admin."""
    from workbench.accounts import create_user
    from workbench.config import load_settings
    from workbench.store.db import open_database
    from workbench.ui import server

    db = open_database(folder / "ui.db")
    alignment_id = fill(db)
    for role, name in ROLES.items():
        create_user(db, name, PASSWORD, role)
    running = server.start(load_settings({"home": folder}), db)
    try:
        web = running.server.config.app
        yield ServedApp(running.url, db, alignment_id, folder, served_blocks(running), web)
    finally:
        running.stop()
        db.close()


def served_blocks(running):
    """The Gradio Blocks a running server serves (mounted at /)."""
    web = running.server.config.app
    [gradio_app] = [r.app for r in web.routes if hasattr(getattr(r, "app", None), "get_blocks")]
    return gradio_app.get_blocks()


@contextmanager
def logged_in(served, roles=("viewer", "reviewer")):
    """One raw-queue client per role, its page opened; closed afterwards."""
    made = {role: served.client(role) for role in roles}
    try:
        for client in made.values():
            client.open_page()
        yield made
    finally:
        for client in made.values():
            client.close()
