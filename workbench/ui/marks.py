"""A cell's text with stretches of it marked: MQM error spans, glossary terms, QA findings.

Every kind of mark is handed to one function, `marked`, as (start, end, css class, title)
tuples with offsets into the text. The words themselves are never changed (everything is
escaped, nothing added between the letters), so the cell's text stays exactly the bead's text
and a selection's offsets in it are the text's offsets. Where marks overlap, the stretch they
share is one <mark> with all their classes and all their titles (one per line).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from markupsafe import Markup, escape

SEVERITY_ORDER = ("neutral", "minor", "major", "critical")


class Mark(NamedTuple):
    """A marked stretch `text[start:end]`: its CSS class(es) and its hover text."""

    start: int
    end: int
    cls: str
    title: str


def marked(text: str, marks: Iterable[tuple[int, int, str, str]]) -> Markup:
    """`text` escaped, each mark a <mark class title> around its stretch; marks outside the
    text or empty are left out."""
    live = [Mark(*m) for m in marks if 0 <= m[0] < m[1] <= len(text)]
    if not live:
        return escape(text)
    cuts = sorted({0, len(text), *(m.start for m in live), *(m.end for m in live)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        over = [m for m in live if m.start <= start and end <= m.end]
        pieces.append(_piece(text[start:end], over))
    return Markup("").join(pieces)


def _piece(words: str, over: Sequence[Mark]) -> Markup:
    if not over:
        return escape(words)
    classes = " ".join(dict.fromkeys(c for m in over for c in m.cls.split()))
    titles = "\n".join(dict.fromkeys(m.title for m in over if m.title))
    return Markup('<mark class="{}" title="{}">{}</mark>').format(classes, titles, words)


def span_marks(text: str, spans: Sequence[Mapping[str, Any]]) -> list[Mark]:
    """The live MQM error spans of a text as marks: where spans overlap, the stretch shows the
    most severe of them (its class `wb-span-<id>` names it) and the title lists them all.
    Stale spans are listed in the bead panel only."""
    live = [s for s in spans if not s.get("stale") and 0 <= s["start"] < s["end"] <= len(text)]
    cuts = sorted({*(s["start"] for s in live), *(s["end"] for s in live)})
    found = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        over = [s for s in live if s["start"] <= start and end <= s["end"]]
        if over:
            worst = max(over, key=lambda s: SEVERITY_ORDER.index(s["severity"]))
            title = "; ".join(f"{s['category']} · {s['severity']} ({s['user']})" for s in over)
            cls = f"wb-span wb-sev-{worst['severity']} wb-span-{worst['id']}"
            found.append(Mark(start, end, cls, title))
    return found


def marked_text(text: str, spans: Sequence[Mapping[str, Any]]) -> Markup:
    """`text` escaped, with its live MQM error spans marked."""
    return marked(text, span_marks(text, spans))
