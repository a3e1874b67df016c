"""The Review tab's QA and Matches panels: plain values in, escaped HTML and choices out.

The QA panel shows the chosen bead's findings in full and lets a reviewer dismiss one as a
false alarm; the Matches panel shows translation-memory matches and terms, and gives the
text of the match a reviewer picks for the editor box (saved through the normal Save).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.errors import InputError
from workbench.records import Finding, record_number
from workbench.review.findings import bead_findings, dismiss
from workbench.review.matches import BeadMatches, bead_matches, chosen_match
from workbench.review.rows import MAX_COLUMNS
from workbench.review.session import Context
from workbench.ui import handlers
from workbench.ui.render import _render  # the templates' one environment


@dataclass(frozen=True)
class Panel:
    """A panel's HTML and the (label, value) choices of its dropdown."""

    html: str
    choices: tuple[tuple[str, str], ...] = ()


NO_BEAD = Panel("")


def qa(ctx: Context, alignment_id, langs: Sequence[str] | None, bead_id) -> Panel:
    """The chosen bead's findings between the shown languages, and those one may dismiss."""
    if bead_id in (None, "") or alignment_id in (None, ""):
        return NO_BEAD
    aid, bead = record_number(alignment_id, "alignment"), record_number(bead_id, "bead")
    every = bead_findings(ctx.db, aid, shown_langs(ctx, aid, langs))
    found = every.get(bead, ())
    choices = tuple(
        (f"#{f.id} {f.check}: {handlers._short(f.message)}", str(f.id))
        for f in found
        if not f.dismissed
    )
    return Panel(qa_html(bead, found, checked=bool(every)), choices)


def qa_html(bead: int | None, findings: Sequence[Finding], checked: bool = True) -> str:
    return _render("qa_panel.html", bead=bead or "", findings=findings, checked=checked)


def dismissed(
    ctx: Context, username: str | None, alignment_id, langs, bead_id, finding_id, why: str
) -> tuple[str, Panel]:
    """Dismiss a finding as the logged-in reviewer: the one chosen, or when none is (the `d`
    key), the chosen bead's first in effect. The message, and the bead's QA panel."""
    user = ctx.user(username)
    if finding_id in (None, ""):
        finding_id = first_finding(ctx, alignment_id, langs, bead_id)
    event = dismiss(ctx.db, user, alignment_id, finding_id, why or "")
    note = (
        f"Finding #{finding_id} dismissed by {event.user}; it stays so while the text is unchanged."
    )
    return note, qa(ctx, alignment_id, langs, bead_id)


def first_finding(ctx: Context, alignment_id, langs, bead_id) -> str:
    """The id of the chosen bead's first finding in effect between the shown languages."""
    if bead_id in (None, "") or alignment_id in (None, ""):
        raise InputError("Pick a bead with a QA finding first (press q), then dismiss it.")
    choices = qa(ctx, alignment_id, langs, bead_id).choices
    if not choices:
        raise InputError("This bead has no QA finding to dismiss: press q for the next one.")
    return choices[0][1]


def matches(ctx: Context, alignment_id, langs: Sequence[str] | None, bead_id) -> Panel:
    """Memory matches (first shown language into the second) and terms of the chosen bead."""
    if bead_id in (None, "") or alignment_id in (None, ""):
        return NO_BEAD
    found = _found(ctx, alignment_id, langs, bead_id)
    choices = tuple(
        (f"{n}: {m.score} {m.origin} — {handlers._short(m.target)}", str(n))
        for n, m in enumerate(found.matches, start=1)
    )
    return Panel(matches_html(found), choices)


def matches_html(found: BeadMatches) -> str:
    return _render("matches_panel.html", found=found)


def use_match(ctx: Context, alignment_id, langs, bead_id, choice) -> tuple[int, str]:
    """The editor box (its place among the shown languages) and the text of the chosen match:
    the match is looked up again here, so the page only says which one."""
    found = _found(ctx, alignment_id, langs, bead_id)
    return 1, chosen_match(found, choice).target


def match_key(value: str | None) -> str:
    """The match a key asked for, from the page's "key@time" (`i` is the best, 1)."""
    key = str(value or "").split("@", 1)[0].strip()[:8]
    return "1" if key == "i" else key


def _found(ctx: Context, alignment_id, langs, bead_id) -> BeadMatches:
    aid = record_number(alignment_id, "alignment")
    return bead_matches(ctx.db, aid, bead_id, shown_langs(ctx, aid, langs))


def shown_langs(ctx: Context, alignment_id: int, langs: Sequence[str] | None) -> list[str]:
    """The languages side by side: those chosen, or the alignment's first ones."""
    if langs:
        return [str(lang) for lang in langs][:MAX_COLUMNS]
    return handlers.language_options(ctx, alignment_id)[:MAX_COLUMNS]
