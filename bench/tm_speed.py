"""Translation-memory speed: build a memory of 1,000,000 entries, then look up top-5 matches.

    PYTHONPATH=. python bench/tm_speed.py [--entries N] [--queries N] [--data ../shared/data]

The entries are FLORES-200 and TICO-19 units, as they are and then as edited copies (words,
numbers, clauses added or removed: see bench/tm_data.py), in all twelve directions of
en/ar/ckb/kmr. Queries are memory sources edited once more. Measured: the build (match forms,
trigram index, trigram counts, entries), the file's size, the latency of `search` (top 5,
every score), and how often its best score equals the best score of a brute-force scan of
every source of the direction with rapidfuzz (the scan shortlists by word edit distance, with
and without numbers, then scores the shortlist exactly as `search` does). Times are wall
clock, with this process's CPU time beside them: on a busy machine the CPU time is the
better guide to what a quiet one would show.

Goals: build <= 120 s, lookup p95 <= 50 ms, top-1 agreement >= 99%.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from itertools import islice, permutations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.tm_data import EDITS, LANGS, load_average, perturb, units, variants, vocabulary  # noqa: E402
from workbench.memory.fuzzy import mask, prepare  # noqa: E402
from workbench.memory.search import rank, search  # noqa: E402
from workbench.memory.sources import norm  # noqa: E402
from workbench.records import MemoryEntry  # noqa: E402
from workbench.store import memory as store  # noqa: E402
from workbench.store.db import open_database  # noqa: E402

BATCH = 50_000
SHORTLIST = 20


def entries(all_units, count: int, seed: int):
    rng = random.Random(seed)
    made = (
        MemoryEntry(v[s], v[t], s, t, "imported", file="bench", created_at="2024-01-01T00:00:00")
        for v in variants(all_units, rng, vocabulary(all_units))
        for s, t in permutations(LANGS, 2)
    )
    return islice(made, count)


def build(db, all_units, count: int, seed: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) to build the memory."""
    start, cpu = time.perf_counter(), time.process_time()
    made = entries(all_units, count, seed)
    n = 0
    while batch := list(islice(made, BATCH)):
        store.save_entries(db, f"bench:{n}", batch, norm)
        n += 1
    db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - start, time.process_time() - cpu


def queries(db, all_units, count: int, seed: int) -> list[tuple[str, str, str]]:
    rng = random.Random(seed + 1)
    words = vocabulary(all_units)
    last = db.connection().execute("SELECT max(id) FROM tm_entry").fetchone()[0]
    found = []
    while len(found) < count:
        entry = store.get_entry(db, rng.randint(1, last))
        other = rng.choice(all_units)[entry.src_lang]
        text = perturb(entry.source, entry.src_lang, rng.choice(EDITS), rng, words, other)
        found.append((text, entry.src_lang, entry.tgt_lang))
    return found


class BruteForce:
    """Every source text of a direction, as strings of one character per token."""

    def __init__(self, db):
        self.db = db
        self.codes: dict[str, str] = {}
        self.sources: dict[tuple[str, str], tuple[list[int], list[str], list[str]]] = {}

    def _encode(self, tokens) -> str:
        return "".join(self.codes.setdefault(t, chr(0x10000 + len(self.codes))) for t in tokens)

    def _direction(self, src: str, tgt: str):
        if (src, tgt) not in self.sources:
            rows = (
                self.db.connection()
                .execute(
                    "SELECT DISTINCT s.id, s.norm FROM tm_entry e"
                    " JOIN tm_text s ON s.id = e.source_id"
                    " WHERE e.src_lang = ? AND e.tgt_lang = ?",
                    (src, tgt),
                )
                .fetchall()
            )
            tokens = [prepare("", src, r[1]).tokens for r in rows]
            self.sources[(src, tgt)] = (
                [r[0] for r in rows],
                [self._encode(t) for t in tokens],
                [self._encode(mask(t)) for t in tokens],
            )
        return self.sources[(src, tgt)]

    def best(self, text: str, src: str, tgt: str) -> int:
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        ids, plain, masked = self._direction(src, tgt)
        query = prepare(text, src)
        shortlist = set()
        for choices, encoded in (
            (plain, self._encode(query.tokens)),
            (masked, self._encode(mask(query.tokens))),
        ):
            found = process.extract(
                encoded, choices, scorer=Levenshtein.normalized_similarity, limit=SHORTLIST
            )
            shortlist |= {ids[i] for _, _, i in found}
        matches = rank(query, store.entries_from(self.db, shortlist, tgt), None)
        return matches[0].score if matches else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--keep", type=Path, help="build the memory here and keep it")
    args = parser.parse_args()
    all_units = units(args.data)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="tm-speed-"))
    path = folder / "tm.db"
    path.unlink(missing_ok=True)
    print(f"{len(all_units)} four-way units; building {args.entries:,} entries in {path}")
    with open_database(path) as db:
        built, built_cpu = build(db, all_units, args.entries, args.seed)
        texts = store.count_texts(db)
        size = path.stat().st_size / 2**20
        print(
            f"build: {built:.1f} s (CPU {built_cpu:.1f} s), {texts:,} distinct sentences, "
            f"{size:.0f} MiB on disk"
        )
        asked = queries(db, all_units, args.queries, args.seed)
        for text, src, tgt in asked[:10]:  # warm the caches: not measured
            search(db, text, src, tgt, refresh=False)
        took, cpu, best = [], [], []
        for text, src, tgt in asked:
            start, used = time.perf_counter(), time.process_time()
            found = search(db, text, src, tgt, min_score=0, refresh=False)
            took.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - used) * 1000)
            best.append(found[0].score if found else 0)
        start = time.perf_counter()
        scan = BruteForce(db)
        agree = sum(scan.best(t, s, g) == b for (t, s, g), b in zip(asked, best, strict=True))
        scanned = time.perf_counter() - start
    p50, p95 = statistics.median(took), statistics.quantiles(took, n=20)[-1]
    cpu50, cpu95 = statistics.median(cpu), statistics.quantiles(cpu, n=20)[-1]
    share = agree / len(asked)
    print(
        f"lookup (top 5): p50 {p50:.1f} ms, p95 {p95:.1f} ms over {len(took)} queries "
        f"(CPU: p50 {cpu50:.1f} ms, p95 {cpu95:.1f} ms)"
    )
    print(
        f"top-1 agreement with a brute-force scan: {share:.1%} ({agree}/{len(asked)}; "
        f"the scan took {scanned:.0f} s)"
    )
    print(load_average())
    goals = [
        ("build <= 120 s", built <= 120),
        ("p95 <= 50 ms", p95 <= 50),
        ("agreement >= 99%", share >= 0.99),
    ]
    print("goals: " + ", ".join(f"{name} {'met' if ok else 'MISSED'}" for name, ok in goals))


if __name__ == "__main__":
    main()
