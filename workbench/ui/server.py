"""Serving the UI: who may bind where, which host names it answers to, login limits, uvicorn.

Without accounts the UI has no login, so it is served on a loopback address only: anyone
who could reach it could otherwise change the reviews. With accounts, Gradio's login page
asks for a name and password (checked against the Argon2 hashes), and login attempts are
limited per address and per account (`LoginThrottle`). Every request must name a host the
server serves (`HostCheck`), so a page elsewhere cannot reach it by DNS rebinding.
docs/security.md says what each defence does and why.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import math
import re
import socket
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.config import Settings
from workbench.errors import ConfigError, InputError
from workbench.store import users
from workbench.store.db import Database

LOGIN_ATTEMPTS = 5  # failed logins allowed per address ...
ACCOUNT_ATTEMPTS = 10  # ... and per account (from any addresses) ...
LOGIN_WINDOW_S = 300.0  # ... within this many seconds
LOGIN_BODY_LIMIT = 64 * 1024  # a login form is a name and a password
LOGIN_QUEUE_S = 30.0  # how long a login waits for a place while others' checks run
GRACEFUL_STOP_S = 3  # open browser connections never keep a stopping server alive longer


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and "localhost" (names are not resolved: nothing leaves)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, accounts: int) -> None:
    """Refuse a non-loopback address while there are no accounts."""
    if not is_loopback(host) and accounts == 0:
        raise ConfigError(
            f"Refusing to serve on {host}: there are no accounts, so anyone who can reach it "
            "could change the reviews. Add one first (`workbench users add NAME --role admin`) "
            "or serve on 127.0.0.1."
        )


def check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise InputError(
                f"Cannot listen on {host}:{port} ({exc.strerror}): another program (perhaps "
                "another workbench) uses it. Pass --port with a free port."
            ) from None


WILDCARDS = ("", "0.0.0.0", "::")
_HOST_HEADER = re.compile(r"(?:\[(?P<ip6>[0-9a-f:.]+)\]|(?P<name>[a-z0-9_.-]+))(?::\d{1,5})?")


def host_in_header(header: str) -> str | None:
    """The host a Host header names (lower case, no port, no trailing dot); None if it is
    not a host name or address."""
    found = _HOST_HEADER.fullmatch(header.strip().lower())
    if not found:
        return None
    return found["ip6"] or found["name"].rstrip(".") or None


@dataclass(frozen=True)
class AllowedHosts:
    """The names a request's Host header may give, so that a page elsewhere cannot reach the
    server under a name of its own (DNS rebinding): the address the server listens on; on a
    loopback address also `localhost` and every loopback address; on every address (0.0.0.0,
    ::) those and any IP address, since an address cannot be rebound; and the names in the
    `allowed_hosts` setting."""

    names: frozenset[str]
    any_address: bool = False
    loopback: bool = False

    @classmethod
    def serving(cls, bound: str, configured: Sequence[str] = ()) -> AllowedHosts:
        everywhere = bound.strip("[]") in WILDCARDS
        loopback = everywhere or is_loopback(bound)
        names = {_canonical(bound), *map(_configured_host, configured)}
        if loopback:
            names.add("localhost")
        return cls(frozenset(names), any_address=everywhere, loopback=loopback)

    def allows(self, header: str | None) -> bool:
        name = host_in_header(header or "")
        if name is None:
            return False
        address = _ip(name)
        if address is not None and (self.any_address or (self.loopback and address.is_loopback)):
            return True
        return _canonical(name) in self.names

    def shown(self) -> str:
        return " or ".join(sorted(self.names - {""}))


def _configured_host(entry: str) -> str:
    name = host_in_header(entry)
    if name is None or _canonical(name) != _canonical(entry.strip().strip("[]")):
        raise ConfigError(
            f"allowed_hosts holds {entry!r}, which is not a host name: give names such as "
            "review.example.org (no scheme, port or path)."
        )
    return _canonical(name)


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None


def _canonical(host: str) -> str:
    address = _ip(host)
    return str(address) if address is not None else host.strip().lower().rstrip(".")


class HostCheck:
    """ASGI middleware: a request whose Host header is not one of `AllowedHosts` gets 421 and
    never reaches the UI (every route: pages, /config, the queue, login, files)."""

    def __init__(self, app: Any, hosts: AllowedHosts):
        self.app, self.hosts = app, hosts

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] not in ("http", "websocket") or self.hosts.allows(_header(scope, b"host")):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        asked = (_header(scope, b"host") or "")[:100]
        detail = (
            f"This server does not answer to the host {asked!r} (a page elsewhere may be trying "
            f"to reach it). Open it as {self.hosts.shown()} instead, or add the name to "
            "allowed_hosts (workbench.toml, WORKBENCH_ALLOWED_HOSTS or serve --allowed-host)."
        )
        await _answer(send, 421, detail)


def _header(scope: dict, name: bytes) -> str | None:
    for key, value in scope.get("headers") or ():
        if key.lower() == name:
            return value.decode("latin-1")
    return None


@dataclass
class Attempt:
    """One login attempt: counted as failed from the moment it starts, unless it succeeds."""

    at: float
    address: str
    account: str
    settled: bool = False  # its password check failed (not merely still running)


@dataclass(frozen=True)
class Verdict:
    """What the throttle says to a new attempt: go ahead (`attempt`, now counted), wait
    `retry_after` seconds (failures fill the limit), or neither: attempts still running fill
    it, so ask again in a moment (the good ones among them give their places back)."""

    attempt: Attempt | None = None
    retry_after: float = 0.0


class LoginThrottle:
    """Login attempts within a sliding window of `window_s`, per address and per account.

    An attempt counts from the moment it starts (`begin`), before the slow password check, so
    a hundred parallel guesses cannot all slip in under the limit: at most `attempts` run or
    have failed at a time. A good login (`finish`) takes back its own attempt and its
    account's earlier failures from that address, and nothing else: another account's
    failures stay counted, so alternating with one's own account gives no extra guesses. The
    per-account limit stops guessing one password from many addresses (and, as everywhere,
    can lock that account out for a window).
    """

    def __init__(
        self,
        attempts: int = LOGIN_ATTEMPTS,
        window_s: float = LOGIN_WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
        *,
        account_attempts: int = ACCOUNT_ATTEMPTS,
    ):
        self.attempts, self.account_attempts = attempts, account_attempts
        self.window_s, self._clock = window_s, clock
        self._all: deque[Attempt] = deque()  # oldest first, for expiry
        self._by_address: dict[str, list[Attempt]] = defaultdict(list)
        self._by_account: dict[str, list[Attempt]] = defaultdict(list)
        self._lock = threading.Lock()

    def begin(self, address: str, account: str) -> Verdict:
        with self._lock:
            now = self._clock()
            self._expire(now)
            counted = [
                (self._by_address.get(address, []), self.attempts),
                (self._by_account.get(account, []), self.account_attempts),
            ]
            if all(len(attempts) < limit for attempts, limit in counted):
                attempt = Attempt(now, address, account)
                self._all.append(attempt)
                self._by_address[address].append(attempt)
                self._by_account[account].append(attempt)
                return Verdict(attempt)
            return Verdict(retry_after=max(self._wait(a, limit, now) for a, limit in counted))

    def finish(self, attempt: Attempt, succeeded: bool) -> None:
        """A good login forgets its account's attempts from its address (only those); a
        failed one stays counted for the window."""
        with self._lock:
            if not succeeded:
                attempt.settled = True
                return
            mine = self._by_address.get(attempt.address, [])
            for earlier in [a for a in mine if a.account == attempt.account]:
                self._forget(earlier)

    def _wait(self, attempts: list[Attempt], limit: int, now: float) -> float:
        """Until enough failures expire to let one more in (0: only running attempts)."""
        failed = [a for a in attempts if a.settled]
        if len(failed) < limit:
            return 0.0
        return max(0.0, failed[len(failed) - limit].at + self.window_s - now)

    def _expire(self, now: float) -> None:
        while self._all and self._all[0].at <= now - self.window_s:
            self._forget(self._all.popleft())

    def _forget(self, attempt: Attempt) -> None:
        indexes = ((self._by_address, attempt.address), (self._by_account, attempt.account))
        for index, key in indexes:
            kept = [a for a in index.get(key, []) if a is not attempt]
            if kept:
                index[key] = kept
            else:
                index.pop(key, None)


class ThrottledLogin:
    """ASGI middleware: counts each login attempt (`LoginThrottle.begin`) before the password
    is checked, answers 429 to an address or account whose failures fill its limit, and holds
    an attempt back for a moment while running ones fill it."""

    def __init__(self, app: Any, throttle: LoginThrottle):
        self.app, self.throttle = app, throttle

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if not _is_login(scope):
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive, LOGIN_BODY_LIMIT)
        if body is None:
            await _answer(send, 413, "A login form is a name and a password; this is not one.")
            return
        address = (scope.get("client") or ("unknown",))[0]
        verdict = await self._admitted(address, await _login_name(scope, body))
        if verdict.attempt is None:
            await _too_many(send, verdict.retry_after)
            return
        succeeded = False

        async def watch(message: dict) -> None:
            nonlocal succeeded
            if message["type"] == "http.response.start":
                succeeded = message["status"] == 200
            await send(message)

        try:
            await self.app(scope, _replay(body, receive), watch)
        finally:
            self.throttle.finish(verdict.attempt, succeeded)

    async def _admitted(self, address: str, account: str) -> Verdict:
        deadline = time.monotonic() + LOGIN_QUEUE_S
        while True:
            verdict = self.throttle.begin(address, account)
            if verdict.attempt is not None or verdict.retry_after > 0:
                return verdict
            if time.monotonic() > deadline:
                return Verdict(retry_after=1.0)
            await asyncio.sleep(0.05)  # attempts still running: theirs may free a place


def _is_login(scope: dict) -> bool:
    return (
        scope.get("type") == "http"
        and scope.get("method") == "POST"
        and scope.get("path", "").rstrip("/").endswith("/login")
    )


async def _read_body(receive: Callable, limit: int) -> bytes | None:
    """The request's body, or None when it is larger than `limit` bytes."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        size += len(chunks[-1])
        if size > limit:
            return None
        if not message.get("more_body"):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Callable) -> Callable:
    """A `receive` that hands the app the body read already, then the client's own events."""
    sent = False

    async def replay() -> dict:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _login_name(scope: dict, body: bytes) -> str:
    """The account a login form names, as Gradio reads it (case folded: the throttle's key)."""
    from starlette.exceptions import HTTPException
    from starlette.formparsers import MultiPartException
    from starlette.requests import Request

    try:
        async with Request(scope, _replay(body, _nothing)).form() as form:
            name = form.get("username")
    except (HTTPException, MultiPartException, ValueError):
        return ""
    return name.strip().casefold() if isinstance(name, str) else ""


async def _nothing() -> dict:
    return {"type": "http.disconnect"}


async def _too_many(send: Callable, wait: float) -> None:
    seconds = math.ceil(wait)
    detail = (
        f"Too many failed logins from this address or for this account; try again in {seconds} s."
    )
    await _answer(send, 429, detail, [(b"retry-after", str(seconds).encode())])


async def _answer(
    send: Callable, status: int, detail: str, headers: Sequence[tuple[bytes, bytes]] = ()
) -> None:
    """A JSON error answer {"detail": ...}, as FastAPI gives."""
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"x-content-type-options", b"nosniff"),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": json.dumps({"detail": detail}).encode()})


def create_server_app(
    settings: Settings,
    db: Database,
    *,
    host: str | None = None,
    throttle: LoginThrottle | None = None,
):
    """The web application: the Gradio UI mounted at /, behind the Host check (for the
    address it is served on, `host`, default the settings') and the login throttle."""
    import gradio as gr
    from fastapi import FastAPI

    from workbench.accounts import verify
    from workbench.ui import sessions
    from workbench.ui.app import build_app, page_assets

    hosts = AllowedHosts.serving(host or settings.host, settings.allowed_hosts)
    accounts = users.count_users(db) > 0
    blocks = build_app(settings, db, accounts=accounts)
    web = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    web.add_middleware(ThrottledLogin, throttle=throttle or LoginThrottle())
    web.add_middleware(HostCheck, hosts=hosts)  # added last: runs first, on every request

    async def check_password(name: str, password: str) -> bool:
        # Argon2 is slow on purpose: hash in a worker thread so logins never stall the server.
        import anyio.to_thread

        user = await anyio.to_thread.run_sync(verify, db, name, password)
        return user is not None

    mounted = gr.mount_gradio_app(
        web,
        blocks,
        "/",
        auth=check_password if accounts else None,
        auth_message="Log in with your workbench account (an admin creates one with "
        "`workbench users add NAME`).",
        max_file_size=f"{settings.max_upload_mb}mb",
        allowed_paths=[str(blocks.workbench_context.exports)],  # exports, quality reports
        footer_links=["api"],
        run_history=False,
        mcp_server=False,
        ssr_mode=False,
        show_error=True,
        **page_assets(),
    )
    # Gradio checks that a file an event receives came through its upload folder only once
    # `launch()` has set this; mounting never does. (app.UploadsOnly checks either way.)
    blocks.has_launched = True
    sessions.install(mounted, blocks)  # an API call no longer makes every component's config
    return mounted


@dataclass
class Running:
    """A server started in a thread (tests, benchmarks): its URL, and how to stop it."""

    url: str
    server: Any
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def _stopped_connection(record: logging.LogRecord) -> bool:
    """False for the tracebacks of connections cut by stopping the server (browser tabs and
    API clients still open then): they are not errors, and would fill the log."""
    return not (record.exc_info and record.exc_info[0] is asyncio.CancelledError)


def _uvicorn_server(settings: Settings, db: Database, host: str, port: int, **extra: Any):
    import uvicorn

    logging.getLogger("uvicorn.error").addFilter(_stopped_connection)
    check_bind(host, users.count_users(db))
    AllowedHosts.serving(host, settings.allowed_hosts)  # a wrong name: refused before binding
    check_port_free(host, port)
    web = create_server_app(settings, db, host=host, **extra)
    config = uvicorn.Config(
        web,
        host=host,
        port=port,
        log_level="warning",
        log_config=None,  # uvicorn's records go to the workbench's private formatter
        access_log=False,
        timeout_graceful_shutdown=GRACEFUL_STOP_S,
    )
    return uvicorn.Server(config)


def url_of(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def start(
    settings: Settings, db: Database, host: str = "127.0.0.1", port: int = 0, **extra: Any
) -> Running:
    """Serve in a background thread; port 0 picks a free one."""
    port = port or free_port(host)
    server = _uvicorn_server(settings, db, host, port, **extra)
    thread = threading.Thread(target=server.run, name="workbench-ui", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise InputError(f"The UI did not start on {host}:{port}; see the log above.")
        time.sleep(0.02)
    return Running(url_of(host, port), server, thread)


def serve(
    settings: Settings,
    db: Database,
    host: str,
    port: int,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve until interrupted (Ctrl+C)."""
    server = _uvicorn_server(settings, db, host, port)
    if on_ready is not None:
        original = server.startup

        async def startup(*args: Any, **kwargs: Any) -> None:
            await original(*args, **kwargs)
            if server.started:
                on_ready(url_of(host, port))

        server.startup = startup
    server.run()


def free_port(host: str = "127.0.0.1") -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]
