"""Logs that never quote a document: tracebacks without their messages, unless asked for.

The reports people bring are private, and an exception's message may quote the text it failed
on (`invalid literal for int(): '<a sentence>'`, a parser's complaint, a KeyError of a
segment). Logs and crash logs get attached to bug reports and travel, so above the DEBUG level
a traceback keeps each exception's type and where it was raised, and withholds its message.
Setting `log_level = "DEBUG"` (WORKBENCH_LOG_LEVEL=DEBUG) keeps the messages for a developer
working on their own data.
"""

from __future__ import annotations

import logging
import sys
import traceback

WITHHELD = "(message withheld: it may quote a document; log_level DEBUG keeps it)"
_HANDLER_NAME = "workbench"
CAUSE = "The above exception was the direct cause of the following exception:"
CONTEXT = "During handling of the above exception, another exception occurred:"


def private_traceback(exc: BaseException, *, full: bool | None = None) -> str:
    """The traceback of `exc` (and of the exceptions it came from), messages withheld unless
    `full` (default: whether the workbench logs at DEBUG)."""
    if full is None:
        full = logging.getLogger("workbench").isEnabledFor(logging.DEBUG)
    if full:
        return "".join(traceback.format_exception(exc))
    lines: list[str] = []
    for link, after in _chain(exc):
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_tb(link.__traceback__))
        lines.append(f"{type(link).__module__}.{type(link).__qualname__}: {WITHHELD}\n")
        if after:
            lines.append(f"\n{after}\n\n")
    return "".join(lines)


def _chain(exc: BaseException) -> list[tuple[BaseException, str]]:
    """Oldest first, as Python prints them, each with the sentence printed after it."""
    found: list[tuple[BaseException, str]] = []  # newest first
    seen: set[int] = set()
    current: BaseException | None = exc
    after = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        found.append((current, after))
        if current.__cause__ is not None:
            current, after = current.__cause__, CAUSE
        elif current.__context__ is not None and not current.__suppress_context__:
            current, after = current.__context__, CONTEXT
        else:
            current = None
    return found[::-1]


class PrivateFormatter(logging.Formatter):
    """A formatter whose tracebacks withhold messages (see `private_traceback`)."""

    def formatException(self, ei) -> str:  # noqa: N802 (logging's name)
        return private_traceback(ei[1]).rstrip("\n") if ei[1] is not None else ""


class _Stderr(logging.StreamHandler):
    """Whatever sys.stderr is when a record comes (it may be replaced after setup)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def configure_logging(level: str = "WARNING") -> None:
    """Log to stderr at `level` through the private formatter (again: only the level changes).

    Called by the command line and the UI server; the Python API leaves logging to the
    program that uses it."""
    level = level.upper()
    root = logging.getLogger()
    if not any(getattr(h, "name", "") == _HANDLER_NAME for h in root.handlers):
        handler = _Stderr()
        handler.name = _HANDLER_NAME
        handler.setFormatter(PrivateFormatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level if level in logging.getLevelNamesMapping() else "WARNING")
