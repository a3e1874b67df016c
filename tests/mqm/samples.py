"""A small report written for these tests: a clinic's reopening in four languages, stored
with the store functions, and helpers that act as a reviewer would."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from workbench.records import Alignment, Bead, Document, Report, ReviewEvent, Segment
from workbench.store import alignments, reports, review
from workbench.store.db import Database

SENTENCES = {
    "en": (
        "The clinic in Zakho opened again on 9 April.",
        "Doctors saw forty patients on the first day.",
        "Two nurses came from Dohuk to help.",
        "The roof was repaired by volunteers.",
    ),
    "ar": (
        "أعيد فتح العيادة في زاخو في 9 نيسان.",
        "عاين الأطباء أربعين مريضا في اليوم الأول.",
        "جاءت ممرضتان من دهوك للمساعدة.",
        "أصلح متطوعون السقف.",
    ),
    "ckb": (
        "کلینیکەکەی زاخۆ لە ٩ی نیسان دووبارە کرایەوە.",
        "پزیشکان لە ڕۆژی یەکەمدا چل نەخۆشیان بینی.",
        "دوو پەرستار لە دهۆکەوە هاتن بۆ یارمەتی.",
        "خۆبەخشان سەقفەکەیان چاک کردەوە.",
    ),
    "kmr": (
        "Klînîka li Zaxoyê di 9ê Nîsanê de ji nû ve vebû.",
        "Bijîşkan di roja yekem de çil nexweş dîtin.",
        "Du hemşîre ji Duhokê hatin alîkariyê.",
        "Xwebexşan banê tamîr kir.",
    ),
}


def document(lang: str, texts: Sequence[str], origin: str = "original", model: str = ""):
    raw = " ".join(texts)
    return Document(
        lang=lang,
        origin=origin,
        model=model,
        pivot=("en", lang) if origin == "machine" else (),
        sha256=hashlib.sha256(f"{lang}:{origin}:{model}:{raw}".encode()).hexdigest(),
        raw_text=raw,
        segments=tuple(Segment(i, t, t, 0) for i, t in enumerate(texts)),
    )


def add_report(
    db: Database,
    name: str = "Zakho clinic",
    langs: Sequence[str] = ("en", "ar"),
    beads: Sequence[Sequence[Sequence[int]]] | None = None,
    texts: dict[str, Sequence[str]] | None = None,
) -> Alignment:
    """The report in `langs` (the first is the source), one-to-one beads unless given."""
    report = reports.add_report(db, Report(name))
    texts = texts or SENTENCES
    docs = [
        reports.add_document(db, report.id, document(lang, texts[lang], origin))[0]
        for lang, origin in zip(langs, ["original", *["human"] * len(langs)], strict=False)
    ]
    shape = beads or [[(i,) for _ in langs] for i in range(len(texts[langs[0]]))]
    made = tuple(
        Bead(tuple(tuple(c) for c in b), score=0.5, confidence=round(0.9 - 0.2 * i, 2))
        for i, b in enumerate(shape)
    )
    ids = tuple(d.id for d in docs)
    return alignments.save_alignment(db, Alignment(ids, "test", "test", made, report_id=report.id))


def act(db: Database, alignment: Alignment, bead_id: int, action: str, user: str = "amina", **kw):
    """Record one review event on a bead, as the review screen does."""
    return review.record_event(db, ReviewEvent(action, user, alignment.id or 0, bead_id, **kw))
