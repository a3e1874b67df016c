"""Alignment speed and memory on synthetic document pairs of 1k, 5k and 20k sentences.

    PYTHONPATH=. python bench/align_speed.py [--sizes 1000,5000,20000] [--data ../shared/data]
        [--signals length,lexical]

Each size runs in a fresh process, so its peak resident memory (the whole process: Python,
numpy and the documents included) is its own. Besides wall-clock seconds it prints the
process's CPU seconds, which a busy machine inflates far less, and the load average. The
target document is the source with about 3% of sentences dropped and 5% of pairs merged.
Without --data the sentences are made up (Zipf-distributed words, numbers, a word-for-word
"translation" with its own vocabulary); with --data they are FLORES-200 English sentences
and their Arabic translations, drawn at random. Signals: length and lexical (offline) unless
--signals says otherwise; the default bead sizes (up to 1-6 and 2-3, the larger ones in a
second pass). Goals: 20k x 20k in <= 10 s and <= 500 MB; doubling the size costs <= 2.2x
the time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path


def letters(k: int, alphabet: str) -> str:
    word = ""
    while True:
        k, digit = divmod(k, len(alphabet))
        word += alphabet[digit]
        if k == 0:
            return word


def made_up(n: int, rng: random.Random) -> tuple[list[str], list[str]]:
    vocab = [letters(k, "etaoinshrdlu") + "e" for k in range(20000)]
    other = {w: letters(k, "aeiouktmnsl") + "a" * (k % 3) for k, w in enumerate(vocab)}
    cumulative = list(itertools.accumulate(1 / (k + 1) for k in range(len(vocab))))
    src, tgt = [], []
    for _ in range(n):
        words = rng.choices(vocab, cum_weights=cumulative, k=rng.randint(4, 30))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), str(rng.randint(1, 5000)))
        src.append(" ".join(words).capitalize() + ".")
        tgt.append(" ".join(other.get(w, w) for w in words).capitalize() + ".")
    return src, tgt


def flores(n: int, rng: random.Random, data: Path) -> tuple[list[str], list[str]]:
    folder = data / "flores200-dev"
    en = (folder / "eng_Latn.dev").read_text(encoding="utf-8").splitlines()
    ar = (folder / "arb_Arab.dev").read_text(encoding="utf-8").splitlines()
    picks = [rng.randrange(len(en)) for _ in range(n)]
    return [en[i] for i in picks], [ar[i] for i in picks]


def edited(tgt: list[str], rng: random.Random) -> list[str]:
    out, k = [], 0
    while k < len(tgt):
        roll = rng.random()
        if roll < 0.03:
            k += 1
        elif roll < 0.08 and k + 1 < len(tgt):
            out.append(tgt[k] + " " + tgt[k + 1])
            k += 2
        else:
            out.append(tgt[k])
            k += 1
    return out


def one(n: int, data: Path | None, signals: str) -> dict:
    from workbench.align import align

    rng = random.Random(n)
    src, tgt = flores(n, rng, data) if data else made_up(n, rng)
    tgt = edited(tgt, rng)
    start, cpu = time.perf_counter(), time.process_time()
    chosen = signals.split(",")
    embedder = "auto" if "embeddings" in chosen else "none"  # only when asked for
    result = align(src, tgt, src_lang="en", tgt_lang="ar", signals=chosen, embedder=embedder)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "sentences": n,
        "target": len(tgt),
        "beads": len(result.beads),
        "seconds": round(seconds, 2),
        "cpu": round(cpu, 2),
        "peak_mb": round(peak),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,5000,10000,20000")
    parser.add_argument("--data", type=Path, help="use FLORES-200 sentences from this folder")
    parser.add_argument("--signals", default="length,lexical", help="signals to align with")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, args.data, args.signals)))
        return
    print(f"signals: {args.signals}; load average at start: {_load()}")
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--one", str(n), "--signals", args.signals] + (
            ["--data", str(args.data)] if args.data else []
        )
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    head = ("sentences", "target", "seconds", "cpu s", "peak MB", "x time per x2", "x cpu per x2")
    widths = (9, 8, 9, 8, 9, 15, 14)
    print("".join(f"{h:>{w}}" for h, w in zip(head, widths, strict=True)))
    by_size = {r["sentences"]: r for r in rows}
    for r in rows:
        half = by_size.get(r["sentences"] // 2)
        ratios = [
            f"{r[k] / half[k]:.2f}" if half and half[k] else "" for k in ("seconds", "cpu")
        ]
        cells = (r["sentences"], r["target"], f"{r['seconds']:.2f}", f"{r['cpu']:.2f}",
                 r["peak_mb"], *ratios)  # fmt: skip
        print("".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True)))
    print(f"load average at end: {_load()}")


def _load() -> str:
    import os

    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
