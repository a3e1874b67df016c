"""Opening the files users hand the workbench: regular files only, never through a link, and
never more bytes than a limit.

A file to ingest or import may come from anywhere: a folder of reports someone sent, an
upload. A symbolic link in it could make the workbench read, store, show and export a file
the user never chose (a private key, /etc/passwd); a named pipe or a device (/dev/zero) would
make it wait, or read, forever. So the file is opened without following a final link and
without blocking, checked to be a regular file and within the limit before a byte is read,
and never read past the limit, even if it grows meanwhile. Every reader of user files (text
ingest, the formats, the UI's uploads) goes through `read_input`.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from workbench.errors import InputError

MB = 1024 * 1024


def read_input(path: Path | str, *, limit_mb: float | None = None, name: str = "") -> bytes:
    """The bytes of the file at `path`; an InputError naming it (as `name`, else its path) for
    a missing file, a folder, a link, a pipe or device, or one larger than `limit_mb`."""
    path = Path(path)
    shown = name or str(path)
    if path.is_symlink():  # O_NOFOLLOW below closes the race where the system has it
        raise _link(path, shown)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(f"There is no file {shown} (it does not exist): check the path.") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _link(path, shown) from None
        if exc.errno == errno.EISDIR:
            raise _folder(shown) from None
        raise InputError(f"Cannot read {shown} ({exc.strerror or exc}).") from None
    try:
        info = os.fstat(fd)
        _check_kind(info, shown)
        limit = None if limit_mb is None else int(limit_mb * MB)
        if limit is not None and info.st_size > limit:
            raise _too_large(shown, info.st_size, limit_mb)
        with open(fd, "rb", closefd=False) as fh:
            data = fh.read() if limit is None else fh.read(limit + 1)
    except OSError as exc:  # the disk, or the network share under it, failed mid-read
        raise InputError(f"Cannot read {shown} ({exc.strerror or exc}).") from None
    finally:
        os.close(fd)
    if limit is not None and len(data) > limit:
        raise _too_large(shown, len(data), limit_mb)
    return data


def _check_kind(info: os.stat_result, shown: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise _folder(shown)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            f"{shown} is not a regular file (it is a pipe, a device or a socket), so "
            "reading it could wait or go on forever; save its content to a file first."
        )


def _link(path: Path, shown: str) -> InputError:
    try:
        target = f" (to {os.readlink(path)})"
    except OSError:
        target = ""
    return InputError(
        f"{shown} is a symbolic link{target}. The workbench reads only files themselves, so "
        "that a link in a folder you were given cannot make it read a file elsewhere: pass "
        "the file the link points to if you mean it, or copy it here."
    )


def _folder(shown: str) -> InputError:
    return InputError(f"{shown} is a folder: pass the files in it (e.g. {shown}/*.txt).")


def _too_large(shown: str, size: int, limit_mb: float | None) -> InputError:
    return InputError(
        f"{shown} is {size / MB:.1f} MB, more than the {limit_mb:g} MB the workbench reads "
        "from one file. If it holds several reports, split it into one file per report."
    )
