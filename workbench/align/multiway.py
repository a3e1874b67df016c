"""Three or four versions of a report: align each to a hub, then join the pairs into n-way beads.

Every version is aligned to the hub (English by default). An n-way bead ends wherever *all*
pairwise alignments have a bead boundary in the hub; sentences a version adds (0-1 beads)
that fall exactly on such a boundary become a bead of their own with no hub sentence.

The path through the hub can hide a mistake in one pair, so each pair of non-hub versions
(e.g. ar-ckb) is also aligned directly; an n-way bead is flagged where the direct alignment
disagrees: a direct bead joins sentences of two different n-way beads, or leaves unmatched
two sentences that the n-way bead puts together. A flagged bead's confidence is halved, so
it sorts among the doubtful ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Any

from workbench.align.aligner import AlignmentResult, align
from workbench.errors import InputError
from workbench.records import Bead
from workbench.signature import VERSION, Signature

DISAGREEMENT = "disagreement"


@dataclass(frozen=True)
class MultiAlignment:
    """n-way beads (one index tuple per document, in the order given) and how they were made."""

    beads: tuple[Bead, ...]
    langs: tuple[str, ...]
    hub: int
    signature: str
    pairs: dict[tuple[int, int], AlignmentResult]


def align_many(
    documents: Sequence[Sequence[str]],
    langs: Sequence[str],
    *,
    hub: int | str = "en",
    check_pairs: bool = True,
    paragraphs: Sequence[Sequence[int] | None] | None = None,
    **options: Any,
) -> MultiAlignment:
    """Align two or more documents around the hub (an index, or a language code; the first
    document when no document has that language). `options` go to `align()`."""
    if len(documents) < 2 or len(documents) != len(langs):
        raise InputError("Give at least two documents, and one language code per document.")
    center = _hub_index(hub, langs)
    paras = list(paragraphs) if paragraphs is not None else [None] * len(documents)
    pairs: dict[tuple[int, int], AlignmentResult] = {}
    for k in range(len(documents)):
        if k != center:
            pairs[(center, k)] = _pair(documents, langs, paras, center, k, options)
    beads = join_at_hub(len(documents[center]), center, len(documents), pairs)
    spokes = [k for k in range(len(documents)) if k != center]
    if check_pairs:
        for k, other in combinations(spokes, 2):
            pairs[(k, other)] = _pair(documents, langs, paras, k, other, options)
            beads = flag_disagreements(beads, k, other, pairs[(k, other)], langs)
    first = Signature.parse(pairs[(center, spokes[0])].signature)
    how = Signature(tuple(f for f in first if f[0] != VERSION))
    how = how.then(Signature.of(hub=langs[center], check="yes" if check_pairs else "no"))
    signature = how.with_version().format()
    return MultiAlignment(tuple(beads), tuple(langs), center, signature, pairs)


def _hub_index(hub: int | str, langs: Sequence[str]) -> int:
    if isinstance(hub, int):
        if not 0 <= hub < len(langs):
            raise InputError(f"There is no document {hub} to use as the hub.")
        return hub
    return list(langs).index(hub) if hub in langs else 0


def _pair(
    documents: Sequence[Sequence[str]],
    langs: Sequence[str],
    paras: Sequence[Sequence[int] | None],
    a: int,
    b: int,
    options: dict[str, Any],
) -> AlignmentResult:
    return align(
        documents[a],
        documents[b],
        src_lang=langs[a],
        tgt_lang=langs[b],
        src_paragraphs=paras[a],
        tgt_paragraphs=paras[b],
        **options,
    )


def join_at_hub(
    n_hub: int, center: int, count: int, pairs: dict[tuple[int, int], AlignmentResult]
) -> list[Bead]:
    """n-way beads from the hub-to-version alignments."""
    spokes = sorted(k for (h, k) in pairs if h == center)
    cuts = set(range(n_hub + 1))
    added: dict[int, dict[int, list[int]]] = {}  # hub position -> version -> added sentences
    for k in spokes:
        position, bounds = 0, {0, n_hub}
        for bead in pairs[(center, k)].beads:
            hub_side, other = bead.segments
            if hub_side:
                bounds.update((hub_side[0], hub_side[-1] + 1))
                position = hub_side[-1] + 1
            else:
                added.setdefault(position, {}).setdefault(k, []).extend(other)
        cuts &= bounds
    ordered = sorted(cuts)
    owner = {}  # (version, hub sentence) lookups go through the bead that holds it
    for k in spokes:
        for bead in pairs[(center, k)].beads:
            for h in bead.segments[0]:
                owner[(k, h)] = bead
    beads = []
    for c0, c1 in zip(ordered, ordered[1:], strict=False):
        beads.extend(_added_bead(added.get(c0, {}), count, center))
        members: list[list[int]] = [[] for _ in range(count)]
        members[center] = list(range(c0, c1))
        inside = []
        for k in spokes:
            for bead in _beads_within(pairs[(center, k)].beads, c0, c1):
                members[k].extend(bead.segments[1])
                inside.append(bead)
        beads.append(_combined(members, inside))
    beads.extend(_added_bead(added.get(n_hub, {}), count, center))
    return beads


def _beads_within(beads: Sequence[Bead], c0: int, c1: int) -> list[Bead]:
    """The beads of one pair whose hub part lies in [c0, c1), additions strictly inside."""
    out, position = [], 0
    for bead in beads:
        hub_side = bead.segments[0]
        if hub_side:
            if c0 <= hub_side[0] < c1:
                out.append(bead)
            position = hub_side[-1] + 1
        elif c0 < position < c1:
            out.append(bead)
    return out


def _added_bead(added: dict[int, list[int]], count: int, center: int) -> list[Bead]:
    if not added:
        return []
    members = [tuple(sorted(added.get(k, []))) for k in range(count)]
    return [Bead(tuple(members), 0.0, 1.0, "unmatched")]


def _combined(members: list[list[int]], inside: list[Bead]) -> Bead:
    weakest = min(inside, key=lambda b: b.confidence) if inside else None
    return Bead(
        segments=tuple(tuple(sorted(m)) for m in members),
        score=round(sum(b.score for b in inside), 4),
        confidence=weakest.confidence if weakest else 1.0,
        signal=weakest.signal if weakest else "unmatched",
    )


def flag_disagreements(
    beads: Sequence[Bead], k: int, other: int, direct: AlignmentResult, langs: Sequence[str]
) -> list[Bead]:
    """Flag the n-way beads that the direct alignment of versions k and `other` contradicts."""
    where_k = {i: n for n, b in enumerate(beads) for i in b.segments[k]}
    where_o = {j: n for n, b in enumerate(beads) for j in b.segments[other]}
    doubtful: set[int] = set()
    for bead in direct.beads:
        ks, os_ = bead.segments
        holders = {where_k[i] for i in ks} | {where_o[j] for j in os_}
        if len(holders) > 1:
            doubtful |= holders
        elif len(holders) == 1 and not (ks and os_):
            (n,) = holders
            if beads[n].segments[k] and beads[n].segments[other]:
                doubtful.add(n)
    name = f"{langs[k]}-{langs[other]}"
    out = list(beads)
    for n in sorted(doubtful):
        out[n] = _flagged(out[n], name)
    return out


def _flagged(bead: Bead, pair: str) -> Bead:
    flag = dict(bead.flag or {"category": DISAGREEMENT, "severity": "minor", "pairs": []})
    flag["pairs"] = [*flag.get("pairs", []), pair]
    flag["comment"] = (
        f"The direct alignment of {', '.join(flag['pairs'])} differs from the path through the hub."
    )
    return replace(bead, flag=flag, confidence=round(bead.confidence / 2, 4))
