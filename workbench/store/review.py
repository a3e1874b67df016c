"""Review events and the bead state derived from them.

`review_event` is append-only (triggers refuse UPDATE and DELETE). The state of a bead — its
status, edited texts, flags — is a fold over the *active* events of its alignment: an event
is active unless an active `undo` event names it, so undoing an undo redoes. Structural
actions (split, merge, unalign) create beads tagged with their event (`bead.created_by_event`)
and list the beads they retire in `after["retire"]`; the current beads of an alignment are the
originals plus those created by active events, minus those retired by active events.

An error span ("span" event, `after` holding the column, offsets, quoted text, category and
severity) lives on the bead until a "unspan" event names it. An edit moves the spans of the
columns it changed with their words (`store.anchor`); a span whose words the edit changed is
kept, marked stale by that edit's event.
"""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.errors import Conflict, InputError, NotFound
from workbench.records import BeadStatus, ReviewEvent
from workbench.store.db import Database, inserted_id, now

STATUS_OF_ACTION: dict[str, BeadStatus] = {
    "accept": "accepted",
    "edit": "edited",
    "flag": "flagged",
    "reject": "rejected",
    "reset": "auto",
}
STRUCTURAL_ACTIONS = ("split", "merge", "unalign")
# "dismiss": a reviewer sets a QA finding aside (after["finding"] is its key; why: comment)
# "span": an error marked on words of one column; "unspan": after["span"] names one removed
SPAN_ACTIONS = ("span", "unspan")
ACTIONS = (*STATUS_OF_ACTION, *STRUCTURAL_ACTIONS, "comment", "dismiss", *SPAN_ACTIONS, "undo")
RESHAPING = (*STRUCTURAL_ACTIONS, "undo")  # the events that decide which beads are current


@dataclass
class BeadState:
    """What reviewers have made of one bead so far."""

    status: BeadStatus = "auto"
    texts: dict[int, str] = field(default_factory=dict)  # column -> edited text
    editors: dict[int, str] = field(default_factory=dict)  # column -> who edited it last
    flags: list[dict[str, Any]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    dismissed: dict[str, dict[str, Any]] = field(default_factory=dict)  # finding key -> who, why
    spans: list[dict[str, Any]] = field(default_factory=list)  # error spans in effect, oldest first
    last_user: str = ""
    last_event: int | None = None

    @classmethod
    def carried(cls, carry: dict[str, Any], event: ReviewEvent) -> BeadState:
        """A bead made by a restructuring event, starting with the work it carried over."""
        return cls(
            status=carry.get("status", "auto"),
            texts={int(c): t for c, t in carry.get("texts", {}).items()},
            editors={int(c): u for c, u in carry.get("editors", {}).items()},
            flags=[dict(f) for f in carry.get("flags", [])],
            comments=list(carry.get("comments", [])),
            spans=[_stale_by(dict(s), event) for s in carry.get("spans", [])],
            last_user=event.user,
            last_event=event.id,
        )


def _stale_by(span: dict[str, Any], event: ReviewEvent) -> dict[str, Any]:
    """A span a restructuring could not place, marked with that event (who, which, when)."""
    stale = span.get("stale")
    if stale and "event" not in stale:
        span["stale"] = {**stale, "event": event.id, "user": event.user, "at": event.created_at}
    return span


@dataclass
class AlignmentState:
    beads: dict[int, BeadState]
    structural: set[int]  # ids of active split/merge/unalign events: their beads exist
    retired: set[int]  # beads replaced by active structural events

    def is_current(self, bead_id: int, created_by: int | None) -> bool:
        """Whether a bead exists now: the aligner's or an active event's, and not retired."""
        if bead_id in self.retired:
            return False
        return created_by is None or created_by in self.structural


def record_event(db: Database, event: ReviewEvent) -> ReviewEvent:
    """Append one event; returns it with its id and time. An undo is checked as `undo` does."""
    return record_checked(db, lambda conn: event)


def record_checked(db: Database, make: Callable[[sqlite3.Connection], ReviewEvent]) -> ReviewEvent:
    """Append the event `make` returns, in the same write transaction: what `make` read (is the
    bead current, what is its text now) is what the event is recorded against, whoever else
    writes at the same moment. `make` raises to refuse; it may run more than once."""

    def work(conn: sqlite3.Connection) -> ReviewEvent:
        event = make(conn)
        if event.action not in ACTIONS:
            raise InputError(
                f"Unknown review action {event.action!r}: use one of {', '.join(ACTIONS)}."
            )
        if not event.user.strip():
            raise InputError("A review event needs the name of the reviewer who made it.")
        if event.action == "undo":
            _check_undo(conn, event)
        return _insert(conn, event)

    return db.write(work)


def _insert(conn: sqlite3.Connection, event: ReviewEvent) -> ReviewEvent:
    created = now()
    cur = conn.execute(
        """INSERT INTO review_event
               (alignment_id, bead_id, user, action, before, after, comment, undoes, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            event.alignment_id,
            event.bead_id,
            event.user,
            event.action,
            json.dumps(event.before, ensure_ascii=False),
            json.dumps(event.after, ensure_ascii=False),
            event.comment,
            event.undoes,
            created,
        ),
    )
    return ReviewEvent(**{**event.__dict__, "id": inserted_id(cur), "created_at": created})


def events(db: Database, alignment_id: int, *, bead_id: int | None = None) -> list[ReviewEvent]:
    sql = "SELECT * FROM review_event WHERE alignment_id = ?"
    args: tuple[object, ...] = (alignment_id,)
    if bead_id is not None:
        sql += " AND bead_id = ?"
        args += (bead_id,)
    rows = db.connection().execute(sql + " ORDER BY id", args)
    return [_event(row) for row in rows]


def events_after(conn: sqlite3.Connection, alignment_id: int, after_id: int) -> list[ReviewEvent]:
    """The alignment's events newer than event `after_id`, oldest first (ids only grow: the
    store has one writer at a time, so a snapshot holds every event up to its newest)."""
    rows = conn.execute(
        "SELECT * FROM review_event WHERE alignment_id = ? AND id > ? ORDER BY id",
        (alignment_id, after_id),
    )
    return [_event(row) for row in rows]


def last_event_id(conn: sqlite3.Connection, alignment_id: int) -> int:
    """The newest event of the alignment (0 when none): what a cached fold is as new as."""
    row = conn.execute(
        "SELECT max(id) FROM review_event WHERE alignment_id = ?", (alignment_id,)
    ).fetchone()
    return int(row[0] or 0)


def event_alignment(db: Database, event_id: int, action: str) -> int | None:
    """The alignment of event `event_id` when it is an `action` event, else None."""
    row = (
        db.connection()
        .execute(
            "SELECT alignment_id FROM review_event WHERE id = ? AND action = ?", (event_id, action)
        )
        .fetchone()
    )
    return None if row is None else row["alignment_id"]


def active_events(all_events: Iterable[ReviewEvent]) -> list[ReviewEvent]:
    """The events in effect, oldest first: those no active undo names (undo events excluded)."""
    ordered = sorted(all_events, key=lambda e: e.id or 0)
    undone = undone_events(ordered)
    return [e for e in ordered if e.id not in undone and e.action != "undo"]


def fold(
    all_events: Iterable[ReviewEvent], created: Mapping[int, Sequence[int]] | None = None
) -> AlignmentState:
    """Derive the state of every bead touched by the given events of one alignment.

    `created` maps a restructuring event to the ids of the beads it made, in the order made:
    those beads start with the work the event carried over from the beads it replaced.
    """
    state = AlignmentState({}, set(), set())
    for event in active_events(all_events):
        _apply(state, event, created or {})
    return state


def fold_more(
    state: AlignmentState,
    new_events: Sequence[ReviewEvent],
    created: Mapping[int, Sequence[int]] | None = None,
) -> AlignmentState | None:
    """`state` (a fold of the events before these) carried on over newer events, or None when
    one of them is an undo (it may change what the older events mean: fold them all again).

    `state` is left as it was: the beads these events touch are copied first, so a reader
    holding the old state never sees it change."""
    if any(event.action == "undo" for event in new_events):
        return None
    beads = dict(state.beads)
    for bead_id in {e.bead_id for e in new_events if e.bead_id in beads}:
        beads[bead_id] = copy.deepcopy(beads[bead_id])
    more = AlignmentState(beads, set(state.structural), set(state.retired))
    for event in sorted(new_events, key=lambda e: e.id or 0):
        _apply(more, event, created or {})
    return more


def undone_events(all_events: Iterable[ReviewEvent]) -> frozenset[int]:
    """The ids of the events an active undo takes back (what active_events leaves out)."""
    ordered = sorted(all_events, key=lambda e: e.id or 0)
    undone: set[int] = set()
    for event in reversed(ordered):  # an undo always comes after what it undoes
        if event.id not in undone and event.action == "undo" and event.undoes is not None:
            undone.add(event.undoes)
    return frozenset(undone)


def _apply(state: AlignmentState, event: ReviewEvent, created: Mapping[int, Sequence[int]]) -> None:
    """One active event's effect on the state."""
    if event.action in STRUCTURAL_ACTIONS:
        state.structural.add(event.id or 0)  # stored events always have ids
        state.retired.update(event.after.get("retire", []))
        carried = event.after.get("carry", [])
        for bead_id, carry in zip(created.get(event.id or 0, ()), carried, strict=False):
            state.beads[bead_id] = BeadState.carried(carry, event)
        return
    if event.bead_id is None:
        return
    bead = state.beads.setdefault(event.bead_id, BeadState())
    bead.last_user, bead.last_event = event.user, event.id
    if event.action in STATUS_OF_ACTION:
        bead.status = STATUS_OF_ACTION[event.action]
    if event.action == "edit":
        for column, text in event.after.get("texts", {}).items():
            bead.texts[int(column)] = text
            bead.editors[int(column)] = event.user
        _move_spans(bead, event)
    if event.action == "flag":
        bead.flags.append({**event.after, "comment": event.comment, "user": event.user})
    if event.action in SPAN_ACTIONS:
        _mark(bead, event)
    if event.action == "dismiss":
        bead.dismissed[str(event.after.get("finding", ""))] = {
            "user": event.user,
            "why": event.comment,
            "event": event.id,
            "at": event.created_at,
        }
    elif event.comment and event.action not in ("flag", *SPAN_ACTIONS):
        bead.comments.append(event.comment)


def _mark(bead: BeadState, event: ReviewEvent) -> None:
    """A span added (its id is its event's) or removed."""
    if event.action == "span":
        bead.spans.append(
            {**event.after, "id": event.id, "user": event.user, "at": event.created_at,
             "note": event.comment, "stale": None}
        )  # fmt: skip
    else:
        gone = event.after.get("span")
        bead.spans = [s for s in bead.spans if s["id"] != gone]


def _move_spans(bead: BeadState, event: ReviewEvent) -> None:
    """Spans of the columns an edit changed follow their words, or go stale with it."""
    from workbench.store.anchor import moved

    changed = event.after.get("texts", {})
    before = event.before.get("texts", {})
    for i, span in enumerate(bead.spans):
        column = str(span["column"])
        if column not in changed or span.get("stale"):
            continue
        found = None
        if column in before:
            found = moved(before[column], changed[column], span["start"], span["end"])
        if found is None:
            stale = {"reason": "edited", "event": event.id, "user": event.user,
                     "at": event.created_at}  # fmt: skip
            bead.spans[i] = {**span, "stale": stale}
        else:
            bead.spans[i] = {**span, "start": found[0], "end": found[1]}


def alignment_state(db: Database, alignment_id: int) -> AlignmentState:
    conn = db.connection()
    return fold(events(db, alignment_id), created_beads(conn, alignment_id))


def some_beads_state(
    conn: sqlite3.Connection, alignment_id: int, bead_ids: Sequence[int]
) -> AlignmentState:
    """Which beads of the alignment are current, and the state of the beads `bead_ids`, from
    the reshaping events and those beads' own events only: what the full fold says of them,
    without reading every event of a large alignment."""
    ids = list(dict.fromkeys(bead_ids))
    actions, beads = ",".join("?" * len(RESHAPING)), ",".join("?" * len(ids))
    rows = conn.execute(
        "SELECT * FROM review_event WHERE alignment_id = ?"
        f" AND (action IN ({actions}) OR bead_id IN ({beads})) ORDER BY id",
        (alignment_id, *RESHAPING, *ids),
    )
    found = [_event(r) for r in rows]
    makers = conn.execute(
        f"SELECT DISTINCT created_by_event FROM bead WHERE id IN ({beads})"
        " AND created_by_event IS NOT NULL",
        ids,
    ).fetchall()
    made: dict[int, list[int]] = {}
    for (maker,) in makers:
        made.update(created_beads(conn, alignment_id, event_id=maker))
    return fold(found, made)


def created_beads(
    conn: sqlite3.Connection, alignment_id: int, *, event_id: int | None = None
) -> dict[int, list[int]]:
    """The beads each restructuring event made (of the alignment, or of one event), in order."""
    sql = "SELECT id, created_by_event FROM bead WHERE alignment_id = ?"
    args: tuple[object, ...] = (alignment_id,)
    if event_id is None:
        sql += " AND created_by_event IS NOT NULL"
    else:
        sql += " AND created_by_event = ?"
        args += (event_id,)
    made: dict[int, list[int]] = {}
    for row in conn.execute(sql + " ORDER BY id", args):
        made.setdefault(row["created_by_event"], []).append(row["id"])
    return made


def undo(
    db: Database,
    alignment_id: int,
    user: str,
    *,
    bead_id: int | None = None,
    own: bool = False,
) -> ReviewEvent:
    """Undo the latest active event of the alignment (of one bead; only `user`'s when `own`)
    with a new `undo` event. Refused when later work rests on it (see `_check_undo`)."""

    def make(conn: sqlite3.Connection) -> ReviewEvent:
        found = _all(conn, alignment_id, user=user if own else None)
        candidates = [
            e
            for e in active_events(found)
            if (bead_id is None or e.bead_id == bead_id) and (not own or e.user == user)
        ]
        if not candidates:
            if own:
                raise NotFound("You have nothing to undo in this alignment.")
            raise NotFound("There is nothing to undo here: no review action is in effect.")
        target = candidates[-1]
        return ReviewEvent(
            action="undo",
            user=user,
            alignment_id=alignment_id,
            bead_id=target.bead_id,
            before={"action": target.action},
            undoes=target.id,
        )

    return record_checked(db, make)


def _all(
    conn: sqlite3.Connection, alignment_id: int, *, since: int = 0, user: str | None = None
) -> list[ReviewEvent]:
    """The alignment's events from id `since` on (all of them by default), oldest first; with
    `user`, only theirs and the undos (which decide whether theirs are in effect)."""
    sql = "SELECT * FROM review_event WHERE alignment_id = ? AND id >= ?"
    args: tuple[object, ...] = (alignment_id, since)
    if user is not None:
        sql += " AND (user = ? OR action = 'undo')"
        args += (user,)
    return [_event(r) for r in conn.execute(sql + " ORDER BY id", args)]


def _check_undo(conn: sqlite3.Connection, undo_event: ReviewEvent) -> None:
    """An undo takes back one event, never work that rests on it, so nothing is lost:
    - undoing a restructuring that later work used (an edit, flag or comment of a bead it
      made, or a restructuring of one) would drop that work with the beads: refused;
    - undoing an action on a bead that was restructured since would not reach the beads
      that carried it over: refused, naming who restructured it;
    - undoing an undo of a restructuring (a redo) needs the beads it replaced to be current.
    """
    # Whether an event is in effect depends only on the undos after it: read from the target on.
    found = _all(conn, undo_event.alignment_id, since=undo_event.undoes or 0)
    target = next((e for e in found if e.id == undo_event.undoes), None)
    if target is None:
        raise NotFound(f"There is no review event {undo_event.undoes} in this alignment to undo.")
    if target.action == "undo":
        _check_redo(conn, target)
        return
    active = active_events(found)
    if target.id not in {e.id for e in active}:
        raise InputError(f"Review event {target.id} ({target.action}) is already undone.")
    later = [e for e in active if (e.id or 0) > (target.id or 0)]
    if target.action in STRUCTURAL_ACTIONS:
        created = created_beads(conn, target.alignment_id, event_id=target.id)
        made = set(created.get(target.id or 0, []))
        resting = [e for e in later if e.bead_id in made or made & _retired(e)]
        if resting:
            raise Conflict(
                f"Cannot undo the {target.action} of event {target.id}: later work rests on the "
                f"bead(s) it made ({_whose(resting)}) and would be lost with them. Ask them to "
                "undo theirs first, or fix the beads by hand (split, merge, edit)."
            )
        return
    reshaped = [e for e in later if target.bead_id in _retired(e)]
    if reshaped:
        first = reshaped[0]
        raise Conflict(
            f"Cannot undo the {target.action} of bead {target.bead_id}: {first.user} "
            f"{DONE[first.action]} that bead since (event {first.id}) and the new bead(s) carry "
            f"your work. Change the new bead(s) instead, or ask {first.user} to undo the "
            f"{first.action} first."
        )


def _check_redo(conn: sqlite3.Connection, undone_undo: ReviewEvent) -> None:
    """Undoing the undo of a restructuring brings it back: only while its beads are current."""
    everything = _all(conn, undone_undo.alignment_id)
    redone = next((e for e in everything if e.id == undone_undo.undoes), None)
    if redone is None or redone.action not in STRUCTURAL_ACTIONS:
        return
    state = fold(everything, created_beads(conn, undone_undo.alignment_id))
    gone = [b for b in redone.after.get("retire", []) if b in state.retired]
    if gone:
        raise Conflict(
            f"Cannot redo the {redone.action} of event {redone.id}: bead(s) "
            f"{', '.join(map(str, gone))} were restructured again since. Reload the report."
        )


DONE = {
    "accept": "accepted", "edit": "edited", "flag": "flagged", "reject": "rejected",
    "reset": "reset", "comment": "commented", "split": "split", "merge": "merged",
    "unalign": "unaligned", "span": "marked an error in", "unspan": "removed an error from",
}  # fmt: skip  # what each action did, as messages say it: "karwan merged it"


def _retired(event: ReviewEvent) -> set[int]:
    if event.action not in STRUCTURAL_ACTIONS:
        return set()
    return set(event.after.get("retire", []))


def _whose(resting: Sequence[ReviewEvent]) -> str:
    """'karwan edited it (event 12), amina flagged it (event 14)', oldest first."""
    return ", ".join(f"{e.user} {DONE.get(e.action, e.action)} it (event {e.id})" for e in resting)


def _event(row: sqlite3.Row) -> ReviewEvent:
    return ReviewEvent(
        action=row["action"],
        user=row["user"],
        alignment_id=row["alignment_id"],
        bead_id=row["bead_id"],
        before=json.loads(row["before"]),
        after=json.loads(row["after"]),
        comment=row["comment"],
        undoes=row["undoes"],
        id=row["id"],
        created_at=row["created_at"],
    )
