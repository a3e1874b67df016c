"""What a split, merge or unalign does with the reviewers' work on the beads it replaces.

The new beads start where the old ones left off (docs/review.md says it for reviewers):
- an edited text goes with its language's sentences, to the one new bead that holds them; a
  merge joins it with the other beads' text of that language (edited or not). A split or
  unalign that would divide an edited language's sentences between new beads is refused: no
  one can say which part of the edit belongs to which sentence.
- flags and comments go to every new bead made from the bead that had them;
- the status is the most pressing of the old beads' (flagged, rejected, edited, accepted,
  auto), `edited` only where the new bead carries an edited text.

The result is stored in the restructuring event (`after["carry"]`, one entry per new bead), so
the fold of the events gives every new bead its state without looking anything up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.errors import InputError

URGENCY = ("flagged", "rejected", "edited", "accepted", "auto")
Segments = Sequence[Sequence[int]]
# The original text of some sentences of one column: (column, sentence indices) -> text.
Original = Callable[[int, Sequence[int]], str]


@dataclass(frozen=True)
class Source:
    """A bead being replaced: its sentences and what reviewers made of it."""

    bead_id: int
    segments: Segments
    status: str = "auto"
    texts: dict[int, str] = field(default_factory=dict)
    editors: dict[int, str] = field(default_factory=dict)
    flags: Sequence[dict[str, Any]] = ()
    comments: Sequence[str] = ()


def carry(
    sources: Sequence[Source],
    made: Sequence[Segments],
    languages: Sequence[str],
    original: Original,
) -> list[dict[str, Any]]:
    """The state each new bead starts with (as stored: JSON keys are strings), in `made`'s order.

    `sources` are the replaced beads in document order; every sentence of theirs is in `made`.
    """
    where = {(c, i): t for t, bead in enumerate(made) for c, col in enumerate(bead) for i in col}
    out: list[dict[str, Any]] = [_empty() for _ in made]
    given: dict[tuple[int, int], dict[int, str]] = {}  # (new bead, column) -> edits by source
    for source in sources:
        targets = sorted({where[c, i] for c, col in enumerate(source.segments) for i in col})
        for t in targets:
            out[t]["from"].append(source.bead_id)
            out[t]["flags"].extend(dict(f) for f in source.flags)
            out[t]["comments"].extend(source.comments)
        for column, text in source.texts.items():
            holders = sorted({where[column, i] for i in source.segments[column]})
            if len(holders) > 1:
                raise InputError(_divided(source, column, languages))
            target = holders[0] if holders else (targets or [0])[0]
            given.setdefault((target, column), {})[source.bead_id] = text
            out[target]["editors"][str(column)] = source.editors.get(column, "")
    for (t, column), edits in given.items():
        out[t]["texts"][str(column)] = _joined(sources, made[t], column, edits, where, t, original)
    for state in out:
        state["status"] = _status(sources, state)
    return out


def _empty() -> dict[str, Any]:
    return {"status": "auto", "texts": {}, "editors": {}, "flags": [], "comments": [], "from": []}


def _joined(
    sources: Sequence[Source],
    bead: Segments,
    column: int,
    edits: dict[int, str],
    where: dict[tuple[int, int], int],
    t: int,
    original: Original,
) -> str:
    """One column of a new bead: each source's edit, or its own sentences there, in order."""
    pieces = []
    for source in sources:
        if source.bead_id in edits:
            pieces.append(edits[source.bead_id])
            continue
        mine = [i for i in source.segments[column] if where.get((column, i)) == t]
        if mine:
            pieces.append(original(column, mine))
    return " ".join(p for p in pieces if p)


def _status(sources: Sequence[Source], state: dict[str, Any]) -> str:
    found = [s.status for s in sources if s.bead_id in state["from"]]
    if not state["texts"]:
        found = ["auto" if status == "edited" else status for status in found]
    return min(found or ["auto"], key=lambda s: URGENCY.index(s) if s in URGENCY else len(URGENCY))


def _divided(source: Source, column: int, languages: Sequence[str]) -> str:
    lang = languages[column] if column < len(languages) else f"column {column}"
    who = source.editors.get(column)
    by = f" by {who}" if who else ""
    return (
        f"The {lang} text of bead {source.bead_id} was edited{by}, and this would divide its "
        f"{lang} sentences between new beads: no one could tell which part of the edit belongs "
        f"where. Keep the {lang} sentences together (all or none in the first part), or unalign "
        "another sentence."
    )
