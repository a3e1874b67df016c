"""Several processes and threads writing one database: nothing lost, no 'database is locked'."""

import subprocess
import sys
import threading

from workbench.records import Alignment, Bead, ReviewEvent
from workbench.store import alignments, review
from workbench.store.db import backup, check, open_database

WRITER = """
import sys
from workbench.records import ReviewEvent
from workbench.store import review
from workbench.store.db import open_database
db = open_database(sys.argv[1])
for i in range(int(sys.argv[3])):
    review.record_event(db, ReviewEvent(action="comment", user=sys.argv[2], alignment_id=1,
                                        comment=str(i)))
print("done")
"""


def _alignment(path):
    db = open_database(path)
    alignments.save_alignment(db, Alignment((1, 2), "t", "s", (Bead(((0,), (0,))),)))
    return db


def test_two_processes_write_at_once_and_every_event_is_kept(tmp_path):
    path = tmp_path / "shared.db"
    _alignment(path).close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, "150"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("amina", "karwan")
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert all("locked" not in err for _, err in outputs)
    db = open_database(path)
    users = [e.user for e in review.events(db, 1)]
    assert (users.count("amina"), users.count("karwan")) == (150, 150)
    db.close()


def test_threads_share_a_database_object(tmp_path):
    db = _alignment(tmp_path / "t.db")

    def write(name):
        for i in range(50):
            review.record_event(
                db, ReviewEvent(action="comment", user=name, alignment_id=1, comment=str(i))
            )

    threads = [threading.Thread(target=write, args=(f"u{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(review.events(db, 1)) == 200
    db.close()


def test_backup_during_writes_is_consistent(tmp_path):
    path = tmp_path / "live.db"
    _alignment(path).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), "w", "400"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    db = open_database(path)
    copies = [backup(db, tmp_path / f"copy{i}.db") for i in range(3)]
    writer.communicate(timeout=120)
    for copy in copies:
        snapshot = open_database(copy)
        assert check(snapshot) == []
        comments = [int(e.comment) for e in review.events(snapshot, 1)]
        assert comments == list(range(len(comments)))  # a prefix: no torn transaction
        snapshot.close()
    db.close()


def test_backup_into_a_folder_makes_a_dated_file(db, tmp_path):
    target = backup(db, str(tmp_path / "backups") + "/")
    assert target.parent == tmp_path / "backups" and target.name.startswith("workbench-")
