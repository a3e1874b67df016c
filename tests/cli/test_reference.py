"""docs/cli-reference.md is what the commands' --help says now (as sqlite-utils checks its
docs with cog): a new command or option fails here until the reference is regenerated."""

from __future__ import annotations

import os
import subprocess
import sys

import click
import click.testing

from workbench.cli import cli as root
from workbench.cli import reference

STALE = (
    "docs/cli-reference.md is stale (a command's --help changed): regenerate it with "
    "`make cli-docs` (python -m workbench.cli.reference -o docs/cli-reference.md) and commit it."
)


def test_the_reference_in_docs_is_current():
    """In a fresh process, as `make cli-docs` writes it (see the module's docstring)."""
    result = subprocess.run(
        [sys.executable, "-m", "workbench.cli.reference", "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, STALE + "\n" + result.stderr


def test_every_command_and_subcommand_has_its_section():
    text = reference.reference()
    top = click.Context(root, info_name="workbench")
    paths = [ctx.command_path for ctx, _ in reference.commands(root, top)]
    assert len(paths) > len(root.list_commands(click.Context(root)))  # subcommands too
    for path in paths:
        assert f"## `{path}`\n" in text, path
    assert "Usage: workbench job run [OPTIONS] SPEC" in text


def test_the_text_does_not_depend_on_the_terminal_or_the_machine(monkeypatch, tmp_path):
    before = reference.reference()
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path))
    after = reference.reference()
    assert after == before
    assert str(tmp_path) not in after


def test_check_says_how_to_regenerate(tmp_path, monkeypatch):
    stale = tmp_path / "cli-reference.md"
    stale.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(reference, "REFERENCE", stale)
    result = click.testing.CliRunner().invoke(reference.main, ["--check"])
    assert result.exit_code == 1
    assert "make cli-docs" in result.output


def test_the_help_is_what_the_command_line_prints_on_an_80_column_terminal():
    text = reference.REFERENCE.read_text(encoding="utf-8")
    for path in (("job", "run"), ("align",), ()):
        result = subprocess.run(
            [sys.executable, "-m", "workbench", *path, "--help"],
            capture_output=True,
            text=True,
            env={**os.environ, "COLUMNS": "80"},
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() in text, f"workbench {' '.join(path)} --help"
