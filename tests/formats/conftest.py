"""A reviewed alignment built through the store functions only (no ingest, no aligner)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from workbench.records import Alignment, Bead, Document, Report, ReviewEvent, Segment
from workbench.store import alignments, reports, review

EN = [
    "The committee met on 3 March 2024.",
    "It heard twelve witnesses.",
    "Their accounts agree.",
    "The report ends here.",
    "An English-only note.",
]
AR = [
    "اجتمعت اللجنة في 3 آذار/مارس 2024.",
    "واستمعت إلى اثني عشر شاهدا، وتتفق رواياتهم.",
    "جملة عربية زائدة.",
    "ينتهي التقرير هنا.",
]
CKB = [
    "لیژنەکە لە ٣ی ئاداری ٢٠٢٤ کۆبووەوە.",
    "گوێی لە دوازدە شایەت گرت.",
    "گێڕانەوەکانیان یەک دەگرنەوە.",
    "ڕاپۆرتەکە لێرەدا کۆتایی دێت.",
]
# Bead segments per document (en, ar, ckb) and what reviewers did.
BEADS = [
    ((0,), (0,), (0,)),  # accepted
    ((1, 2), (1,), (1, 2)),  # 2-1-2, edited in Arabic
    ((), (2,), ()),  # addition in Arabic, flagged
    ((3,), (3,), (3,)),  # rejected, with a comment
    ((4,), (), ()),  # omission, untouched
]
EDITED_AR = "واستمعت اللجنة إلى اثني عشر شاهدا، وتتفق رواياتهم."


@dataclass
class Reviewed:
    db: object
    alignment_id: int
    report: str
    expected: list[dict]  # per bead: texts, status


def _document(lang: str, texts: list[str]) -> Document:
    return Document(
        lang=lang,
        sha256=f"sha-{lang}",
        raw_text="\n".join(texts),
        segments=tuple(Segment(index=i, text=t, paragraph=0) for i, t in enumerate(texts)),
    )


def build_reviewed(db) -> Reviewed:
    report = reports.add_report(db, Report("committee-2024", title="Committee hearing"))
    docs = [
        reports.add_document(db, report.id, _document(lang, texts))[0]
        for lang, texts in (("en", EN), ("ar", AR), ("ckb", CKB))
    ]
    beads = tuple(
        Bead(segments, score=0.5 + i / 10, confidence=0.9 - i / 10, signal="length")
        for i, segments in enumerate(BEADS)
    )
    alignment = alignments.save_alignment(
        db, Alignment(tuple(d.id for d in docs), "test", "test|v1", beads, report_id=report.id)
    )
    b = alignment.beads

    def act(bead, action, **kw):
        review.record_event(
            db,
            ReviewEvent(
                action=action, user="amina", alignment_id=alignment.id, bead_id=bead.id, **kw
            ),
        )

    act(b[0], "accept")
    act(b[1], "edit", after={"texts": {"1": EDITED_AR}})
    act(
        b[2],
        "flag",
        after={"category": "addition", "severity": "major"},
        comment="not in the original",
    )
    act(b[3], "comment", comment="check the date")
    act(b[3], "reject")
    expected = [
        {"texts": {"en": EN[0], "ar": AR[0], "ckb": CKB[0]}, "status": "accepted"},
        {
            "texts": {"en": f"{EN[1]} {EN[2]}", "ar": EDITED_AR, "ckb": f"{CKB[1]} {CKB[2]}"},
            "status": "edited",
        },
        {"texts": {"ar": AR[2]}, "status": "flagged"},
        {"texts": {"en": EN[3], "ar": AR[3], "ckb": CKB[3]}, "status": "rejected"},
        {"texts": {"en": EN[4]}, "status": "auto"},
    ]
    return Reviewed(db, alignment.id, report.name, expected)


@pytest.fixture
def reviewed(db) -> Reviewed:
    return build_reviewed(db)


@pytest.fixture
def make_reviewed():
    """The builder itself, for a database other than the `db` fixture's."""
    return build_reviewed


@pytest.fixture
def stored(home, make_reviewed):
    """The reviewed alignment in the database the CLI uses (WORKBENCH_HOME)."""
    from workbench.store.db import open_database

    db = open_database(home / "workbench.db")
    reviewed = make_reviewed(db)
    yield reviewed
    db.close()
