"""Erbil water with QA findings and a translation memory to match from: a second report, an
update of the first, whose Arabic gives a wrong figure (a finding) and whose sentences the
first report's beads match in the memory."""

from __future__ import annotations

import hashlib

from tests.review.samples import SENTENCES, add_report
from workbench.records import Alignment, Bead, Concept, Document, Report, Segment, Term
from workbench.store import alignments, reports
from workbench.store.db import Database

UPDATE = "Erbil water update"
UPDATED = {
    "en": (
        "The water station in Erbil reopened on 3 March 2024.",
        "Around 14,000 families now have clean water.",
        "Engineers from Duhok worked for six weeks.",
    ),
    "ar": (
        "أعيد افتتاح محطة المياه في أربيل في 3 آذار 2024.",
        "تحصل نحو 41,000 عائلة الآن على مياه نظيفة.",
        "عمل مهندسون من دهوك لمدة ستة أسابيع.",
    ),
}


def add_update(db: Database) -> Alignment:
    """The update (en, ar), aligned one to one, its QA run and stored."""
    from workbench.memory.termbase import add_concepts
    from workbench.qa.report import run_report_qa

    report = reports.add_report(db, Report(UPDATE, title="Water station update"))
    ids = []
    for lang, texts in UPDATED.items():
        raw = " ".join(texts)
        doc = Document(
            lang=lang, paragraphs=(raw,), raw_text=raw,
            sha256=hashlib.sha256(f"update:{lang}:{raw}".encode()).hexdigest(),
            segments=tuple(Segment(i, t, t, 0) for i, t in enumerate(texts)),
        )  # fmt: skip
        ids.append(reports.add_document(db, report.id, doc)[0].id)
    beads = tuple(Bead(((i,), (i,)), score=0.5, confidence=0.9) for i in range(3))
    made = alignments.save_alignment(
        db, Alignment(tuple(ids), "test", "test-signature", beads, report_id=report.id)
    )
    add_concepts(
        db, [Concept((Term("Erbil", "en"), Term("أربيل", "ar"), Term("Arbil", "en", True)))]
    )
    run_report_qa(db, UPDATE)
    return made


def add_both(db: Database) -> tuple[Alignment, Alignment]:
    """Erbil water (en, ar, ckb) and its update: (the first's alignment, the update's)."""
    return add_report(db), add_update(db)


__all__ = ["SENTENCES", "UPDATE", "UPDATED", "add_both", "add_update"]
