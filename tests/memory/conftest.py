"""Stores holding small reports with hand-made alignments, for the memory and term tests."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

import pytest

from workbench.records import Alignment, Bead, Document, Report, Segment
from workbench.store.alignments import save_alignment
from workbench.store.reports import add_document, add_report
from workbench.text.normalize import normalize


def make_report(
    db,
    name: str,
    texts: Mapping[str, Sequence[str]],
    beads: Sequence[Sequence[Sequence[int]]] | None = None,
    *,
    origins: Mapping[str, str] | None = None,
) -> Alignment:
    """A report with one document per language and an alignment of them (1-1 by default)."""
    report = add_report(db, Report(name))
    ids = []
    for lang, sentences in texts.items():
        document = Document(
            lang=lang,
            paragraphs=tuple(sentences),
            origin=(origins or {}).get(lang, "original"),
            sha256=hashlib.sha256(f"{name}/{lang}/{sentences}".encode()).hexdigest(),
            raw_text="\n\n".join(sentences),
            segments=tuple(Segment(i, s, normalize(s, lang), i) for i, s in enumerate(sentences)),
        )
        ids.append(add_document(db, report.id, document)[0].id)
    if beads is None:
        count = len(next(iter(texts.values())))
        beads = [[[i]] * len(texts) for i in range(count)]
    made = Alignment(
        document_ids=tuple(ids),
        method="test",
        signature="test",
        beads=tuple(Bead(tuple(tuple(s) for s in b), score=1.0) for b in beads),
        report_id=report.id,
    )
    return save_alignment(db, made)


@pytest.fixture
def report_maker(db):
    return lambda *args, **kwargs: make_report(db, *args, **kwargs)
