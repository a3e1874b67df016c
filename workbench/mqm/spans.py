"""Error spans: a reviewer marks words of one language of a bead as an MQM error.

A span is a "span" review event (its id is the event's): the column, the character offsets
[start, end) in the bead's current text of that column, the quoted words, the category and
severity, and a note. Removing it is an "unspan" event; undo takes either back. Both are in
the append-only history with who and when. Spans follow their words through later edits,
splits and merges; a span whose words were changed is kept and marked stale (see
`workbench.store.review` and `workbench.store.carry`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from workbench.errors import InputError, NotFound
from workbench.mqm import typology
from workbench.records import Alignment, ReviewEvent, User
from workbench.store import alignments, beads, review
from workbench.store.db import Database

MAX_NOTE = 2_000


@dataclass(frozen=True)
class Span:
    """One error marked on a bead's text in one language."""

    id: int
    alignment_id: int
    bead_id: int
    column: int
    lang: str
    start: int
    end: int
    text: str  # the words marked, as they read when marked
    category: str
    severity: str
    user: str
    at: str
    note: str = ""
    against: str | None = None  # the language it counts against, when marked on another's text
    stale: dict[str, Any] | None = None  # why its words are no longer in the text (who, event)

    @property
    def is_stale(self) -> bool:
        return self.stale is not None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def add_span(
    db: Database,
    bead_id: int,
    lang: str | int,
    start: int,
    end: int,
    category: str,
    severity: str,
    user: str | User,
    note: str = "",
    *,
    against: str | None = None,
) -> Span:
    """Mark text[start:end] of the bead's `lang` column (a language code, or the column's
    number where two columns share a language) as an MQM error. Spaces at either end of the
    selection are left out. `against`: the language the error counts against when it is
    marked on another language's text (an omission marked on the source's words)."""
    name = _writer(user)
    category, severity = typology.category(category), typology.severity(severity)
    alignment_id = beads.alignment_of(db, bead_id)
    alignment = alignments.get_alignment(db, alignment_id, with_beads=False)
    langs = alignments.column_languages(db, alignment)
    column = _column(langs, lang)
    if against is not None and (against not in langs or against == langs[column]):
        raise InputError(
            f"An error marked on the {langs[column]} text can count against another language "
            f"of the alignment: {', '.join(x for x in langs if x != langs[column])}."
        )

    _check_placed(db, alignment, column, against)

    def make(conn: sqlite3.Connection) -> ReviewEvent:
        text = _current_text(db, conn, alignment, bead_id, column)
        first, last = _selection(text, start, end, langs[column])
        after = {
            "column": column, "lang": langs[column], "start": first, "end": last,
            "text": text[first:last], "category": category, "severity": severity,
            "against": against,
        }  # fmt: skip
        return ReviewEvent("span", name, alignment_id, bead_id, after=after, comment=_note(note))

    event = review.record_checked(db, make)
    return next(s for s in spans_for_bead(db, bead_id) if s.id == event.id)


def remove_span(
    db: Database, span_id: int, user: str | User, note: str = "", *, bead_id: int | None = None
) -> ReviewEvent:
    """Take a span off the current bead that holds it (an "unspan" event: kept in the
    history, and undone like any other action)."""
    name = _writer(user)
    alignment_id = _alignment_of_span(db, span_id)

    def make(conn: sqlite3.Connection) -> ReviewEvent:
        holder = bead_id if bead_id is not None else _holder(db, alignment_id, span_id)
        if all(s.id != span_id for s in spans_for_bead(db, holder)):
            raise NotFound(f"Bead {holder} has no error span {span_id} (it was removed?).")
        return ReviewEvent(
            "unspan", name, alignment_id, holder, after={"span": span_id}, comment=_note(note)
        )

    return review.record_checked(db, make)


def locate(db: Database, bead_id: int, lang: str | int, words: str, occurrence: int = 1) -> int:
    """Where `words` start in the bead's current `lang` text (its `occurrence`-th time), for
    marking by the words rather than by offsets; an InputError when they are not there."""
    alignment = alignments.get_alignment(db, beads.alignment_of(db, bead_id), with_beads=False)
    column = _column(alignments.column_languages(db, alignment), lang)
    text = _current_text(db, db.connection(), alignment, bead_id, column)
    at = -1
    for _ in range(max(occurrence, 1)):
        at = text.find(words, at + 1)
        if at < 0 or not words:
            times = f" {occurrence} times" if occurrence > 1 else ""
            raise InputError(f"«{words}» is not in the {lang} text of bead {bead_id}{times}: "
                             f"it reads «{text}».")  # fmt: skip
    return at


def spans_for_bead(db: Database, bead_id: int) -> list[Span]:
    """The error spans in effect on a current bead, oldest first (stale ones included)."""
    alignment_id = beads.alignment_of(db, bead_id)
    beads.current_bead(db, alignment_id, bead_id)  # a clear error for a retired bead
    state = beads.bead_state(db, alignment_id, bead_id)
    return [_span(alignment_id, bead_id, s) for s in state.spans]


def spans_for_alignment(db: Database, alignment_id: int) -> dict[int, list[Span]]:
    """Current bead id -> its error spans, for the beads that have any."""
    state = review.alignment_state(db, alignment_id)
    current = {b.id for b in alignments.current_beads(db, alignment_id)}
    return {
        bead_id: [_span(alignment_id, bead_id, s) for s in bead.spans]
        for bead_id, bead in state.beads.items()
        if bead.spans and bead_id in current
    }


def _span(alignment_id: int, bead_id: int, found: dict[str, Any]) -> Span:
    return Span(
        id=found["id"],
        alignment_id=alignment_id,
        bead_id=bead_id,
        column=int(found["column"]),
        lang=found["lang"],
        start=int(found["start"]),
        end=int(found["end"]),
        text=found["text"],
        category=found["category"],
        severity=found["severity"],
        user=found["user"],
        at=found["at"],
        note=found.get("note", ""),
        against=found.get("against"),
        stale=found.get("stale"),
    )


def _writer(user: str | User) -> str:
    if isinstance(user, User):
        from workbench.accounts import require_writer

        require_writer(user)
        return user.name
    if not str(user).strip():
        raise InputError("Say who marks the error: a reviewer's name.")
    return str(user).strip()


def _check_placed(db: Database, alignment: Alignment, column: int, against: str | None) -> None:
    """An error on the source's words in an alignment of three or four languages must say
    which translation it counts against."""
    from workbench.mqm.scoring import source_column
    from workbench.store.reports import get_document

    if against is not None or len(alignment.document_ids) < 3:
        return
    docs = [get_document(db, d, with_segments=False) for d in alignment.document_ids]
    if column == source_column(docs):
        others = ", ".join(d.lang for c, d in enumerate(docs) if c != column)
        raise InputError(
            f"This error is marked on the source ({docs[column].lang}): say which translation "
            f"it counts against ({others}), e.g. an omission in the Arabic: against=ar."
        )


def _column(langs: list[str], lang: str | int) -> int:
    if isinstance(lang, int) or str(lang).isdigit():
        column = int(lang)
        if not 0 <= column < len(langs):
            raise InputError(f"The alignment has columns 0 to {len(langs) - 1}, not {column}.")
        return column
    found = [c for c, code in enumerate(langs) if code == lang]
    if not found:
        raise InputError(f"The alignment has no {lang} text: its languages are {', '.join(langs)}.")
    if len(found) > 1:
        raise InputError(
            f"Two columns of the alignment are in {lang} ({found[0]} and {found[1]}): "
            "give the column's number instead of the language."
        )
    return found[0]


def _current_text(
    db: Database, conn: sqlite3.Connection, alignment: Alignment, bead_id: int, column: int
) -> str:
    """The column's text as reviewers see it now: the latest edit, or its sentences."""
    bead = beads.current_bead(db, alignment.id or 0, bead_id)
    edited = beads.bead_state(db, alignment.id or 0, bead_id).texts.get(column)
    if edited is not None:
        return edited
    return alignments.column_text(conn, alignment, column, bead.segments[column])


def _selection(text: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """The offsets with the spaces at either end left out; an InputError when they select
    nothing of the text."""
    if not 0 <= start < end <= len(text):
        raise InputError(
            f"Characters {start} to {end} are not in the {lang} text of this bead (it has "
            f"{len(text)}): select some of its words."
        )
    while text[start].isspace() and start < end - 1:
        start += 1
    while text[end - 1].isspace() and end > start + 1:
        end -= 1
    if not text[start:end].strip():
        raise InputError("The selection holds only spaces: select the words that are wrong.")
    return start, end


def _note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise InputError(f"A note can have at most {MAX_NOTE} characters.")
    return note


def _alignment_of_span(db: Database, span_id: int) -> int:
    found = review.event_alignment(db, span_id, "span")
    if found is None:
        raise NotFound(
            f"There is no error span {span_id}: `workbench mqm list` shows the spans' ids."
        )
    return found


def _holder(db: Database, alignment_id: int, span_id: int) -> int:
    """The current bead that holds the span now (it may have moved with a split or merge)."""
    for bead_id, found in spans_for_alignment(db, alignment_id).items():
        if any(s.id == span_id for s in found):
            return bead_id
    raise NotFound(f"Error span {span_id} is not in effect any more (it was removed or undone).")
