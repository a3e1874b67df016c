"""The Review tab's error spans: words selected in a cell marked as an MQM error, removed again,
and the MQM score of the documents on screen. Plain values in, plain values out (as handlers).

The page sends a selection as JSON: {"bead", "column", "start", "end", "text"}, offsets in the
cell's text, which is the bead's current text of that column. The text it quotes must still be
there, so a selection made on a text a colleague has since changed is refused, not misplaced.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from workbench.errors import InputError
from workbench.mqm.penalty import model_from
from workbench.mqm.scoring import mqm_score
from workbench.mqm.spans import add_span, remove_span
from workbench.records import record_number
from workbench.review.session import Context
from workbench.store import alignments
from workbench.ui import handlers, render
from workbench.ui.handlers import Outcome, View

MAX_PICK = 20_000  # characters of the page's JSON: a selection and its words, no more
NO_ONE = "(the text's own language)"


@dataclass(frozen=True)
class Picked:
    """Words the reviewer selected in one cell."""

    bead: int
    column: int
    start: int
    end: int
    text: str


def picked(value: str | None) -> Picked:
    """The page's selection; an InputError saying what to do when it is not one."""
    if not value:
        raise InputError("Select the wrong words in a cell of the table first, then press s.")
    if len(value) > MAX_PICK:
        raise InputError("The selection is too long: select at most a sentence or two.")
    try:
        found = json.loads(value)
        return Picked(
            bead=record_number(found["bead"], "bead"),
            column=_whole(found["column"], "column"),
            start=_whole(found["start"], "start"),
            end=_whole(found["end"], "end"),
            text=str(found["text"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InputError(
            "The selection did not come through: select the words in a cell again."
        ) from None


def _whole(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(f"The selection's {what} is not a place in the text: select again.")
    return value


def describe(value: str | None) -> str:
    """The selection as the side panel shows it (HTML, escaped)."""
    try:
        chosen = picked(value)
    except InputError as exc:
        return render.notice(str(exc))
    return render.notice(f"Error span: «{chosen.text.strip()}» (bead {chosen.bead}).")


def mark(
    ctx: Context,
    username: str | None,
    view: View,
    value: str | None,
    category: str,
    severity: str,
    note: str = "",
    against: str | None = None,
) -> Outcome:
    """Store the selected words as an MQM error span and show the bead again."""
    user = ctx.user(username)
    chosen = picked(value)
    opened = handlers.load(ctx, view)
    row = opened.row(chosen.bead)
    shown = [i for i, c in enumerate(opened.columns) if c.index == chosen.column]
    if not shown:
        raise InputError("That text is not shown any more: select the words again.")
    text = row.texts[shown[0]]
    if text[chosen.start : chosen.end] != chosen.text:
        raise InputError(
            f"The text of bead {row.number} changed since the page showed it: it reads "
            f"«{text}» now. Select the words again."
        )
    span = add_span(
        ctx.db, chosen.bead, chosen.column, chosen.start, chosen.end, category, severity, user,
        note, against=None if against in (None, "", NO_ONE) else against,
    )  # fmt: skip
    message = f"Marked «{span.text}»: {span.category}, {span.severity}."
    return _outcome(ctx, view, chosen.bead, message)


def unmark(
    ctx: Context, username: str | None, view: View, bead_id: int | str | None, value: str | None
) -> Outcome:
    """Take an error span off the chosen bead (the page sends "span id@time")."""
    user = ctx.user(username)
    span_id = record_number(str(value or "").split("@", 1)[0], "error span")
    bead = record_number(bead_id, "bead")
    remove_span(ctx.db, span_id, user, bead_id=bead)
    return _outcome(ctx, view, bead, "Removed the error span.")


def _outcome(ctx: Context, view: View, bead: int, message: str) -> Outcome:
    opened = handlers.load(ctx, view)
    return Outcome(
        message,
        handlers.show(ctx, view, bead, opened=opened),
        handlers.editor(ctx, view, bead, opened=opened),
    )


def mqm_line(ctx: Context, alignment_id: int | str | None) -> str:
    """The MQM score of each translated document of the alignment (HTML)."""
    if alignment_id in (None, ""):
        return ""
    alignment = alignments.get_alignment(
        ctx.db, record_number(alignment_id, "alignment"), with_beads=False
    )
    scores = mqm_score(ctx.db, [alignment.report_id or 0], model=model_from(ctx.settings.mqm))
    rows = [r for r in scores.of("document") if r.alignment_id == alignment.id]
    return render.mqm_scores(rows, scores.per_words)
