"""Output paths: "-" is standard output; what is no regular file is never renamed over."""

from __future__ import annotations

import os
import threading

import pytest

from workbench.errors import InputError
from workbench.outputs import open_output, write_output


def test_a_new_file_appears_whole(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    write_output(target, "سڵاو\n")
    assert target.read_text(encoding="utf-8") == "سڵاو\n"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]  # no partial file left


def test_dash_is_standard_output(capfdbinary):
    assert write_output("-", b"line\n") == "standard output"
    assert capfdbinary.readouterr().out == b"line\n"


def test_a_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), open_output(target) as fh:
        fh.write(b"half")
        raise RuntimeError
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_symlink_to_a_file_is_followed_and_kept(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_output(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"
    assert (real.stat().st_mode & 0o777) == 0o640  # a replaced file keeps its permissions


def test_a_symlink_to_a_character_device_is_written_in_place(tmp_path):
    """As `-o /dev/stdout` (a link to a terminal or pipe): never replaced by a file."""
    link = tmp_path / "stdout-like"
    link.symlink_to("/dev/null")
    write_output(link, "x" * 10)
    assert link.is_symlink()
    assert os.readlink(link) == "/dev/null"
    assert not os.path.isfile("/dev/null")


def test_a_fifo_is_written_in_place(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as fh:
            got.append(fh.read())

    reader = threading.Thread(target=read)
    reader.start()
    write_output(fifo, b"through the pipe")
    reader.join(10)
    assert got == [b"through the pipe"]
    assert not fifo.is_file()  # still a pipe


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        write_output(tmp_path, "x")


def test_a_socket_is_refused(tmp_path):
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(InputError, match="socket or a block device"):
            write_output(path, "x")


def test_dev_stdout_onto_a_pipe_is_written_in_place():
    """/dev/stdout -> /proc/self/fd/1 -> a pipe, which has no path to rename over."""
    import subprocess
    import sys

    code = "from workbench.outputs import write_output; write_output('/dev/stdout', 'piped\\n')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"piped\n"
    assert os.path.islink("/dev/stdout")
