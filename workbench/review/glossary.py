"""The termbase's terms in the review table: where each one is in a bead's text, whether it is
forbidden, and its hover text (the concept's terms in the other languages; for a forbidden
term, the ones to use instead). Found through the termbase's morphology-aware matcher, the
same one the QA `terms` check uses. Nothing here knows about Gradio or HTML."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.memory.termbase import Termbase, TermHit
from workbench.text.languages import LANGUAGES, SHORT_NAMES


@dataclass(frozen=True)
class TermSpan:
    """A glossary term in a text: `text[start:end]`."""

    start: int
    end: int
    forbidden: bool
    title: str


def term_spans(termbase: Termbase | None, text: str, lang: str) -> list[TermSpan]:
    """The terms of `lang` in `text`, in reading order (none without a termbase)."""
    if termbase is None or not len(termbase) or not text:
        return []
    return [
        TermSpan(hit.start, hit.end, hit.forbidden, term_title(termbase, hit, lang))
        for hit in termbase.find(text, lang)
    ]


def term_title(termbase: Termbase, hit: TermHit, lang: str) -> str:
    """What hovering over a term says, one line each: what it is, then its concept's allowed
    terms per language (this one's too, for a forbidden term), then the concept's note."""
    concept = termbase.concepts[hit.concept]
    head = f"Forbidden term «{hit.term}»: use" if hit.forbidden else f"Term «{hit.term}»"
    lines = [head]
    for other in LANGUAGES:
        if other == lang and not hit.forbidden:
            continue
        allowed = [t.text for t in concept.terms_in(other, forbidden=False)]
        if allowed:
            lines.append(f"{SHORT_NAMES.get(other, other)}: {' · '.join(allowed)}")
    if concept.note:
        lines.append(concept.note[:200])
    return "\n".join(lines)
