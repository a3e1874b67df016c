"""Where a marked stretch of a text (an error span) is after the text was changed.

The old and the new text are compared word by word (words, spaces and single punctuation
marks are the tokens, so offsets inside a word still map). A span keeps its words when they
all lie in one stretch the change left as it was: it moves with that stretch. A span whose
words were changed, or cut by an insertion, has no place in the new text: `moved` answers
None and the caller marks it stale (never drops it silently).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def moved(old: str, new: str, start: int, end: int) -> tuple[int, int] | None:
    """The (start, end) of old[start:end] in `new`, or None when the change touched it."""
    if old == new:
        return start, end
    old_tokens, new_tokens = TOKEN.findall(old), TOKEN.findall(new)
    old_at, new_at = _offsets(old_tokens), _offsets(new_tokens)
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for i, j, size in matcher.get_matching_blocks():
        first, last = old_at[i], old_at[i + size]
        if size and first <= start and end <= last:
            shift = new_at[j] - first
            found = (start + shift, end + shift)
            return found if new[found[0] : found[1]] == old[start:end] else None
    return None


def _offsets(tokens: list[str]) -> list[int]:
    """Character offset of each token, and the text's length after the last."""
    at, total = [], 0
    for token in tokens:
        at.append(total)
        total += len(token)
    return [*at, total]
