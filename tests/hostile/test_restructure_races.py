"""Reviewers reshaping the same bead at the same moment, in threads and in processes, against
one database file: exactly one of them wins, the others are told someone was first, no
sentence ever sits in two current beads, and nothing a reviewer did is lost on the way.

Each client first reads what it needs (which bead comes next, which sentences it holds), as
the UI does; the race is widened on purpose by holding every client at the door of the write
until all have read (`_held_at_the_write`), so the test does not depend on luck.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.review.samples import add_report
from workbench.errors import Conflict, NotFound
from workbench.records import User
from workbench.review import actions
from workbench.store import alignments, review
from workbench.store.db import check, open_database

AMINA, KARWAN, SHILAN = (
    User("amina", "reviewer"),
    User("karwan", "reviewer"),
    User("shilan", "reviewer"),
)
REFUSED = (Conflict, NotFound)


def _sentences_once(db, alignment_id):
    """Every sentence of every column in exactly one current bead."""
    seen: dict[tuple[int, int], int] = {}
    for bead in alignments.current_beads(db, alignment_id):
        for column, indices in enumerate(bead.segments):
            for i in indices:
                assert (column, i) not in seen, f"sentence {i} of column {column} twice"
                seen[column, i] = bead.id
    return seen


def _held_at_the_write(monkeypatch, parties: int) -> None:
    """Every restructuring waits until `parties` clients have read and reached the write."""
    barrier = threading.Barrier(parties, timeout=20)
    real = alignments.restructure

    def held(*args, **kwargs):
        barrier.wait()
        return real(*args, **kwargs)

    monkeypatch.setattr(alignments, "restructure", held)


def _race(jobs):
    """Run the callables at once; return (results, errors) in order."""
    results, errors = [None] * len(jobs), [None] * len(jobs)

    def run(i, job):
        try:
            results[i] = job()
        except Exception as exc:  # collected and checked by the test
            errors[i] = exc

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results, errors


@pytest.fixture
def shared(tmp_path):
    """A 2,000-bead report in a database file of its own, shared by threads."""
    db = open_database(tmp_path / "shared.db")
    alignment = add_report(db, repeat=400)
    yield db, alignment
    db.close()


def test_three_reviewers_merging_one_bead_at_once_one_wins(shared, monkeypatch):
    db, alignment = shared
    bead = alignment.beads[100].id
    _held_at_the_write(monkeypatch, 3)
    results, errors = _race(
        [
            lambda u=u: actions.merge_with_next(db, u, alignment.id, bead)
            for u in (AMINA, KARWAN, SHILAN)
        ]
    )
    assert sum(r is not None for r in results) == 1, errors
    assert all(isinstance(e, REFUSED) for e in errors if e is not None), errors
    assert "reload the report" in str(next(e for e in errors if e is not None)).lower()
    _sentences_once(db, alignment.id)
    assert len(alignments.current_beads(db, alignment.id)) == 1999
    assert check(db) == []


def test_split_merge_and_unalign_of_one_bead_at_once_one_wins(shared, monkeypatch):
    db, alignment = shared
    first, second = alignment.beads[10].id, alignment.beads[11].id
    joined = actions.merge_with_next(db, AMINA, alignment.id, first)
    merged = next(
        b.id for b in alignments.current_beads(db, alignment.id) if b.segments[0] == (10, 11)
    )
    assert joined.after["retire"] == [first, second]
    _held_at_the_write(monkeypatch, 3)
    results, errors = _race(
        [
            lambda: actions.split(db, AMINA, alignment.id, merged, [1, 1, 1]),
            lambda: actions.merge_with_next(db, KARWAN, alignment.id, merged),
            lambda: actions.unalign(db, SHILAN, alignment.id, merged),
        ]
    )
    assert sum(r is not None for r in results) == 1, errors
    assert all(isinstance(e, REFUSED) for e in errors if e is not None), errors
    _sentences_once(db, alignment.id)
    assert check(db) == []


def test_a_flag_racing_a_merge_is_never_lost(shared, monkeypatch):
    """The flag's check and its write are one transaction: it lands before the merge (and is
    carried onto the merged bead) or is refused; never on a bead the merge just retired."""
    db, alignment = shared
    x = alignment.beads[5].id
    checked, merged = threading.Event(), threading.Event()
    real = actions.beads.current_bead

    def slow_check(*args, **kwargs):
        found = real(*args, **kwargs)
        if threading.current_thread().name == "flagger":
            checked.set()
            merged.wait(2)  # the merge goes first if the flag's check let it
        return found

    monkeypatch.setattr(actions.beads, "current_bead", slow_check)
    outcome: dict = {}

    def flagger():
        try:
            outcome["flag"] = actions.flag(db, KARWAN, alignment.id, x, "omission", "major", "typo")
        except Exception as exc:
            outcome["flag"] = exc

    thread = threading.Thread(target=flagger, name="flagger")
    thread.start()
    checked.wait(10)
    actions.merge_with_next(db, AMINA, alignment.id, x)
    merged.set()
    thread.join(30)
    now = next(b for b in alignments.current_beads(db, alignment.id) if 5 in b.segments[0])
    flags = review.alignment_state(db, alignment.id).beads.get(now.id)
    if isinstance(outcome["flag"], Exception):
        assert isinstance(outcome["flag"], REFUSED), outcome
    else:
        assert flags is not None and flags.flags[0]["comment"] == "typo"
        assert now.status == "flagged"


WRITER = """
import sys, time
from pathlib import Path
from workbench.records import User
from workbench.store import alignments
from workbench.store.db import open_database
from workbench.review import actions

path, who, action, bead, door, parties = sys.argv[1:7]
db = open_database(path)
real = alignments.restructure
def held(*args, **kwargs):  # every process has read; all write at once
    (Path(door) / who).touch()
    deadline = time.monotonic() + 30
    while len(list(Path(door).iterdir())) < int(parties) and time.monotonic() < deadline:
        time.sleep(0.005)
    return real(*args, **kwargs)
alignments.restructure = held
user = User(who, "reviewer")
try:
    if action == "merge":
        actions.merge_with_next(db, user, 1, int(bead))
    elif action == "split":
        actions.split(db, user, 1, int(bead), [1, 1, 1])
    else:
        actions.unalign(db, user, 1, int(bead))
    print("done")
except Exception as exc:
    print(type(exc).__name__, exc)
"""


@pytest.mark.parametrize(
    "moves",
    [("merge", "merge", "merge"), ("merge", "unalign", "merge"), ("split", "merge", "unalign")],
    ids="-".join,
)
def test_processes_reshaping_one_bead_at_once_one_wins(tmp_path, moves):
    path = tmp_path / "shared.db"
    db = open_database(path)
    alignment = add_report(db, repeat=400)
    assert alignment.id == 1
    bead = alignment.beads[200].id
    if "split" in moves:
        actions.merge_with_next(db, AMINA, 1, bead)
        bead = next(b.id for b in alignments.current_beads(db, 1) if b.segments[0] == (200, 201))
    db.close()
    door = tmp_path / "door"
    door.mkdir()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), f"r{i}", move, str(bead), str(door), "3"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, move in enumerate(moves)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    said = [out.strip() for out, _ in outputs]
    assert [p.returncode for p in procs] == [0, 0, 0], outputs
    assert said.count("done") == 1, said
    assert all(s == "done" or s.startswith(("Conflict", "NotFound")) for s in said), said
    db = open_database(path)
    _sentences_once(db, 1)
    assert check(db) == []
    db.close()


def test_db_check_names_a_sentence_in_two_current_beads(tmp_path, cli):
    """What the race used to leave: two merges of the same beads both in effect."""
    path = Path(tmp_path / "raced.db")
    db = open_database(path)
    alignment = add_report(db)
    x, y = alignment.beads[1].id, alignment.beads[2].id
    for who in ("amina", "karwan"):  # as two racing merges wrote them, each seeing x, y current
        db.write(lambda conn, who=who: _raw_merge(conn, alignment.id, who, x, y))
    problems = check(db)
    db.close()
    assert problems and "sentence 1 of column 0 is in current beads" in problems[0]
    result = cli("--database", str(path), "db", "check")
    assert result.code != 0
    assert "sentence 1 of column 0 is in current beads" in result.err
    assert "merge the beads that share it" in result.err


def _raw_merge(conn, alignment_id, user, x, y):
    cur = conn.execute(
        "INSERT INTO review_event (alignment_id, bead_id, user, action, before, after, created_at)"
        " VALUES (?, ?, ?, 'merge', '{}', ?, '2024-01-01')",
        (alignment_id, x, user, f'{{"retire": [{x}, {y}]}}'),
    )
    conn.execute(
        "INSERT INTO bead (alignment_id, position, segments, created_by_event) VALUES (?, ?, ?, ?)",
        (alignment_id, 1.5, "[[1, 2], [1, 2], [1, 2]]", cur.lastrowid),
    )


def test_merging_the_beads_that_share_a_sentence_mends_it(tmp_path):
    db = open_database(tmp_path / "raced.db")
    alignment = add_report(db)
    x, y = alignment.beads[1].id, alignment.beads[2].id
    for who in ("amina", "karwan"):
        db.write(lambda conn, who=who: _raw_merge(conn, alignment.id, who, x, y))
    first = [b for b in alignments.current_beads(db, alignment.id) if b.segments[0] == (1, 2)][0]
    actions.merge_with_next(db, AMINA, alignment.id, first.id)
    assert check(db) == []
    _sentences_once(db, alignment.id)
    db.close()


@pytest.mark.slow
def test_clients_of_the_served_ui_merging_one_bead_at_once_one_wins(tmp_path):
    """As the red team did it: three API clients of a running `workbench serve` send /merge
    for the same bead of a 2,000-bead report at the same moment, round after round."""
    from gradio_client import Client

    from tests.hostile.served import serve

    path = tmp_path / "served.db"
    db = open_database(path)
    alignment = add_report(db, repeat=400)
    db.close()
    served = serve(["--database", str(path), "serve"], tmp_path / "home", tmp_path / "serve.log")
    clients = []
    try:
        clients = [Client(served.url, verbose=False) for _ in range(3)]
        for round_ in range(5):
            bead = alignment.beads[100 + 20 * round_].id
            barrier = threading.Barrier(3, timeout=60)

            def merge(client, bead=bead, barrier=barrier):
                barrier.wait()
                return client.predict(alignment_id=alignment.id, bead_id=bead, api_name="/merge")

            results, errors = _race([lambda c=c: merge(c) for c in clients])
            assert sum(r is not None for r in results) == 1, (round_, errors)
            assert all("reload the report" in str(e).lower() for e in errors if e), errors
    finally:
        for client in clients:
            client.close()
        served.stop()
    db = open_database(path)
    _sentences_once(db, alignment.id)
    assert check(db) == []
    db.close()
