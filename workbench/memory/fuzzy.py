"""The match score CAT tools give: 0-100 from word-level edit distance, number-aware.

Texts are compared in their match form (`<lang>-match` in workbench.text.normalize: Arabic
without diacritics and with alef/hamza folded, digits as 0-9, Latin scripts lower-cased),
cut into words, numbers and punctuation marks. The score is 100 x (1 - edit distance / the
longer length), rounded down, computed by rapidfuzz; only identical word sequences score 100,
and 99 when they differ in the original only (case, diacritics, letter forms). Two texts that
differ in numbers only get 100 minus the number of numbers changed, with the changes listed so
that the target can be repaired (see workbench.memory.numbers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from workbench.memory.numbers import DIGIT, is_number

TOKEN = re.compile(f"[{DIGIT}]+(?:[.,\u066b\u066c][{DIGIT}]+)*|\\w+|[^\\w\\s]")
NUMBER_SLOT = "\x00#"


@dataclass(frozen=True)
class Prepared:
    """A text ready to be compared: as written, its match form and its tokens."""

    text: str
    lang: str
    norm: str
    tokens: tuple[str, ...]

    @property
    def basic(self) -> str:
        """The stored normal form: equal match forms but different basic forms score 99."""
        return _forms(self.lang)[1](self.text)


@dataclass(frozen=True)
class Scored:
    score: int
    plain: int  # the score without number substitution
    numbers: tuple[
        tuple[str, str], ...
    ] = ()  # (memory's number, query's number), when only numbers differ


@cache
def _forms(lang: str):
    from workbench.text.normalize import normalizer

    return normalizer(f"{lang}-match"), normalizer(f"{lang}-basic")


def match_form(text: str, lang: str) -> str:
    """The form texts are indexed and compared in."""
    return _forms(lang)[0](text)


def prepare(text: str, lang: str, norm: str | None = None) -> Prepared:
    norm = match_form(text, lang) if norm is None else norm
    return Prepared(text, lang, norm, tokens(norm))


def tokens(norm: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(norm))


def word_score(a: Sequence[str], b: Sequence[str]) -> int:
    """100 x (1 - word edit distance / longer length), rounded down; 100 only when equal."""
    from rapidfuzz.distance import Levenshtein

    if list(a) == list(b):
        return 100
    return min(99, int(Levenshtein.normalized_similarity(a, b) * 100 + 1e-9))


def score(query: Prepared, memory: Prepared) -> Scored:
    """How well `memory` (a memory's source) matches `query` (the text to translate)."""
    scored = token_score(query.tokens, memory.tokens)
    if scored.score == 100 and query.basic != memory.basic:
        return Scored(99, 99)
    return scored


def token_score(query: Sequence[str], memory: Sequence[str]) -> Scored:
    """The score of two token sequences (100 when equal: the written forms are not seen)."""
    plain = word_score(query, memory)
    changes = number_changes(query, memory) if plain < 100 else ()
    if not changes:
        return Scored(plain, plain)
    return Scored(max(plain, 100 - len(changes)), plain, changes)


def number_changes(query: Sequence[str], memory: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """(memory's number, query's number) for each number that differs, when the texts differ
    in numbers only; () otherwise."""
    if len(query) != len(memory) or mask(query) != mask(memory):
        return ()
    return tuple(dict.fromkeys((m, q) for q, m in zip(query, memory, strict=True) if q != m))


def mask(words: Sequence[str]) -> tuple[str, ...]:
    """The tokens with every number replaced by one placeholder."""
    return tuple(NUMBER_SLOT if is_number(w) else w for w in words)


def context_key(previous: str, following: str, lang: str) -> str:
    """What makes an exact match a 101: the sentences before and after, in match form."""
    import hashlib
    import json

    parts = [match_form(previous, lang), match_form(following, lang)]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:16]
