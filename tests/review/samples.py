"""A small report in four languages, written for these tests, stored with the store functions."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from workbench.records import Alignment, Bead, Document, Report, Segment
from workbench.store import alignments, reports
from workbench.store.db import Database

SENTENCES = {
    "en": (
        "The water station in Erbil reopened on 3 March 2024.",
        "Around 12,000 families now have clean water.",
        "The UN and local NGOs paid for the repairs.",
        "Engineers from Duhok worked for six weeks.",
        "A second station will open next year.",
    ),
    "ar": (
        "أعيد افتتاح محطة المياه في أربيل في 3 آذار 2024.",
        "تحصل نحو 12,000 عائلة الآن على مياه نظيفة.",
        "دفعت الأمم المتحدة ومنظمات محلية تكاليف الإصلاح.",
        "عمل مهندسون من دهوك لمدة ستة أسابيع.",
        "ستفتتح محطة ثانية العام المقبل.",
    ),
    "ckb": (
        "وێستگەی ئاوی هەولێر لە ٣ی ئازاری ٢٠٢٤ دووبارە کرایەوە.",
        "نزیکەی ١٢٬٠٠٠ خێزان ئێستا ئاوی پاکیان هەیە.",
        "نەتەوە یەکگرتووەکان و ڕێکخراوە ناوخۆییەکان تێچووی چاککردنەوەکەیان دا.",
        "ئەندازیاران لە دهۆکەوە شەش هەفتە کاریان کرد.",
        "وێستگەیەکی دووەم ساڵی داهاتوو دەکرێتەوە.",
    ),
    "kmr": (
        "Stasyona avê ya li Hewlêrê di 3ê Adara 2024an de ji nû ve vebû.",
        "Nêzîkî 12,000 malbat niha xwediyê ava paqij in.",
        "NY û rêxistinên herêmî mesrefên tamîrê dan.",
        "Endezyarên ji Duhokê şeş hefte xebitîn.",
        "Stasyoneke duyem dê sala bê vebe.",
    ),
}


def document(lang: str, texts: Sequence[str]) -> Document:
    raw = " ".join(texts)
    return Document(
        lang=lang,
        paragraphs=(raw,),
        sha256=hashlib.sha256(f"{lang}:{raw}".encode()).hexdigest(),
        raw_text=raw,
        segments=tuple(Segment(i, t, t, 0) for i, t in enumerate(texts)),
    )


def add_versions(
    db: Database, name: str, langs: Sequence[str], *, repeat: int = 1
) -> tuple[Report, list[Document]]:
    """The report's language versions, stored, without any alignment."""
    report = reports.add_report(db, Report(name, title="Water station reopens"))
    docs = []
    for lang in langs:
        texts = [
            f"{t} ({r + 1})" if repeat > 1 else t for r in range(repeat) for t in SENTENCES[lang]
        ]
        docs.append(reports.add_document(db, report.id, document(lang, texts))[0])
    return report, docs


def add_report(
    db: Database,
    name: str = "Erbil water",
    langs: Sequence[str] = ("en", "ar", "ckb"),
    *,
    repeat: int = 1,
) -> Alignment:
    """The report in `langs`, one-to-one beads with falling confidence, the sentences repeated
    `repeat` times (numbered, so every bead differs) for large reports."""
    report, docs = add_versions(db, name, langs, repeat=repeat)
    count = len(SENTENCES["en"]) * repeat
    beads = tuple(
        Bead(tuple((i,) for _ in langs), score=0.5, confidence=round(1 - i / (count + 1), 4))
        for i in range(count)
    )
    ids = tuple(d.id for d in docs)
    return alignments.save_alignment(
        db, Alignment(ids, "test", "test-signature", beads, report_id=report.id)
    )


def served_store(folder: Path, tiny_model: Callable[[str, str], Path], langs: Sequence[str]):
    """What the served-app tests serve: Erbil water in `langs`, a reviewer amina and a
    viewer omar, a tiny en-ar model, and a machine version of the English to score.
    Returns (database, settings, alignment)."""
    from workbench.accounts import create_user
    from workbench.config import load_settings
    from workbench.store.db import open_database
    from workbench.translate.stored import translate_document

    db = open_database(folder / "ui.db")
    alignment = add_report(db, langs=langs)
    create_user(db, "amina", "correct horse", "reviewer")
    create_user(db, "omar", "battery staple", "viewer")
    settings = load_settings({"home": folder, "models": {"en-ar": str(tiny_model("en", "ar"))}})
    english = next(d for d in reports.documents(db, alignment.report_id or 0) if d.lang == "en")
    translate_document(db, english.id or 0, "ar", settings)
    return db, settings, alignment
