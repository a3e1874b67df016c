"""Translation memory first: what the memory decides before any model sees a sentence.

A sentence with an exact human match (100, or 101 in the same context) takes the match's
target and never reaches the model. Fuzzy human matches scoring at least `threshold` are
*offered* beside the machine translation, never inserted, unless the user asked to fill from
`fill` up (`--tm-fill 85`); then the best one is inserted, numbers substituted. Every
sentence says where its translation came from: "memory", "fill" or "machine".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.errors import InputError
from workbench.memory.fuzzy import context_key
from workbench.memory.search import OFFER_SCORE, Match, exact_matches, search
from workbench.store.db import Database

SOURCES = ("memory", "fill", "machine")


@dataclass(frozen=True)
class MemoryPolicy:
    """How `translate` uses the memory: offer fuzzy matches from `threshold`, insert them from
    `fill` (None: never insert a fuzzy match). `exclude_report` names a report whose own
    entries are not used: machine-translating a report to compare with its human versions
    must not copy them."""

    threshold: int = OFFER_SCORE
    fill: int | None = None
    exclude_report: str = ""

    def __post_init__(self) -> None:
        if not 1 <= self.threshold <= 100:
            raise InputError(f"The match threshold is a score from 1 to 100, not {self.threshold}.")
        if self.fill is not None and not 1 <= self.fill <= 100:
            raise InputError(
                f"--tm-fill is a score from 1 to 100 (85 is usual), not {self.fill}; exact "
                "matches are always used."
            )

    @property
    def signature(self) -> str:
        return "tm:exact" + (f"+fill{self.fill}" if self.fill is not None else "")


@dataclass(frozen=True)
class SegmentSource:
    """Where one sentence's translation came from, and the matches offered for it."""

    origin: str  # memory | fill | machine
    score: int = 0
    entry_id: int | None = None
    offers: tuple[Match, ...] = ()

    def as_row(self) -> tuple[str, int, int | None, int]:
        return (self.origin, self.score, self.entry_id, len(self.offers))


Decision = tuple[str | None, SegmentSource]  # (the memory's translation or None, why)


def from_memory(
    db: Database,
    texts: Sequence[str],
    src: str,
    tgt: str,
    policy: MemoryPolicy,
    *,
    before: str = "",
    after: str | None = None,
) -> list[Decision]:
    """For each text, the translation the memory gives (None: the model's turn) and why.
    `before` and `after` are the sentences around `texts` ("" at a document's edge, None
    when unknown: then the last text cannot have a match in the same context)."""
    from workbench.memory.sources import refresh_memory

    refresh_memory(db)
    around = [before, *texts, after]
    contexts = [
        None if around[i + 2] is None else context_key(around[i], around[i + 2], src)
        for i in range(len(texts))
    ]
    exact = exact_matches(db, texts, src, tgt, contexts, exclude_report=policy.exclude_report)
    decisions: list[Decision] = []
    for i, text in enumerate(texts):
        if exact[i] is not None:
            found = exact[i]
            decisions.append((found.target, SegmentSource("memory", found.score, found.entry.id)))
        elif not text.strip():
            decisions.append((None, SegmentSource("machine")))
        else:
            decisions.append(_fuzzy(db, text, src, tgt, policy, around[i], around[i + 2]))
    return decisions


def _fuzzy(
    db: Database,
    text: str,
    src: str,
    tgt: str,
    policy: MemoryPolicy,
    previous: str | None,
    following: str | None,
) -> Decision:
    offers = tuple(
        m
        for m in search(
            db,
            text,
            src,
            tgt,
            previous=previous,
            following=following,
            min_score=policy.threshold,
            exclude_report=policy.exclude_report,
            refresh=False,
        )
        if m.entry.is_human
    )
    if offers and policy.fill is not None and offers[0].score >= policy.fill:
        best = offers[0]
        return best.target, SegmentSource("fill", best.score, best.entry.id, offers)
    return None, SegmentSource("machine", 0, None, offers)
