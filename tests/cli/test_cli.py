import subprocess
import sys
from pathlib import Path

import click
import pytest

from workbench.cli import COMMANDS
from workbench.cli import cli as root


def _all_commands(group: click.Group, ctx: click.Context, prefix=()):
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _all_commands(command, ctx, (*prefix, name))


ALL = list(_all_commands(root, click.Context(root)))


@pytest.mark.parametrize("path", [" ".join(p) for p, _ in ALL])
def test_every_command_has_help(path):
    command = dict((" ".join(p), c) for p, c in ALL)[path]
    assert command.help and len(command.help.strip()) > 10, f"`workbench {path}` has no help text"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help or param.is_flag and param.name in ("help",), (
                f"option {param.opts} of `workbench {path}` has no help"
            )


def test_every_registered_module_loads():
    assert {p[0] for p, _ in ALL} == set(COMMANDS)


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from workbench.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('torch', 'transformers', 'gradio', 'ray', 'ctranslate2',"
        " 'sacrebleu', 'matplotlib') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout


def test_version(cli):
    result = cli("--version")
    assert result.code == 0 and "workbench, version" in result.out


def test_init_then_reports_list_then_db_check(cli, home):
    assert cli("init").code == 0
    assert (home / "workbench.db").exists()
    listed = cli("reports", "list")
    assert listed.code == 0 and "No reports yet" in listed.out
    checked = cli("db", "check")
    assert checked.code == 0 and "passed the integrity check" in checked.out


def test_db_backup(cli, home, tmp_path):
    result = cli("db", "backup", str(tmp_path / "b.db"))
    assert result.code == 0 and (tmp_path / "b.db").exists()


def test_users_add_and_list(cli, monkeypatch):
    monkeypatch.setenv("WORKBENCH_NEW_PASSWORD", "correct horse")
    assert cli("users", "add", "amina", "--role", "admin").code == 0
    listed = cli("users", "list")
    assert "amina" in listed.out and "admin" in listed.out


def test_user_error_is_one_line_without_traceback(cli, monkeypatch):
    monkeypatch.setenv("WORKBENCH_NEW_PASSWORD", "short")
    result = cli("users", "add", "amina")
    assert result.code == 2
    assert result.err.strip() == "error: The password must have at least 8 characters."
    assert "Traceback" not in result.err + result.out


def test_bad_setting_is_reported_with_its_exit_code(cli, monkeypatch):
    monkeypatch.setenv("WORKBENCH_PORT", "x")
    result = cli("reports", "list")
    assert result.code == 2 and "which is not a whole number" in result.err


def test_unknown_command_is_a_usage_error(cli):
    result = cli("translate-everything")
    assert result.code == 2 and "No such command" in result.err


def test_damaged_database_is_a_clear_error(cli, home, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00garbage" * 512)
    result = cli("--database", str(bad), "reports", "list")
    assert result.code == 1 and "not a workbench database, is damaged" in result.err
    assert "Traceback" not in result.err


def test_internal_error_goes_to_a_crash_log(cli, monkeypatch, home):
    from workbench.store import reports

    def explode(db):
        raise RuntimeError("boom")

    monkeypatch.setattr(reports, "report_overview", explode)
    result = cli("reports", "list")
    assert result.code == 70 and "Traceback" not in result.err
    log = Path(result.err.split("Details are in ")[1].split(";")[0]).read_text()
    # where it failed, not what it was reading: the message may quote a document
    assert "in explode" in log and "RuntimeError: (message withheld" in log


def test_console_script_and_module_entry_agree():
    out = subprocess.run(
        [sys.executable, "-m", "workbench", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("workbench, version")
