"""The `terms` check: the glossary's terms are kept. A hook any termbase plugs into.

A glossary is anything with `find(text, lang)` returning the term hits in a text (see
`Glossary`): each hit names its concept, the term, where it stands and whether the term is
forbidden. A bead is flagged when its source holds a concept and its target holds none of
that concept's allowed terms (minor: a translator may say it another way), or when its
target holds a forbidden term (major). Without a glossary the check finds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from workbench.qa.pair import Pair, finding
from workbench.records import Finding

NAME = "terms"


@runtime_checkable
class TermHit(Protocol):
    """A term found in a text: its concept, the term itself, where it stands [start, end)
    and whether the glossary forbids it."""

    concept: str | int
    term: str
    start: int
    end: int
    forbidden: bool


@runtime_checkable
class Glossary(Protocol):
    """What the terms check needs of a termbase."""

    def find(self, text: str, lang: str) -> Sequence[TermHit]: ...


def check(pair: Pair) -> list[Finding]:
    if pair.glossary is None or not pair.src.text.strip():
        return []
    src, tgt = pair.src, pair.tgt
    ours = [h for h in pair.glossary.find(src.text, src.lang) if not h.forbidden]
    theirs = list(pair.glossary.find(tgt.text, tgt.lang)) if tgt.text.strip() else []
    kept = {h.concept for h in theirs if not h.forbidden}
    found = []
    seen = set()
    for hit in ours:
        if hit.concept in kept or hit.concept in seen:
            continue
        seen.add(hit.concept)
        message = (
            f"{src.name} says «{hit.term}» (glossary concept {hit.concept}); "
            f"{tgt.name} uses none of its terms."
        )
        found.append(finding(NAME, "minor", message, (hit.start, hit.end), None))
    for hit in theirs:
        if hit.forbidden:
            message = f"{tgt.name} says «{hit.term}», which the glossary forbids."
            found.append(finding(NAME, "major", message, None, (hit.start, hit.end)))
    return found
