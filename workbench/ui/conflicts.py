"""Two reviewers on one bead: when a save is refused because a colleague changed the text since
the reviewer opened it (EditConflict), the screen shows both versions side by side and asks:
keep mine (saved over theirs, theirs stays in the history), take theirs (mine is set aside in
the history as a note) or edit (the boxes keep mine; saving replaces theirs knowingly).
Plain values in and out, as `handlers`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workbench.errors import EditConflict, InputError
from workbench.review import actions
from workbench.store import beads
from workbench.ui import handlers, render
from workbench.ui.handlers import Details, Outcome, View


def clash(ctx: Any, view: View, bead_id: int | str | None, exc: EditConflict,
          details: Details) -> dict[str, Any]:  # fmt: skip
    """What the dialog shows and "take theirs" needs: per clashing column its language, the
    reviewer's text, the colleague's and who that is."""
    started = details.bases or {}
    bead = int(started.get("bead") or bead_id or 0)
    columns = [int(c) for c in started.get("columns", ())]
    editors = beads.bead_state(ctx.db, view.alignment_id, bead).editors
    langs = {c.index: c.lang for c in handlers.columns(ctx, view.alignment_id)}
    sides = []
    for column, theirs in exc.current.items():
        place = columns.index(column) if column in columns else None
        mine = details.texts[place] if place is not None and place < len(details.texts) else ""
        sides.append({
            "column": column, "lang": langs.get(column, "?"), "mine": mine, "theirs": theirs,
            "who": editors.get(column) or "someone",
        })  # fmt: skip
    return {"bead": bead, "alignment": view.alignment_id, "sides": sides}


def sides_html(found: Mapping[str, Any]) -> str:
    return render.conflict(found)


def take_theirs(
    ctx: Any, username: str | None, view: View, found: Mapping[str, Any] | None
) -> Outcome:
    """Keep the colleague's text; the reviewer's own goes into the history as a note."""
    user = ctx.user(username)
    if not found or found.get("alignment") != view.alignment_id:
        raise InputError("There is no clash to settle on this alignment: pick the bead again.")
    bead = int(found["bead"])
    mine = {int(s["column"]): s["mine"] for s in found["sides"] if s["mine"].strip()}
    who = ", ".join(sorted({s["who"] for s in found["sides"]}))
    if mine:
        actions.set_aside(ctx.db, user, view.alignment_id, bead, mine, who)
    opened = handlers.load(ctx, view)
    return Outcome(
        f"Took {who}'s text; yours is kept in the bead's history.",
        handlers.show(ctx, view, bead, opened=opened),
        handlers.editor(ctx, view, bead, opened=opened),
    )
