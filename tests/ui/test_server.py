import asyncio
import socket

import pytest

from workbench.errors import ConfigError, InputError
from workbench.ui.server import (
    AllowedHosts,
    HostCheck,
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


def fail(throttle, address, account):
    """One attempt that fails; returns its verdict."""
    verdict = throttle.begin(address, account)
    if verdict.attempt is not None:
        throttle.finish(verdict.attempt, succeeded=False)
    return verdict


def succeed(throttle, address, account):
    verdict = throttle.begin(address, account)
    if verdict.attempt is not None:
        throttle.finish(verdict.attempt, succeeded=True)
    return verdict


def test_throttle_locks_an_address_after_too_many_failures_then_lets_it_go():
    clock = Clock()
    throttle = LoginThrottle(attempts=3, window_s=60, clock=clock)
    for i in range(3):
        assert fail(throttle, "10.0.0.1", f"name{i}").attempt is not None
        clock.now += 1
    locked = throttle.begin("10.0.0.1", "name9")
    assert locked.attempt is None and locked.retry_after == pytest.approx(57)
    assert throttle.begin("10.0.0.2", "name9").attempt is not None
    clock.now += 58
    assert throttle.begin("10.0.0.1", "name9").attempt is not None


def test_an_attempt_counts_before_its_outcome_so_parallel_ones_cannot_all_go_ahead():
    throttle = LoginThrottle(attempts=5, window_s=60, clock=Clock())
    started = [throttle.begin("10.0.0.1", "amina") for _ in range(100)]  # none has finished
    running = [v.attempt for v in started if v.attempt is not None]
    assert len(running) == 5
    assert all(v.retry_after == 0 for v in started[5:])  # held back: ask again shortly
    for attempt in running:
        throttle.finish(attempt, succeeded=False)
    assert throttle.begin("10.0.0.1", "amina").retry_after == pytest.approx(60)


def test_running_logins_that_succeed_give_their_places_to_the_next():
    throttle = LoginThrottle(attempts=2, window_s=60, clock=Clock())
    first = [throttle.begin("office", f"reviewer{i}").attempt for i in range(2)]
    assert throttle.begin("office", "reviewer2").attempt is None
    for attempt in first:
        throttle.finish(attempt, succeeded=True)
    assert throttle.begin("office", "reviewer2").attempt is not None


def test_a_good_login_takes_back_only_its_own_accounts_failures():
    throttle = LoginThrottle(attempts=3, window_s=60, clock=Clock())
    for _ in range(2):
        fail(throttle, "a", "victim")
        assert succeed(throttle, "a", "mine").attempt is not None
    fail(throttle, "a", "victim")  # the third guess: the good logins between gave none back
    assert throttle.begin("a", "mine").retry_after > 0
    assert throttle.begin("b", "mine").attempt is not None


def test_a_good_login_forgives_its_own_typos():
    throttle = LoginThrottle(attempts=3, window_s=60, clock=Clock())
    fail(throttle, "a", "mine")
    fail(throttle, "a", "mine")
    succeed(throttle, "a", "mine")
    assert [fail(throttle, "a", "mine").attempt is not None for _ in range(3)] == [True] * 3


def test_an_account_is_limited_whichever_addresses_guess():
    throttle = LoginThrottle(attempts=3, window_s=60, clock=Clock(), account_attempts=4)
    assert all(fail(throttle, f"10.0.0.{i}", "amina").attempt for i in range(4))
    assert throttle.begin("10.0.0.9", "amina").retry_after > 0
    assert throttle.begin("10.0.0.9", "karwan").attempt is not None


def test_expired_attempts_are_forgotten_everywhere():
    clock = Clock()
    throttle = LoginThrottle(attempts=2, window_s=60, clock=clock)
    for i in range(50):
        fail(throttle, f"10.0.{i}.1", f"name{i}")
    clock.now += 61
    fail(throttle, "10.9.9.9", "x")
    assert len(throttle._all) == 1  # noqa: SLF001  (no memory kept for old attempts)
    assert set(throttle._by_address) == {"10.9.9.9"}  # noqa: SLF001


def _login_app(status):
    seen = []

    async def app(scope, receive, send):
        message = await receive()
        seen.append(message["body"])  # the form reaches the app whole, though it was read
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    return app, seen


def _post(
    middleware, body, client="10.1.1.1", path="/login", kind=b"application/x-www-form-urlencoded"
):
    answers = []

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            answers.append(message)

    scope = {
        "type": "http", "method": "POST", "path": path, "client": (client, 5),
        "headers": [(b"content-type", kind)],
    }  # fmt: skip
    asyncio.run(middleware(scope, receive, send))
    return answers[0]


def test_the_middleware_answers_429_with_retry_after_once_the_address_is_locked():
    app, seen = _login_app(400)
    middleware = ThrottledLogin(app, LoginThrottle(attempts=2, window_s=60, clock=Clock()))
    statuses = [_post(middleware, b"username=amina&password=x")["status"] for _ in range(3)]
    assert statuses == [400, 400, 429]
    assert seen == [b"username=amina&password=x"] * 2
    locked = _post(middleware, b"username=amina&password=x")
    assert dict(locked["headers"])[b"retry-after"] == b"60"
    assert _post(middleware, b"", path="/config")["status"] == 400  # only logins are throttled


def test_the_middleware_reads_the_account_from_either_form_encoding():
    app, _ = _login_app(400)
    throttle = LoginThrottle(attempts=9, window_s=60, clock=Clock(), account_attempts=2)
    middleware = ThrottledLogin(app, throttle)
    multipart = (
        b'--b\r\nContent-Disposition: form-data; name="username"\r\n\r\n Amina \r\n'
        b'--b\r\nContent-Disposition: form-data; name="password"\r\n\r\nx\r\n--b--\r\n'
    )
    _post(middleware, multipart, client="1.1.1.1", kind=b"multipart/form-data; boundary=b")
    _post(middleware, b"username=amina&password=y", client="2.2.2.2")
    assert _post(middleware, b"username=AMINA&password=z", client="3.3.3.3")["status"] == 429


def test_the_middleware_refuses_a_login_form_too_large_to_be_one():
    app, seen = _login_app(200)
    middleware = ThrottledLogin(app, LoginThrottle(clock=Clock()))
    assert _post(middleware, b"username=" + b"a" * 70_000)["status"] == 413 and seen == []


@pytest.mark.parametrize(
    ("bound", "configured", "header", "allowed"),
    [
        ("127.0.0.1", (), "127.0.0.1:7860", True),
        ("127.0.0.1", (), "localhost:7860", True),
        ("127.0.0.1", (), "LOCALHOST.", True),
        ("127.0.0.1", (), "[::1]:7860", True),
        ("127.0.0.1", (), "127.0.0.2", True),
        ("127.0.0.1", (), "evil.example:7860", False),
        ("127.0.0.1", (), "localhost.evil.example", False),
        ("127.0.0.1", (), "127.0.0.1.evil.example", False),
        ("127.0.0.1", (), "127.0.0.1:80@evil.example", False),
        ("127.0.0.1", (), "", False),
        ("127.0.0.1", (), None, False),
        ("127.0.0.1", ("review.example.org",), "Review.Example.org:443", True),
        ("::1", (), "[::1]:7860", True),
        ("::1", (), "[0:0::1]", True),
        ("192.168.1.20", (), "192.168.1.20:7860", True),
        ("192.168.1.20", (), "192.168.1.21", False),
        ("192.168.1.20", (), "localhost", False),
        ("0.0.0.0", (), "192.168.1.21:7860", True),  # an address cannot be rebound
        ("0.0.0.0", (), "[fe80::1]:7860", True),
        ("0.0.0.0", (), "localhost", True),
        ("0.0.0.0", (), "laptop.lan", False),
        ("0.0.0.0", ("laptop.lan",), "laptop.lan:7860", True),
        ("laptop.example.org", (), "laptop.example.org", True),
        ("laptop.example.org", (), "other.example.org", False),
    ],
)
def test_allowed_hosts(bound, configured, header, allowed):
    assert AllowedHosts.serving(bound, configured).allows(header) is allowed


@pytest.mark.parametrize("entry", ["http://review.example.org", "review.example.org:80", "a b", ""])
def test_an_allowed_host_that_is_not_a_name_is_a_config_error(entry):
    with pytest.raises(ConfigError, match="allowed_hosts holds .* which is not a host name"):
        AllowedHosts.serving("127.0.0.1", [entry])


def test_the_host_check_answers_421_and_never_calls_the_app():
    called = []

    async def app(scope, receive, send):
        called.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    check = HostCheck(app, AllowedHosts.serving("127.0.0.1"))
    answers = []

    async def send(message):
        answers.append(message)

    for host in (b"evil.example:7860", b"127.0.0.1:7860"):
        scope = {"type": "http", "method": "GET", "path": "/config", "headers": [(b"host", host)]}
        asyncio.run(check(scope, None, send))
    assert called == ["/config"]
    assert answers[0]["status"] == 421
    assert b"does not answer to the host 'evil.example:7860'" in answers[1]["body"]
    asyncio.run(check({"type": "websocket", "path": "/ws", "headers": []}, None, send))
    assert answers[-1] == {"type": "websocket.close", "code": 1008}
