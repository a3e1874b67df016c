"""The alignment at a glance on the Review tab: the path picture (workbench.score.path), and
opening the bead a click on it lands on, on the page of the current filters and order that
holds it. Plain values in and out, as `handlers`."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from markupsafe import Markup

from workbench.errors import InputError
from workbench.records import record_number
from workbench.review.rows import select
from workbench.ui import handlers
from workbench.ui.handlers import Editor, Shown, View


def picture(ctx: Any, alignment_id: int | str | None) -> str:
    """The alignment's path as inline SVG, its points linking to their beads."""
    from workbench.score.path import alignment_path, path_svg

    if alignment_id in (None, ""):
        return ""
    path = alignment_path(ctx.db, record_number(alignment_id, "alignment"))
    svg = path_svg(path, title="")
    return str(Markup('<div class="wb-path-picture">{}</div>').format(Markup(svg)))


def open_point(ctx: Any, view: View, value: str | None) -> tuple[View, Shown, Editor]:
    """The bead a point names ("12" or "12@time"): the page holding it, and it chosen."""
    bead = record_number(str(value or "").split("@", 1)[0], "bead")
    opened = handlers.load(ctx, view)
    rows = select(opened.rows, view.query)
    place = next((i for i, row in enumerate(rows) if row.bead_id == bead), None)
    if place is None:
        found = next((r for r in opened.rows if r.bead_id == bead), None)
        if found is None:
            raise InputError(f"Bead {bead} is not in this alignment any more: reload the report.")
        raise InputError(
            f"Bead {found.number} is hidden by the filters: set Status to all and clear the "
            "other filters to open it."
        )
    page = math.floor(place / max(1, view.query.size)) + 1
    shown_view = replace(view, query=replace(view.query, page=page))
    return (
        shown_view,
        handlers.show(ctx, shown_view, bead, opened=opened),
        handlers.editor(ctx, shown_view, bead, opened=opened),
    )
