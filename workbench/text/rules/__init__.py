"""Per-language rules kept as data: one TOML file per language (abbreviations, furniture,
dates, numbers in words, length, how terms attach to words).

`rules(lang)` reads `<lang>.toml` beside this module once and returns it as a frozen record.
A word added to a file changes what the segmenter, the furniture filter or the date reader do;
no code changes.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from workbench.errors import InputError
from workbench.text.languages import canonical


@dataclass(frozen=True)
class NumberWords:
    """How a language writes numbers in words (the [numbers] table), as written there."""

    words: dict[str, int] = field(default_factory=dict)
    multipliers: dict[str, int] = field(default_factory=dict)
    scales: dict[str, int] = field(default_factory=dict)
    plural_scales: dict[str, int] = field(default_factory=dict)
    weak: frozenset[str] = frozenset()
    joiners: frozenset[str] = frozenset()
    percent: frozenset[str] = frozenset()
    proclitics: tuple[str, ...] = ()
    ordinal_suffixes: tuple[str, ...] = ()


@dataclass(frozen=True)
class LanguageRules:
    lang: str
    never_end: frozenset[str] = frozenset()
    before_number: frozenset[str] = frozenset()
    may_end: frozenset[str] = frozenset()
    sentence_openers: frozenset[str] = frozenset()
    continuations: frozenset[str] = frozenset()
    furniture_lines: frozenset[str] = frozenset()
    furniture_patterns: tuple[re.Pattern[str], ...] = ()
    tail_markers: frozenset[str] = frozenset()
    months: dict[str, int] = field(default_factory=dict)
    ambiguous_months: frozenset[str] = frozenset()
    month_suffixes: tuple[str, ...] = ()
    weekdays: dict[str, int] = field(default_factory=dict)
    date_proclitics: tuple[str, ...] = ()
    day_words: dict[str, int] = field(default_factory=dict)
    day_joiners: tuple[str, ...] = ()
    numbers: NumberWords = field(default_factory=lambda: NumberWords())
    per_english_char: float = 1.0
    not_names: frozenset[str] = frozenset()
    same_names: tuple[tuple[str, ...], ...] = ()
    detect_letters: str = ""
    detect_weak_letters: str = ""
    detect_words: frozenset[str] = frozenset()
    detect_prefixes: tuple[str, ...] = ()
    term_prefixes: tuple[str, ...] = ()  # what may be written before a term's first word
    term_suffixes: tuple[str, ...] = ()  # what may be written after each word of a term
    term_article: str = ""  # a term's first word matches with or without it
    term_stem_endings: dict[str, str] = field(
        default_factory=dict
    )  # before a suffix: written -> dictionary form
    stopwords: frozenset[str] = frozenset()  # never the first or last word of a term
    romanize: dict[str, str] = field(default_factory=dict)  # letters as Latin, to compare names


@cache
def rules(lang: str) -> LanguageRules:
    """The rules of one language (`lang` may be any alias)."""
    lang = canonical(lang)
    data = _read(f"{lang}.toml")
    common = (
        _read("common.toml") if resources.files(__name__).joinpath("common.toml").is_file() else {}
    )
    abbreviations = data.get("abbreviations", {})
    detect = data.get("detect", {})
    terms = data.get("terms", {})
    furniture = _merge(common.get("furniture", {}), data.get("furniture", {}))
    dates = data.get("dates", {})
    return LanguageRules(
        lang=lang,
        never_end=frozenset(abbreviations.get("never_end", ())),
        before_number=frozenset(abbreviations.get("before_number", ())),
        may_end=frozenset(abbreviations.get("may_end", ())),
        sentence_openers=frozenset(abbreviations.get("sentence_openers", ())),
        continuations=frozenset(abbreviations.get("continuations", ())),
        furniture_lines=frozenset(fold_key(line) for line in furniture.get("lines", ())),
        furniture_patterns=tuple(_compile(p, lang) for p in furniture.get("patterns", ())),
        tail_markers=frozenset(fold_key(line) for line in furniture.get("tail_markers", ())),
        months={fold_key(k): int(v) for k, v in dates.get("months", {}).items()},
        ambiguous_months=frozenset(fold_key(k) for k in dates.get("ambiguous_months", ())),
        month_suffixes=tuple(dates.get("month_suffixes", ())),
        weekdays={fold_key(k): int(v) for k, v in dates.get("weekdays", {}).items()},
        date_proclitics=tuple(dates.get("proclitics", ())),
        day_words={fold_key(k): int(v) for k, v in dates.get("day_words", {}).items()},
        day_joiners=tuple(dates.get("day_joiners", ())),
        numbers=_numbers(data.get("numbers", {})),
        per_english_char=float(data.get("length", {}).get("per_english_char", 1.0)),
        not_names=frozenset(w.casefold() for w in data.get("names", {}).get("not_names", ())),
        same_names=tuple(tuple(group) for group in common.get("names", {}).get("same", ())),
        detect_letters=detect.get("letters", ""),
        detect_weak_letters=detect.get("weak_letters", ""),
        detect_words=frozenset(detect.get("words", ())),
        detect_prefixes=tuple(detect.get("prefixes", ())),
        term_prefixes=tuple(terms.get("prefixes", ())),
        term_suffixes=tuple(terms.get("suffixes", ())),
        term_article=terms.get("article", ""),
        term_stem_endings=dict(terms.get("stem_endings", {})),
        stopwords=frozenset(terms.get("stopwords", ())),
        romanize=dict(terms.get("romanize", {})),
    )


def _numbers(table: dict) -> NumberWords:
    def values(key: str) -> dict[str, int]:
        return {k: int(v) for k, v in table.get(key, {}).items()}

    return NumberWords(
        words=values("words"),
        multipliers=values("multipliers"),
        scales=values("scales"),
        plural_scales=values("plural_scales"),
        weak=frozenset(table.get("weak", ())),
        joiners=frozenset(table.get("joiners", ())),
        percent=frozenset(table.get("percent", ())),
        proclitics=tuple(table.get("proclitics", ())),
        ordinal_suffixes=tuple(table.get("ordinal_suffixes", ())),
    )


def _read(name: str) -> dict:
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"The rules file {name} is not valid TOML ({exc}): fix it.") from None


def _merge(common: dict, own: dict) -> dict:
    return {k: [*common.get(k, ()), *own.get(k, ())] for k in {*common, *own}}


def _compile(pattern: str, lang: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise InputError(
            f"The furniture pattern {pattern!r} in {lang}.toml is wrong: {exc}."
        ) from None


def fold_key(line: str) -> str:
    """How furniture lines and month names are compared: case and edge punctuation ignored."""
    visible = "".join(c for c in line if unicodedata.category(c) != "Cf")  # bidi marks, ZWSP
    return " ".join(visible.casefold().strip(" .:·•|-–—»«>›").split())
