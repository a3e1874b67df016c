import asyncio
import socket

import pytest

from workbench.errors import ConfigError, InputError
from workbench.ui.server import (
    LoginThrottle,
    ThrottledLogin,
    check_bind,
    check_port_free,
    is_loopback,
    url_of,
)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_a_non_loopback_host_needs_accounts():
    with pytest.raises(ConfigError, match="Refusing to serve on 0.0.0.0: there are no accounts"):
        check_bind("0.0.0.0", 0)
    check_bind("0.0.0.0", 1)
    check_bind("127.0.0.1", 0)


def test_a_taken_port_is_a_clear_error():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(InputError, match=f"Cannot listen on 127.0.0.1:{port}"):
            check_port_free("127.0.0.1", port)


@pytest.mark.parametrize(
    ("host", "url"), [("127.0.0.1", "http://127.0.0.1:7860/"), ("::1", "http://[::1]:7860/")]
)
def test_url_of(host, url):
    assert url_of(host, 7860) == url


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_throttle_locks_an_address_after_too_many_failures_then_lets_it_go():
    clock = Clock()
    throttle = LoginThrottle(attempts=3, window_s=60, clock=clock)
    for _ in range(3):
        assert throttle.wait("10.0.0.1") == 0
        throttle.failed("10.0.0.1")
        clock.now += 1
    assert throttle.wait("10.0.0.1") == pytest.approx(57)
    assert throttle.wait("10.0.0.2") == 0
    clock.now += 58
    assert throttle.wait("10.0.0.1") == 0


def test_a_good_login_clears_the_failures():
    throttle = LoginThrottle(attempts=2, window_s=60, clock=Clock())
    throttle.failed("a")
    throttle.succeeded("a")
    throttle.failed("a")
    assert throttle.wait("a") == 0


def test_the_middleware_answers_429_once_the_address_is_locked():
    throttle = LoginThrottle(attempts=2, window_s=60, clock=Clock())

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 400, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    middleware = ThrottledLogin(app, throttle)
    statuses = []

    async def send(message):
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    scope = {"type": "http", "method": "POST", "path": "/login", "client": ("10.1.1.1", 5)}
    for _ in range(3):
        asyncio.run(middleware(scope, None, send))
    assert statuses == [400, 400, 429]
    other = {**scope, "path": "/config"}
    asyncio.run(middleware(other, None, send))
    assert statuses[-1] == 400  # only logins are throttled
