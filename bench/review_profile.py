"""Where the time of a review action goes, without HTTP or Gradio's queue: CPU ms per action.

python bench/review_profile.py [--beads 2000] [--events 600] [--repeat 20] [--profile ACTION]

Builds bench/ui_load.py's store (a 2,000-bead English-Arabic report) in a temporary folder,
puts `events` review events on it (edits, accepts, flags with spans, as a paced run leaves),
then calls the public API's handlers in this process (workbench.ui.api.ReviewApi, as Gradio
calls them) and the Review tab's action handler (workbench.ui.handlers.act): a page change, a
filter, an accept, an edit and a confirm. Prints the CPU time per action (process time, so a
busy machine slows it less than wall time), and with --profile the top functions of one
action by cumulative time (cProfile). Prints the load average at start and end.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ui_load import REPORT, build_store  # noqa: E402


def context(home: Path, beads: int):
    from workbench.config import load_settings
    from workbench.review.session import Context
    from workbench.store.db import open_database

    alignment = build_store(home, beads, 1)
    db = open_database(home / "workbench.db")
    return Context(db, load_settings(), accounts=False), alignment


def seed_events(ctx, alignment: int, beads: list[int], count: int, rng: random.Random) -> None:
    from workbench.ui.api import ReviewApi

    api = ReviewApi(ctx)
    for i in range(count):
        bead = rng.choice(beads)
        if i % 3 == 0:
            api.edit(alignment, bead, {"ar": f"نص مراجع {i}"})
        elif i % 3 == 1:
            api.accept(alignment, bead)
        else:
            api.flag(alignment, bead, "accuracy/mistranslation", "minor", "seeded")
            api.mark_span(bead, "ar", 0, 2, "accuracy/omission", "major", "")


def actions(ctx, alignment: int, beads: list[int], rng: random.Random) -> dict:
    from workbench.ui import handlers
    from workbench.ui.api import ReviewApi

    api = ReviewApi(ctx)
    view = handlers.make_view(alignment, ["en", "ar"])

    def tab_confirm() -> None:
        bead = rng.choice(beads)
        started = handlers.editor(ctx, view, bead).bases
        texts = [started["texts"][0], f"نص {rng.random()}"]
        handlers.act(ctx, None, view, bead, "confirm", handlers.Details(texts, started))

    return {
        "page (API)": lambda: api.review_page(REPORT, ["en", "ar"], page=rng.randint(1, 40)),
        "filter (API)": lambda: api.review_page(REPORT, ["en", "ar"], status="unreviewed"),
        "accept+page (API)": lambda: (
            api.accept(alignment, rng.choice(beads)),
            api.review_page(REPORT, ["en", "ar"], page=rng.randint(1, 40)),
        ),
        "accept (API)": lambda: api.accept(alignment, rng.choice(beads)),
        "edit (API)": lambda: api.edit(alignment, rng.choice(beads), {"ar": f"ن {rng.random()}"}),
        "page (tab)": lambda: handlers.show(
            ctx, handlers.make_view(alignment, ["en", "ar"], page=rng.randint(1, 40))
        ),
        "confirm (tab)": tab_confirm,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beads", type=int, default=2000)
    parser.add_argument("--events", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", default="", help="an action's name: print its profile")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        ctx, alignment = context(Path(tmp), args.beads)
        from workbench.store import alignments

        beads = [b.id for b in alignments.current_beads(ctx.db, alignment)]
        seed_events(ctx, alignment, beads, args.events, rng)
        for name, run in actions(ctx, alignment, beads, rng).items():
            run()  # warm the caches a server would have warm
            cpu = []
            for _ in range(args.repeat):
                start = time.process_time()
                run()
                cpu.append((time.process_time() - start) * 1000)
            print(
                f"{name:15} CPU ms per action: median {statistics.median(cpu):7.1f}"
                f"  max {max(cpu):7.1f}"
            )
            if args.profile and args.profile in name:
                profiler = cProfile.Profile()
                profiler.runcall(run)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
