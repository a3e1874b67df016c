"""The test suite's network guard: only loopback may be resolved or connected to.

Installed in the pytest process by conftest.py and in every Python subprocess through
`sitecustomize.py` (conftest puts this folder on PYTHONPATH). A blocked attempt raises
OSError in the offending code and is appended, with its stack, to the file named by
WORKBENCH_NETGUARD_LOG; conftest fails the test that caused it.

So that no process escapes it, every guarded process notes its pid in
WORKBENCH_NETGUARD_LOG + ".installed" (a test can ask whether the server it started is
guarded), and refuses, as a blocked attempt, to start a Python subprocess that would run
without the guard: one given an environment without this folder on PYTHONPATH, or run with
-I, -S or -E (which ignore PYTHONPATH or sitecustomize).
"""

from __future__ import annotations

import errno
import ipaddress
import json
import os
import shutil
import socket
import sys
import traceback

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
GUARD_DIR = os.path.dirname(os.path.abspath(__file__))
SPAWN_EVENTS = ("subprocess.Popen", "os.posix_spawn", "os.exec")
_original = {}


def is_loopback(host: object) -> bool:
    if host is None or host == "" or host == b"":
        return True  # bind to / connect to "any" on this machine
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.strip("[]").split("%")[0].lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _resolvable(host: object) -> bool:
    """Names that need no DNS: loopback names, this machine's own name, IP literals."""
    if is_loopback(host):
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    try:
        ipaddress.ip_address(host.strip("[]").split("%")[0])
        return True  # a literal: the connect that follows is checked
    except ValueError:
        pass
    try:
        return host.lower() == _original["gethostname"]().lower()
    except OSError:
        return False


def _report(kind: str, target: object) -> None:
    record = {
        "pid": os.getpid(),
        "argv": sys.argv[:4],
        "kind": kind,
        "target": repr(target),
        "stack": "".join(traceback.format_stack(limit=25)[:-2]),
    }
    log = os.environ.get("WORKBENCH_NETGUARD_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record) + "\n")
    raise OSError(errno.ENETUNREACH, f"blocked by the test network guard: {kind} {target!r}")


def _check_address(kind: str, sock: socket.socket, address: object) -> None:
    inet = sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple)
    if inet and not is_loopback(address[0]):
        _report(kind, address)


def _connect(self, address):
    _check_address("connect", self, address)
    return _original["connect"](self, address)


def _connect_ex(self, address):
    _check_address("connect", self, address)
    return _original["connect_ex"](self, address)


def _sendto(self, data, *args):
    _check_address("sendto", self, args[-1])
    return _original["sendto"](self, data, *args)


def _getaddrinfo(host, *args, **kwargs):
    if not _resolvable(host):
        _report("resolve", host)
    return _original["getaddrinfo"](host, *args, **kwargs)


def _gethostbyname(host):
    if not _resolvable(host):
        _report("resolve", host)
    return _original["gethostbyname"](host)


def _gethostbyname_ex(host):
    if not _resolvable(host):
        _report("resolve", host)
    return _original["gethostbyname_ex"](host)


def _audit(event: str, args: tuple) -> None:
    if event not in SPAWN_EVENTS:
        return
    program, argv, env = (args[0], args[1], args[3]) if event == "subprocess.Popen" else args
    argv = [argv] if isinstance(argv, str | bytes) else list(argv or [])
    if not argv or not _is_python(program or argv[0]):
        return
    words = [os.fsdecode(a) for a in argv]
    environment = (
        os.environ if env is None else {os.fsdecode(k): os.fsdecode(v) for k, v in env.items()}
    )
    guarded = GUARD_DIR in environment.get("PYTHONPATH", "").split(os.pathsep)
    if not guarded or _ignores_site(words):
        _report("unguarded-subprocess", " ".join(words)[:300])


def _is_python(program: object) -> bool:
    """A Python interpreter, or a script that runs one (a console script's #! line)."""
    path = os.fsdecode(program)
    if os.path.basename(path).startswith("python") or path == sys.executable:
        return True
    if os.sep not in path:
        path = shutil.which(path) or ""
    try:
        with open(path, "rb") as fh:
            first = fh.readline(200)
    except OSError:
        return False
    return first.startswith(b"#!") and b"python" in first


def _ignores_site(words: list[str]) -> bool:
    """-I, -S or -E before the script, -c or -m (alone or in a group such as -IS)."""
    for word in words[1:]:
        if word in ("-c", "-m") or not word.startswith("-") or word.startswith("--"):
            return False
        if set(word[1:]) & set("ISE"):
            return True
    return False


def _note_install() -> None:
    log = os.environ.get("WORKBENCH_NETGUARD_LOG")
    if log:
        with open(log + ".installed", "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"pid": os.getpid(), "argv": sys.argv[:4]}) + "\n")


def installed_pids() -> set[int]:
    """The pids of the processes that have installed the guard so far."""
    log = os.environ.get("WORKBENCH_NETGUARD_LOG")
    if not log or not os.path.exists(log + ".installed"):
        return set()
    with open(log + ".installed", encoding="utf-8") as fh:
        return {json.loads(line)["pid"] for line in fh if line.strip()}


def install() -> None:
    if _original:
        return
    for name in ("connect", "connect_ex", "sendto"):
        _original[name] = getattr(socket.socket, name)
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostname"):
        _original[name] = getattr(socket, name)
    socket.socket.connect = _connect
    socket.socket.connect_ex = _connect_ex
    socket.socket.sendto = _sendto
    socket.getaddrinfo = _getaddrinfo
    socket.gethostbyname = _gethostbyname
    socket.gethostbyname_ex = _gethostbyname_ex
    sys.addaudithook(_audit)
    _note_install()
