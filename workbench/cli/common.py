"""What every command shares: settings and database opened on first use, tables, crash logs."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from functools import update_wrapper
from pathlib import Path
from typing import Any

import click

from workbench.config import Settings, default_home, load_settings
from workbench.logs import configure_logging, private_traceback
from workbench.private_files import private_folder, write_private
from workbench.records import MAX_ID
from workbench.store.db import Database

# An alignment's or a job's number: a larger one is refused by click, not met by SQLite.
RECORD_ID = click.IntRange(1, MAX_ID)


class State:
    """The command's settings and database, each made on first use."""

    def __init__(self, flags: dict[str, Any], config_file: Path | None):
        self._flags = flags
        self._config_file = config_file
        self._settings: Settings | None = None
        self._db: Database | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self._flags, config_file=self._config_file)
            configure_logging(self._settings.log_level)
        return self._settings

    def override(self, **flags: Any) -> None:
        """Apply a subcommand's own flags (None = not given) on top of the settings."""
        self._flags.update({k: v for k, v in flags.items() if v is not None})
        self._settings = None

    @property
    def db(self) -> Database:
        if self._db is None:
            from workbench.store.db import open_store

            self._db = open_store(self.settings)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def pass_state(f: Callable) -> Callable:
    """Give a command the State as its first argument."""

    @click.pass_context
    def wrapper(ctx: click.Context, *args: Any, **kwargs: Any) -> Any:
        return ctx.invoke(f, ctx.find_object(State), *args, **kwargs)

    return update_wrapper(wrapper, f)


# What a terminal would obey rather than show: C0 and C1 controls (escape sequences, line
# breaks, NUL), and the bidi embeddings, overrides and isolates and line/paragraph separators
# that reorder or break what is shown around them ("Trojan Source"). The bidi marks RLM, LRM
# and ALM stay: Arabic and Kurdish text needs them and they reorder nothing beyond themselves.
# Lone surrogates too: a file name of bytes that are not UTF-8 arrives as "\udcff", which no
# terminal can be sent.
_OBEYED = "\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
CONTROLS = re.compile(f"[\x00-\x1f{_OBEYED}]")
LINE_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f{_OBEYED}]")


def echo_table(rows: Iterable[Sequence[Any]], header: Sequence[str]) -> None:
    """A plain, aligned text table (stays readable when piped or diffed). Control characters
    in a cell (a file name or title holding terminal escapes) are shown as \\x1b, never sent
    to the terminal, which would obey them."""
    rows = [[("" if v is None else visible(str(v))) for v in row] for row in rows]
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)
    ]
    for row in [list(header), *rows]:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def output_name(path: object) -> str:
    """How a message names an -o target ("-" is standard output)."""
    from workbench.outputs import is_stdout

    return "standard output" if is_stdout(path) else str(path)


def visible(text: str) -> str:
    """A name or text for one line of the terminal: every control character, line break and
    direction override shown as an escape (\\x1b, \\n, \\u202e), never obeyed."""
    return CONTROLS.sub(_escape, text)


def visible_lines(text: str) -> str:
    """Text printed as text (sentences, translations): as `visible`, but its line breaks and
    tabs are kept."""
    return LINE_CONTROLS.sub(_escape, text)


def say(message: str, *, err: bool = False, nl: bool = True) -> None:
    """Print a message built from names and texts the workbench did not write itself (file
    names, report names, errors quoting them): escaped as `visible`, one line."""
    click.echo(visible(message), err=err, nl=nl)


def echo_json(data: Any, indent: int | None = 1) -> None:
    """What every `--json` prints: one JSON document, indented, UTF-8 text as it is (not
    \\u-escaped) but for the characters a terminal would obey, written as JSON escapes: the
    same JSON, safe on a terminal."""
    click.echo(json_visible(json.dumps(data, ensure_ascii=False, indent=indent)))


def json_visible(text: str) -> str:
    """JSON text with what a terminal would obey inside its strings written as \\u escapes
    (its own line breaks, between values, are kept)."""
    return LINE_CONTROLS.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def read_stdin(settings: Settings) -> str:
    """The text piped in, at most `max_report_mb` of it (a pipe may never end)."""
    import sys

    from workbench.errors import InputError
    from workbench.userfiles import MB, raise_hint

    most = settings.max_report_mb * MB
    text = sys.stdin.read(most + 1)
    if len(text) > most:
        raise InputError(
            f"The text on stdin is more than {settings.max_report_mb} MB (max_report_mb); "
            f"pass a smaller text, or {raise_hint('max_report_mb')}."
        )
    return text


def write_crash_log(exc: BaseException) -> Path:
    """Save a traceback where the user can attach it to a bug report: where it failed, not
    what it was reading (messages are withheld above DEBUG, see workbench.logs)."""
    name = f"crash-{datetime.now(UTC):%Y%m%dT%H%M%S%f}.log"
    folder = Path(os.environ.get("WORKBENCH_HOME") or default_home()) / "logs"
    try:
        return write_private(private_folder(folder) / name, private_traceback(exc))
    except OSError:  # a read-only data folder: the system's temporary folder then
        return write_private(Path(tempfile.gettempdir()) / name, private_traceback(exc))
