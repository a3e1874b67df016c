"""The alignments under review as they stand now, kept in memory and brought up to date from
the events written since the last look, instead of folding every event again on every page.

A review event is never changed once written and event ids only grow (one writer at a time),
so a fold of the events up to id N, carried on over the events after N, is the fold of them
all; an undo can change what older events mean, so after one the events are folded again from
the first. Bead rows never change either (reviewers' work lives in the events): each is read
once. What a page shows is then built from memory, and only for what changed
(`rows.RowCache`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

from workbench.records import Alignment, Bead
from workbench.store import alignments, review
from workbench.store.db import Database


@dataclass(frozen=True)
class Standing:
    """One alignment as of its event `last_event`: its current beads in document order, the
    fold of its events, and the events an undo took back."""

    alignment: Alignment
    state: review.AlignmentState
    undone: frozenset[int]
    last_event: int
    bases: tuple[tuple[Bead, int | None], ...]  # every bead row (as aligned, its maker), in order


class CurrentAlignments:
    """Standings by alignment id, the newest `limit` kept; safe to share between threads (a
    Standing is never changed: a newer one replaces it)."""

    def __init__(self, limit: int = 32):
        self._limit = limit
        self._items: dict[int, Standing] = {}
        self._lock = threading.Lock()

    def get(self, db: Database, alignment_id: int) -> Standing:
        with db.read() as conn:
            last = review.last_event_id(conn, alignment_id)
            with self._lock:
                cached = self._items.get(alignment_id)
            if cached is not None and cached.last_event == last:
                return cached
            made = _brought_up(db, alignment_id, cached, last)
        with self._lock:
            known = self._items.get(alignment_id)
            if known is None or known.last_event <= made.last_event:
                self._items.pop(alignment_id, None)
                if len(self._items) >= self._limit:
                    self._items.pop(next(iter(self._items)))
                self._items[alignment_id] = made
        return made


def _brought_up(db: Database, alignment_id: int, cached: Standing | None, last: int) -> Standing:
    """A standing as of event `last`, from `cached` and what came after it where it can."""
    conn = db.connection()
    record = cached.alignment if cached else None
    record = record or alignments.get_alignment(db, alignment_id, with_beads=False)
    newest_bead = max((b.id or 0 for b, _ in cached.bases), default=0) if cached else 0
    added = [
        (alignments.bead_of(row, None), row["created_by_event"])
        for row in alignments.beads_after(conn, alignment_id, newest_bead)
    ]
    bases = (cached.bases if cached else ()) + tuple(added)
    if added:
        bases = tuple(sorted(bases, key=lambda pair: (pair[0].position, pair[0].id or 0)))
    state, undone = None, frozenset[int]()
    if cached is not None:
        newer = review.events_after(conn, alignment_id, cached.last_event)
        made = review.created_beads(conn, alignment_id) if added else {}
        state, undone = review.fold_more(cached.state, newer, made), cached.undone
    if state is None:  # the first look, or an undo came: every event again
        every = review.events(db, alignment_id)
        state = review.fold(every, review.created_beads(conn, alignment_id))
        undone = review.undone_events(every)
    beads = tuple(
        _as_left(base, state.beads.get(base.id or 0))
        for base, maker in bases
        if state.is_current(base.id or 0, maker)
    )
    return Standing(replace(record, beads=beads), state, undone, last, bases)


def _as_left(base: Bead, state: review.BeadState | None) -> Bead:
    """The bead as reviewers have left it (the stored row as is, when nobody touched it)."""
    if state is None:
        return base
    flag = state.flags[-1] if state.flags else None
    return Bead(
        segments=base.segments, score=base.score, confidence=base.confidence, signal=base.signal,
        status=state.status, id=base.id, position=base.position, flag=flag,
    )  # fmt: skip
