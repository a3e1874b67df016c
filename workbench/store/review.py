"""Review events and the bead state derived from them.

`review_event` is append-only (triggers refuse UPDATE and DELETE). The state of a bead — its
status, edited texts, flags — is a fold over the *active* events of its alignment: an event
is active unless an active `undo` event names it, so undoing an undo redoes. Structural
actions (split, merge, unalign) create beads tagged with their event (`bead.created_by_event`)
and list the beads they retire in `after["retire"]`; the current beads of an alignment are the
originals plus those created by active events, minus those retired by active events.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from workbench.errors import InputError, NotFound
from workbench.records import ReviewEvent
from workbench.store.db import Database, now

STATUS_OF_ACTION = {
    "accept": "accepted",
    "edit": "edited",
    "flag": "flagged",
    "reject": "rejected",
    "reset": "auto",
}
STRUCTURAL_ACTIONS = ("split", "merge", "unalign")
# "dismiss": a reviewer sets a QA finding aside (after["finding"] is its key; why: comment)
ACTIONS = (*STATUS_OF_ACTION, *STRUCTURAL_ACTIONS, "comment", "dismiss", "undo")


@dataclass
class BeadState:
    """What reviewers have made of one bead so far."""

    status: str = "auto"
    texts: dict[int, str] = field(default_factory=dict)  # column -> edited text
    flags: list[dict[str, Any]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    dismissed: dict[str, dict[str, Any]] = field(default_factory=dict)  # finding key -> who, why
    last_user: str = ""
    last_event: int | None = None


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
    """Append one event; returns it with its id and time."""
    if event.action not in ACTIONS:
        raise InputError(
            f"Unknown review action {event.action!r}: use one of {', '.join(ACTIONS)}."
        )
    if not event.user.strip():
        raise InputError("A review event needs the name of the reviewer who made it.")
    return db.write(lambda conn: _insert(conn, event))


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
    return ReviewEvent(**{**event.__dict__, "id": cur.lastrowid, "created_at": created})


def events(db: Database, alignment_id: int, *, bead_id: int | None = None) -> list[ReviewEvent]:
    sql = "SELECT * FROM review_event WHERE alignment_id = ?"
    args: tuple = (alignment_id,)
    if bead_id is not None:
        sql += " AND bead_id = ?"
        args += (bead_id,)
    rows = db.connection().execute(sql + " ORDER BY id", args)
    return [_event(row) for row in rows]


def active_events(all_events: Iterable[ReviewEvent]) -> list[ReviewEvent]:
    """The events in effect, oldest first: those no active undo names (undo events excluded)."""
    ordered = sorted(all_events, key=lambda e: e.id or 0)
    undone: set[int] = set()
    for event in reversed(ordered):  # an undo always comes after what it undoes
        if event.id not in undone and event.action == "undo" and event.undoes is not None:
            undone.add(event.undoes)
    return [e for e in ordered if e.id not in undone and e.action != "undo"]


def fold(all_events: Iterable[ReviewEvent]) -> AlignmentState:
    """Derive the state of every bead touched by the given events of one alignment."""
    state = AlignmentState({}, set(), set())
    for event in active_events(all_events):
        if event.action in STRUCTURAL_ACTIONS:
            state.structural.add(event.id)
            state.retired.update(event.after.get("retire", []))
            continue
        if event.bead_id is None:
            continue
        bead = state.beads.setdefault(event.bead_id, BeadState())
        bead.last_user, bead.last_event = event.user, event.id
        if event.action in STATUS_OF_ACTION:
            bead.status = STATUS_OF_ACTION[event.action]
        if event.action == "edit":
            for column, text in event.after.get("texts", {}).items():
                bead.texts[int(column)] = text
        if event.action == "flag":
            bead.flags.append({**event.after, "comment": event.comment, "user": event.user})
        if event.action == "dismiss":
            bead.dismissed[str(event.after.get("finding", ""))] = {
                "user": event.user,
                "why": event.comment,
                "event": event.id,
                "at": event.created_at,
            }
        elif event.comment and event.action != "flag":
            bead.comments.append(event.comment)
    return state


def alignment_state(db: Database, alignment_id: int) -> AlignmentState:
    return fold(events(db, alignment_id))


def undo(db: Database, alignment_id: int, user: str, *, bead_id: int | None = None) -> ReviewEvent:
    """Undo the latest active event of the alignment (or of one bead) with a new `undo` event."""

    def work(conn: sqlite3.Connection) -> ReviewEvent:
        rows = conn.execute(
            "SELECT * FROM review_event WHERE alignment_id = ? ORDER BY id", (alignment_id,)
        )
        candidates = [
            e
            for e in active_events(_event(r) for r in rows)
            if bead_id is None or e.bead_id == bead_id
        ]
        if not candidates:
            raise NotFound("There is nothing to undo here: no review action is in effect.")
        target = candidates[-1]
        return _insert(
            conn,
            ReviewEvent(
                action="undo",
                user=user,
                alignment_id=alignment_id,
                bead_id=target.bead_id,
                before={"action": target.action},
                undoes=target.id,
            ),
        )

    return db.write(work)


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
