"""Sentence segmentation for English, Arabic, Sorani and Kurmanji.

Rules, not a model: a sentence ends at `.` `!` `?` `؟` `۔` `…` (with any closing quotes and
brackets after them) followed by a space, unless the words around it say otherwise:
abbreviations and titles (from the language's rules file), initials, single Arabic-script
letters ("د." "م."), enumerators at the start of a paragraph, or a next word in lower case.
Decimals, times, dates, URLs and e-mail addresses never split because their full stops are
not followed by a space. Blank lines are hard boundaries; a headline without a full stop
stays one segment.

`،` is never a boundary. `؛` is not one either: it joins clauses of one sentence. In the
FLORES-200 dev set (the evaluation data) 15 of 16 Arabic `؛` and all 10 Sorani ones are
inside a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.records import Segment
from workbench.text.languages import canonical, script
from workbench.text.normalize import normalize
from workbench.text.rules import LanguageRules, rules

CLOSERS = "\"'”’»›)]}\u200e\u200f"  # bidi marks ride along with the stop they follow
OPENERS = "\"'“‘«‹([{\u200e\u200f"
CANDIDATE = re.compile(
    r"(?P<stop>\.{2,}|…|[.!?؟۔‼⁇⁈⁉]+)(?P<close>[" + re.escape(CLOSERS) + r"]*)(?=\s)"
)
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
INNER_SPACE = re.compile(r"\s+")
NUMBER = re.compile(r"^[\d٠-٩۰-۹]+(?:[.,٫٬][\d٠-٩۰-۹]+)*$")
ARABIC_LETTERS = re.compile(r"^[\u0620-\u064a\u066e-\u06d5]\u0640?$")
ARABIC_DOTTED = re.compile(
    r"^(?:[\u0620-\u064a\u066e-\u06d5]\u0640?\.)+[\u0620-\u064a\u066e-\u06d5]\u0640?$"
)
WINDOW = 100  # characters either side of a stop that decide it
LATIN_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")


def segment(text: str, lang: str) -> list[str]:
    """The sentences of a text, in order. Blank lines are hard paragraph boundaries."""
    lang = canonical(lang)
    return [s for paragraph in PARAGRAPH_BREAK.split(text) for s in _sentences(paragraph, lang)]


def segment_paragraphs(
    paragraphs: Sequence[str], lang: str, *, most: int | None = None
) -> list[Segment]:
    """Segments of a document given as paragraphs: index, paragraph index, text, normalized.
    With `most`, it stops once it has found more than that many (the caller refuses)."""
    lang = canonical(lang)
    found: list[Segment] = []
    for number, paragraph in enumerate(paragraphs):
        for sentence in _sentences(paragraph, lang):
            found.append(Segment(len(found), sentence, normalize(sentence, lang), number))
            if most is not None and len(found) > most:
                return found
    return found


def _sentences(paragraph: str, lang: str) -> list[str]:
    text = INNER_SPACE.sub(" ", paragraph).strip()
    if not text:
        return []
    language = rules(lang)
    cuts = [m.end() for m in CANDIDATE.finditer(text) if _ends_sentence(text, m, language)]
    starts = [0, *cuts]
    ends = [*cuts, len(text)]
    return [s for a, b in zip(starts, ends, strict=True) if (s := text[a:b].strip())]


def _ends_sentence(text: str, match: re.Match[str], language: LanguageRules) -> bool:
    # only the words around the stop matter: look at a window, so long paragraphs stay linear
    start = max(0, match.start() - WINDOW)
    before = text[start : match.start()].rstrip()
    word = before.rsplit(" ", 1)[-1].lstrip(OPENERS)
    rest = before[: len(before) - len(word)].rstrip()
    next_word = text[match.end() : match.end() + WINDOW].lstrip().split(" ", 1)[0]
    first = next_word.lstrip(OPENERS)[:1]
    if not first or first.islower() or first in ",;:،؛)]}":
        return False  # "e.g. the", "Yahoo! , " and the like go on
    if next_word in language.continuations:
        return False
    if match["stop"] != ".":
        return True
    at_start = not rest and start == 0
    return not _abbreviation(word, rest, at_start, next_word, language)


def _abbreviation(
    word: str, rest: str, at_start: bool, next_word: str, language: LanguageRules
) -> bool:
    """Whether the full stop after `word` belongs to it rather than ending the sentence.

    `rest` is the text before the word; `at_start` says the word opens the paragraph.
    """
    word = word.rsplit("-", 1)[-1] or word  # "non-U.S." is "U.S."
    if not word:
        return False
    if word in language.never_end:
        return True
    if word in language.before_number:
        return bool(NUMBER.match(next_word.rstrip(".,:;،" + CLOSERS)))
    if NUMBER.match(word):
        return at_start  # "1." opening a paragraph is an enumerator
    if len(word) == 1 and word.isascii() and word.isalpha():
        return word.isupper() or at_start  # "J. R. Smith"; "a." opening a list item
    if word in language.may_end or LATIN_DOTTED.match(word):
        return not _opens_sentence(next_word, language)
    if ARABIC_LETTERS.match(word) or ARABIC_DOTTED.match(word):
        # "د. أحمد" is a title; "عام ٢٠٢١م." a year marker that may end the sentence
        previous = rest.rsplit(" ", 1)[-1]
        return not (NUMBER.match(previous) or _ends_with_digit(previous))
    return False


def _opens_sentence(next_word: str, language: LanguageRules) -> bool:
    if script(language.lang) == "Arab":
        return True  # no capitals to tell: an abbreviation that may end a sentence does
    return next_word.lstrip(OPENERS).rstrip(",;:") in language.sentence_openers


def _ends_with_digit(word: str) -> bool:
    return bool(word) and (word[-1].isdigit())
