"""Reading input files and writing outputs whole or not at all."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from workbench.errors import InputError
from workbench.userfiles import Limits, raise_hint


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary file that appears at `path` only once everything was written.

    The bytes go to a hidden temporary file next to `path` (same file system, so the final
    rename is atomic); on any error the temporary file is removed and `path` is untouched.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name to write, e.g. {path}/out.tmx.")
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "xb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, path)
    except OSError as exc:
        raise InputError(
            f"Cannot write {path} ({exc.strerror or exc}). Choose another path with -o."
        ) from None
    finally:
        with suppress(OSError):  # already renamed, or its folder could not be made
            partial.unlink()


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
