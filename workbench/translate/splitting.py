"""Cutting work to size: over-long sentences into clause-sized pieces, pieces into batches.

Nothing is ever truncated: a sentence longer than the limit is cut at clause punctuation
(Latin and Arabic: , ; : ، ؛ and dashes), then between words, and as a last resort inside a
word; the pieces are translated one by one and joined again.
"""

from __future__ import annotations

import re
from collections.abc import Callable

CLAUSE_END = re.compile(r"(?<=[,;:\u060C\u061B\u2013\u2014])\s+")


def split_long(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """`text` as pieces of at most `limit` units as measured by `count` (one piece if short)."""
    if count(text) <= limit:
        return [text]
    clauses = CLAUSE_END.split(text)
    if len(clauses) == 1:
        words = text.split()
        if len(words) == 1:
            return _split_word(text, count, limit)
        return _pack(words, count, limit, lambda w: _split_word(w, count, limit))
    return _pack(clauses, count, limit, lambda c: split_long(c, count, limit))


def _pack(
    parts: list[str],
    count: Callable[[str], int],
    limit: int,
    split_part: Callable[[str], list[str]],
) -> list[str]:
    """Join neighbouring parts while they fit; split a part that does not fit alone."""
    pieces: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current} {part}" if current else part
        if count(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        if count(part) <= limit:
            current = part
        else:
            pieces.extend(split_part(part))
            current = ""
    if current:
        pieces.append(current)
    return pieces


def _split_word(word: str, count: Callable[[str], int], limit: int) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and count(current + char) > limit:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces


def batches(lengths: list[int], budget: int) -> list[list[int]]:
    """Indices grouped longest first, each group's padded size (count x longest) within budget.

    A single item longer than the budget still gets a batch of its own.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    groups: list[list[int]] = []
    for i in order:
        if groups and (len(groups[-1]) + 1) * lengths[groups[-1][0]] <= budget:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups
