"""Translation units for the translation-memory benchmarks, and edits that make queries.

Units are four-way: FLORES-200 dev (997 sentences in en, ar, ckb, kmr) and TICO-19 test (2,100
sentences in en, ar, ckb and Kurmanji, sharing one English side). `perturb` edits a sentence
the way a later report differs from an earlier one: a word replaced by another word of the
same language, a number changed, a clause added from another sentence, or a clause removed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from bench.flores import BROKEN, FILES

LANGS = ("en", "ar", "ckb", "kmr")
TICO = {
    "en": "en-ar/tico19-test.en",
    "ar": "en-ar/tico19-test.ar",
    "ckb": "en-ckb/tico19-test.ckb",
    "kmr": "en-ku/tico19-test.ku",
}
NUMBER = re.compile(r"[0-9٠-٩]+")
EDITS = ("word", "number", "clause-added", "clause-removed")


def units(data: Path) -> list[dict[str, str]]:
    """Four-way units, each {lang: sentence}; broken lines left out."""
    found = []
    for folder, files in (
        (data / "flores200-dev", {k: f"{v}.dev" for k, v in FILES.items()}),
        (data / "tico19", TICO),
    ):
        columns = {
            lang: (folder / name).read_text(encoding="utf-8").splitlines()
            for lang, name in files.items()
        }
        for row in zip(*(columns[lang] for lang in LANGS), strict=True):
            texts = {
                lang: " ".join(t.replace('""', '"').split())
                for lang, t in zip(LANGS, row, strict=True)
            }
            if all(t and t not in BROKEN for t in texts.values()):
                found.append(texts)
    if not found:
        raise SystemExit(f"No FLORES-200 or TICO-19 data under {data}: pass --data DIR.")
    return found


def vocabulary(all_units: Sequence[dict[str, str]]) -> dict[str, list[str]]:
    return {
        lang: sorted({w for u in all_units for w in u[lang].split() if w.isalpha()})
        for lang in LANGS
    }


def perturb(
    text: str, lang: str, edit: str, rng: random.Random, words: dict[str, list[str]], other: str
) -> str:
    """`text` with one edit (see EDITS); `other` is a sentence a clause may come from."""
    tokens = text.split()
    if edit == "word" and tokens:
        tokens[rng.randrange(len(tokens))] = rng.choice(words[lang])
    elif edit == "number":
        found = list(NUMBER.finditer(text))
        if found:
            m = rng.choice(found)
            return text[: m.start()] + str(rng.randint(2, 9999)) + text[m.end() :]
        tokens.insert(rng.randrange(len(tokens) + 1), str(rng.randint(2, 9999)))
    elif edit == "clause-added":
        clause = " ".join(other.split()[: rng.randint(3, 7)]).rstrip(".,;:!?۔")
        comma = "،" if lang in ("ar", "ckb") else ","
        tokens = (
            [*tokens[:-1], tokens[-1].rstrip(".!?") + comma, clause + "."] if tokens else tokens
        )
    elif edit == "clause-removed" and len(tokens) > 6:
        cut = max(
            (i for i, t in enumerate(tokens[:-1]) if t.endswith((",", "،", ";"))), default=None
        )
        tokens = tokens[: cut + 1] if cut and cut > 3 else tokens[: len(tokens) * 2 // 3]
    return " ".join(tokens)


def variants(
    all_units: Sequence[dict[str, str]], rng: random.Random, words: dict[str, list[str]]
) -> Iterator[dict[str, str]]:
    """The units as they are, then ever more edited copies of them (one to three edits)."""
    yield from all_units
    while True:
        unit = rng.choice(all_units)
        other = rng.choice(all_units)
        edits = rng.sample(EDITS, rng.randint(1, 3))
        changed = {}
        for lang, text in unit.items():
            for edit in edits:
                text = perturb(text, lang, edit, rng, words, other[lang])
            changed[lang] = text
        yield changed


def load_average() -> str:
    import os

    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
