"""How long reviewers' actions take on a large report, now that each one checks its bead (and a
restructuring folds the alignment and carries the reviewers' work over) inside its write
transaction: the time an action holds the database's write lock.

python bench/review_actions.py [--beads 2000] [--events 2000] [--repeat 20]

Builds a fresh store in a temporary folder: a report of N one-to-one beads in en, ar and ckb
with E review events already on it (edits, flags, comments), then times `repeat` rounds of
accept, edit (with a base), flag, merge, split, unalign and undo, and prints the median and
p95 per action in milliseconds, with the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(path: Path, beads: int, events: int):
    from tests.review.samples import add_report
    from workbench.records import User
    from workbench.review import actions
    from workbench.store.db import open_database

    db = open_database(path)
    alignment = add_report(db, repeat=max(1, beads // 5))
    karwan = User("karwan", "reviewer")
    for i in range(events):
        bead = alignment.beads[(i * 7) % len(alignment.beads)].id
        if i % 3 == 0:
            actions.comment(db, karwan, alignment.id, bead, f"note {i}")
        elif i % 3 == 1:
            actions.flag(db, karwan, alignment.id, bead, "style", "minor", f"flag {i}")
        else:
            actions.edit(db, karwan, alignment.id, bead, {1: f"نص {i}"})
    return db, alignment


def rounds(db, alignment, repeat: int) -> dict[str, list[float]]:
    from workbench.records import User
    from workbench.review import actions
    from workbench.review.rows import SegmentCache
    from workbench.store import alignments

    amina = User("amina", "reviewer")
    cache = SegmentCache()  # as the UI keeps one: segments never change once stored
    times: dict[str, list[float]] = {}

    def timed(name, fn):
        start = time.perf_counter()
        fn()
        times.setdefault(name, []).append((time.perf_counter() - start) * 1000)

    beads = alignment.beads
    for r in range(repeat):
        x, y = beads[100 + 10 * r].id, beads[101 + 10 * r].id
        timed("accept", lambda x=x: actions.accept(db, amina, alignment.id, x))
        now = actions.current_texts(
            db, alignment.id, alignments.get_alignment(db, alignment.id).beads[0]
        )
        first = alignments.current_beads(db, alignment.id)[0].id
        timed(
            "edit with a base",
            lambda f=first, n=now, r=r: actions.edit(
                db, amina, alignment.id, f, {0: f"fix {r}"}, bases={0: n[0]}, segments=cache
            ),
        )
        timed("flag", lambda y=y: actions.flag(db, amina, alignment.id, y, "omission", "major"))
        timed("merge", lambda x=x: actions.merge_with_next(db, amina, alignment.id, x))
        merged = next(
            b.id
            for b in alignments.current_beads(db, alignment.id)
            if b.segments[0][:1] == (100 + 10 * r,)
        )
        timed("split", lambda m=merged: actions.split(db, amina, alignment.id, m, [1, 2, 2]))
        part = next(
            b.id
            for b in alignments.current_beads(db, alignment.id)
            if b.segments[0] == (100 + 10 * r,)
        )
        timed(
            "unalign",
            lambda p=part, r=r: actions.unalign(db, amina, alignment.id, p, 0, 100 + 10 * r),
        )
        timed("undo", lambda: actions.undo_mine(db, amina, alignment.id))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beads", type=int, default=2000)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-review-") as folder:
        db, alignment = build(Path(folder) / "w.db", args.beads, args.events)
        times = rounds(db, alignment, args.repeat)
        db.close()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{args.beads} beads, {args.events} earlier events, {args.repeat} rounds")
    print(f"{'action':<18}{'median ms':>10}{'p95 ms':>10}")
    for name, found in times.items():
        found.sort()
        p95 = found[min(len(found) - 1, int(len(found) * 0.95))]
        print(f"{name:<18}{statistics.median(found):>10.1f}{p95:>10.1f}")


if __name__ == "__main__":
    main()
