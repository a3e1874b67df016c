"""Paced load on the review UI: reviewers who read before they act.

python bench/ui_paced.py [--reviewers 20] [--seconds 60] [--beads 2000] [--seed 1]

Serves a fresh store (bench/ui_load.py's: a 2,000-bead English-Arabic report, an account per
reviewer) with `workbench serve` in its own process. Each reviewer, over plain HTTP (Gradio's
documented /call API, httpx), waits 2-5 s at random, then does one action at random: edit,
accept, flag with an error span (flag + mark_span), a page change, or a filter (unreviewed /
flagged / low confidence); one more client opens the whole report (/review, which reads all
its beads) every 10 s. Prints p50/p95 per action, the store's share of an edit (the same edit
timed in this process, without HTTP or Gradio's queue), every action sent against the events
stored (exactly once), and the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ui_load import REPORT, build_store, http_session, percentile, serve  # noqa: E402

ACTIONS = ("edit", "accept", "flag+span", "page", "filter")
STORED = {"edit": "edit", "accept": "accept", "flag": "flag", "span": "span"}
FILTERS = (
    ("unreviewed", None, False),
    ("all", None, True),
    ("all", 0.5, False),
)
OPEN_EVERY_S = 10.0


def review_page(page: int = 1, status: str = "all", confidence=None, flagged=False, size=50):
    # Every input of the endpoint, the QA filter ("all") last: Gradio refuses fewer.
    return [REPORT, ["en", "ar"], status, None, confidence, flagged, "all", "worst first", page,
            size, False, "all"]  # fmt: skip


def act(call, kind: str, alignment: int, bead: int, rng: random.Random, sent: dict) -> None:
    """One reviewer action; `sent` counts what was stored (by review event)."""
    if kind == "edit":
        call("edit", [alignment, bead, {"ar": f"نص مراجع {rng.random():.12f}"}, None])
        sent["edit"] += 1
    elif kind == "accept":
        call("accept", [alignment, bead])
        sent["accept"] += 1
    elif kind == "flag+span":
        call("flag", [alignment, bead, "accuracy/mistranslation", "minor", "paced"])
        sent["flag"] += 1
        call("mark_span", [bead, "ar", 0, 2, "accuracy/omission", "major", ""])
        sent["span"] += 1
    elif kind == "page":
        call("review", review_page(page=rng.randint(1, 40)))
    else:
        status, confidence, flagged = rng.choice(FILTERS)
        call("review", review_page(status=status, confidence=confidence, flagged=flagged))


def paced_reviewer(call, beads, alignment, seconds, seed, begin, out) -> None:
    rng = random.Random(seed)
    times, sent, failed = defaultdict(list), defaultdict(int), []
    begin.wait()
    stop = time.monotonic() + seconds
    while True:
        time.sleep(rng.uniform(2.0, 5.0))
        if time.monotonic() >= stop:
            break
        kind = rng.choice(ACTIONS)
        start = time.perf_counter()
        try:
            act(call, kind, alignment, rng.choice(beads), rng, sent)
        except Exception as exc:  # counted and shown
            failed.append(f"{kind}: {exc!r}"[:300])
            continue
        times[kind].append(time.perf_counter() - start)
    out.append((times, sent, failed))


def report_opener(call, seconds, begin, out) -> None:
    begin.wait()
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        start = time.perf_counter()
        [page] = call("review", review_page(size=50))
        out.append(time.perf_counter() - start)
        assert page["total"] > 0
        time.sleep(max(0.0, OPEN_EVERY_S - (time.perf_counter() - start)))


def store_share(home: Path, alignment: int, runs: int = 40) -> float:
    """Median seconds of the same edit done in this process: the store's (and the domain's)
    part of an edit, with no HTTP, no Gradio queue."""
    from workbench.records import User
    from workbench.review import actions
    from workbench.store import alignments
    from workbench.store.db import open_database

    db = open_database(home / "workbench.db")
    bead_ids = [b.id for b in alignments.current_beads(db, alignment)]
    user = User("reviewer0", "reviewer")
    took = []
    for n in range(runs):
        start = time.perf_counter()
        actions.edit(db, user, alignment, bead_ids[-1 - n], {1: f"نص المخزن {n}"})
        took.append(time.perf_counter() - start)
    db.close()
    return sorted(took)[len(took) // 2]


def stored_since(home: Path, alignment: int, after: int) -> dict[str, int]:
    from workbench.store import review
    from workbench.store.db import open_database

    db = open_database(home / "workbench.db")
    counts: dict[str, int] = defaultdict(int)
    for event in review.events(db, alignment):
        if (event.id or 0) > after and event.user.startswith("reviewer"):
            counts[event.action] += 1
    db.close()
    return counts


def last_event(home: Path, alignment: int) -> int:
    from workbench.store import review
    from workbench.store.db import open_database

    db = open_database(home / "workbench.db")
    found = max((e.id or 0 for e in review.events(db, alignment)), default=0)
    db.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--beads", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from workbench.ui.server import free_port

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    home = Path(tempfile.mkdtemp(prefix="workbench-ui-paced-"))
    alignment = build_store(home, args.beads, args.reviewers + 1)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = serve(home, port)
    try:
        results, opens, before = run(url, home, alignment, args)
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored = stored_since(home, alignment, before)
    share = store_share(home, alignment)
    print_results(args, results, opens, stored, share)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def run(url, home, alignment, args):
    from workbench.store import alignments
    from workbench.store.db import open_database

    db = open_database(home / "workbench.db")
    beads = [b.id for b in alignments.current_beads(db, alignment)]
    db.close()
    calls = [http_session(url, r) for r in range(args.reviewers + 1)]
    before = last_event(home, alignment)
    begin = threading.Barrier(args.reviewers + 1)
    results: list = []
    opens: list[float] = []
    seeds = [args.seed * 1000 + r for r in range(args.reviewers)]
    threads = [
        threading.Thread(
            target=paced_reviewer,
            args=(calls[r], beads, alignment, args.seconds, seeds[r], begin, results),
        )
        for r in range(args.reviewers)
    ]
    opener = (calls[-1], args.seconds, begin, opens)
    threads.append(threading.Thread(target=report_opener, args=opener))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, opens, before


def print_results(args, results, opens, stored, share) -> None:
    times, sent, failed = defaultdict(list), defaultdict(int), []
    for got, counted, lost in results:
        for kind, values in got.items():
            times[kind] += values
        for kind, n in counted.items():
            sent[kind] += n
        failed += lost
    print(f"machine: {os.cpu_count()} cores; report: {args.beads} beads en-ar")
    print(f"{args.reviewers} paced reviewers (one action every 2-5 s) for {args.seconds:.0f} s,"
          f" and a client opening the whole report every {OPEN_EVERY_S:.0f} s:")  # fmt: skip
    for kind in ACTIONS:
        values = times.get(kind, [])
        if values:
            print(f"  {kind:10s} n={len(values):4d}  p50 {percentile(values, 0.5) * 1000:5.0f} ms"
                  f"  p95 {percentile(values, 0.95) * 1000:5.0f} ms"
                  f"  max {max(values) * 1000:5.0f} ms")  # fmt: skip
    if opens:
        print(f"  open report (/review, {args.beads} beads read) n={len(opens)}"
              f"  p50 {percentile(opens, 0.5) * 1000:.0f} ms"
              f"  max {max(opens) * 1000:.0f} ms")  # fmt: skip
    every = [v for values in times.values() for v in values]
    if every:
        print(f"  all actions p95 {percentile(every, 0.95) * 1000:.0f} ms, failed {len(failed)}")
    for kind, action in STORED.items():
        verdict = "EXACTLY ONCE" if sent[kind] == stored.get(action, 0) else "DIFFERENT"
        print(f"  {kind:6s} sent {sent[kind]:4d}  stored {stored.get(action, 0):4d}  -> {verdict}")
    if failed:
        print(f"  first failure: {failed[0]}")
    print(f"  the store's share of an edit (same edit in-process, median): {share * 1000:.1f} ms")


if __name__ == "__main__":
    main()
