"""Files only their owner can read: the data folder 0700, the files in it 0600, whatever the umask.

The store holds the reports people bring and the reviewers' password hashes; backups and logs
hold the same. So the workbench creates its folders with mode 0700 and its files with 0600
(set explicitly, so a permissive umask changes nothing), and on open it takes other users'
access away from a store an older version left readable. It only ever removes access (a file
its owner made read-only stays read-only), and it says so where it cannot (someone else owns
the file, or it lies on a read-only disk).
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

FOLDER_MODE = 0o700
FILE_MODE = 0o600
OTHERS = 0o077  # the group's and everyone else's permission bits


def private_folder(path: Path) -> Path:
    """Create the folder (and its parents) if needed, and make it the owner's alone."""
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    tighten(path)
    return path


def create_private(path: Path) -> bool:
    """Create an empty file with mode 0600 if there is none; True when this call created it."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    try:
        os.fchmod(fd, FILE_MODE)  # the umask may have taken bits off; never added any
    finally:
        os.close(fd)
    return True


def open_private(path: Path, mode: str = "wb") -> IO:
    """`open(path, mode)` for writing ("wb", "ab", "w", "a"), the file 0600 from its first byte."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    fd = os.open(path, flags, FILE_MODE)
    try:
        os.fchmod(fd, stat.S_IMODE(os.fstat(fd).st_mode) & ~OTHERS)
    except OSError:
        os.close(fd)
        raise
    return open(fd, mode, encoding=None if "b" in mode else "utf-8")


def write_private(path: Path, text: str) -> Path:
    """Write a text file only its owner can read."""
    with open_private(path, "w") as fh:
        fh.write(text)
    return path


def tighten(path: Path) -> None:
    """Take the group's and others' access to `path` away, if they have any; a warning in the
    log where that is not possible (not the owner, read-only disk)."""
    try:
        info = path.stat()
    except OSError:
        return
    mode = stat.S_IMODE(info.st_mode)
    if not mode & OTHERS:
        return
    if info.st_uid != os.geteuid() and os.geteuid() != 0:
        log.warning(
            "%s can be read by other users of this machine (mode %o); its owner can make it "
            "private with chmod go= %s",
            path,
            mode,
            path,
        )
        return
    try:
        os.chmod(path, mode & ~OTHERS)
    except OSError as exc:
        log.warning(
            "%s can be read by other users of this machine (mode %o) and could not be made "
            "private (%s)",
            path,
            mode,
            exc.strerror or exc,
        )
        return
    log.info("made %s private (mode %o, was %o)", path, mode & ~OTHERS, mode)
