"""A `ParallelText` read from a file, stored as a report: a document per language, an
alignment with one bead per unit, and review events that bring each bead to the file's status.

Each unit's text becomes one segment, so a many-to-many bead that was exported as joined
texts comes back as a 1-1 bead. Events are attributed to the person who imports. Importing
the same file into the same report again changes nothing; everything is one transaction, so
a failed import leaves no half-made report behind.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from workbench import __version__
from workbench.errors import InputError
from workbench.formats.parallel import ParallelText, Row
from workbench.records import (
    BEAD_STATUSES,
    Alignment,
    Bead,
    Document,
    Report,
    ReviewEvent,
    Segment,
)
from workbench.store.alignments import alignments_for_report, get_alignment, save_alignment
from workbench.store.db import Database
from workbench.store.reports import add_document, add_report
from workbench.store.review import record_event
from workbench.text.normalize import normalize
from workbench.userfiles import path_text

METHOD = "import"
_ACTION_OF_STATUS = {
    "accepted": "accept",
    "edited": "edit",
    "flagged": "flag",
    "rejected": "reject",
    "auto": "reset",
}


@dataclass(frozen=True)
class ImportResult:
    """What an import made: the report, its language versions and the alignment."""

    report: Report
    documents: tuple[Document, ...]
    alignment: Alignment
    created: bool  # False when this file had already been imported into this report


def store_parallel_text(
    db: Database, text: ParallelText, report: str, *, source: Path, file_sha256: str, user: str
) -> ImportResult:
    """Store `text` (read from `source`) under the report named `report`."""
    languages = _check(text, source)
    # a unit with no text at all (empty <seg>s, an empty sheet line) would be a 0-0 bead
    text = replace(text, rows=tuple(row for row in text.rows if row.texts))
    name = path_text(source.name)  # a name of bytes that are not UTF-8 too
    signature = f"import|file:{name}|sha256:{file_sha256[:16]}|workbench:{__version__}"
    return db.write(lambda _: _store(db, text, report, languages, source, signature, user))


def _store(
    db: Database,
    text: ParallelText,
    name: str,
    languages: list[str],
    source: Path,
    signature: str,
    user: str,
) -> ImportResult:
    report = add_report(db, Report(name, title=text.title))
    documents = tuple(
        add_document(db, report.id, _document(text.rows, lang, i == 0, source))[0]
        for i, lang in enumerate(languages)
    )
    doc_ids = tuple(d.id for d in documents)
    for earlier in alignments_for_report(db, report.id):
        if earlier.document_ids == doc_ids and earlier.signature == signature:
            return ImportResult(report, documents, get_alignment(db, earlier.id), created=False)
    alignment = save_alignment(
        db,
        Alignment(
            document_ids=doc_ids,
            method=METHOD,
            signature=signature,
            beads=_beads(text.rows, languages),
            report_id=report.id,
        ),
    )
    for row, bead in zip(text.rows, alignment.beads, strict=True):
        _replay(db, row, alignment.id, bead.id, user)
    return ImportResult(report, documents, get_alignment(db, alignment.id), created=True)


def _check(text: ParallelText, source: Path) -> list[str]:
    """The languages that hold text, after checking every row's status."""
    for n, row in enumerate(text.rows, start=1):
        if row.status not in BEAD_STATUSES:
            raise InputError(
                f"{source}: unit {n} has the status {row.status!r}; use one of "
                f"{', '.join(BEAD_STATUSES)}."
            )
    languages = [lang for lang in text.languages if any(lang in r.texts for r in text.rows)]
    if len(languages) < 2:
        raise InputError(
            f"{source} holds texts in {', '.join(languages) or 'no language'} only; an "
            "alignment needs two languages. Check the file's language tags and targets."
        )
    return languages


def _document(rows: tuple[Row, ...], lang: str, is_source: bool, source: Path) -> Document:
    texts = [row.texts[lang] for row in rows if lang in row.texts]
    raw_text = "\n".join(texts)
    return Document(
        lang=lang,
        paragraphs=tuple(texts),
        origin="original" if is_source else "human",
        source_file=path_text(source),
        # One file holds every language, so the version is known by its language and text.
        sha256=hashlib.sha256(f"{lang}\n{raw_text}".encode()).hexdigest(),
        raw_text=raw_text,
        segments=tuple(
            Segment(index=i, text=t, normalized=normalize(t, lang), paragraph=i)
            for i, t in enumerate(texts)
        ),
    )


def _beads(rows: tuple[Row, ...], languages: list[str]) -> tuple[Bead, ...]:
    next_index = dict.fromkeys(languages, 0)
    beads = []
    for row in rows:
        segments = []
        for lang in languages:
            if lang in row.texts:
                segments.append((next_index[lang],))
                next_index[lang] += 1
            else:
                segments.append(())
        beads.append(
            Bead(
                segments=tuple(segments),
                score=row.evidence or 0.0,
                confidence=row.confidence or 0.0,
                signal=METHOD,
            )
        )
    return tuple(beads)


def _replay(db: Database, row: Row, alignment_id: int, bead_id: int, user: str) -> None:
    """Record the flags and comments of `row`, then whatever brings it to its status."""

    def record(action: str, after: dict | None = None, comment: str = "") -> None:
        event = ReviewEvent(
            action=action,
            user=user,
            alignment_id=alignment_id,
            bead_id=bead_id,
            after=after or {},
            comment=comment,
        )
        record_event(db, event)

    for flag in row.flags:
        record("flag", {"category": flag.category, "severity": flag.severity}, flag.comment)
    for comment in row.comments:
        record("comment", comment=comment)
    if row.status != ("flagged" if row.flags else "auto"):
        action = _ACTION_OF_STATUS[row.status]
        record(action, {"texts": {}} if action == "edit" else {})
