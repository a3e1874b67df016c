"""The Matches panel of a bead: translation-memory matches for its first shown language into
its second, and the termbase's terms found in its texts. Nothing here knows about Gradio."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.errors import InputError, NotFound
from workbench.memory.search import Match, matches_for_bead
from workbench.memory.termbase import Termbase, TermHit, load_termbase
from workbench.records import record_number
from workbench.store.db import Database

SHOWN = 5  # matches in the panel, best first


@dataclass(frozen=True)
class TermLine:
    """A term found in the bead's text in one language, with the concept's terms in the other
    (the allowed ones; `forbidden` when the text used a forbidden term)."""

    lang: str
    found: str
    other_lang: str
    others: tuple[str, ...]
    forbidden: bool


@dataclass(frozen=True)
class BeadMatches:
    src: str
    tgt: str
    matches: tuple[Match, ...]
    terms: tuple[TermLine, ...]


def bead_matches(
    db: Database, alignment_id: int | str, bead_id: int | str | None, langs: Sequence[str]
) -> BeadMatches:
    """Memory matches from the first language of `langs` into the second for the bead (its
    current text, reviewers' edits applied), and the terms of both in its texts."""
    if bead_id in (None, ""):
        raise InputError("Pick a bead first: click a row or press j.")
    if len(langs) < 2:
        raise InputError("Choose two languages: matches go from the first into the second.")
    src, tgt = str(langs[0]), str(langs[1])
    aid, bead = record_number(alignment_id, "alignment"), record_number(bead_id, "bead")
    _joins(db, aid, (src, tgt))
    try:
        found = matches_for_bead(db, aid, bead, src, tgt, limit=SHOWN)
    except NotFound:  # no sentence in the first language (an addition): nothing to match
        if not _current(db, aid, bead):
            raise
        found = []
    return BeadMatches(src, tgt, tuple(found), tuple(bead_terms(db, aid, bead, src, tgt)))


def _joins(db: Database, alignment_id: int, langs: Sequence[str]) -> None:
    from workbench.review.rows import alignment_languages
    from workbench.store.alignments import get_alignment

    have = alignment_languages(db, get_alignment(db, alignment_id, with_beads=False))
    for lang in langs:
        if lang not in have:
            raise InputError(
                f"This alignment has no {lang[:20]!r} version; it joins {', '.join(have)}."
            )


def _current(db: Database, alignment_id: int, bead_id: int) -> bool:
    from workbench.store.alignments import current_beads

    return any(b.id == bead_id for b in current_beads(db, alignment_id))


def bead_terms(db: Database, alignment_id: int, bead_id: int, src: str, tgt: str) -> list[TermLine]:
    """The termbase's terms in the bead's texts of both languages."""
    from workbench.formats.collect import parallel_text

    row = next((r for r in parallel_text(db, alignment_id).rows if r.id == str(bead_id)), None)
    if row is None:
        return []
    termbase = load_termbase(db)
    if not len(termbase):
        return []
    lines = []
    for lang, other in ((src, tgt), (tgt, src)):
        for hit in termbase.find(row.texts.get(lang, ""), lang):
            lines.append(_line(termbase, hit, lang, other))
    return lines


def _line(termbase: Termbase, hit: TermHit, lang: str, other: str) -> TermLine:
    others = tuple(t.text for t in termbase.terms(hit.concept, other, forbidden=False))
    return TermLine(lang, hit.term, other, others, hit.forbidden)


def chosen_match(found: BeadMatches, choice: int | str | None) -> Match:
    """The match a reviewer picked by its place in the panel (1 = the best)."""
    if choice in (None, ""):
        raise InputError("Choose which match to use first.")
    place = record_number(choice, "match")
    if not 1 <= place <= len(found.matches):
        raise InputError(
            f"There is no match {place} for this bead (it has {len(found.matches)}); "
            "pick one shown in the Matches panel."
        )
    return found.matches[place - 1]
