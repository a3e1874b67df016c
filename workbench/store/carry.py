"""What a split, merge or unalign does with the reviewers' work on the beads it replaces.

The new beads start where the old ones left off (docs/review.md says it for reviewers):
- an edited text goes with its language's sentences, to the one new bead that holds them; a
  merge joins it with the other beads' text of that language (edited or not). A split or
  unalign that would divide an edited language's sentences between new beads is refused: no
  one can say which part of the edit belongs to which sentence.
- flags and comments go to every new bead made from the bead that had them;
- an error span goes to the one new bead that holds its words, at their new place there; a
  span whose words the cut divides is carried as stale (kept, marked, never dropped) to the
  bead holding its first word;
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
    spans: Sequence[dict[str, Any]] = ()


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
    _place_spans(_Made(sources, made, out, given, where, original))
    for state in out:
        state["status"] = _status(sources, state)
    return out


def _empty() -> dict[str, Any]:
    return {
        "status": "auto", "texts": {}, "editors": {}, "flags": [], "comments": [], "spans": [],
        "from": [],
    }  # fmt: skip


Piece = tuple[str, int]  # ("edit", source bead id) or ("sentence", index): a part of a text


@dataclass(frozen=True)
class _Made:
    """A restructuring in the making: the replaced beads, the new beads' sentences and
    state so far, the edits each new bead got (by column), where each sentence went."""

    sources: Sequence[Source]
    made: Sequence[Segments]
    out: list[dict[str, Any]]
    given: dict[tuple[int, int], dict[int, str]]
    where: dict[tuple[int, int], int]
    original: Original

    def text(self, t: int, column: int) -> str:
        """A new bead's text in a column: its carried edit, or its own sentences."""
        return self.out[t]["texts"].get(str(column)) or self.original(column, self.made[t][column])


def _place_spans(work: _Made) -> None:
    """Put each source's error spans on the new bead holding their words, at their new
    offsets (checked against the new text); a span that cannot be placed goes stale."""
    placed: dict[tuple[int, int], dict[Piece, int]] = {}

    def offsets(t: int, column: int) -> dict[Piece, int]:
        if (t, column) not in placed:
            placed[t, column] = _new_offsets(work, t, column)
        return placed[t, column]

    out = work.out
    for source in work.sources:
        targets = sorted({work.where[c, i] for c, col in enumerate(source.segments) for i in col})
        for span in source.spans:
            column, start = int(span["column"]), int(span["start"])
            if span.get("stale"):
                out[(targets or [0])[0]]["spans"].append(dict(span))
                continue
            piece, inside = _piece_at(source, column, start, work.original)
            t = next((t for t in range(len(work.made)) if piece in offsets(t, column)), None)
            if t is None:
                t = (targets or [0])[0]
                out[t]["spans"].append({**span, "stale": {"reason": "restructured"}})
                continue
            new_start = offsets(t, column)[piece] + inside
            new_end = new_start + int(span["end"]) - start
            if work.text(t, column)[new_start:new_end] == span["text"]:
                out[t]["spans"].append({**span, "start": new_start, "end": new_end})
            else:
                out[t]["spans"].append({**span, "stale": {"reason": "restructured"}})


def _piece_at(source: Source, column: int, start: int, original: Original) -> tuple[Piece, int]:
    """The piece of the source's text where offset `start` falls, and the offset in it."""
    if column in source.texts:
        return ("edit", source.bead_id), start
    at = 0
    indices = list(source.segments[column]) if column < len(source.segments) else []
    for i in indices:
        text = original(column, [i])
        if not text:
            continue
        if start < at + len(text) or i == indices[-1]:
            return ("sentence", i), start - at
        at += len(text) + 1
    return ("sentence", -1), 0


def _new_offsets(work: _Made, t: int, column: int) -> dict[Piece, int]:
    """Where each piece starts in the new bead's text of a column (as `_joined` or the
    bead's own sentences make it); nothing when the pieces do not make that very text."""
    edits = work.given.get((t, column), {})
    pieces: list[tuple[Piece, str]] = []
    for source in work.sources:
        if source.bead_id in edits:
            pieces.append((("edit", source.bead_id), edits[source.bead_id]))
            continue
        for i in source.segments[column]:
            if work.where.get((column, i)) == t:
                pieces.append((("sentence", i), work.original(column, [i])))
    found, at = {}, 0
    for piece, text in pieces:
        if text:
            found[piece] = at
            at += len(text) + 1
    joined = " ".join(text for _, text in pieces if text)
    return found if joined == work.text(t, column) else {}


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
