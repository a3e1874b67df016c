"""The `untranslated` check: the target is (partly) still the source.

- a copy: the target is the source's text (case, spaces and digit scripts aside): critical;
- the wrong script: an Arabic or Sorani target written mostly in Latin letters, or a
  Kurmanji or English one mostly in Arabic letters, like its source: major;
- the wrong language in the right script: a Kurmanji target that reads as English, a Sorani
  one that reads as Arabic (by `workbench.text.detect`'s letters and function words): major;
- a passage of the source left in the target: six or more words in a row, three of them not
  capitalised (so a name of several words is not a passage): minor.

Lines that are nothing but names, acronyms and figures ("Zagros Monitor", "COVID-19") are
the same in every version and are never findings. The check reads the target against the
source, so it goes one way.
"""

from __future__ import annotations

import re

from workbench.qa.pair import Pair, Side, finding
from workbench.qa.words import shorten, words
from workbench.records import Finding

NAME = "untranslated"
ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff]+")
LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]+")
LATIN_WORD = re.compile(r"(?<![\w-])[a-z\u00df-\u024f][\w'’-]*")  # a Latin word in lower case
MIN_LETTERS = 20  # fewer letters say too little about a language
PASSAGE = 6  # words in a row
PASSAGE_LOWER = 3  # of them not capitalised


def check(pair: Pair) -> list[Finding]:
    src, tgt = pair.src, pair.tgt
    if not src.text.strip() or not tgt.text.strip() or not _prose(src.text):
        return []
    whole = (0, len(src.text)), (0, len(tgt.text))
    if _plain(src) == _plain(tgt):
        message = f"The {tgt.name} is a copy of the {src.name}: «{shorten(tgt.text)}»."
        return [finding(NAME, "critical", message, *whole)]
    wrong = _wrong_script(src, tgt) or _wrong_language(src, tgt)
    if wrong:
        return [finding(NAME, "major", wrong, *whole)]
    return _passage(src, tgt)


def _prose(text: str) -> bool:
    """Whether a text has words in lower case (not only names, acronyms and figures)."""
    if ARABIC_LETTER.search(text):
        return True
    lower = LATIN_WORD.finditer(text)
    return next(lower, None) is not None and next(lower, None) is not None


def _letters(pattern: re.Pattern[str], text: str) -> int:
    return sum(map(len, pattern.findall(text)))


def _plain(side: Side) -> str:
    return " ".join(side.folded.split())


def _wrong_script(src: Side, tgt: Side) -> str:
    if src.script == tgt.script:
        return ""
    arabic, latin = _letters(ARABIC_LETTER, tgt.text), _letters(LATIN_LETTER, tgt.text)
    theirs, ours = (latin, arabic) if tgt.script == "Arab" else (arabic, latin)
    if theirs < MIN_LETTERS or theirs <= ours or not _prose(tgt.text):
        return ""
    letters = "Latin" if src.script == "Latn" else "Arabic"
    return (
        f"The {tgt.name} is written in {letters} letters, like the {src.name}: "
        f"«{shorten(tgt.text)}»."
    )


def _wrong_language(src: Side, tgt: Side) -> str:
    from workbench.text.detect import scores

    if src.script != tgt.script or src.lang == tgt.lang:
        return ""
    letters = ARABIC_LETTER if tgt.script == "Arab" else LATIN_LETTER
    if _letters(letters, tgt.text) < MIN_LETTERS:
        return ""
    evidence = scores(tgt.text)
    if evidence.get(src.lang, 0) <= 2 * evidence.get(tgt.lang, 0) + 2:
        return ""
    return f"The {tgt.name} reads as {src.name}: «{shorten(tgt.text)}»."


def _passage(src: Side, tgt: Side) -> list[Finding]:
    """The longest run of PASSAGE or more words the target shares with the source."""
    if src.script != tgt.script and len(LATIN_WORD.findall(tgt.text)) < PASSAGE_LOWER:
        return []  # too few words in the source's script to hold a passage
    theirs, ours = words(src), words(tgt)
    if len(theirs) < PASSAGE or len(ours) < PASSAGE:
        return []
    known = {w.key for w in theirs}
    if sum(w.key in known for w in ours) < PASSAGE:
        return []
    grams = {_gram(theirs, i): i for i in range(len(theirs) - PASSAGE + 1)}
    for j in range(len(ours) - PASSAGE + 1):
        i = grams.get(_gram(ours, j))
        if i is None:
            continue
        length = PASSAGE
        while (
            i + length < len(theirs)
            and j + length < len(ours)
            and theirs[i + length].key == ours[j + length].key
        ):
            length += 1
        run = tgt.text[ours[j].start : ours[j + length - 1].end]
        if sum(1 for w in ours[j : j + length] if not tgt.text[w.start].isupper()) < PASSAGE_LOWER:
            continue
        message = f"The {tgt.name} leaves a passage in {src.name}: «{shorten(run)}»."
        src_span = (theirs[i].start, theirs[i + length - 1].end)
        tgt_span = (ours[j].start, ours[j + length - 1].end)
        return [finding(NAME, "minor", message, src_span, tgt_span)]
    return []


def _gram(found: list, i: int) -> tuple[str, ...]:
    return tuple(w.key for w in found[i : i + PASSAGE])
