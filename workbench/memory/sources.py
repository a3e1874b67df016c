"""Where the memory's entries come from: stored alignments, and machine translations.

Entries from an alignment are *derived from the store*: its current beads (reviewers' edits
applied, the segments of a many-to-many bead joined), in every pair of its human-written
languages and both directions. Accepted and edited beads give "reviewed" entries (who and
when: the bead's last reviewer and event); beads nobody reviewed give "aligned" ones; flagged
and rejected beads give none. Versions made by machine translation are left out here — every
machine translation the store keeps enters as an "mt" entry of its own.

The memory keeps itself current: `refresh_memory` (run before every lookup) re-derives the
alignments made or reviewed since it last looked, and adds the machine translations stored
since. A reviewer's edit therefore replaces the bead's entries at the next lookup, whichever
front end recorded it, and nothing is lost: the review events still hold every earlier text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import permutations
from typing import Any

from workbench.errors import InputError, StoreError
from workbench.formats.parallel import ParallelText, Row
from workbench.memory.fuzzy import context_key, match_form
from workbench.records import MemoryEntry
from workbench.store import memory as store
from workbench.store.db import Database
from workbench.store.review import AlignmentState

ORIGIN_OF_STATUS = {"accepted": "reviewed", "edited": "reviewed", "auto": "aligned"}


@dataclass(frozen=True)
class BuildResult:
    alignments: int  # alignments (re)derived
    entries: int  # entries written


def norm(lang: str, text: str) -> str:
    return match_form(text, lang)


def refresh_memory(db: Database) -> BuildResult:
    """Derive what changed in the store since the memory last looked (cheap when nothing did).
    A store opened read-only is searched as the memory last left it."""
    if db.read_only:
        if not store.has_memory(db):
            raise StoreError(
                f"The store {db.path} is read-only ({db.why}) and older than the translation "
                "memory; open it once where it can be written to add the memory."
            )
        return BuildResult(0, 0)
    seen, heads = store.marks(db), store.store_heads(db)
    if all(seen.get(name, 0) >= head for name, head in heads.items()):
        return BuildResult(0, 0)
    return db.write(lambda conn: _catch_up(db))


def _catch_up(db: Database) -> BuildResult:
    seen, heads = store.marks(db), store.store_heads(db)  # again, inside the transaction
    changed = store.alignments_changed(db, seen.get("alignment", 0), seen.get("review_event", 0))
    entries = sum(derive_alignment(db, a) for a in changed)
    entries += _machine_translations(db, seen.get("translation", 0))
    store.set_marks(db, heads)
    return BuildResult(len(changed), entries)


def build_memory(db: Database, reports: Sequence[str] | None = None) -> BuildResult:
    """Derive the entries of the reports' alignments again (every report when None), then
    catch up with the rest of the store."""
    from workbench.store.reports import get_report

    def work(conn) -> BuildResult:
        if reports is None:
            ids = store.all_alignments(db)
        else:
            ids = [a for name in reports for a in store.all_alignments(db, get_report(db, name).id)]
        entries = sum(derive_alignment(db, a) for a in ids)
        caught = _catch_up(db)
        return BuildResult(len(ids) + caught.alignments, entries + caught.entries)

    return db.write(work)


def derive_alignment(db: Database, alignment_id: int) -> int:
    """Replace the alignment's entries by those of its current beads; returns how many."""
    from workbench.formats.collect import parallel_text
    from workbench.store.alignments import get_alignment
    from workbench.store.reports import get_document
    from workbench.store.review import alignment_state, events

    alignment = get_alignment(db, alignment_id, with_beads=False)
    docs = [get_document(db, d, with_segments=False) for d in alignment.document_ids]
    human = [d.lang for d in docs if d.origin != "machine"]
    entries: list[MemoryEntry] = []
    if len(human) >= 2 and len(set(human)) == len(human):
        try:
            text = parallel_text(db, alignment_id, languages=human)
        except InputError:  # e.g. a bead naming a segment its document lacks
            text = None
        if text is not None:
            times = {e.id: e.created_at for e in events(db, alignment_id)}
            state = alignment_state(db, alignment_id)
            entries = alignment_entries(text, state, times, alignment.created_at)
    return store.save_entries(db, f"alignment:{alignment_id}", entries, norm, replace=True)


def alignment_entries(
    text: ParallelText, state: AlignmentState, times: dict[int, str], created_at: str
) -> list[MemoryEntry]:
    """One entry per bead and ordered language pair, for beads that are not flagged or
    rejected; each entry's context is the previous and next sentence in its source language."""

    def provenance(row: Row) -> dict[str, Any] | None:
        origin = ORIGIN_OF_STATUS.get(row.status)
        if origin is None:
            return None
        bead_id = int(row.id) if row.id.isdigit() else None
        bead = state.beads.get(bead_id) if bead_id is not None else None
        reviewed = origin == "reviewed" and bead is not None
        return {
            "origin": origin,
            "report": text.report,
            "alignment_id": text.alignment_id,
            "bead_id": bead_id,
            "user": bead.last_user if reviewed else "",
            "created_at": times.get(bead.last_event or 0, created_at) if reviewed else created_at,
        }

    return unit_entries(text, text.languages, provenance)


def unit_entries(
    text: ParallelText,
    languages: Sequence[str],
    provenance: Callable[[Row], dict[str, Any] | None],
) -> list[MemoryEntry]:
    """An entry per row and ordered pair of `languages` the row has text in, with the row's
    provenance (rows it gives None for are left out) and each source's context."""
    contexts = row_contexts(text)
    entries = []
    for i, row in enumerate(text.rows):
        fields = provenance(row)
        if fields is None:
            continue
        present = [lang for lang in languages if row.texts.get(lang, "").strip()]
        for src, tgt in permutations(present, 2):
            entries.append(
                MemoryEntry(
                    source=row.texts[src],
                    target=row.texts[tgt],
                    src_lang=src,
                    tgt_lang=tgt,
                    context=contexts[src][i],
                    **fields,
                )
            )
    return entries


def row_contexts(text: ParallelText) -> dict[str, dict[int, str]]:
    """Per language, per row holding it: the context key of its previous and next text."""
    contexts: dict[str, dict[int, str]] = {}
    for lang in text.languages:
        rows = [(i, row.texts[lang]) for i, row in enumerate(text.rows) if lang in row.texts]
        contexts[lang] = {
            i: context_key(
                rows[n - 1][1] if n > 0 else "", rows[n + 1][1] if n + 1 < len(rows) else "", lang
            )
            for n, (i, _) in enumerate(rows)
        }
    return contexts


def _machine_translations(db: Database, after: int) -> int:
    from workbench.store.translations import translations_since

    entries = [
        MemoryEntry(
            source=t.source,
            target=t.output,
            src_lang=t.src_lang,
            tgt_lang=t.tgt_lang,
            origin="mt",
            signature=t.signature,
            file=f"translation {t.id}",
        )
        for t in translations_since(db, after)
        if t.source.strip() and t.output.strip()
    ]
    return store.save_entries(db, "translation", entries, norm)
