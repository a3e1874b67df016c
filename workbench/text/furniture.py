"""Removing the furniture of scraped pages, and only that.

What counts as furniture is data (the [furniture] tables of `rules/<lang>.toml` and
`rules/common.toml`): whole lines such as "see more" or "الأكثر قراءة", patterns such as
app-store lines, and the markers that open a page's closing block. A line is dropped only
when all of it is furniture, so a sentence that merely mentions "download" stays, and the
closing block is cut only when none of its lines is prose. A dateline under the headline
("Iraq 10:12 AM - 2021-05-03") is taken out of the text and read as the report's date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.text.dates import find_date
from workbench.text.rules import LanguageRules, fold_key, rules

PROSE_WORDS = 12  # a closing-block line this long that ends a sentence is article text
SITE_NAME_WORDS = 3  # "PUKmedia", "Rudaw English": the byline just before the closing block
DATELINE_WORDS = 8
DATELINE_WITHIN = 4  # paragraphs from the top; the first one is the headline
TERMINALS = (".", "!", "?", "؟", "۔", "…")


@dataclass(frozen=True)
class Cleaned:
    """The article's paragraphs, the date read from its dateline, and what was taken out."""

    paragraphs: tuple[str, ...]
    date: str
    dropped: tuple[str, ...]


def remove_furniture(paragraphs: Sequence[str], lang: str) -> Cleaned:
    """The article's paragraphs without the page around them, and the dateline's date.

    Furniture is judged line by line, so a "." line inside a paragraph goes too; the lines
    left of a paragraph are joined with a space.
    """
    language = rules(lang)
    lines = [
        (number, line.strip())
        for number, paragraph in enumerate(paragraphs)
        for line in paragraph.splitlines()
        if line.strip()
    ]
    lines, tail = _cut_closing_block(lines, language)
    dropped = [line for _, line in lines if is_furniture(line, language)]
    grouped: dict[int, list[str]] = {}
    for number, line in lines:
        if not is_furniture(line, language):
            grouped.setdefault(number, []).append(line)
    kept = [" ".join(group) for group in grouped.values()]
    kept, date, dateline = _take_dateline(kept, lang)
    return Cleaned(tuple(kept), date, tuple([*dateline, *dropped, *tail]))


def is_furniture(line: str, language: LanguageRules) -> bool:
    """Whether the whole line is page furniture in this language."""
    if fold_key(line) in language.furniture_lines:
        return True
    return any(pattern.search(line) for pattern in language.furniture_patterns)


Line = tuple[int, str]  # (paragraph number, text)


def _cut_closing_block(lines: list[Line], language: LanguageRules) -> tuple[list[Line], list[str]]:
    """Cut from the first closing-block marker to the end, with the site name just before it."""
    markers = (i for i, (_, text) in enumerate(lines) if fold_key(text) in language.tail_markers)
    start = next(markers, None)
    if start is None or any(_is_prose(text) for _, text in lines[start:]):
        return lines, []
    head, tail = lines[:start], [text for _, text in lines[start:]]
    while head and is_furniture(head[-1][1], language):
        tail.insert(0, head.pop()[1])
    if len(head) > 1 and _is_site_name(head[-1][1]):
        tail.insert(0, head.pop()[1])
    return head, tail


def _is_prose(line: str) -> bool:
    return len(line.split()) > PROSE_WORDS and line.rstrip("\"'”»)").endswith(TERMINALS)


def _is_site_name(line: str) -> bool:
    return len(line.split()) <= SITE_NAME_WORDS and not line.endswith(TERMINALS)


def _take_dateline(kept: list[str], lang: str) -> tuple[list[str], str, list[str]]:
    for i in range(1, min(DATELINE_WITHIN, len(kept))):
        line = kept[i]
        if len(line.split()) <= DATELINE_WORDS and not line.endswith(TERMINALS):
            date = find_date(line, lang)
            if date:
                return kept[:i] + kept[i + 1 :], date, [line]
    return kept, "", []
