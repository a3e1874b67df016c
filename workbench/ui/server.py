"""Serving the UI: who may bind where, login throttling, and uvicorn.

Without accounts the UI has no login, so it is served on a loopback address only: anyone
who could reach it could otherwise change the reviews. With accounts, Gradio's login page
asks for a name and password (checked against the Argon2 hashes), and failed logins from one
address are throttled.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import math
import socket
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from workbench.config import Settings
from workbench.errors import ConfigError, InputError
from workbench.store import users
from workbench.store.db import Database

LOGIN_ATTEMPTS = 5  # failed logins allowed per address ...
LOGIN_WINDOW_S = 300.0  # ... within this many seconds
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


class LoginThrottle:
    """At most `attempts` failed logins per address in a sliding window of `window_s`."""

    def __init__(
        self,
        attempts: int = LOGIN_ATTEMPTS,
        window_s: float = LOGIN_WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.attempts, self.window_s, self._clock = attempts, window_s, clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def wait(self, key: str) -> float:
        """Seconds until `key` may try again (0: now)."""
        with self._lock:
            failures = self._recent(key)
            if len(failures) < self.attempts:
                return 0.0
            return max(0.0, failures[0] + self.window_s - self._clock())

    def failed(self, key: str) -> None:
        with self._lock:
            self._recent(key).append(self._clock())

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def _recent(self, key: str) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] <= self._clock() - self.window_s:
            failures.popleft()
        return failures


class ThrottledLogin:
    """ASGI middleware: answers 429 to an address with too many failed logins."""

    def __init__(self, app: Any, throttle: LoginThrottle):
        self.app, self.throttle = app, throttle

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if not _is_login(scope):
            await self.app(scope, receive, send)
            return
        key = (scope.get("client") or ("unknown",))[0]
        wait = self.throttle.wait(key)
        if wait > 0:
            await _too_many(send, wait)
            return

        async def watch(message: dict) -> None:
            if message["type"] == "http.response.start":
                if message["status"] == 200:
                    self.throttle.succeeded(key)
                elif message["status"] in (400, 401):
                    self.throttle.failed(key)
            await send(message)

        await self.app(scope, receive, watch)


def _is_login(scope: dict) -> bool:
    return (
        scope.get("type") == "http"
        and scope.get("method") == "POST"
        and scope.get("path", "").rstrip("/").endswith("/login")
    )


async def _too_many(send: Callable, wait: float) -> None:
    seconds = math.ceil(wait)
    body = json.dumps(
        {"detail": f"Too many failed logins from this address; try again in {seconds} s."}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 429,
            "headers": [
                (b"content-type", b"application/json"),
                (b"retry-after", str(seconds).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_server_app(settings: Settings, db: Database, *, throttle: LoginThrottle | None = None):
    """The web application: the Gradio UI mounted at / behind the login throttle."""
    import gradio as gr
    from fastapi import FastAPI

    from workbench.accounts import verify
    from workbench.ui.app import build_app, page_assets

    accounts = users.count_users(db) > 0
    blocks = build_app(settings, db, accounts=accounts)
    web = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    web.add_middleware(ThrottledLogin, throttle=throttle or LoginThrottle())

    async def check_password(name: str, password: str) -> bool:
        # Argon2 is slow on purpose: hash in a worker thread so logins never stall the server.
        import anyio.to_thread

        user = await anyio.to_thread.run_sync(verify, db, name, password)
        return user is not None

    return gr.mount_gradio_app(
        web,
        blocks,
        "/",
        auth=check_password if accounts else None,
        auth_message="Log in with your workbench account (an admin creates one with "
        "`workbench users add NAME`).",
        max_file_size=f"{settings.max_upload_mb}mb",
        footer_links=["api"],
        run_history=False,
        mcp_server=False,
        ssr_mode=False,
        show_error=True,
        **page_assets(),
    )


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
    check_port_free(host, port)
    web = create_server_app(settings, db, **extra)
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
