"""Strict and lax precision, recall and F1 of beads against gold beads, as Vecalign scores.

Defined as in Vecalign's `score.py` (after Sennrich & Volk's evaluation of Bleualign), so
figures compare with published ones:
- a test bead is a *strict* hit when the gold has exactly that bead;
- otherwise it is a *lax* hit when one of its source sentences is linked in the gold to one
  of its target sentences;
- precision counts every test bead, 1-0 and 0-1 included; recall is the same count with gold
  and test swapped and *without* 1-0 and 0-1 beads on either side;
- counts are summed over all documents before dividing (micro average); 0/0 is 0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

Link = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Scores:
    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float

    def as_dict(self) -> dict[str, float]:
        return dict(self.__dict__)


def _links(beads: Iterable[Any]) -> list[Link]:
    out = []
    for bead in beads:
        segments = getattr(bead, "segments", bead)
        out.append((tuple(int(i) for i in segments[0]), tuple(int(j) for j in segments[1])))
    return out


def _counts(gold: Sequence[Link], test: Sequence[Link]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of the test beads."""
    test_set = {(s, t) for s, t in test if s or t}
    gold_set = {(s, t) for s, t in gold if s or t}
    linked: dict[int, set[int]] = defaultdict(set)
    for s, t in gold_set:
        for i in s:
            linked[i].update(t)
    hit = miss = lax_hit = lax_miss = 0
    for s, t in test_set:
        if (s, t) in gold_set:
            hit += 1
            lax_hit += 1
            continue
        miss += 1
        near = set().union(*(linked[i] for i in s)) if s else set()
        if near & set(t):
            lax_hit += 1
        else:
            lax_miss += 1
    return hit, miss, lax_hit, lax_miss


def evaluate_alignment(gold: Sequence[Iterable[Any]], test: Sequence[Iterable[Any]]) -> Scores:
    """Scores of test alignments against gold ones, one list of beads per document.

    Beads are `records.Bead` or (source indices, target indices) pairs.
    """
    if len(gold) != len(test):
        raise ValueError(f"{len(gold)} gold alignments but {len(test)} test alignments")
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for g, t in zip(gold, test, strict=True):
        g_links, t_links = _links(g), _links(t)
        p = [x + y for x, y in zip(p, _counts(g_links, t_links), strict=True)]
        both_sides = [(s, u) for s, u in t_links if s and u]
        gold_both = [(s, u) for s, u in g_links if s and u]
        r = [x + y for x, y in zip(r, _counts(both_sides, gold_both), strict=True)]
    ps, pl = _ratio(p[0], p[1]), _ratio(p[2], p[3])
    rs, rl = _ratio(r[0], r[1]), _ratio(r[2], r[3])
    return Scores(ps, rs, _f1(ps, rs), pl, rl, _f1(pl, rl))


def _ratio(hits: int, misses: int) -> float:
    return hits / (hits + misses) if hits + misses else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


score = evaluate_alignment
