"""A word diff between a machine translation and the human version of the same bead."""

from __future__ import annotations

import difflib
from typing import Literal

Piece = tuple[Literal["same", "mt", "human"], str]


def word_diff(machine: str, human: str) -> list[Piece]:
    """The machine text as pieces: words both share ("same"), words only the machine wrote
    ("mt") and, where the human wrote other words, those ("human"), in reading order."""
    mt_words, human_words = machine.split(), human.split()
    matcher = difflib.SequenceMatcher(a=mt_words, b=human_words, autojunk=False)
    pieces: list[Piece] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", " ".join(mt_words[a0:a1])))
            continue
        if a1 > a0:
            pieces.append(("mt", " ".join(mt_words[a0:a1])))
        if b1 > b0:
            pieces.append(("human", " ".join(human_words[b0:b1])))
    return pieces
