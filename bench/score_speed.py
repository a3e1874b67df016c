"""Scoring speed: the workbench against sacrebleu's own functions, side by side in one run.

PYTHONPATH=. python bench/score_speed.py --data ../shared/data [--pairs 100000]

Segment pairs are built from real sentences (FLORES-200 dev and TICO-19, English, Arabic,
Sorani, Kurmanji): each sentence is a reference, and a hypothesis is made from it by dropping
and swapping words. Two workloads of `--pairs` pairs:
  unique    every pair differs (the hypothesis is perturbed anew for each repetition);
  repeated  the pool of pairs repeated as it is (what reports full of boilerplate look like).
Measured: corpus BLEU + chrF + TER (ratio workbench / sacrebleu, goal <= 1.0; best of
`--rounds`, the sides alternating), sentence-level scores of every pair, and, each side in a
fresh process so that peaks do not mix, the peak memory of corpus scoring and the time and
peak memory of a paired bootstrap test (1,000 resamples, 10,000 segments, two systems).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = (
    "flores200-dev/eng_Latn.dev",
    "flores200-dev/arb_Arab.dev",
    "flores200-dev/ckb_Arab.dev",
    "flores200-dev/kmr_Latn.dev",
    "tico19/en-ar/tico19-test.ar",
    "tico19/en-ckb/tico19-test.ckb",
    "tico19/en-ku/tico19-test.ku",
    "tico19/en-ar/tico19-test.en",
)


def sentences(data: Path) -> list[str]:
    found = []
    for name in FILES:
        path = data / name
        if path.exists():
            found += [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    found = [s for s in found if s and s != "nan"]
    if not found:
        sys.exit(f"No sentences under {data}: pass --data PATH/TO/shared/data.")
    return found


def perturb(sentence: str, rng: random.Random) -> str:
    words = [w for w in sentence.split() if rng.random() > 0.15]
    if len(words) > 3 and rng.random() < 0.5:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def workload(data: Path, pairs: int, kind: str, seed: int = 1) -> tuple[list[str], list[str]]:
    pool = sentences(data)
    rng = random.Random(seed)
    refs = [pool[i % len(pool)] for i in range(pairs)]
    if kind == "unique":
        return [perturb(r, rng) for r in refs], refs
    pool_hyps = [perturb(r, rng) for r in pool]
    return [pool_hyps[i % len(pool)] for i in range(pairs)], refs


def timed(work):
    """(wall seconds, processor seconds of this process and the workers it waited for, result)."""

    def cpu() -> float:
        mine = resource.getrusage(resource.RUSAGE_SELF)
        workers = resource.getrusage(resource.RUSAGE_CHILDREN)
        return mine.ru_utime + mine.ru_stime + workers.ru_utime + workers.ru_stime

    wall, used = time.perf_counter(), cpu()
    result = work()
    return time.perf_counter() - wall, cpu() - used, result


def best_of(rounds: int, sides: dict) -> dict:
    """Each side's fastest run; sides alternate so a busy moment of the machine hits all."""
    best: dict = {}
    for _ in range(rounds):
        for name, work in sides.items():
            run = timed(work)
            if name not in best or run[0] < best[name][0]:
                best[name] = run
    results = [result for _, _, result in best.values()]
    assert all(result == results[0] for result in results), "the sides disagree"
    return best


def corpus(hyps: list[str], refs: list[str], jobs: int | None, rounds: int) -> dict:
    import sacrebleu

    from workbench.score.metrics import corpus_scores

    return best_of(
        rounds,
        {
            "sacrebleu corpus_bleu/chrf/ter": lambda: [
                sacrebleu.corpus_bleu(hyps, [refs]).score,
                sacrebleu.corpus_chrf(hyps, [refs]).score,
                sacrebleu.corpus_ter(hyps, [refs]).score,
            ],
            "workbench (default: 1 process per core)": lambda: [
                r.score for r in corpus_scores(hyps, refs, jobs=jobs)
            ],
            "workbench (1 process)": lambda: [r.score for r in corpus_scores(hyps, refs, jobs=1)],
        },
    )


def sentence(hyps: list[str], refs: list[str], jobs: int | None, rounds: int) -> dict:
    from sacrebleu.metrics import BLEU, CHRF, TER

    from workbench.score.metrics import sentence_scores

    metrics = {"bleu": BLEU(effective_order=True), "chrf": CHRF(), "ter": TER()}

    def by_sacrebleu():
        return {
            name: [m.sentence_score(h, [r]).score for h, r in zip(hyps, refs, strict=True)]
            for name, m in metrics.items()
        }

    def by_workbench(processes):
        rows = sentence_scores(hyps, refs, jobs=processes)
        return {name: [row[name].score for row in rows] for name in metrics}

    return best_of(
        rounds,
        {
            "sacrebleu sentence_score, reused metric objects": by_sacrebleu,
            "workbench (default: 1 process per core)": lambda: by_workbench(jobs),
            "workbench (1 process)": lambda: by_workbench(1),
        },
    )


def print_sides(title: str, best: dict) -> None:
    print(f"\n{title:48} {'wall s':>8} {'cpu s':>8} {'wall ratio':>10} {'cpu ratio':>10}")
    base_wall, base_cpu, _ = next(iter(best.values()))
    for name, (wall, cpu, _) in best.items():
        print(f"  {name:46} {wall:8.2f} {cpu:8.2f} {wall / base_wall:10.2f} {cpu / base_cpu:10.2f}")


def memory_mb() -> tuple[float, float]:
    """(resident now, peak since the last reset) of this process, in MB (Linux /proc)."""
    found = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0]) / 1024
    return found["VmRSS"], found["VmHWM"]


def reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")  # resets VmHWM to the current resident size


def child(kind: str, data: str, pairs: int, segments: int, samples: int) -> None:
    """Run in a fresh process: one side of one measurement, printing time and peak memory."""
    import sacrebleu
    from sacrebleu.metrics import BLEU, CHRF, TER
    from sacrebleu.significance import PairedTest

    from workbench.score.metrics import corpus_scores
    from workbench.score.significance import compare_systems

    what, side = kind.split("-")
    size = pairs if what == "corpus" else segments
    hyps_a, refs = workload(Path(data), size, "unique", seed=2)
    hyps_b, _ = workload(Path(data), size, "unique", seed=3)
    reset_peak()
    before, _ = memory_mb()
    if kind == "corpus-sacrebleu":
        work = lambda: [  # noqa: E731
            f(hyps_a, [refs]).score
            for f in (sacrebleu.corpus_bleu, sacrebleu.corpus_chrf, sacrebleu.corpus_ter)
        ]
    elif kind == "corpus-workbench":
        work = lambda: [r.score for r in corpus_scores(hyps_a, refs, jobs=1)]  # noqa: E731
    elif kind == "paired-sacrebleu":  # the baseline is scored when the test is made
        metrics = {"BLEU": BLEU(), "chrF2": CHRF(), "TER": TER()}
        work = lambda: [  # noqa: E731
            r[1].p_value
            for name, r in PairedTest(
                [("a", hyps_a), ("b", hyps_b)], metrics, [refs], "bs", samples
            )()[1].items()
            if name != "System"
        ]
    else:
        work = lambda: [  # noqa: E731
            r.p_value
            for r in compare_systems(refs, {"a": hyps_a, "b": hyps_b}, samples=samples, jobs=1).rows
            if r.system == "b"
        ]
    seconds, _, result = timed(work)
    _, peak = memory_mb()
    print(json.dumps({"seconds": seconds, "before_mb": before, "peak_mb": peak, "result": result}))


def in_children(what: str, args: argparse.Namespace) -> dict:
    out = {}
    for side in ("sacrebleu", "workbench"):
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                f"{what}-{side}",
                "--data",
                str(args.data),
                "--pairs",
                str(args.pairs),
                "--paired-segments",
                str(args.paired_segments),
                "--samples",
                str(args.samples),
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        out[side] = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["sacrebleu"]["result"] == out["workbench"]["result"], out
    return out


def print_children(title: str, r: dict) -> None:
    print(f"\n{title} (one process each, a fresh one per side)")
    print(f"{'':12} {'seconds':>8} {'peak MB':>8} {'data MB':>8} {'work MB':>8}")
    for side, m in r.items():
        print(
            f"{side:12} {m['seconds']:8.2f} {m['peak_mb']:8.0f} {m['before_mb']:8.0f} "
            f"{m['peak_mb'] - m['before_mb']:8.0f}"
        )
    ratio = r["workbench"]["seconds"] / r["sacrebleu"]["seconds"]
    print(f"ratio (time) {ratio:.2f}; same results: {r['workbench']['result']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--paired-segments", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: cores)")
    parser.add_argument("--rounds", type=int, default=2, help="runs per side; the best counts")
    parser.add_argument("--skip-sentence", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, str(args.data), args.pairs, args.paired_segments, args.samples)
        return
    cores = len(os.sched_getaffinity(0))
    print(
        f"{args.pairs:,} segment pairs from {args.data}; {cores} cores available; "
        f"load average {os.getloadavg()[0]:.1f} at start"
    )
    for kind in ("unique", "repeated"):
        hyps, refs = workload(args.data, args.pairs, kind)
        best = corpus(hyps, refs, args.jobs, args.rounds)
        print_sides(f"corpus BLEU+chrF+TER, {kind} pairs", best)
        print(f"  same scores: {next(iter(best.values()))[2]}")
    if not args.skip_sentence:
        hyps, refs = workload(args.data, args.pairs, "unique")
        print_sides(
            "sentence BLEU+chrF+TER of every pair", sentence(hyps, refs, args.jobs, args.rounds)
        )
        print("  every sentence score equal")
    print_children(
        f"corpus BLEU+chrF+TER memory, {args.pairs:,} unique pairs", in_children("corpus", args)
    )
    print_children(
        f"paired bootstrap, {args.samples} resamples, {args.paired_segments:,} segments, "
        "2 systems, BLEU+chrF+TER",
        in_children("paired", args),
    )
    print(f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
