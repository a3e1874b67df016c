"""Translation-memory match quality: edited memory sentences find their original, with the
score a CAT user expects; sentences the memory does not hold find nothing worth offering.

    PYTHONPATH=. python bench/tm_eval.py [--queries 250] [--data ../shared/data]

The memory holds 90% of the FLORES-200 and TICO-19 units in all twelve directions of
en/ar/ckb/kmr; the other 10% are the "different sentence" queries. Every other query is a
memory source with one edit (bench/tm_data.py): a word replaced, a number changed (or added),
a clause added, a clause removed. For each kind: how often the original is the top match,
and how often its score is in the kind's band. For different sentences: how often no match
scores 75 or more (75 is what `translate` offers by default).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from itertools import permutations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.tm_data import EDITS, LANGS, load_average, perturb, units, vocabulary  # noqa: E402
from workbench.memory.search import OFFER_SCORE, search  # noqa: E402
from workbench.memory.sources import norm  # noqa: E402
from workbench.records import MemoryEntry  # noqa: E402
from workbench.store import memory as store  # noqa: E402
from workbench.store.db import open_database  # noqa: E402

BANDS = {  # the score an edited sentence should get against its original
    "word": (60, 99),
    "number": (75, 99),
    "clause-added": (50, 95),
    "clause-removed": (45, 95),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--queries", type=int, default=250, help="queries per kind")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    all_units = units(args.data)
    rng.shuffle(all_units)
    held = len(all_units) // 10
    memory, unrelated = all_units[held:], all_units[:held]
    words = vocabulary(all_units)
    path = Path(tempfile.mkdtemp(prefix="tm-eval-")) / "tm.db"
    with open_database(path) as db:
        entries = [
            MemoryEntry(u[s], u[t], s, t, "imported", file="bench")
            for u in memory
            for s, t in permutations(LANGS, 2)
        ]
        store.save_entries(db, "bench", entries, norm)
        print(f"memory: {len(entries):,} entries from {len(memory):,} units; {load_average()}")
        print(f"{'kind':<16}{'top is original':>16}{'score in band':>15}{'median':>8}  band")
        for kind in EDITS:
            _edited(db, kind, memory, words, rng, args.queries)
        _unrelated(db, unrelated, rng, args.queries)
    print(load_average())


def _edited(db, kind: str, memory, words, rng: random.Random, count: int) -> None:
    top = in_band = 0
    scores = []
    for _ in range(count):
        unit = rng.choice(memory)
        src, tgt = rng.sample(LANGS, 2)
        query = perturb(unit[src], src, kind, rng, words, rng.choice(memory)[src])
        found = search(db, query, src, tgt, min_score=0, refresh=False, limit=1)
        best = found[0] if found else None
        if best is not None and best.source == unit[src]:
            top += 1
            low, high = BANDS[kind]
            in_band += low <= best.score <= high
            scores.append(best.score)
    median = statistics.median(scores) if scores else 0
    print(
        f"{kind:<16}{top / count:>16.1%}{in_band / count:>15.1%}{median:>8.0f}"
        f"  {BANDS[kind][0]}-{BANDS[kind][1]}"
    )


def _unrelated(db, unrelated, rng: random.Random, count: int) -> None:
    quiet = 0
    for _ in range(count):
        unit = rng.choice(unrelated)
        src, tgt = rng.sample(LANGS, 2)
        found = search(db, unit[src], src, tgt, min_score=OFFER_SCORE, refresh=False, limit=1)
        quiet += not found
    print(
        f"{'different':<16}{'':>16}{'':>15}{'':>8}  no match >= {OFFER_SCORE}: {quiet / count:.1%}"
    )


if __name__ == "__main__":
    main()
