"""Finding matches: candidate texts from the trigram index, scored and ranked.

Retrieval reads the postings of the query's rarest trigrams only (up to a budget of postings,
at least a few trigrams), weighs each shared trigram by its rarity, and keeps the best
candidates that have a translation in the wanted direction; texts with the query's exact
match form are always candidates. Each candidate is then scored with `fuzzy.score`.

Ranking: a human match (reviewed, imported, aligned) always before a machine translation,
then by score, then reviewed before imported before aligned, then the newest. Identical
pairs from several places are shown once, with the best-ranked provenance.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache

from workbench.errors import InputError, NotFound
from workbench.memory.fuzzy import (
    Prepared,
    context_key,
    match_form,
    prepare,
    score,
    token_score,
    tokens,
)
from workbench.memory.numbers import substitute
from workbench.records import MEMORY_ORIGINS, MemoryEntry
from workbench.store import memory as store
from workbench.store.db import Database
from workbench.text.languages import canonical

MIN_SCORE = 50  # what a search and the Matches panel show
OFFER_SCORE = 75  # what `translate` offers beside its output
LIMIT = 5
CANDIDATES = 200  # candidate texts scored per lookup
KEEP = 40  # of those, the best-scoring texts whose entries are read and ranked
GRAM_BUDGET = 4000  # postings read per lookup, past the first MIN_GRAMS trigrams
MIN_GRAMS = 4
EXACT = 100
IN_CONTEXT = 101

Tagged = tuple[tuple[str, str], ...]  # (word, "same" | "missing" | "extra")


@dataclass(frozen=True)
class Match:
    """A memory entry offered for a text: its score, what to insert, and where it came from.

    `target` is what to insert: the entry's target with the text's numbers put in when the
    two differ in numbers only (`numbers` then lists the (old, new) pairs). `current` is the
    text's words tagged "same" or "missing" (not in the memory's source), `memory` the
    memory source's words tagged "same" or "extra".
    """

    score: int
    target: str
    entry: MemoryEntry
    numbers: tuple[tuple[str, str], ...] = ()
    note: str = ""
    current: Tagged = ()
    memory: Tagged = ()

    @property
    def source(self) -> str:
        return self.entry.source

    @property
    def origin(self) -> str:
        return self.entry.origin

    @property
    def provenance(self) -> str:
        return provenance(self.entry)

    def as_dict(self) -> dict:
        return {
            "score": self.score,
            "source": self.source,
            "target": self.target,
            "stored_target": self.entry.target,
            "origin": self.origin,
            "provenance": self.provenance,
            "numbers": [list(pair) for pair in self.numbers],
            "note": self.note,
            "entry": asdict(self.entry),
        }


def provenance(e: MemoryEntry) -> str:
    """Where an entry came from, as a reviewer reads it."""
    parts = []
    if e.report:
        parts.append(f"report {e.report}")
    if e.bead_id is not None:
        parts.append(f"bead {e.bead_id} of alignment {e.alignment_id}")
    if e.file:
        parts.append(e.file)
    if e.user:
        parts.append(f"by {e.user}")
    if e.created_at:
        parts.append(e.created_at[:10])
    return ", ".join(parts)


def search(
    db: Database,
    text: str,
    src: str,
    tgt: str,
    *,
    previous: str | None = None,
    following: str | None = None,
    limit: int = LIMIT,
    min_score: int = MIN_SCORE,
    exclude_bead: tuple[int, int] | None = None,
    exclude_report: str = "",
    refresh: bool = True,
) -> list[Match]:
    """The best `limit` matches for `text` from `src` into `tgt`, scoring at least
    `min_score`. With `previous` and `following` (the sentences around it), an exact match
    in the same context scores 101. `exclude_bead` (alignment id, bead id) leaves out the
    entries of that bead itself, `exclude_report` those of a report."""
    from workbench.memory.sources import refresh_memory

    src, tgt = _direction(src, tgt)
    if not text.strip():
        return []
    if refresh:
        refresh_memory(db)
    query = prepare(text, src)
    found = [
        (e, n)
        for e, n in store.entries_from(db, candidate_texts(db, query, src, tgt), tgt)
        if (e.alignment_id, e.bead_id) != exclude_bead and not _from(e, exclude_report)
    ]
    context = _context(previous, following, src)
    matches = [m for m in rank(query, found, context) if m.score >= min_score][:limit]
    return [with_diff(query, m) for m in matches]


search_memory = search  # the name the public API gives it (`workbench.search_memory`)


def matches_for_bead(
    db: Database,
    alignment_id: int,
    bead_id: int,
    src: str,
    tgt: str,
    *,
    limit: int = LIMIT,
    min_score: int = MIN_SCORE,
) -> list[Match]:
    """The Matches panel of a bead: the best matches for its current `src` text (reviewers'
    edits applied) into `tgt`, in the context of its neighbours, leaving out the bead itself."""
    from workbench.formats.collect import parallel_text

    src, tgt = _direction(src, tgt)
    rows = [r for r in parallel_text(db, alignment_id).rows if src in r.texts]
    place = next((n for n, r in enumerate(rows) if r.id == str(bead_id)), None)
    if place is None:
        raise NotFound(
            f"Bead {bead_id} of alignment {alignment_id} has no {src} text (or is not a current "
            "bead); choose a bead with a sentence in that language."
        )
    return search(
        db,
        rows[place].texts[src],
        src,
        tgt,
        previous=rows[place - 1].texts[src] if place > 0 else "",
        following=rows[place + 1].texts[src] if place + 1 < len(rows) else "",
        limit=limit,
        min_score=min_score,
        exclude_bead=(alignment_id, bead_id),
    )


def exact_matches(
    db: Database,
    texts: Sequence[str],
    src: str,
    tgt: str,
    contexts: Sequence[str | None],
    *,
    exclude_report: str = "",
) -> list[Match | None]:
    """For each text, the best human match scoring 100 or 101 (in its context), or None."""
    queries = [prepare(t, src) if t.strip() else None for t in texts]
    norms = {q.norm for q in queries if q is not None}
    ids = [i for found in store.texts_with_norm(db, src, norms).values() for i in found]
    by_norm: dict[str, list[tuple[MemoryEntry, str]]] = {}
    for entry, norm in store.entries_from(db, ids, tgt):
        if entry.is_human and not _from(entry, exclude_report):
            by_norm.setdefault(norm, []).append((entry, norm))
    best: list[Match | None] = []
    for query, context in zip(queries, contexts, strict=True):
        ranked = rank(query, by_norm.get(query.norm, []), context) if query else []
        best.append(ranked[0] if ranked and ranked[0].score >= EXACT else None)
    return best


def candidate_texts(db: Database, query: Prepared, src: str, tgt: str) -> list[int]:
    """Ids of the stored texts most like the query that translate into `tgt`: those sharing
    the most rare trigrams with it, the best `KEEP` of them by their score."""
    exact = store.texts_with_norm(db, src, [query.norm]).get(query.norm, [])
    frequency = store.gram_frequencies(db, store.trigrams(query.norm))
    weights: dict[int, float] = {}
    for gram in rarest(query.tokens, frequency):
        weight = 1.0 / math.log(2 + frequency[gram])
        for text_id in store.texts_with_gram(db, gram):
            weights[text_id] = weights.get(text_id, 0.0) + weight
    ranked = sorted(weights, key=weights.__getitem__, reverse=True)[: 3 * CANDIDATES]
    ordered = list(dict.fromkeys(exact + ranked))
    translated = store.texts_translated(db, ordered, src, tgt)
    near = [i for i in ordered if i in translated][: len(exact) + CANDIDATES]
    scores = {i: token_score(query.tokens, tokens(translated[i])).score for i in near}
    return sorted(near, key=lambda i: -scores[i])[:KEEP]


def rarest(words: Sequence[str], frequency: dict[str, int]) -> list[str]:
    """The trigrams to read: first each word's rarest, so that a rare word the memory lacks
    (often the very edit) cannot crowd out the words it shares; then the rarest of the rest;
    until their postings pass the budget."""

    def rarity(gram: str) -> tuple[int, str]:
        return frequency[gram], gram

    own = {
        min(found, key=rarity)
        for word in set(words)
        if (found := [g for g in store.trigrams(word) if g in frequency])
    }
    rest = sorted(set(frequency) - own, key=rarity)
    chosen, postings = [], 0
    for gram in [*sorted(own, key=rarity), *rest]:
        if len(chosen) >= MIN_GRAMS and postings + frequency[gram] > GRAM_BUDGET:
            break
        chosen.append(gram)
        postings += frequency[gram]
    return chosen


def rank(
    query: Prepared, found: Iterable[tuple[MemoryEntry, str]], context: str | None
) -> list[Match]:
    """Score every entry against the query and order them (see the module's docstring)."""
    prepared: dict[tuple[str, str], Prepared] = {}
    matches = []
    for entry, norm in found:
        key = (entry.source, norm)
        if key not in prepared:
            prepared[key] = prepare(entry.source, query.lang, norm)
        matches.append(_match(query, prepared[key], entry, context))
    matches.sort(key=lambda m: m.entry.created_at, reverse=True)  # the newest first among equals
    matches.sort(key=_order)
    shown: dict[tuple[str, str], Match] = {}
    for match in matches:
        shown.setdefault((match.source, match.target), match)
    return list(shown.values())


def _match(query: Prepared, source: Prepared, entry: MemoryEntry, context: str | None) -> Match:
    scored = score(query, source)
    value, target, numbers, note = scored.score, entry.target, scored.numbers, ""
    if numbers:
        repaired = substitute(entry.target, numbers)
        if repaired is None:
            value, numbers = scored.plain, ()
            note = "numbers differ, and the target does not hold the memory's numbers"
        else:
            target = repaired
            note = "numbers substituted: " + ", ".join(f"{old} → {new}" for old, new in numbers)
    if value == EXACT and context is not None and context == entry.context:
        value, note = IN_CONTEXT, "exact match in the same context"
    return Match(value, target, entry, numbers, note)


def _order(match: Match) -> tuple[bool, int, int]:
    return (not match.entry.is_human, -match.score, MEMORY_ORIGINS.index(match.origin))


def with_diff(query: Prepared, match: Match) -> Match:
    """The match with its word diff against the query (made for the matches shown only)."""
    from workbench.score.diff import word_diff

    current, memory = word_diff(query.text, match.source, lambda w: _word_form(w, query.lang))
    return replace(match, current=tuple(current), memory=tuple(memory))


@lru_cache(maxsize=65536)
def _word_form(word: str, lang: str) -> str:
    return match_form(word, lang)


def _from(entry: MemoryEntry, report: str) -> bool:
    return bool(report) and entry.report == report


def _context(previous: str | None, following: str | None, lang: str) -> str | None:
    if previous is None or following is None:
        return None
    return context_key(previous, following, lang)


def _direction(src: str, tgt: str) -> tuple[str, str]:
    src, tgt = canonical(src), canonical(tgt)
    if src == tgt:
        raise InputError(f"Source and target are both {src}: choose two languages.")
    return src, tgt
