"""File names and texts holding terminal escape sequences: the CLI shows them as `\\x1b`,
never sends them to the terminal (which would obey them: retitle the window, clear the
screen, or worse on some terminals)."""

from __future__ import annotations

import pytest

from tests.hostile.conftest import assert_sound
from tests.hostile.make_cases import EN

pytestmark = pytest.mark.timeout(300)
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b"


@pytest.mark.parametrize(("content", "code"), [(EN, 0), ("", 2)], ids=["stored", "refused"])
def test_a_file_name_with_terminal_escapes_is_shown_escaped(content, code, cli, home, tmp_path):
    path = tmp_path / f"report{ESCAPES}.txt"
    path.write_text(content, encoding="utf-8")
    result = cli("ingest", str(path), "--report", "escapes")
    assert result.code == code, result.err
    shown = result.out + result.err
    assert not any(c in shown for c in "\x1b\x07\x9b")
    assert "report\\x1b]0;pwned\\x07\\x1b[2J\\x9b.txt" in shown
    assert_sound(cli, home, tmp_path)


def test_paragraphs_with_terminal_escapes_are_shown_escaped(cli, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(f"{EN} {'Long enough to be a text. ' * 20}\n\nTitle{ESCAPES}", "utf-8")
    result = cli("detect", str(path))
    assert result.code == 0, result.err
    assert "\x1b" not in result.out and "Title\\x1b]0;pwned" in result.out
