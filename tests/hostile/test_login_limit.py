"""Guessing passwords at the served login: a hundred guesses at once from one address, guesses
alternated with good logins to one's own account, and guesses at one account spread over
many addresses (the client binds 127.0.0.N, all loopback). Each way gets at most the limit
of tries (5 per address, 10 per account, in five minutes), then 429 with Retry-After.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from workbench.accounts import create_user
from workbench.config import load_settings
from workbench.ui import server

pytestmark = pytest.mark.timeout(300)

PASSWORD = "correct horse battery"


@pytest.fixture
def url(db, tmp_path):
    """A fresh server (so a fresh login limit) with the accounts amina, omar and karwan."""
    for name, role in (("amina", "reviewer"), ("omar", "viewer"), ("karwan", "reviewer")):
        create_user(db, name, PASSWORD, role)
    running = server.start(load_settings({"home": tmp_path}), db)
    yield running.url
    running.stop()


def login(url: str, name: str, password: str, source: str = "127.0.0.1") -> httpx.Response:
    transport = httpx.HTTPTransport(local_address=source)
    with httpx.Client(transport=transport, timeout=120) as client:
        return client.post(url + "login", data={"username": name, "password": password})


def test_a_hundred_guesses_at_once_from_one_address_get_five_tries(url):
    with ThreadPoolExecutor(max_workers=100) as pool:
        answers = list(pool.map(lambda i: login(url, "amina", f"guess {i}"), range(100)))
    statuses = [a.status_code for a in answers]
    assert statuses.count(400) == server.LOGIN_ATTEMPTS
    assert statuses.count(429) == 100 - server.LOGIN_ATTEMPTS
    assert all(int(a.headers["retry-after"]) > 0 for a in answers if a.status_code == 429)
    assert login(url, "amina", PASSWORD).status_code == 429  # the address waits


def test_good_logins_to_ones_own_account_give_no_extra_guesses(url):
    guesses, own = [], []
    for i in range(12):
        guesses.append(login(url, "amina", f"guess {i}").status_code)
        own.append(login(url, "omar", PASSWORD).status_code)
    assert guesses == [400] * 5 + [429] * 7
    assert own[:4] == [200] * 4 and set(own[5:]) == {429}


def test_one_account_guessed_from_many_addresses_gets_ten_tries(url):
    statuses = [
        login(url, "amina", f"guess {i}", source=f"127.0.0.{i}").status_code for i in range(2, 14)
    ]
    assert statuses == [400] * 10 + [429] * 2  # server.ACCOUNT_ATTEMPTS
    assert login(url, "karwan", PASSWORD, source="127.0.0.50").status_code == 200
    # The price of the limit: the account itself waits too, from anywhere.
    assert login(url, "amina", PASSWORD, source="127.0.0.51").status_code == 429


def test_a_good_login_forgives_ones_own_typos(url):
    source = "127.0.0.60"
    typos = [login(url, "omar", "typo", source=source).status_code for _ in range(4)]
    assert typos == [400] * 4 and login(url, "omar", PASSWORD, source=source).status_code == 200
    again = [login(url, "omar", "typo", source=source).status_code for _ in range(4)]
    assert again == [400] * 4


def test_twenty_colleagues_logging_in_at_once_from_one_office_all_get_in(url):
    """Places held by running checks are given back by the good ones: only failures lock."""
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda i: login(url, "amina", PASSWORD), range(20)))
    assert [a.status_code for a in answers] == [200] * 20
