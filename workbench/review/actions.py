"""What a reviewer does to a bead. Each action checks the reviewer may write, then is one event.

Accept, edit, flag and comment are review events on a bead; split, merge and unalign reshape
beads through `store.alignments.restructure` (also one event); undo takes back the reviewer's
own latest action in the alignment with a new event. Nothing is ever changed in place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from workbench.accounts import require_writer
from workbench.errors import EditConflict, InputError
from workbench.records import Bead, ReviewEvent, User
from workbench.review.rows import SegmentCache, bead_text, columns_of
from workbench.store import alignments, beads, review
from workbench.store.db import Database
from workbench.text.encoding import refuse_surrogates

MQM_CATEGORIES = (
    "accuracy/mistranslation",
    "omission",
    "addition",
    "terminology",
    "fluency",
    "style",
)
SEVERITIES = ("minor", "major", "critical")
MAX_TEXT = 20_000
MAX_COMMENT = 2_000


def accept(db: Database, user: User, alignment_id: int, bead_id: int) -> ReviewEvent:
    """Say the bead is right as it stands."""
    require_writer(user)
    return _on_current_bead(db, _event("accept", user, alignment_id, bead_id))


def edit(
    db: Database,
    user: User,
    alignment_id: int,
    bead_id: int,
    texts: Mapping[int, str],
    *,
    bases: Mapping[int, str] | None = None,
    segments: SegmentCache | None = None,
) -> ReviewEvent:
    """Correct the text of one or more columns (column = place in the alignment).

    `bases` holds, per column, the text the reviewer started from: a column whose text changed
    since (a colleague saved first) is refused with an EditConflict showing both versions, and
    a column the reviewer left as it started is not saved. Without a base a column is saved
    whenever it differs from the current text (the API's older form; `before` still records
    what it replaced). The check and the write are one transaction.
    """
    require_writer(user)
    bases = bases or {}

    def make(conn: object) -> ReviewEvent:
        bead = beads.current_bead(db, alignment_id, bead_id)
        now = current_texts(db, alignment_id, bead, segments=segments)
        changed = _changed(texts, bases, now)
        _refuse_stale(db, alignment_id, bead_id, changed, bases, now)
        return _event(
            "edit",
            user,
            alignment_id,
            bead_id,
            before={"texts": {str(c): now[c] for c in changed}},
            after={"texts": {str(c): _clean_text(t) for c, t in changed.items()}},
        )

    _current_alignment(db, alignment_id)
    return review.record_checked(db, make)


def confirm(
    db: Database,
    user: User,
    alignment_id: int,
    bead_id: int,
    texts: Mapping[int, str],
    *,
    bases: Mapping[int, str] | None = None,
    segments: SegmentCache | None = None,
) -> ReviewEvent:
    """Confirm, as Ctrl+Enter in CAT tools: the texts the reviewer changed are saved as `edit`
    saves them (a colleague's newer text refused, showing both), and a bead they left as it was
    is accepted as it stands. Changed means: unlike its base, or without bases unlike the
    current text."""
    if bases is not None:
        typed = [c for c, t in texts.items() if c not in bases or _spaced(t) != _spaced(bases[c])]
    elif texts:
        now = current_texts(db, alignment_id, _current_bead(db, alignment_id, bead_id),
                            segments=segments)  # fmt: skip
        typed = [
            c for c, t in texts.items() if not 0 <= c < len(now) or _spaced(t) != _spaced(now[c])
        ]
    else:
        typed = []
    if typed:
        return edit(db, user, alignment_id, bead_id, texts, bases=bases, segments=segments)
    return accept(db, user, alignment_id, bead_id)


def _changed(
    texts: Mapping[int, str], bases: Mapping[int, str], now: Sequence[str]
) -> dict[int, str]:
    """The columns to save: changed by the reviewer, and different from the current text."""
    changed = {}
    for column, text in texts.items():
        if not 0 <= column < len(now):
            raise InputError(f"The alignment has no column {column}: it has {len(now)}.")
        typed = _spaced(text)
        if typed == _spaced(now[column]):
            continue
        if column in bases and typed == _spaced(bases[column]):
            continue  # the reviewer left it as it was; a colleague's newer text stays
        changed[column] = text
    if not changed:
        raise InputError("Nothing was changed: type the corrected text first, then save.")
    return changed


def _refuse_stale(
    db: Database,
    alignment_id: int,
    bead_id: int,
    changed: Mapping[int, str],
    bases: Mapping[int, str],
    now: Sequence[str],
) -> None:
    """An EditConflict when a saved column's text is not the one the reviewer started from."""
    stale = [c for c in changed if c in bases and _spaced(bases[c]) != _spaced(now[c])]
    if not stale:
        return
    alignment = alignments.get_alignment(db, alignment_id, with_beads=False)
    langs = [c.lang for c in columns_of(db, alignment)]
    editors = beads.bead_state(db, alignment_id, bead_id).editors
    parts = []
    for c in stale:
        who = editors.get(c) or "someone"
        parts.append(
            f"{who} changed the {langs[c]} text of bead {bead_id} while you were editing it. "
            f"Yours: «{_clean_text(changed[c])}». Now: «{now[c]}»."
        )
    raise EditConflict(
        " ".join(parts) + " Nothing was saved. Your text is still in the box: save again to "
        "replace theirs with it, or pick the bead again to start from theirs.",
        {c: now[c] for c in stale},
    )


def _spaced(text: str) -> str:
    return " ".join(text.split())


def flag(
    db: Database,
    user: User,
    alignment_id: int,
    bead_id: int,
    category: str,
    severity: str,
    comment: str = "",
) -> ReviewEvent:
    """Mark an error in the bead, MQM-style: a category, a severity and a comment."""
    require_writer(user)
    if category not in MQM_CATEGORIES:
        raise InputError(
            f"Unknown error category {category!r}: use one of {', '.join(MQM_CATEGORIES)}."
        )
    if severity not in SEVERITIES:
        raise InputError(f"Unknown severity {severity!r}: use one of {', '.join(SEVERITIES)}.")
    event = _event(
        "flag", user, alignment_id, bead_id, after={"category": category, "severity": severity}
    )
    return _on_current_bead(db, _with_comment(event, comment))


def comment(db: Database, user: User, alignment_id: int, bead_id: int, text: str) -> ReviewEvent:
    """Leave a note on the bead without changing its status."""
    require_writer(user)
    if not text.strip():
        raise InputError("The comment is empty: write it first.")
    return _on_current_bead(db, _with_comment(_event("comment", user, alignment_id, bead_id), text))


def set_aside(
    db: Database, user: User, alignment_id: int, bead_id: int, texts: Mapping[int, str], who: str
) -> ReviewEvent:
    """The reviewer took a colleague's newer text over their own after an edit conflict: their
    own (column -> text) is kept in the history as a note on the bead, the text stays theirs."""
    require_writer(user)
    kept = {str(c): _clean_text(t) for c, t in texts.items()}
    if not kept:
        raise InputError("There is no text of yours to set aside.")
    note = f"Took {who}'s newer text; set aside mine (kept here)."
    event = _event("comment", user, alignment_id, bead_id, after={"set_aside": kept})
    return _on_current_bead(db, _with_comment(event, note))


def split(
    db: Database, user: User, alignment_id: int, bead_id: int, keep: Sequence[int]
) -> ReviewEvent:
    """Cut a bead in two: the first keeps `keep[c]` sentences of column c, the second the rest."""
    require_writer(user)
    bead = _current_bead(db, alignment_id, bead_id)
    if len(keep) != len(bead.segments):
        raise InputError(
            f"Say how many sentences of each of the {len(bead.segments)} languages stay in "
            f"the first part (got {len(keep)} numbers)."
        )
    for count, indices in zip(keep, bead.segments, strict=True):
        if not 0 <= count <= len(indices):
            raise InputError(
                f"The first part cannot keep {count} of {len(indices)} sentence(s) of a language."
            )
    first = tuple(s[:k] for s, k in zip(bead.segments, keep, strict=True))
    second = tuple(s[k:] for s, k in zip(bead.segments, keep, strict=True))
    if not any(first) or not any(second):
        raise InputError("Both parts of a split need at least one sentence.")
    return alignments.restructure(
        db, alignment_id, user.name, "split", [bead_id], [_reviewed(first), _reviewed(second)]
    )


def merge_with_next(db: Database, user: User, alignment_id: int, bead_id: int) -> ReviewEvent:
    """Join the bead with the one after it in document order."""
    require_writer(user)
    this = _current_bead(db, alignment_id, bead_id)
    after = beads.next_current_bead(db, alignment_id, this)
    if after is None:
        raise InputError("This is the last bead: there is no next one to merge with.")
    joined = tuple(
        tuple(sorted({*a, *b})) for a, b in zip(this.segments, after.segments, strict=True)
    )
    return alignments.restructure(
        db, alignment_id, user.name, "merge", [this.id or 0, after.id or 0], [_reviewed(joined)]
    )


def unalign(
    db: Database,
    user: User,
    alignment_id: int,
    bead_id: int,
    column: int | None = None,
    segment: int | None = None,
) -> ReviewEvent:
    """Take one sentence (column, segment) out of the bead, alone; or every sentence when none."""
    require_writer(user)
    bead = _current_bead(db, alignment_id, bead_id)
    empty = [()] * len(bead.segments)
    if column is None:
        singles = [
            _reviewed(tuple((i,) if c == col else () for c in range(len(bead.segments))))
            for col, indices in enumerate(bead.segments)
            for i in indices
        ]
        if len(singles) < 2:
            raise InputError("This bead holds one sentence only: it is unaligned already.")
        return alignments.restructure(db, alignment_id, user.name, "unalign", [bead_id], singles)
    if not 0 <= column < len(bead.segments) or segment not in bead.segments[column]:
        raise InputError(f"Sentence {segment} of column {column} is not in this bead.")
    rest = tuple(
        tuple(i for i in s if not (c == column and i == segment))
        for c, s in enumerate(bead.segments)
    )
    if not any(rest):
        raise InputError("This bead holds one sentence only: it is unaligned already.")
    alone: list[tuple[int, ...]] = list(empty)
    alone[column] = (segment,)
    return alignments.restructure(
        db,
        alignment_id,
        user.name,
        "unalign",
        [bead_id],
        [_reviewed(rest), _reviewed(tuple(alone))],
    )


def undo_mine(db: Database, user: User, alignment_id: int) -> ReviewEvent:
    """Take back this reviewer's latest action in the alignment (others' work is untouched:
    an undo that would drop work resting on it is refused, naming whose)."""
    require_writer(user)
    _current_alignment(db, alignment_id)
    return review.undo(db, alignment_id, user.name, own=True)


def current_texts(
    db: Database, alignment_id: int, bead: Bead, *, segments: SegmentCache | None = None
) -> list[str]:
    """The bead's text in every column of the alignment, reviewers' edits applied."""
    segments = segments or SegmentCache()
    alignment = alignments.get_alignment(db, alignment_id, with_beads=False)
    edits = beads.bead_state(db, alignment_id, bead.id or 0).texts
    return [
        edits.get(col.index, bead_text(bead, col.index, segments.get(db, col.document_id)))
        for col in columns_of(db, alignment)
    ]


def _current_bead(db: Database, alignment_id: int, bead_id: int) -> Bead:
    _current_alignment(db, alignment_id)
    return beads.current_bead(db, alignment_id, bead_id)


def _current_alignment(db: Database, alignment_id: int) -> None:
    alignments.get_alignment(db, alignment_id, with_beads=False)  # a clear error if missing


def _on_current_bead(db: Database, event: ReviewEvent) -> ReviewEvent:
    """Record an event on a bead, checking in the same transaction that the bead is current
    (a colleague's merge a moment before would otherwise leave it on a retired bead)."""
    _current_alignment(db, event.alignment_id)

    def make(conn: object) -> ReviewEvent:
        beads.current_bead(db, event.alignment_id, event.bead_id or 0)
        return event

    return review.record_checked(db, make)


def _reviewed(segments: tuple[tuple[int, ...], ...]) -> Bead:
    return Bead(segments=segments, score=0.0, confidence=1.0, signal="reviewer")


def _event(
    action: str,
    user: User,
    alignment_id: int,
    bead_id: int,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> ReviewEvent:
    return ReviewEvent(
        action=action,
        user=user.name,
        alignment_id=alignment_id,
        bead_id=bead_id,
        before=before or {},
        after=after or {},
    )


def _with_comment(event: ReviewEvent, text: str) -> ReviewEvent:
    text = refuse_surrogates(text.strip(), "The comment")
    if len(text) > MAX_COMMENT:
        raise InputError(f"A comment can have at most {MAX_COMMENT} characters.")
    return ReviewEvent(**{**event.__dict__, "comment": text})


def _clean_text(text: str) -> str:
    cleaned = refuse_surrogates(" ".join(text.split()), "The corrected text")
    if not cleaned:
        raise InputError(
            "A corrected text cannot be empty: to take a sentence out, unalign it instead."
        )
    if len(cleaned) > MAX_TEXT:
        raise InputError(f"A bead's text can have at most {MAX_TEXT} characters.")
    return cleaned
