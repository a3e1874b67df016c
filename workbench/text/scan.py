"""Patterns made quick: Python's `re` tries a pattern at every character of a text unless it
begins with a plain character or class, and tries the branches of an alternation one by one.

- `matches(pattern, starts, text)`: what `pattern.finditer(text)` finds, trying the pattern
  only where a cheap pattern finds that it can begin (a digit, the first letters of a month
  name): for patterns that begin with a lookbehind ("(?<!\\w)May"), tried in full at every
  character otherwise;
- `any_of(words)`: one pattern for many words, their shared beginnings written once;
- `any_word(words)`: the same for words that stand whole (no letter before or after them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def matches(
    pattern: re.Pattern[str], starts: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """The non-empty matches of `pattern.finditer(text)`, given that `pattern` can only match
    where `starts` matches (a lookbehind in `pattern` still sees the text before that place)."""
    at = starts.search(text)
    while at is not None:
        found = pattern.match(text, at.start())
        if found is None or found.end() == found.start():
            at = starts.search(text, at.start() + 1)
        else:
            yield found
            at = starts.search(text, found.end())


def any_of(words: set[str]) -> str:
    """A pattern found where any of the words is, with the beginnings they share written
    once ("ا(?:ب|يار|ذار)"): Python's re tries an alternation's branches one by one at each
    character, and month names begin alike (most Arabic ones with alef)."""
    return _trie(words)


LETTER = r"[^\W\d_]"


def any_word(words: set[str]) -> str:
    """A pattern found where one of the words stands whole (no letter before or after it),
    written as `any_of` does, and looking behind only after a word's first letter (so re
    looks for that letter first)."""
    return _trie(words, rf"(?<!{LETTER}.)") + rf"(?!{LETTER})"


def _trie(words: set[str], after_first: str = "") -> str:
    """Every word, the beginnings they share written once; a word that ends where a longer
    one goes on is the last branch, so that re falls back to it."""
    first: dict[str, set[str]] = {}
    for word in words:
        first.setdefault(word[:1], set()).add(word[1:])
    ends = first.pop("", None) is not None
    branches = [re.escape(char) + after_first + _trie(rest) for char, rest in sorted(first.items())]
    if ends and branches:
        branches.append("")
    return f"(?:{'|'.join(branches)})" if len(branches) > 1 else "".join(branches)
