"""What every command shares: settings and database opened on first use, tables, crash logs."""

from __future__ import annotations

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
from workbench.store.db import Database


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


CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


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


def echo_json(data: Any) -> None:
    """What every `--json` prints: one JSON document, UTF-8 text as it is, indented."""
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=1))


def output_name(path: object) -> str:
    """How a message names an -o target ("-" is standard output)."""
    from workbench.outputs import is_stdout

    return "standard output" if is_stdout(path) else str(path)


def visible(text: str) -> str:
    return CONTROLS.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


def write_crash_log(exc: BaseException) -> Path:
    """Save a traceback where the user can attach it to a bug report: where it failed, not
    what it was reading (messages are withheld above DEBUG, see workbench.logs)."""
    name = f"crash-{datetime.now(UTC):%Y%m%dT%H%M%S%f}.log"
    folder = Path(os.environ.get("WORKBENCH_HOME") or default_home()) / "logs"
    try:
        return write_private(private_folder(folder) / name, private_traceback(exc))
    except OSError:  # a read-only data folder: the system's temporary folder then
        return write_private(Path(tempfile.gettempdir()) / name, private_traceback(exc))
