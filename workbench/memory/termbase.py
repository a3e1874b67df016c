"""The termbase: concepts with their terms in en/ar/ckb/kmr, found in texts through morphology.

`Termbase.find(text, lang)` is what the QA `terms` check and the Review tab's term highlighting
call: every term of the termbase found in `text`, as `TermHit`s with character offsets into
`text` and whether the term is forbidden. Concepts come in from TBX and CSV files and from
term candidates a reviewer accepts; a concept that shares an allowed term with a stored one is
merged into it, so importing a file again, or accepting "Erbil = هەولێر" after "Erbil =
أربيل", grows one concept instead of making two.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import InputError
from workbench.memory.termmatch import TermMatcher
from workbench.records import Concept, Term, TermCandidate
from workbench.store import terms as store
from workbench.store.db import Database

TERM_FORMATS = ("tbx", "csv")
SUFFIXES = {".tbx": "tbx", ".xml": "tbx", ".csv": "csv"}


@dataclass(frozen=True)
class TermHit:
    """A term found in a text: `text[start:end]` is the word(s) as written there."""

    concept: int | str
    term: str
    start: int
    end: int
    forbidden: bool
    lang: str = ""


class Termbase:
    """Concepts, ready to be found in texts (one matcher per language, made on first use)."""

    def __init__(self, concepts: Sequence[Concept]):
        self.concepts: dict[int | str, Concept] = {
            (c.id if c.id is not None else f"c{n}"): c for n, c in enumerate(concepts, start=1)
        }
        self._matchers: dict[str, TermMatcher] = {}

    def __len__(self) -> int:
        return len(self.concepts)

    def find(self, text: str, lang: str) -> list[TermHit]:
        """The terms of `lang` in `text`, in reading order (the longest where they overlap)."""
        if lang not in self._matchers:
            terms = [
                (term.text, (key, term))
                for key, concept in self.concepts.items()
                for term in concept.terms_in(lang)
            ]
            self._matchers[lang] = TermMatcher(lang, terms)
        return [
            TermHit(key, term.text, found.start, found.end, term.forbidden, lang)
            for found in self._matchers[lang].find(text)
            for key, term in [found.key]
        ]

    def terms(
        self, concept: int | str, lang: str, *, forbidden: bool | None = None
    ) -> tuple[Term, ...]:
        """A concept's terms in a language (allowed ones with forbidden=False)."""
        return self.concepts[concept].terms_in(lang, forbidden=forbidden)


def load_termbase(db: Database) -> Termbase:
    return Termbase(store.all_concepts(db))


class TermbaseCache:
    """The stored termbase, read again only when a concept or term was added since (the review
    table marks terms on every page it shows; reading every concept each time would not do)."""

    def __init__(self) -> None:
        self._known: tuple[tuple[int, int, int, int], Termbase] | None = None
        self._lock = threading.Lock()

    def get(self, db: Database) -> Termbase:
        stamp = store.termbase_stamp(db)
        with self._lock:
            if self._known is not None and self._known[0] == stamp:
                return self._known[1]
        termbase = load_termbase(db)
        with self._lock:
            self._known = (stamp, termbase)
        return termbase


@dataclass(frozen=True)
class Added:
    concepts: int  # new concepts
    merged: int  # concepts merged into stored ones
    terms: int  # terms added, in all
    skipped: tuple[str, ...] = ()  # languages of the file left out


def add_concepts(db: Database, concepts: Sequence[Concept]) -> Added:
    """Store concepts, each merged into a stored concept that shares an allowed term."""
    new = merged = terms = 0

    def work(conn) -> None:
        nonlocal new, merged, terms
        for concept in concepts:
            known = next(
                (
                    found
                    for t in concept.terms
                    if not t.forbidden
                    for found in store.concepts_with_term(db, t.lang, t.text)
                ),
                None,
            )
            if known is None:
                store.insert_concept(db, concept)
                new, terms = new + 1, terms + len(concept.terms)
            else:
                merged, terms = merged + 1, terms + store.add_terms(db, known, concept.terms)

    db.write(work)
    return Added(new, merged, terms)


def import_terms(db: Database, path: str | Path, format: str | None = None) -> Added:
    """Import a TBX or CSV glossary into the termbase."""
    from workbench.formats.glossary import read_glossary
    from workbench.formats.tbx import read_tbx

    path = Path(path)
    read = read_tbx if term_format(path, format) == "tbx" else read_glossary
    found = read(path)
    added = add_concepts(db, found.concepts)
    return Added(added.concepts, added.merged, added.terms, found.skipped)


def export_terms(db: Database, path: str | Path, format: str | None = None) -> int:
    """Write the termbase as TBX or CSV (whole or not at all); returns how many concepts."""
    from workbench.formats.glossary import write_glossary
    from workbench.formats.tbx import write_tbx

    path = Path(path)
    concepts = store.all_concepts(db)
    if not concepts:
        raise InputError(
            "The termbase is empty; `workbench terms import FILE` or `workbench terms extract` "
            "fills it."
        )
    write = write_tbx if term_format(path, format) == "tbx" else write_glossary
    write(concepts, path)
    return len(concepts)


def term_format(path: Path, given: str | None) -> str:
    if given:
        if given.lower() not in TERM_FORMATS:
            raise InputError(f"Unknown format {given!r}: use tbx or csv.")
        return given.lower()
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(
            f"Cannot tell the format of {path.name} from its name; name it .tbx or .csv, or "
            "pass --format tbx|csv."
        )
    return SUFFIXES[path.suffix.lower()]


def accept_candidate(db: Database, candidate_id: int, user: str) -> Concept:
    """Make a candidate pair a concept (or add it to the concept holding its source term)."""
    candidate = _pending(db, candidate_id)
    concept = Concept(
        (Term(candidate.source, candidate.src_lang), Term(candidate.target, candidate.tgt_lang)),
        note=f"extracted from {candidate.count} aligned beads (Dice {candidate.score:.2f})",
        origin="extracted",
    )

    def work(conn) -> int:
        add_concepts(db, [concept])
        [concept_id] = store.concepts_with_term(db, candidate.src_lang, candidate.source)[:1]
        store.decide_candidate(db, candidate_id, "accepted", user, concept_id)
        return concept_id

    return store.get_concept(db, db.write(work))


def reject_candidate(db: Database, candidate_id: int, user: str) -> TermCandidate:
    _pending(db, candidate_id)
    store.decide_candidate(db, candidate_id, "rejected", user)
    return store.get_candidate(db, candidate_id)


def _pending(db: Database, candidate_id: int) -> TermCandidate:
    candidate = store.get_candidate(db, candidate_id)
    if candidate.status != "pending":
        raise InputError(
            f"Term candidate {candidate_id} was {candidate.status} by "
            f"{candidate.user or 'someone'} on {candidate.decided_at[:10]}; it is decided already."
        )
    return candidate
