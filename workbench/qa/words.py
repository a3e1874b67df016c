"""Words in a side's folded text, and quoting a side in a message.

Tokens are found in the folded text (same length as the text), so their places are places in
the text. A word's `key` drops what never tells words apart: harakat, tatweel and joiners.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from workbench.qa.pair import Side

WORD = re.compile(r"[^\W\d_]+(?:[\u064b-\u065f\u0670\u0640\u200c\u200d]+[^\W\d_]*)*")
MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d]")
UNMARKED = dict.fromkeys([*range(0x064B, 0x0660), 0x0670, 0x0640, 0x200C, 0x200D])
QUOTE_CHARS = 48  # longer quotes are cut with "…"


class Word(NamedTuple):
    start: int
    end: int
    key: str  # folded, without harakat, tatweel or joiners


def words(side: Side) -> list[Word]:
    """The words of a side, in order (computed once per side)."""
    return side.memo("words", _words)


def _words(side: Side) -> list[Word]:
    if MARKS.search(side.folded) is None:
        return [Word(m.start(), m.end(), m[0]) for m in WORD.finditer(side.folded)]
    return [Word(m.start(), m.end(), m[0].translate(UNMARKED)) for m in WORD.finditer(side.folded)]


def key_of(word: str, lang: str) -> str:
    """How a word written in a rules file is looked up: as `Word.key` would read it."""
    from workbench.text.normalize import fold_in_place

    return MARKS.sub("", fold_in_place(word, lang))


def quote(side: Side, span: tuple[int, int], *, context: int = 1) -> str:
    """The span's text and the next `context` word(s), as a reader would quote it:
    "2,340 families", "٢٣٠٤ عائلة"."""
    start, end = span
    following = [w for w in words(side) if w.start >= end][:context]
    if following and _same_phrase(side.text[end : following[-1].start]):
        end = following[-1].end
    return shorten(side.text[start:end].strip())


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _same_phrase(gap: str) -> bool:
    """Whether the words around `gap` belong together (no clause or sentence break)."""
    return len(gap) <= 3 and not re.search(r"[.,;:!?،؛؟()\[\]\"«»“”]", gap)
