"""Report names and user names with SQL and shell metacharacters, markup, control characters
and bidi overrides, through the CLI, the Python API and the UI. Names reach SQL only as
parameters and never reach a shell, so a name is either kept exactly as typed or refused
with the reason; the injected command must never run."""

from __future__ import annotations

import re

import pytest

from tests.hostile.conftest import ENTRIES, Outcome, api_outcome, assert_sound, cli_outcome
from tests.hostile.make_cases import EN

pytestmark = pytest.mark.timeout(60)

REPORT_NAMES = [
    ("sql", "x'); DROP TABLE report; --", ""),
    ("sql-quotes", '"; DELETE FROM segment WHERE 1=1; --', ""),
    ("shell", "$(touch pwned); `touch pwned` | rm -rf ~ & echo", ""),
    ("markup", "<script>window.__pwned=1</script><img src=x onerror=alert(1)>", ""),
    ("path", "../../etc/passwd", ""),
    ("sorani", "ڕاپۆرتی ئاوی هەولێر ٢٠٢٤", ""),
    ("newline", "water\nreport", "holds a control character"),
    ("nul", "water\x00report", "holds a control character"),
    ("bidi-override", "\u202etroper retaw", "holds a control character"),
    ("too-long", "x" * 10_000, "at most 200 characters"),
    ("blank", "   ", "needs a name|Name the report"),
]


@pytest.fixture
def report_file(uploads):
    """A report file where the UI takes files from (any path does for the CLI and API)."""
    path = uploads / "water.en.txt"
    path.write_text(EN, encoding="utf-8")
    return path


def _ingest(entry: str, name: str, path, cli, db, ctx) -> Outcome:
    if entry == "cli":
        return cli_outcome(cli("ingest", str(path), "--report", name))
    if entry == "api":
        import workbench

        return api_outcome(lambda: workbench.ingest(db, [path], report=name))
    from workbench.ui import handlers

    return api_outcome(lambda: handlers.ingest_uploads(ctx, None, [str(path)], name))


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize(
    ("kind", "name", "refused"), REPORT_NAMES, ids=[n[0] for n in REPORT_NAMES]
)
def test_report_name(kind, name, refused, entry, report_file, cli, db, ctx, home, tmp_path):
    from workbench.store import reports

    outcome = _ingest(entry, name, report_file, cli, db, ctx)
    stored = [r.name for r in reports.list_reports(db)]
    if refused:
        assert not outcome.stored and re.search(refused, outcome.message), outcome.message
        assert stored == []
    else:
        assert outcome.stored, outcome.message
        assert stored == [name.strip()]  # exactly as typed: nothing was interpreted
        assert len(reports.documents(db, reports.get_report(db, name.strip()).id)) == 1
        listed = cli("reports", "list")
        assert listed.code == 0 and name.strip() in listed.out
    assert_sound(cli, home, tmp_path)


USER_NAMES = [
    ("sql", "x'; DROP TABLE user; --", True),
    ("shell", "$(touch pwned)", True),
    ("markup", "<script>alert(1)</script>", True),
    ("path", "../admin", True),
    ("space", "amina karim", True),
    ("too-long", "a" * 65, True),
    ("sorani", "ئامینە", False),
    ("email", "amina.k@example.org", False),
]


def _add_user(entry: str, name: str, cli, db, ctx, path) -> Outcome:
    if entry == "cli":
        return cli_outcome(cli("users", "add", name, "--password", "correct horse"))
    from workbench.accounts import create_user

    if entry == "api":
        return api_outcome(lambda: create_user(db, name, "correct horse", "reviewer"))
    # The UI never creates accounts: a name reaches it as the one acting (an upload here),
    # who must be a stored user.
    from dataclasses import replace

    from workbench.ui import handlers

    create_user(db, "admin-of-test", "correct horse", "admin")
    accounts = replace(ctx, accounts=True)
    return api_outcome(lambda: handlers.ingest_uploads(accounts, name, [str(path)], "named"))


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize(("kind", "name", "refused"), USER_NAMES, ids=[n[0] for n in USER_NAMES])
def test_user_name(kind, name, refused, entry, report_file, cli, db, ctx, home, tmp_path):
    from workbench.store import reports, users

    outcome = _add_user(entry, name, cli, db, ctx, report_file)
    known = [u.name for u in users.list_users(db) if u.name != "admin-of-test"]
    if refused or entry == "ui":
        assert not outcome.stored
        assert "cannot be a user name" in outcome.message or "There is no user" in outcome.message
        assert known == [] and reports.list_reports(db) == []
    else:
        assert outcome.stored, outcome.message
        assert known == [name]
    assert_sound(cli, home, tmp_path)
