"""Stores holding small reports with hand-made alignments, for the memory and term tests, and
the sentences they hold."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

import pytest

from workbench.records import Alignment, Bead, Document, Report, Segment
from workbench.store.alignments import save_alignment
from workbench.store.reports import add_document, add_report
from workbench.text.normalize import normalize

EN = [
    "The meeting was held in Erbil on Tuesday.",
    "Each brigade will have about 3,500 soldiers.",
    "The patrols will begin in November.",
]
AR = [
    "عقد الاجتماع في أربيل يوم الثلاثاء.",
    "سيضم كل لواء نحو 3500 جندي.",
    "ستبدأ الدوريات في تشرين الثاني.",
]
KMR = [
    "Civîn roja sêşemê li Hewlêrê pêk hat.",
    "Her tûgayek dê nêzî 3.500 leşker hebin.",
    "Dewriye dê di Mijdarê de dest pê bikin.",
]


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
