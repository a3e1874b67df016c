"""DNS rebinding: a page on evil.example makes its own name resolve to 127.0.0.1, and the
browser then lets its scripts read the UI's answers, since to the browser they come from
evil.example. The only trace on the server is the Host header. Every route the server has
(found in the app, not listed by hand) is asked with foreign Host headers, without accounts
(where every visitor acts as the local admin) and logged in as a viewer, a reviewer and an
admin: each gets 421 before anything runs. The names the server serves still work.
"""

from __future__ import annotations

import httpx
import pytest

from tests.hostile.conftest import ROLES
from tests.hostile.queue_client import QueueClient, routes
from tests.hostile.served import serve
from tests.review.samples import add_report
from workbench.config import load_settings
from workbench.store import alignments, review
from workbench.store.db import open_database
from workbench.ui import server

pytestmark = pytest.mark.timeout(180)

FOREIGN = {
    "other-name": "evil.example",
    "other-name-with-port": "evil.example:{port}",
    "loopback-lookalike": "127.0.0.1.evil.example:{port}",
    "localhost-subdomain": "localhost.evil.example:{port}",
    "userinfo-trick": "127.0.0.1:{port}@evil.example",
    "empty": "",
}
OURS = ["127.0.0.1:{port}", "localhost:{port}", "LocalHost.:{port}", "[::1]:{port}"]
CONFIGURED = "review.example.org"


@pytest.fixture(scope="module")
def open_app(tmp_path_factory):
    """Served without accounts (loopback only, everyone the local admin)."""
    folder = tmp_path_factory.mktemp("open")
    db = open_database(folder / "ui.db")
    alignment = add_report(db)
    running = server.start(load_settings({"home": folder}), db)
    yield running, db, alignment
    running.stop()
    db.close()


def _port(url: str) -> int:
    return httpx.URL(url).port


def _asked_as(url: str, *hosts: str) -> list[httpx.Response]:
    """/config asked under each host name (with the server's port)."""
    port = _port(url)
    return [httpx.get(url + "config", headers={"Host": f"{host}:{port}"}) for host in hosts]


def _refused(client: httpx.Client, web, host: str) -> list[str]:
    """The routes that did not answer `host` with 421 (and the explanation)."""
    missed = []
    for method, path in routes(web):
        answer = client.request(method, path, headers={"Host": host})
        explained = method == "HEAD" or "does not answer to the host" in answer.text
        if answer.status_code != 421 or not explained:
            missed.append(f"{method} {path}: {answer.status_code}")
    return missed


@pytest.mark.parametrize("kind", sorted(FOREIGN))
def test_every_route_refuses_a_foreign_host_without_accounts(kind, open_app):
    running, db, _ = open_app
    host = FOREIGN[kind].format(port=_port(running.url))
    with httpx.Client(base_url=running.url) as client:
        assert _refused(client, running.server.config.app, host) == []


@pytest.mark.parametrize("kind", sorted(FOREIGN))
@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_route_refuses_a_foreign_host_to_a_logged_in_account(kind, role, served_app):
    host = FOREIGN[kind].format(port=_port(served_app.url))
    with served_app.client(role) as client:  # logged in under the right name: a cookie
        assert _refused(client.http, served_app.web, host) == []


def test_a_rebound_page_cannot_act_as_the_local_admin(open_app):
    """The attack itself: a queue call that would accept a bead, sent as evil.example."""
    running, db, alignment = open_app
    bead = alignments.current_beads(db, alignment.id)[0].id
    rebound = QueueClient(running.url)
    rebound.http.headers["Host"] = f"evil.example:{_port(running.url)}"
    accept = QueueClient(running.url).handler("accept")
    before = len(review.events(db, alignment.id))
    answer = rebound.http.post(
        "gradio_api/queue/join",
        json={"data": [alignment.id, bead], "fn_index": accept.fn_index, "session_hash": "x1"},
    )
    assert answer.status_code == 421
    assert len(review.events(db, alignment.id)) == before


def test_a_foreign_host_cannot_log_in_or_count_against_the_limit(served_app):
    port = _port(served_app.url)
    for _ in range(8):
        answer = httpx.post(
            served_app.url + "login",
            data={"username": "amina", "password": "guess"},
            headers={"Host": f"evil.example:{port}"},
        )
        assert answer.status_code == 421
    with served_app.client("reviewer") as amina:  # her own logins still work
        assert amina.http.get("config").status_code == 200


@pytest.mark.parametrize("host", OURS)
def test_the_names_the_server_serves_still_work(host, open_app):
    running, _, _ = open_app
    with httpx.Client(base_url=running.url) as client:
        answer = client.get("config", headers={"Host": host.format(port=_port(running.url))})
    assert answer.status_code == 200 and answer.json()["components"]


def test_a_name_in_allowed_hosts_is_served_and_others_still_refused(db, tmp_path):
    settings = load_settings({"home": tmp_path, "allowed_hosts": (CONFIGURED,)})
    running = server.start(settings, db)
    try:
        ours, other = _asked_as(running.url, CONFIGURED, "evil.example")
    finally:
        running.stop()
    assert ours.status_code == 200 and other.status_code == 421
    assert f"Open it as 127.0.0.1 or localhost or {CONFIGURED} instead" in other.json()["detail"]


def test_serve_answers_to_the_names_given_with_allowed_host(home, tmp_path):
    served = serve(["serve", "--allowed-host", CONFIGURED], home, tmp_path / "server.log")
    try:
        ours, other = _asked_as(served.url, CONFIGURED, "evil.example")
    finally:
        served.stop()
    assert ours.status_code == 200 and other.status_code == 421


def test_serve_refuses_an_allowed_host_that_is_not_a_name(cli):
    result = cli("serve", "--allowed-host", "http://review.example.org")
    assert result.code == 2 and "allowed_hosts holds 'http://review.example.org'" in result.err
