"""A small store with one report in English, Arabic and Sorani: human versions, machine
translations from two systems, and alignments with many-to-many beads and omissions."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from workbench.records import Alignment, Bead, Document, Report, Segment

ENGLISH = (
    "The committee met on 3 May 2024.",
    "It reviewed the budget.",
    "It approved the plan.",
    "Members thanked the staff.",
    "The next meeting is in June.",
)
ARABIC = (
    "اجتمعت اللجنة في 3 أيار 2024.",
    "راجعت الميزانية ووافقت على الخطة.",
    "وصدر بيان <script>alert(1)</script> بعد الاجتماع.",
    "الاجتماع المقبل في حزيران.",
)
ARABIC_MT_A = (
    "اجتمعت اللجنة في 3 مايو 2024.",
    "راجعت الميزانية.",
    "وافقت على الخطة.",
    "شكر الأعضاء الموظفين.",
    "الاجتماع القادم في يونيو.",
)
ARABIC_MT_B = (
    "اللجنة اجتمعت 3 مايو 2024.",
    "هي راجعت الميزانية.",
    "هي وافقت الخطة.",
    "الأعضاء شكروا الموظفين.",
    "الاجتماع التالي في يونيو.",
)
SORANI = (
    "لیژنەکە لە ٣ی ئایاری ٢٠٢٤ کۆبووەوە.",
    "بودجەکەی پێداچووەوە و پلانەکەی پەسەند کرد.",
    "ئەندامان سوپاسی کارمەندانیان کرد.",
    "کۆبوونەوەی داهاتوو لە حوزەیران دەبێت.",
)
SORANI_MT = (
    "لیژنەکە لە ٣ی مایۆ ٢٠٢٤ کۆبووەوە.",
    "بودجەکەی پێداچووەوە.",
    "پلانەکەی پەسەند کرد.",
    "ئەندامان سوپاسی ستافیان کرد.",
    "کۆبوونەوەی داهاتوو لە جوون دەبێت.",
)
# en -> ar: 1-1, 2-1 (many-to-one), 1-0 (no Arabic for "Members thanked the staff."),
# 0-1 (an Arabic sentence with no English: an omission for any translation), 1-1.
AR_BEADS = (((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((), (2,)), ((4,), (3,)))
CKB_BEADS = (((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((4,), (3,)))


@dataclass
class StoreReport:
    name: str
    report_id: int
    docs: dict[str, int]
    ar_alignment: int
    ckb_alignment: int


def document(lang: str, texts: tuple[str, ...], origin: str = "original", model: str = ""):
    return Document(
        lang=lang,
        origin=origin,
        model=model,
        pivot=("en", lang) if origin == "machine" else (),
        sha256=hashlib.sha256(f"{lang}{origin}{model}{texts}".encode()).hexdigest(),
        raw_text="\n".join(texts),
        segments=tuple(Segment(i, t, t) for i, t in enumerate(texts)),
    )


def add_report(db, name: str = "annual-2024") -> StoreReport:
    from workbench.store.alignments import save_alignment
    from workbench.store.reports import add_document, add_report

    report = add_report(db, Report(name))
    docs = {}
    for key, doc in {
        "en": document("en", ENGLISH),
        "ar": document("ar", ARABIC, "human"),
        "ar-mt-a": document("ar", ARABIC_MT_A, "machine", "opus-mt-en-ar"),
        "ar-mt-b": document("ar", ARABIC_MT_B, "machine", "tiny-marian"),
        "ckb": document("ckb", SORANI, "human"),
        "ckb-mt": document("ckb", SORANI_MT, "machine", "opus-mt-en-ckb"),
    }.items():
        docs[key] = add_document(db, report.id, doc)[0].id

    def align(tgt: str, beads) -> int:
        alignment = Alignment(
            document_ids=(docs["en"], docs[tgt]),
            method="test",
            signature="signals:length|test",
            beads=tuple(
                Bead(segments=b, score=0.9, confidence=0.3 if i == 1 else 0.9)
                for i, b in enumerate(beads)
            ),
            report_id=report.id,
        )
        return save_alignment(db, alignment).id

    return StoreReport(name, report.id, docs, align("ar", AR_BEADS), align("ckb", CKB_BEADS))
