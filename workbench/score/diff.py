"""A word-level diff of a hypothesis against its reference, for reading side by side.

Words are compared in their normalized form (so a diacritic or a tatweel the metric ignored
does not show as an error) and displayed as written. The reference's words the hypothesis
lacks are "missing", the hypothesis's words the reference lacks are "extra".
"""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher

Token = tuple[str, str]  # (word as written, "same" | "missing" | "extra")


def word_diff(
    reference: str, hypothesis: str, normalize: Callable[[str], str] | None = None
) -> tuple[list[Token], list[Token]]:
    """(reference tokens, hypothesis tokens), each word tagged same / missing / extra."""
    ref_words, hyp_words = reference.split(), hypothesis.split()
    key = normalize or (lambda word: word)
    matcher = SequenceMatcher(
        None, [key(w) for w in ref_words], [key(w) for w in hyp_words], autojunk=False
    )
    ref_tokens: list[Token] = []
    hyp_tokens: list[Token] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        same = tag == "equal"
        ref_tokens += [(w, "same" if same else "missing") for w in ref_words[i1:i2]]
        hyp_tokens += [(w, "same" if same else "extra") for w in hyp_words[j1:j2]]
    return ref_tokens, hyp_tokens
