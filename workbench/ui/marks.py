"""A cell's text with its MQM error spans highlighted: each marked stretch a <mark> saying its
category and severity (escaped; the words themselves are never changed, so the cell's text
stays exactly the bead's text and a selection's offsets in it are the text's offsets)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

SEVERITY_ORDER = ("neutral", "minor", "major", "critical")


def marked_text(text: str, spans: Sequence[Mapping[str, Any]]) -> Markup:
    """`text` escaped, with the live spans on it as <mark>s (where spans overlap, the stretch
    shows the most severe of them). Stale spans are listed in the bead panel only."""
    live = [s for s in spans if not s.get("stale") and 0 <= s["start"] < s["end"] <= len(text)]
    if not live:
        return escape(text)
    cuts = sorted({0, len(text), *(s["start"] for s in live), *(s["end"] for s in live)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        over = [s for s in live if s["start"] <= start and end <= s["end"]]
        pieces.append(_piece(text[start:end], over))
    return Markup("").join(pieces)


def _piece(words: str, spans: Sequence[Mapping[str, Any]]) -> Markup:
    if not spans:
        return escape(words)
    worst = max(spans, key=lambda s: SEVERITY_ORDER.index(s["severity"]))
    title = "; ".join(f"{s['category']} · {s['severity']} ({s['user']})" for s in spans)
    return Markup('<mark class="wb-span wb-sev-{}" data-span="{}" title="{}">{}</mark>').format(
        worst["severity"], worst["id"], title, words
    )
