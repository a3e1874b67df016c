"""Reading input files (outputs are written by `workbench.outputs.open_output`)."""

from __future__ import annotations

from pathlib import Path

from workbench.errors import InputError


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an InputError that says what is wrong with it (a link, a pipe or a
    device is refused: see workbench.userfiles)."""
    from workbench.userfiles import read_input

    data = read_input(path)
    if not data or data.isspace():
        raise InputError(f"{path} is empty; export the file again or choose another one.")
    return data


def read_text(path: Path) -> str:
    """A UTF-8 text file (a byte-order mark is allowed), as one string."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path} is not UTF-8 text (byte {exc.start} cannot be read); "
            "save it as UTF-8 and import it again."
        ) from None
