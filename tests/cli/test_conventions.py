"""Conventions every command shares: exit codes, numbering, listings as JSON."""

from __future__ import annotations

import json
import re

import pytest

from workbench.errors import (
    EXIT_CODES,
    Conflict,
    InputError,
    ModelNotAvailable,
    NotFound,
    PermissionDenied,
    WorkbenchError,
)


def test_help_states_every_exit_code(cli):
    result = cli("--help")
    assert result.code == 0
    listed = dict(re.findall(r"(\d+) ([a-z][a-z ]+?)(?:,|\.)", result.out.split("Exit codes:")[1]))
    assert set(map(int, listed)) == set(EXIT_CODES)


def test_errors_exit_with_the_documented_codes():
    codes = {
        InputError: 2,
        NotFound: 3,
        ModelNotAvailable: 4,
        PermissionDenied: 5,
        Conflict: 6,
        WorkbenchError: 1,
    }
    for kind, code in codes.items():
        assert kind.exit_code == code and code in EXIT_CODES


def test_not_found_exits_3_and_conflict_6(cli):
    assert cli("export", "42", "-o", "x.tsv").code == 3
    assert cli("users", "add", "ann", "--password", "long enough").code == 0
    again = cli("users", "add", "ann", "--password", "long enough")
    assert again.code == 6 and "exists already" in again.err


def test_reports_alone_lists_the_reports(cli, tmp_path):
    path = tmp_path / "r.en.txt"
    path.write_text("The committee met on Monday and heard the witnesses.\n", encoding="utf-8")
    assert cli("ingest", str(path), "--report", "monday").code == 0
    alone = cli("reports")
    assert alone.code == 0 and "monday" in alone.out
    assert alone.out == cli("reports", "list").out


@pytest.mark.parametrize(
    "args",
    [
        ["reports", "list", "--json"],
        ["alignments", "list", "--json"],
        ["models", "list", "--json"],
        ["job", "list", "--json"],
        ["users", "list", "--json"],
    ],
)
def test_every_listing_has_json(cli, args):
    result = cli(*args)
    assert result.code == 0, result.err
    assert isinstance(json.loads(result.out), list)


def test_alignments_list_shows_the_ids_export_takes(cli, tmp_path):
    (tmp_path / "c.en").write_text("One.\nTwo.\n", encoding="utf-8")
    (tmp_path / "c.ar").write_text("واحد.\nاثنان.\n", encoding="utf-8")
    assert cli("import", str(tmp_path / "c.en"), str(tmp_path / "c.ar"), "--report", "c").code == 0
    [row] = json.loads(cli("alignments", "list", "--json").out)
    assert (row["report"], row["languages"], row["beads"], row["method"]) == (
        "c", ["en", "ar"], 2, "import",
    )  # fmt: skip
    table = cli("alignments")
    assert table.code == 0
    assert table.out.splitlines()[1].split()[:3] == [str(row["id"]), "c", "en,ar"]
    assert cli("export", str(row["id"]), "-o", str(tmp_path / "c.tsv")).code == 0


def test_users_passwd_role_remove(cli, home):
    from workbench.accounts import verify
    from workbench.store.db import open_database

    assert cli("users", "add", "boss", "--role", "admin", "--password", "first pass").code == 0
    assert cli("users", "add", "vic", "--role", "viewer", "--password", "first pass").code == 0
    assert cli("users", "passwd", "vic", "--password", "second pass").code == 0
    role = cli("users", "role", "vic", "reviewer")
    assert role.code == 0 and "vic is now a reviewer" in role.out
    last = cli("users", "role", "boss", "viewer")
    assert last.code == 6 and "only admin" in last.err
    assert cli("users", "remove", "vic", "--yes").code == 0
    assert cli("users", "remove", "nobody", "--yes").code == 3
    db = open_database(home / "workbench.db")
    try:
        assert verify(db, "boss", "first pass") is not None
        assert verify(db, "vic", "second pass") is None  # removed
    finally:
        db.close()
    users = json.loads(cli("users", "list", "--json").out)
    assert [u["user"] for u in users] == ["boss"]


def test_a_viewer_is_told_the_command_that_gives_a_role():
    from workbench.accounts import require_writer
    from workbench.records import User

    with pytest.raises(PermissionDenied, match="workbench users role vic reviewer"):
        require_writer(User("vic", "viewer"))


def test_help_states_the_numbering(cli):
    from workbench.records import FIRST_INDEX, FIRST_LINE

    assert (FIRST_INDEX, FIRST_LINE) == (0, 1)
    words = " ".join(cli("--help").out.split())
    assert "beads are numbered from 0; lines of a file from 1" in words
    assert "from 1" in cli("score", "--help").out
    assert "index (from 0)" in cli("segment", "--help").out
