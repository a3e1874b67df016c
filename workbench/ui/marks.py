"""A cell's text with its MQM error spans highlighted: each marked stretch a <mark> saying its
category and severity (laid on the text by `cellmarks.marked_cell`, so they mix with other
layers of marks, such as QA findings' spans)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from workbench.ui.cellmarks import Mark, marked_cell

SEVERITY_ORDER = ("neutral", "minor", "major", "critical")


def marked_text(text: str, spans: Sequence[Mapping[str, Any]]) -> Markup:
    """`text` escaped, with the live spans on it as <mark>s (where spans overlap, the stretch
    shows the most severe of them). Stale spans are listed in the bead panel only."""
    return marked_cell(text, mqm_marks(text, spans))


def mqm_marks(text: str, spans: Sequence[Mapping[str, Any]]) -> list[Mark]:
    """The live MQM spans as marks that never overlap one another: where spans overlap, one
    mark of the most severe, its title naming them all."""
    live = [s for s in spans if not s.get("stale") and 0 <= s["start"] < s["end"] <= len(text)]
    cuts = sorted({*(s["start"] for s in live), *(s["end"] for s in live)})
    marks = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        over = [s for s in live if s["start"] <= start and end <= s["end"]]
        if over:
            marks.append(_mark(start, end, over))
    return marks


def _mark(start: int, end: int, spans: Sequence[Mapping[str, Any]]) -> Mark:
    worst = max(spans, key=lambda s: SEVERITY_ORDER.index(s["severity"]))
    title = "; ".join(f"{s['category']} · {s['severity']} ({s['user']})" for s in spans)
    return Mark(
        start, end, f"wb-span wb-sev-{worst['severity']}", title, (("span", str(worst["id"])),)
    )
