"""The findings on a fixed corpus are what they were when they were recorded: a change meant
to make QA faster or tidier, not different, leaves every one of them as it was.

The corpus is the project's own: every unit of the sample reports (`corpora/*/*.units.toml`)
between every two languages, as written, with its digits in another script, with one digit
changed and cut to its first half; and sentences drawn with a fixed seed from the rules files'
own words (numbers, months, weekdays, ordinal days) mixed with figures in every script, dates,
codes, names, addresses and marks. `tests/data/qa/golden.json` holds a digest of the findings
of each group of cases. After a change meant to change findings, rewrite it with

    .venv/bin/python tests/qa/test_qa_golden.py

and say in the commit which findings changed and why.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import tomllib
from pathlib import Path

from workbench.qa.run import check_pair, finding_json
from workbench.text.languages import LANGUAGES
from workbench.text.rules import rules

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "qa" / "golden.json"
SEED = 13
DRAWN = 60  # drawn sentence pairs per pair of languages
DIGITS = {"arab": "٠١٢٣٤٥٦٧٨٩", "persian": "۰۱۲۳۴۵۶۷۸۹", "western": "0123456789"}
FIGURES = [
    "3", "12", "27", "2,340", "2340", "3.500", "1.5", "1,5", "١٫٥", "٢٬٣٤٠", "783،562",
    "1 500 000", "40%", "٤٠٪", "11:00", "08:30", "2021", "2023-10-17", "3/5/2021", "21st",
    "COVID-19", "ACE2", "km2", "World War II", "type-I", "340 to 500", "340-500", "و١٫٥",
]  # fmt: skip
WORDS = {
    "en": ["the army said", "families", "villages", "and", "in", "Erbil", "Stanford",
           "UNHCR", "of the", "Ministry of Health", "www.example.org", "aid@example.org"],
    "ar": ["قال الجيش", "عائلة", "القرى", "و", "في", "أربيل", "ستانفورد", "UNHCR", "من",
           "وزارة الصحة", "www.example.org"],
    "ckb": ["سوپا وتی", "خێزان", "گوندەکان", "و", "لە", "هەولێر", "ستانفۆرد", "UNHCR",
            "وەزارەتی تەندروستی", "www.example.org"],
    "kmr": ["artêşê got", "malbat", "gund", "û", "li", "Hewlêr", "Stanford", "UNHCR", "ya",
            "Wezareta Tenduristiyê", "www.example.org"],
}  # fmt: skip
MARKS = ["", ".", "?", "؟", "(", ")", "«", "»", '"', ",", "،", " - "]


def unit_pairs() -> dict[str, list[tuple[str, str, str, str]]]:
    """Group name -> (source, target, source language, target language) of the sample
    reports' units, between every two languages both ways, as written and altered."""
    groups: dict[str, list[tuple[str, str, str, str]]] = {}
    rng = random.Random(SEED)
    for path in sorted((ROOT / "corpora").glob("*/*.units.toml")):
        units = tomllib.loads(path.read_text(encoding="utf-8"))["unit"]
        for src_lang, tgt_lang in itertools.permutations(LANGUAGES, 2):
            texts = [(_text(u, src_lang), _text(u, tgt_lang)) for u in units]
            name = f"{path.parent.name} {src_lang}-{tgt_lang}"
            groups[f"{name} as written"] = [(s, t, src_lang, tgt_lang) for s, t in texts]
            for how, alter in ALTERATIONS.items():
                altered = [(s, alter(s, t, rng), src_lang, tgt_lang) for s, t in texts]
                groups[f"{name} {how}"] = altered
    return groups


def _text(unit: dict, lang: str) -> str:
    written = unit.get(lang, "")
    text = " ".join(written) if isinstance(written, list) else written
    return "" if text == "^" else text


def _script(text: str, rng: random.Random) -> str:
    digits = rng.choice(list(DIGITS.values()))
    table = str.maketrans("".join(DIGITS.values()), digits * 3)
    return text.translate(table)


def _other_script(src: str, tgt: str, rng: random.Random) -> str:
    return _script(tgt, rng)


def _one_digit(src: str, text: str, rng: random.Random) -> str:
    places = [i for i, c in enumerate(text) if c.isdigit()]
    if not places:
        return text
    i = rng.choice(places)
    return text[:i] + str((int(text[i]) + 1) % 10) + text[i + 1 :]


def _half(src: str, tgt: str, rng: random.Random) -> str:
    words = tgt.split()
    return " ".join(words[: len(words) // 2])


def _source_half(src: str, tgt: str, rng: random.Random) -> str:
    """The target's first half and the source's second half (a passage left untranslated),
    or the whole source."""
    if rng.random() < 0.2:
        return src
    theirs = src.split()
    return " ".join([*_half(src, tgt, rng).split(), *theirs[len(theirs) // 2 :]])


ALTERATIONS = {"digits in another script": _other_script, "one digit changed": _one_digit,
               "cut in half": _half, "with the source": _source_half}  # fmt: skip


def drawn_pairs() -> dict[str, list[tuple[str, str, str, str]]]:
    """Group name -> sentence pairs drawn from each language's number and date words."""
    rng = random.Random(SEED)
    groups = {}
    for src_lang, tgt_lang in itertools.permutations(LANGUAGES, 2):
        pairs = []
        for _ in range(DRAWN):
            shared = [rng.choice(FIGURES) for _ in range(rng.randint(0, 3))]
            src = _sentence(src_lang, shared, rng)
            tgt = _sentence(tgt_lang, [_script(f, rng) for f in shared], rng)
            pairs.append((src, tgt, src_lang, tgt_lang))
        groups[f"drawn {src_lang}-{tgt_lang}"] = pairs
    return groups


def _sentence(lang: str, figures: list[str], rng: random.Random) -> str:
    language = rules(lang)
    number_words = [*language.numbers.words, *language.numbers.scales,
                    *language.numbers.multipliers, *language.numbers.plural_scales,
                    *sorted(language.numbers.percent)]  # fmt: skip
    kinds = [number_words, [*language.months], [*language.weekdays], [*language.day_words],
             WORDS[lang], FIGURES, MARKS]  # fmt: skip
    kinds = [kind for kind in kinds if kind]
    parts = [*figures, *(rng.choice(rng.choice(kinds)) for _ in range(rng.randint(1, 12)))]
    rng.shuffle(parts)
    return " ".join(p.title() if rng.random() < 0.2 else p for p in parts if p)


def digests() -> dict[str, str]:
    """Group name -> a digest of every finding on its cases."""
    found = {}
    for name, cases in {**unit_pairs(), **drawn_pairs()}.items():
        findings = [
            [n, finding_json(f), f.key]
            for n, (src, tgt, src_lang, tgt_lang) in enumerate(cases)
            for f in check_pair(src, tgt, src_lang, tgt_lang)
        ]
        text = json.dumps(findings, ensure_ascii=False, sort_keys=True)
        found[name] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return found


def test_the_findings_on_the_fixed_corpus_are_unchanged():
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    found = digests()
    assert sorted(found) == sorted(expected)
    changed = [name for name in expected if found[name] != expected[name]]
    assert changed == [], f"findings changed in {len(changed)} group(s): {changed}"


if __name__ == "__main__":
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(json.dumps(digests(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")
