"""Writing the files users name with `-o`: whole or not at all, and never over what is no file.

`-` is standard output, for every command that writes a file. A regular file (or a new name)
is written to a temporary file beside it and renamed over it, so it appears whole or not at
all. A target that is not a regular file (a terminal, `/dev/stdout`, a named pipe, a device)
cannot be renamed over without destroying it: run as root, a rename would replace the
`/dev/stdout` link with a plain file. So such a target is written in place, as a shell's `>`
would; a socket or a block device is refused. A symbolic link is followed: the file it names
is what gets written (atomically, if it is a regular file), and the link stays.
"""

from __future__ import annotations

import io
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from workbench.errors import InputError

STDOUT = "-"


def is_stdout(path: str | os.PathLike | None) -> bool:
    """Whether `path` is the conventional name of standard output."""
    return path is not None and str(path) == STDOUT


@contextmanager
def open_output(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file to write the whole output into; see the module's docstring for where the
    bytes go. An InputError (nothing half-written left behind) when the target cannot be."""
    if is_stdout(path):
        with _stdout() as stream:
            yield stream
        return
    target = Path(path)
    if _kind(target) == "special":  # through any links: /dev/stdout -> /proc/self/fd/1 -> pipe
        with _in_place(target) as fh:
            yield fh
        return
    with _atomic(_resolved(target)) as fh:
        yield fh


def write_output(path: str | os.PathLike, data: bytes | str) -> str:
    """Write `data` (text is written as UTF-8) to `path`; the name written to, for messages."""
    with open_output(path) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    return "standard output" if is_stdout(path) else str(path)


@contextmanager
def _stdout() -> Iterator[BinaryIO]:
    sys.stdout.flush()  # what was echoed before comes first
    stream = getattr(sys.stdout, "buffer", None)
    if stream is not None:
        yield stream
        stream.flush()
        return
    held = io.BytesIO()  # a text-only stdout (an embedding program's): handed over as text
    yield held
    sys.stdout.write(held.getvalue().decode("utf-8", errors="replace"))
    sys.stdout.flush()


def _resolved(path: Path) -> Path:
    """The file a (chain of) link(s) names; `path` itself when it is no link."""
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def _kind(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "new"
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{path} is a folder; give a file name to write, e.g. {path}/out.txt.")
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return "special"
    raise InputError(
        f"{path} is a socket or a block device, not a file; the workbench writes only files, "
        "pipes and terminals. Choose another path with -o, or - for standard output."
    )


@contextmanager
def _in_place(path: Path) -> Iterator[BinaryIO]:
    try:
        with open(path, "wb") as fh:
            yield fh
    except OSError as exc:
        raise _cannot_write(path, exc) from None


@contextmanager
def _atomic(path: Path) -> Iterator[BinaryIO]:
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "xb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        with suppress(OSError):  # a file replaced keeps who may read it
            os.chmod(partial, stat.S_IMODE(path.stat().st_mode))
        os.replace(partial, path)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    finally:
        with suppress(OSError):  # already renamed, or its folder could not be made
            partial.unlink()


def _cannot_write(path: Path, exc: OSError) -> InputError:
    return InputError(
        f"Cannot write {path} ({exc.strerror or exc}). Choose another path with -o, or - for "
        "standard output."
    )
