"""Which of the four languages a text is in: by script first, then by letters and words.

Arabic script is Sorani or Arabic: Sorani writes ڕ ڵ ۆ ێ ە ڤ, which Arabic never does, and
Arabic writes ة ى ي ك and harakat, which Sorani does not; function words settle the rest.
Latin script is Kurmanji or English: ê î û ç ş and Kurmanji function words against English
ones. The cues are data, in the [detect] tables of the rules files.

A document is judged paragraph by paragraph, weighted by letters; it is "mixed" when a
second language holds at least MIXED_SHARE of its letters.

The rules cannot say "none of the four": a paragraph long enough to judge that an open-set
identifier (`identify`, fastText lid.176) confidently puts in another language (Persian,
Turkish, French, ...) gets that language's code, which is not in LANGUAGES.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.errors import LanguageError
from workbench.text.identify import foreign
from workbench.text.languages import LANGUAGES
from workbench.text.normalize import presentation_forms
from workbench.text.rules import LanguageRules, rules

MIXED_SHARE = 0.2
MIN_LETTERS = 2  # fewer letters than this (". . .", "2021") says nothing
ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff]")
LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
HARAKAT = re.compile("[\u064b-\u0652]")
WORD = re.compile(r"[^\W\d_]+")
BY_SCRIPT = {"Arab": ("ar", "ckb"), "Latn": ("en", "kmr")}


@dataclass(frozen=True)
class DocumentLanguage:
    """The language of a document, of each of its paragraphs, and each language's share."""

    lang: str  # one of LANGUAGES, or another language's code ("fa", "tr")
    paragraphs: tuple[str | None, ...]  # None: too few letters to tell
    shares: dict[str, float]

    @property
    def mixed(self) -> bool:
        return sum(1 for share in self.shares.values() if share >= MIXED_SHARE) > 1

    @property
    def foreign(self) -> bool:
        """True when the text is in none of the four languages."""
        return self.lang not in LANGUAGES


def detect(text: str) -> str:
    """The language of a text (one of LANGUAGES); the majority language if it mixes several."""
    return detect_paragraphs(re.split(r"\n\s*\n", text)).lang


def detect_paragraphs(paragraphs: Sequence[str]) -> DocumentLanguage:
    """The language of every paragraph and of the whole, weighted by letters."""
    found: list[str | None] = []
    weight = dict.fromkeys(LANGUAGES, 0)
    for paragraph in paragraphs:
        lang, letters = _paragraph(paragraph)
        found.append(lang)
        if lang:
            weight[lang] = weight.get(lang, 0) + letters
    total = sum(weight.values())
    if not total:
        raise LanguageError(
            "Cannot tell the language: the text has no Arabic-script or Latin letters. "
            "Pass --lang en|ar|ckb|kmr."
        )
    shares = {lang: share / total for lang, share in weight.items() if share}
    best = max(shares, key=shares.__getitem__)
    return DocumentLanguage(best, tuple(found), shares)


def scores(text: str) -> dict[str, float]:
    """The evidence for each language of the text's script (higher is more likely)."""
    arabic = len(ARABIC_LETTER.findall(text))
    latin = len(LATIN_LETTER.findall(text))
    script = "Arab" if arabic >= latin else "Latn"
    words = WORD.findall(text.lower())
    found = {lang: _evidence(text, words, rules(lang)) for lang in BY_SCRIPT[script]}
    if script == "Arab":
        found["ar"] += 3 * len(HARAKAT.findall(text))
    return found


def _paragraph(paragraph: str) -> tuple[str | None, int]:
    paragraph = presentation_forms(paragraph)  # old PDFs' ﻻ ﺍ ﻙ are the letters they show
    letters = len(ARABIC_LETTER.findall(paragraph)) + len(LATIN_LETTER.findall(paragraph))
    if letters < MIN_LETTERS:
        return None, letters
    found = scores(paragraph)
    first = next(iter(found))  # ties go to the first of the script: Arabic, English
    best = max(found, key=lambda lang: (found[lang], lang == first))
    return foreign(paragraph, letters) or best, letters


def _evidence(text: str, words: list[str], language: LanguageRules) -> float:
    strong = sum(text.count(letter) for letter in language.detect_letters)
    weak = sum(text.count(letter) for letter in language.detect_weak_letters)
    function_words = sum(1 for word in words if word in language.detect_words)
    prefixed = sum(1 for word in words if word.startswith(language.detect_prefixes))
    return 3 * strong + weak + 2 * function_words + prefixed
