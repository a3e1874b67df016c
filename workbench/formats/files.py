"""Reading input files (outputs are written by `workbench.outputs.open_output`)."""

from __future__ import annotations

from pathlib import Path

from workbench.errors import InputError
from workbench.userfiles import Limits, raise_hint


def read_bytes(path: Path, limits: Limits | None = None) -> bytes:
    """The file's bytes, or an InputError that says what is wrong with it (a link, a pipe or a
    device is refused: see workbench.userfiles; more than `max_import_mb` too)."""
    from workbench.userfiles import read_input

    most = (limits or Limits.of()).import_mb
    data = read_input(path, limit_mb=most, setting="max_import_mb")
    if not data or data.isspace():
        raise InputError(f"{path} is empty; export the file again or choose another one.")
    return data


def read_text(path: Path, limits: Limits | None = None) -> str:
    """A UTF-8 text file (a byte-order mark is allowed), as one string."""
    data = read_bytes(path, limits)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path} is not UTF-8 text (byte {exc.start} cannot be read); "
            "save it as UTF-8 and import it again."
        ) from None


def check_units(path: Path, count: int, limits: Limits | None, what: str = "units") -> None:
    """Refuse a file of more than `max_sentences` units (each unit is a sentence of every
    language), counted or bounded before they are parsed one by one."""
    most = (limits or Limits.of()).sentences
    if count > most:
        raise InputError(
            f"{path} holds more than {most:,} {what} (max_sentences), more than one report "
            "has: it may be several, or made to exhaust the machine. Refused; split it, or "
            f"{raise_hint('max_sentences')}."
        )
