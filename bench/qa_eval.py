"""Version QA on real translations with injected errors, and its speed.

    PYTHONPATH=. python bench/qa_eval.py --data ../shared/data [--errors 10] [--speed 100000]

Test sets: FLORES-200 dev (English against ar, ckb, kmr; 997 lines, the ckb line that is the
literal `nan` left out) and TICO-19 (en-ar, en-ckb, en-ku). With a fixed seed, about 30% of
the target lines get one error each, of a kind the line allows:
- digit: one digit of a number changed (in the same script);
- number: a number deleted;
- digit-code, number-code: the same in a code or unit ("COVID-19", "ACE2", "km2"), shown
  apart: the check reports a changed code but never a missing one;
- month: a month name replaced by another month's name (in the target's language);
- copy: the target replaced by the source;
- half: the target cut to its first half (at a word boundary);
- name: a name of the source deleted from the target (every target word that traces it).
Each pair is checked as two line-parallel files (`check_lines`: the length ratio estimated
from all its lines). Printed per error kind: the recall of the check that should find it
(numbers, or dates for a number inside a date; dates, untranslated, omission, names),
over lines that got it; and on the
clean lines, the share with any major or critical finding (per check and in all), and with
any finding at all. `--errors N` prints N major/critical findings on clean lines per pair, to
read. Speed: N bead pairs (the clean FLORES pairs, repeated) through every check.

The data folder is not part of the project; this script only reads it.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from workbench.qa.checks import CHECKS
from workbench.qa.names import _traced, names_of
from workbench.qa.pair import LengthModel, Side
from workbench.qa.run import check_lines, check_pair
from workbench.text.dates import date_mentions
from workbench.text.rules import rules

SEED = 13
SHARE = 0.3
KINDS = {
    "digit": "numbers",
    "number": "numbers",
    "digit-code": "numbers",
    "number-code": "numbers",
    "month": "dates",
    "copy": "untranslated",
    "half": "omission",
    "name": "names",
}
# A number inside a date is the dates check's: either check finding it counts.
FOUND_BY = {
    kind: {check, "dates"} if check == "numbers" else {check} for kind, check in KINDS.items()
}
GOALS = {"digit": 0.95, "number": 0.95, "month": 0.95, "copy": 0.95, "half": 0.85}
CLEAN_GOAL = 0.03
DIGIT = re.compile(r"[0-9٠-٩۰-۹]")
NUMBER = re.compile(r"[0-9٠-٩۰-۹]+(?:[.,٫٬][0-9٠-٩۰-۹]+)*")
FLORES = {"ar": "arb_Arab", "ckb": "ckb_Arab", "kmr": "kmr_Latn"}
TICO = {"ar": ("en-ar", "ar"), "ckb": ("en-ckb", "ckb"), "kmr": ("en-ku", "ku")}


def read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def datasets(data: Path) -> list[tuple[str, str, list[str], list[str]]]:
    """(name, target language, English lines, target lines)."""
    found = []
    flores = data / "flores200-dev"
    en = read(flores / "eng_Latn.dev")
    for lang, code in FLORES.items():
        pairs = [
            (s, t) for s, t in zip(en, read(flores / f"{code}.dev"), strict=True) if t != "nan"
        ]
        found.append((f"flores en-{lang}", lang, [s for s, _ in pairs], [t for _, t in pairs]))
    for lang, (folder, suffix) in TICO.items():
        base = data / "tico19" / folder
        src, tgt = read(base / "tico19-test.en"), read(base / f"tico19-test.{suffix}")
        found.append((f"tico19 en-{lang}", lang, src, tgt))
    return found


# --- injecting errors -------------------------------------------------------------------


def inject(kind: str, src: str, tgt: str, lang: str, rng: random.Random) -> str | None:
    """The target with one error of `kind`, or None when the line does not allow it."""
    return INJECT[kind](src, tgt, lang, rng)


def _in_code(tgt: str, lang: str, at: int) -> bool:
    """Whether the number at `at` is part of a code or unit ("COVID-19"): the check never
    reports those missing, so their recall is shown apart."""
    from workbench.qa.figures import _code
    from workbench.text.normalize import fold_in_place

    start = at
    while start and DIGIT.match(tgt, start - 1):
        start -= 1
    return _code(fold_in_place(tgt, lang), start)


def _digit(src: str, tgt: str, lang: str, rng: random.Random, code: bool = False) -> str | None:
    places = [m.start() for m in DIGIT.finditer(tgt) if _in_code(tgt, lang, m.start()) == code]
    if not places:
        return None
    i = rng.choice(places)
    zero = ord(tgt[i]) - int(tgt[i])
    other = rng.choice([d for d in range(10) if d != int(tgt[i])])
    return tgt[:i] + chr(zero + other) + tgt[i + 1 :]


def _number(src: str, tgt: str, lang: str, rng: random.Random, code: bool = False) -> str | None:
    found = [m for m in NUMBER.finditer(tgt) if _in_code(tgt, lang, m.start()) == code]
    if not found:
        return None
    m = rng.choice(found)
    return " ".join((tgt[: m.start()] + tgt[m.end() :]).split())


def _month(src: str, tgt: str, lang: str, rng: random.Random) -> str | None:
    months = rules(lang).months
    named = [m for m in date_mentions(tgt, lang) if m.month is not None]
    for mention in named:
        text = tgt[mention.start : mention.end]
        for name in sorted(months, key=len, reverse=True):
            at = text.casefold().find(name)
            if at >= 0:
                others = [n for n, v in months.items() if v != months[name] and " " not in n]
                start = mention.start + at
                return tgt[:start] + rng.choice(others) + tgt[start + len(name) :]
    return None


def _copy(src: str, tgt: str, lang: str, rng: random.Random) -> str | None:
    return src


def _half(src: str, tgt: str, lang: str, rng: random.Random) -> str | None:
    words = tgt.split()
    if len(words) < 4:
        return None
    return " ".join(words[: len(words) // 2])


def _name(src: str, tgt: str, lang: str, rng: random.Random) -> str | None:
    source, target = Side(src, "en"), Side(tgt, lang)
    traced = [n for n in names_of(source) if not n.address and _traced(n, "en", target)]
    if not traced:
        return None
    name = rng.choice(traced)
    words = tgt.split()
    kept = [w for w in words if _traced(name, "en", Side(w, lang))]
    remaining = " ".join(w for w in words if w not in kept)
    if not kept or _traced(name, "en", Side(remaining, lang)):
        return None
    return remaining


INJECT = {
    "digit": _digit,
    "number": _number,
    "digit-code": lambda *args: _digit(*args, code=True),
    "number-code": lambda *args: _number(*args, code=True),
    "month": _month,
    "copy": _copy,
    "half": _half,
    "name": _name,
}


def corrupt(src: list[str], tgt: list[str], lang: str, rng: random.Random) -> tuple[list, dict]:
    """The target lines with errors in about SHARE of them; line number -> kind."""
    out, injected = list(tgt), {}
    for i, (s, t) in enumerate(zip(src, tgt, strict=True)):
        if rng.random() >= SHARE:
            continue
        for kind in rng.sample(list(KINDS), len(KINDS)):
            made = inject(kind, s, t, lang, rng)
            if made is not None and made != t:
                out[i], injected[i + 1] = made, kind
                break
    return out, injected


# --- measuring --------------------------------------------------------------------------


def evaluate(name, lang, src, tgt, rng, show: int) -> tuple[Counter, Counter, Counter, Counter]:
    corrupted, injected = corrupt(src, tgt, lang, rng)
    findings = check_lines(src, corrupted, "en", lang)
    by_line = defaultdict(list)
    for f in findings:
        by_line[f.line].append(f)
    hits, tries = Counter(), Counter()
    for line, kind in injected.items():
        tries[kind] += 1
        hits[kind] += any(f.check in FOUND_BY[kind] for f in by_line[line])
    alarms, shown = Counter(), 0
    clean = [n for n in range(1, len(src) + 1) if n not in injected and src[n - 1].strip()]
    for n in clean:
        serious = [f for f in by_line[n] if f.severity in ("major", "critical")]
        alarms["any"] += bool(serious)
        alarms["any finding"] += bool(by_line[n])
        for check in {f.check for f in serious}:
            alarms[check] += 1
        for f in serious[: max(0, show - shown)]:
            shown += 1
            print(f"  [{name} line {n}] {f.check} {f.severity}: {f.message}")
    alarms["lines"] = len(clean)
    return hits, tries, alarms, Counter(injected.values())


def speed(pairs: list[tuple[str, str, str]], count: int) -> dict[str, float]:
    """Seconds for `count` bead pairs: one by one in this process (wall and CPU time), and as
    line-parallel texts checked by `check_lines` in one process per core."""
    models = {lang: LengthModel.prior("en", lang) for lang in FLORES}
    chosen = [pairs[i % len(pairs)] for i in range(count)]
    wall, cpu = time.perf_counter(), time.process_time()
    for src, tgt, lang in chosen:
        check_pair(src, tgt, "en", lang, length=models[lang])
    found = {"one process": time.perf_counter() - wall, "its CPU": time.process_time() - cpu}
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    wall = time.perf_counter()
    for lang in FLORES:
        mine = [(s, t) for s, t, lg in chosen if lg == lang]
        check_lines([s for s, _ in mine], [t for _, t in mine], "en", lang, jobs=cores or 1)
    found[f"{cores} processes"] = time.perf_counter() - wall
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="data folder")
    parser.add_argument("--errors", type=int, default=0, help="false alarms to print per pair")
    parser.add_argument("--speed", type=int, default=100_000, help="bead pairs to time (0: skip)")
    args = parser.parse_args()
    if not (args.data / "flores200-dev").is_dir():
        sys.exit(f"No FLORES-200 dev folder under {args.data}: pass --data DIR.")
    rng = random.Random(SEED)
    total_hits, total_tries, total_alarms = Counter(), Counter(), Counter()
    rows = []
    for name, lang, src, tgt in datasets(args.data):
        hits, tries, alarms, _ = evaluate(name, lang, src, tgt, rng, args.errors)
        total_hits += hits
        total_tries += tries
        total_alarms += alarms
        rows.append((name, hits, tries, alarms))
    print(f"\nload average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    header = (
        f"{'set':<16}"
        + "".join(f"{k.replace('-code', '~c'):>8}" for k in KINDS)
        + f"{'clean':>8}{'alarm':>8}"
    )
    print("recall of the check that should find each injected error; clean: lines without")
    print("errors; alarm: share of clean lines with a major or critical finding\n" + header)
    for name, hits, tries, alarms in [*rows, ("all", total_hits, total_tries, total_alarms)]:
        cells = "".join(f"{hits[k] / tries[k]:>8.3f}" if tries[k] else f"{'-':>8}" for k in KINDS)
        print(f"{name:<16}{cells}{alarms['lines']:>8}{alarms['any'] / alarms['lines']:>8.3f}")
    print(f"{'(injected)':<16}" + "".join(f"{total_tries[k]:>8}" for k in KINDS))
    lines = total_alarms["lines"]
    print("\nclean lines with a major or critical finding, by check:")
    for check in CHECKS:
        print(f"  {check:<13}{total_alarms[check] / lines:.4f}")
    print(f"  any          {total_alarms['any'] / lines:.4f} (goal <= {CLEAN_GOAL})")
    print(f"  any finding at all (minor too): {total_alarms['any finding'] / lines:.4f}")
    recalls = {k: total_hits[k] / max(1, total_tries[k]) for k in GOALS}
    print("\ngoals: " + ", ".join(
        f"{k} {recalls[k]:.3f} {'ok' if recalls[k] >= g else 'MISSED'} (>= {g})"
        for k, g in GOALS.items()
    ))  # fmt: skip
    if args.speed:
        pairs = [
            (s, t, lang)
            for _, lang, src, tgt in datasets(args.data)[:3]
            for s, t in zip(src, tgt, strict=True)
        ]
        timings = speed(pairs, args.speed)
        print(f"\nspeed: {args.speed:,} bead pairs, every check (goal: 100,000 in <= 10 s)")
        for how, seconds in timings.items():
            print(f"  {how:<12} {seconds:7.2f} s  ({args.speed / seconds:,.0f} pairs/s)")
        print(f"  load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
