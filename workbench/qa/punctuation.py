"""The `punctuation` check: a question on one side and a statement on the other, and quotes
or brackets left open on one side but not on the other.

A question is a sentence with `?` (or the Arabic-script `؟`); asking and telling differ in
meaning, so a question answered by a statement is major. Brackets ( ) [ ] { } and
guillemets « » must close what they open; straight and curly double quotes must come in
pairs. One side unbalanced where the other is balanced is minor (the other side shows how it
should read).
"""

from __future__ import annotations

import re

from workbench.qa.pair import Pair, Side, finding, mirrored
from workbench.records import Finding

NAME = "punctuation"
QUESTION = re.compile("[?؟⸮]")
PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("«", "»"))
QUOTES = re.compile('["“”„]')


MARKS = frozenset('?؟⸮()[]{}«»"“”„')


def check(pair: Pair) -> list[Finding]:
    if MARKS.isdisjoint(pair.src.text) and MARKS.isdisjoint(pair.tgt.text):
        return []
    return _one_way(pair) + [mirrored(f) for f in _one_way(pair.swapped())]


def _one_way(pair: Pair) -> list[Finding]:
    """What the source has that the target lacks: a question, balanced marks."""
    src, tgt = pair.src, pair.tgt
    if not src.text.strip() or not tgt.text.strip():
        return []
    found = []
    asked = QUESTION.search(src.text)
    if asked and not QUESTION.search(tgt.text):
        message = f"{src.name} asks a question; {tgt.name} makes it a statement."
        found.append(finding(NAME, "major", message, (asked.start(), asked.end()), None))
    open_mark = _unbalanced(tgt)
    if open_mark is not None and _unbalanced(src) is None:
        mark = tgt.text[open_mark]
        message = f"{tgt.name} leaves {mark} unmatched; {src.name} closes its marks."
        found.append(finding(NAME, "minor", message, None, (open_mark, open_mark + 1)))
    return found


def _unbalanced(side: Side) -> int | None:
    """Where the first mark that is not closed (or not opened) stands, or None."""
    text = side.text
    for opening, closing in PAIRS:
        if opening not in text and closing not in text:
            continue
        depth, first_open = 0, None
        for i, char in enumerate(text):
            if char == opening:
                depth += 1
                first_open = i if depth == 1 else first_open
            elif char == closing:
                if depth == 0:
                    return i
                depth -= 1
        if depth:
            return first_open
    quotes = [m.start() for m in QUOTES.finditer(text)]
    return quotes[-1] if len(quotes) % 2 else None
