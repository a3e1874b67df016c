"""Accounts, beyond what tests/ui covers: passwords never stored as typed, the real server's
default login throttle, every change a viewer tries refused by the server through the API,
and a non-loopback bind without accounts refused whichever way the address is given."""

from __future__ import annotations

import httpx
import pytest

from tests.hostile.served import serve
from tests.review.samples import add_report
from workbench.accounts import create_user
from workbench.config import load_settings
from workbench.errors import ConfigError
from workbench.store import alignments, review, users
from workbench.store.db import open_database
from workbench.ui import server

pytestmark = pytest.mark.timeout(180)

PASSWORD = "correct horse battery"


def test_passwords_are_stored_as_salted_argon2id_hashes(cli, home):
    for name in ("amina", "karwan"):
        added = cli("users", "add", name, "--password", PASSWORD, "--role", "reviewer")
        assert added.code == 0, added.err
    db = open_database(home / "workbench.db")
    hashes = [users.password_hash(db, name) for name in ("amina", "karwan")]
    db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert hashes[0] != hashes[1]  # salted: the same password never gives the same hash
    stored = b"".join(p.read_bytes() for p in home.glob("workbench.db*"))
    assert PASSWORD.encode() not in stored
    listed = cli("users", "list")
    assert "amina" in listed.out and "$argon2" not in listed.out


@pytest.mark.slow
def test_the_served_login_locks_an_address_after_five_failures(cli, home, tmp_path):
    assert cli("users", "add", "amina", "--password", PASSWORD).code == 0
    served = serve(["serve"], home, tmp_path / "server.log")
    try:
        login = served.url + "login"
        wrong = [
            httpx.post(login, data={"username": "amina", "password": f"guess {i}"}).status_code
            for i in range(5)
        ]
        right = httpx.post(login, data={"username": "amina", "password": PASSWORD})
        unknown = httpx.post(login, data={"username": "nobody", "password": PASSWORD})
    finally:
        served.stop()
    assert wrong == [400] * 5
    assert right.status_code == 429 and "try again in" in right.json()["detail"]
    assert unknown.status_code == 429 and int(right.headers["retry-after"]) > 0


@pytest.fixture(scope="module")
def viewer_app(tmp_path_factory):
    from gradio_client import Client

    folder = tmp_path_factory.mktemp("viewer")
    db = open_database(folder / "ui.db")
    alignment = add_report(db, langs=("en", "ar", "ckb"))
    create_user(db, "amina", PASSWORD, "reviewer")
    create_user(db, "omar", PASSWORD, "viewer")
    running = server.start(load_settings({"home": folder}), db)
    amina = Client(running.url, auth=("amina", PASSWORD), verbose=False)
    beads = [b.id for b in alignments.current_beads(db, alignment.id)]
    amina.predict(alignment_id=alignment.id, bead_id=beads[0], text="mine", api_name="/comment")
    omar = Client(running.url, auth=("omar", PASSWORD), verbose=False)
    yield omar, db, alignment.id, beads
    omar.close()
    amina.close()
    running.stop()
    db.close()


CHANGES = {
    "accept": lambda a, b: {"alignment_id": a, "bead_id": b[0]},
    "edit": lambda a, b: {"alignment_id": a, "bead_id": b[0], "texts": {"ar": "نص"}},
    "flag": lambda a, b: {
        "alignment_id": a, "bead_id": b[0], "category": "omission", "severity": "minor",
    },
    "comment": lambda a, b: {"alignment_id": a, "bead_id": b[0], "text": "hello"},
    "split": lambda a, b: {"alignment_id": a, "bead_id": b[0], "keep": [1, 0, 0]},
    "merge": lambda a, b: {"alignment_id": a, "bead_id": b[0]},
    "unalign": lambda a, b: {"alignment_id": a, "bead_id": b[0]},
    "undo": lambda a, b: {"alignment_id": a},
    "align": lambda a, b: {"report": "Erbil water", "languages": ["en", "ar"]},
}  # fmt: skip


@pytest.mark.parametrize("endpoint", sorted(CHANGES))
def test_the_server_refuses_every_change_a_viewer_asks_for(endpoint, viewer_app):
    from gradio_client.exceptions import AppError

    omar, db, alignment_id, beads = viewer_app
    before = (len(review.events(db, alignment_id)), len(alignments.alignments_for_report(db, 1)))
    with pytest.raises(AppError, match="omar is a viewer and cannot change anything"):
        omar.predict(**CHANGES[endpoint](alignment_id, beads), api_name=f"/{endpoint}")
    after = (len(review.events(db, alignment_id)), len(alignments.alignments_for_report(db, 1)))
    assert after == before


@pytest.mark.parametrize(
    ("args", "env", "toml"),
    [
        (["serve", "--host", "0.0.0.0"], {}, ""),
        (["serve", "--host", "::"], {}, ""),
        (["serve", "--host", "192.168.1.20"], {}, ""),
        (["serve", "--host", "laptop.example.org"], {}, ""),
        (["serve", "--host", "0"], {}, ""),
        (["serve"], {"WORKBENCH_HOST": "0.0.0.0"}, ""),
        (["serve"], {}, 'host = "0.0.0.0"\n'),
        (["quickstart", "--corpus", "{corpus}"], {"WORKBENCH_HOST": "::"}, ""),
    ],
    ids=["all-ipv4", "all-ipv6", "lan", "name", "zero", "environment", "config-file", "quickstart"],
)
def test_a_non_loopback_bind_without_accounts_is_refused(args, env, toml, cli, home, tmp_path,
                                                         monkeypatch):  # fmt: skip
    corpus = tmp_path / "corpus" / "floods"
    corpus.mkdir(parents=True)
    (corpus / "floods.en.txt").write_text("Floods\n\nRain fell.\n", encoding="utf-8")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    if toml:
        (tmp_path / "workbench.toml").write_text(toml, encoding="utf-8")  # the working folder
    result = cli(*[a.replace("{corpus}", str(tmp_path / "corpus")) for a in args])
    assert result.code == 2 and "Traceback" not in result.err
    assert "Refusing to serve on" in result.err and "there are no accounts" in result.err
    assert "Loaded" not in result.out  # refused before any work, not after


def test_the_python_api_refuses_a_non_loopback_bind_without_accounts(db, tmp_path):
    with pytest.raises(ConfigError, match="Refusing to serve on ::"):
        server.start(load_settings({"home": tmp_path}), db, host="::")
