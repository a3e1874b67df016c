"""Opening the files users hand the workbench: regular files only, never through a link, and
never more bytes than a limit.

A file to ingest or import may come from anywhere: a folder of reports someone sent, an
upload. A symbolic link in it could make the workbench read, store, show and export a file
the user never chose (a private key, /etc/passwd); a named pipe or a device (/dev/zero) would
make it wait, or read, forever. So the file is opened without following a final link and
without blocking, checked to be a regular file and within the limit before a byte is read,
and never read past the limit, even if it grows meanwhile. Every reader of user files (text
ingest, the formats, the UI's uploads, job inputs) goes through `read_input` or, to hash a
file without holding it, `file_sha256`.

`Limits` holds how much one file may hold (bytes, paragraphs, sentences): the settings
`max_report_mb`, `max_import_mb`, `max_unpacked_mb`, `max_paragraphs` and `max_sentences`.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import InputError

if TYPE_CHECKING:
    from workbench.config import Settings

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much one file may hold, so that no file can take the machine's memory or time.
    Each field is the setting of the same name with `max_` in front (defaults there)."""

    report_mb: int
    import_mb: int
    unpacked_mb: int
    paragraphs: int
    sentences: int

    @classmethod
    def of(cls, settings: Settings | None = None) -> Limits:
        """The limits in `settings`, else in the settings loaded now (workbench.toml, env)."""
        if settings is None:
            from workbench.config import load_settings

            settings = load_settings()
        return cls(**{f.name: getattr(settings, f"max_{f.name}") for f in fields(cls)})


def raise_hint(setting: str) -> str:
    """How to raise a limit, to end a message: "... or raise max_x in workbench.toml ..."."""
    return f"raise {setting} in workbench.toml (or WORKBENCH_{setting.upper()}) if you trust it"


def read_input(
    path: Path | str, *, limit_mb: float | None = None, name: str = "", setting: str = ""
) -> bytes:
    """The bytes of the file at `path`; an InputError naming it (as `name`, else its path) for
    a missing file, a folder, a link, a pipe or device, or one larger than `limit_mb` (the
    message names `setting`, the one that raises the limit, when given)."""
    path = Path(path)
    shown = name or str(path)
    fd = _open_regular(path, shown)
    try:
        size = os.fstat(fd).st_size
        limit = None if limit_mb is None else int(limit_mb * MB)
        if limit is not None and size > limit:
            raise _too_large(shown, size, limit_mb, setting)
        with open(fd, "rb", closefd=False) as fh:
            data = fh.read() if limit is None else fh.read(limit + 1)
    except OSError as exc:  # the disk, or the network share under it, failed mid-read
        raise InputError(f"Cannot read {shown} ({exc.strerror or exc}).") from None
    finally:
        os.close(fd)
    if limit is not None and len(data) > limit:
        raise _too_large(shown, len(data), limit_mb, setting)
    return data


def file_sha256(path: Path | str, *, name: str = "") -> str:
    """The sha256 of a regular file, read a block at a time (never all of it in memory);
    the same refusals as `read_input` for links, pipes, devices and folders."""
    path = Path(path)
    shown = name or str(path)
    fd = _open_regular(path, shown)
    digest = hashlib.sha256()
    try:
        with open(fd, "rb", closefd=False) as fh:
            for block in iter(lambda: fh.read(MB), b""):
                digest.update(block)
    except OSError as exc:
        raise InputError(f"Cannot read {shown} ({exc.strerror or exc}).") from None
    finally:
        os.close(fd)
    return digest.hexdigest()


def path_text(path: Path | str) -> str:
    """A path as text any store, file or terminal can hold: a name of bytes that are not
    UTF-8 (which Python holds as lone surrogates) gets them written as \\xff."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def not_a_file(path: Path) -> str:
    """Why the workbench will not read what is at `path` ("" for a regular file): a link,
    a pipe, a device or a socket, or something it cannot look at. Never follows a link."""
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        return f"cannot be looked at ({exc.strerror or exc})"
    if path_text(path) != str(path):
        return "a name that is not UTF-8 text (rename it)"
    if stat.S_ISLNK(mode):
        return "a symbolic link (only files themselves are read)"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return ""
    kinds = {stat.S_ISFIFO: "a named pipe", stat.S_ISSOCK: "a socket"}
    kind = next((name for test, name in kinds.items() if test(mode)), "a device")
    return f"{kind}, not a regular file (reading it could wait or go on forever)"


def _open_regular(path: Path, shown: str) -> int:
    """A descriptor of the regular file at `path`, opened without following a final link and
    without blocking on a pipe; an InputError for anything else."""
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
        _check_kind(os.fstat(fd), shown)
    except BaseException:
        os.close(fd)
        raise
    return fd


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


def _too_large(shown: str, size: int, limit_mb: float | None, setting: str) -> InputError:
    advice = f", or {raise_hint(setting)}" if setting else ""
    return InputError(
        f"{shown} is {size / MB:.1f} MB, more than the {limit_mb:g} MB the workbench reads "
        f"from one file. If it holds several reports, split it into one file per report{advice}."
    )
