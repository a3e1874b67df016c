"""Finding terms in running text, through the morphology of each language.

Texts and terms are compared letter by letter in a folded form that keeps every character's
place in the original (`fold`): no diacritics, tatweel or invisible marks, digits as 0-9,
Arabic alef/hamza folded, Sorani letter forms unified, Latin scripts lower-cased. A word of
the text matches a word of a term when it *is* the term's word once one allowed prefix
(before the first word only) and one allowed suffix are taken off; what is allowed is data in
workbench/text/rules/<lang>.toml, `[terms]`: Arabic clitics (و ف ب ل ك, the article ال,
attached pronouns), Sorani endings (-ەکە, -ەکان, -ی ...), Kurmanji case endings (-ê, -a,
-an, -ên ...). A term is never found inside a longer word otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from workbench.text import normalize as nz

WORD = re.compile(r"\w+(?:'\w+)*")
LATIN = ("en", "kmr")
MIN_STEM = 2  # letters a word keeps once an affix is taken off


@dataclass(frozen=True)
class Morphology:
    """A language's `[terms]` rules, folded the way texts are."""

    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    article: str
    stem_endings: tuple[tuple[str, str], ...]  # (written before a suffix, dictionary form)


@cache
def morphology(lang: str) -> Morphology:
    from workbench.text.rules import rules

    r = rules(lang)

    def folded(words: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted({fold(w, lang)[0] for w in words}, key=len, reverse=True))

    return Morphology(
        prefixes=folded(r.term_prefixes),
        suffixes=folded(r.term_suffixes),
        article=fold(r.term_article, lang)[0],
        stem_endings=tuple(
            (fold(a, lang)[0], fold(b, lang)[0]) for a, b in r.term_stem_endings.items()
        ),
    )


@cache
def _fold_table(lang: str) -> dict[str, str]:
    table = {c: "" for c in nz.BIDI_CONTROLS + nz.INVISIBLES + nz.ZWNJ + nz.TATWEEL}
    tables = [nz.DIGITS]
    if lang == "ar":
        tables.append(nz.AR_FOLD)
    if lang == "ckb":
        tables.append(nz.CKB_LETTERS)
    if lang == "kmr":
        tables.append(nz.KMR_LOOKALIKES)
    if lang in LATIN:
        tables.append(nz.LATIN_QUOTES)
    for mapping in tables:  # str.maketrans tables: code point -> code point or text
        table.update({chr(k): v if isinstance(v, str) else chr(v) for k, v in mapping.items()})
    return table


@cache
def _fold_char(char: str, lang: str) -> str:
    folded = _fold_table(lang).get(char, char)
    if lang not in LATIN and nz.HARAKAT.fullmatch(folded):
        return ""
    return folded.lower() if lang in LATIN else folded


def fold(text: str, lang: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index it came from in `text`."""
    out: list[str] = []
    places: list[int] = []
    for i, char in enumerate(text):
        folded = _fold_char(char, lang)
        out.append(folded)
        places += [i] * len(folded)
    return "".join(out), places


def forms(word: str, morph: Morphology, *, first: bool) -> set[str]:
    """What a folded word of running text may be in a term: itself, without one allowed
    prefix (`first` word only), and without one allowed suffix."""
    bases = {word}
    if first:
        bases |= {
            word[len(p) :]
            for p in morph.prefixes
            if word.startswith(p) and len(word) - len(p) >= MIN_STEM
        }
    found = set(bases)
    for base in bases:
        for suffix in morph.suffixes:
            if base.endswith(suffix) and len(base) - len(suffix) >= MIN_STEM:
                stem = base[: -len(suffix)]
                found.add(stem)
                found |= {stem[: -len(a)] + b for a, b in morph.stem_endings if stem.endswith(a)}
    return found


def term_words(term: str, lang: str) -> tuple[str, ...]:
    """A term's folded words, the first without its article (it matches with or without)."""
    morph = morphology(lang)
    words = WORD.findall(fold(term, lang)[0])
    if words and morph.article and words[0].startswith(morph.article):
        rest = words[0][len(morph.article) :]
        if len(rest) >= MIN_STEM:
            words[0] = rest
    return tuple(words)


@dataclass(frozen=True)
class Found:
    start: int  # in the original text
    end: int
    key: Hashable  # what the matcher was given with the term


class TermMatcher:
    """Finds the given terms of one language in texts; longest match wins an overlap."""

    def __init__(self, lang: str, terms: Iterable[tuple[str, Hashable]]):
        self.lang = lang
        self.morph = morphology(lang)
        self._by_first: dict[str, list[tuple[tuple[str, ...], Hashable]]] = {}
        for text, key in terms:
            words = term_words(text, lang)
            if words:
                self._by_first.setdefault(words[0], []).append((words, key))

    def find(self, text: str) -> list[Found]:
        folded, places = fold(text, self.lang)
        words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(folded)]
        hits = []
        for i, (start, _, word) in enumerate(words):
            for form in forms(word, self.morph, first=True):
                for term, key in self._by_first.get(form, ()):
                    if self._rest_matches(term, words[i + 1 : i + len(term)]):
                        end = words[i + len(term) - 1][1]
                        hits.append(Found(places[start], places[end - 1] + 1, key))
        return _longest(hits)

    def _rest_matches(self, term: Sequence[str], words: Sequence[tuple[int, int, str]]) -> bool:
        if len(words) != len(term) - 1:
            return False
        return all(
            want in forms(word, self.morph, first=False)
            for want, (_, _, word) in zip(term[1:], words, strict=True)
        )


def _longest(hits: list[Found]) -> list[Found]:
    """Non-overlapping hits, longest first where they overlap (all terms of one span kept)."""
    kept: list[Found] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        last = kept[-1] if kept else None
        if last is None or hit.start >= last.end or (hit.start, hit.end) == (last.start, last.end):
            kept.append(hit)
    return kept
