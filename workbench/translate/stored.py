"""A stored language version, machine-translated and stored as a machine version of its report.

The machine version has one segment per source segment, in the source's paragraphs, so it
lines up with its source by index; its `model` is the translator's signature and its `pivot`
the whole path (e.g. ("ar", "en", "ckb")), so how it was made is never in doubt. Every
sentence goes through the translation memory; translating the same version again with the
same model stores nothing new.
"""

from __future__ import annotations

import hashlib
from typing import Any

from workbench.config import Settings
from workbench.errors import InputError
from workbench.records import Document, Segment
from workbench.store.db import Database


def translate_document(
    db: Database,
    document_id: int,
    tgt: str,
    settings: Settings,
    *,
    engine: str | None = None,
    model: str | None = None,
    translator: Any = None,
) -> tuple[Document, bool]:
    """Translate a stored document into `tgt` and store the result: (document, newly stored)."""
    from workbench.store.reports import add_document, get_document
    from workbench.text.languages import canonical
    from workbench.translate import get_translator

    source = get_document(db, document_id)
    tgt = canonical(tgt)
    if tgt == source.lang:
        raise InputError(f"Document {document_id} is already in {tgt}: choose another language.")
    if not source.segments:
        raise InputError(f"Document {document_id} has no sentences to translate.")
    translator = translator or get_translator(
        source.lang, tgt, settings, engine=engine, model=model, db=db
    )
    outputs = translator.translate([s.text for s in source.segments])
    path = tuple(getattr(translator, "path", (source.lang, tgt)))
    document = machine_version(source, tgt, outputs, translator.signature, path)
    return add_document(db, source.report_id or 0, document)


def machine_version(
    source: Document, tgt: str, outputs: list[str], signature: str, path: tuple[str, ...]
) -> Document:
    """The translation as a document: one segment per source segment, same paragraphs."""
    from workbench.text.normalize import normalize

    segments = tuple(
        Segment(s.index, text, normalize(text, tgt), s.paragraph)
        for s, text in zip(source.segments, outputs, strict=True)
    )
    paragraphs: dict[int, list[str]] = {}
    for segment in segments:
        paragraphs.setdefault(segment.paragraph, []).append(segment.text)
    texts = tuple(" ".join(parts) for _, parts in sorted(paragraphs.items()))
    raw = "\n\n".join(texts) + "\n"
    return Document(
        lang=tgt,
        paragraphs=texts,
        origin="machine",
        model=signature,
        pivot=path,
        source_file=f"machine translation of document {source.id} ({source.lang})",
        sha256=hashlib.sha256(f"{signature}\n{raw}".encode()).hexdigest(),
        raw_text=raw,
        segments=segments,
        title=source.title,
        date=source.date,
    )
