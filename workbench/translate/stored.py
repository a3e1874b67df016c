"""A language version machine-translated and stored as a machine version of its report.

The machine version has one segment per source segment, in the source's paragraphs, so it
lines up with its source by index; its `model` is the translator's signature and its `pivot`
the whole language path, even for a direct translation (("en", "ar"), or ("ar", "en", "ckb")
through English): the scoring layer finds a machine version's source by `pivot[0]`. Every
sentence goes through the translation memory; translating the same version again with the
same model stores nothing new. `machine_version` is the one place such a document is made:
`translate_document` here, and the batch jobs' `translate-doc` step, which builds it from
translated chunks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from workbench.config import Settings
from workbench.errors import InputError
from workbench.memory.first import MemoryPolicy
from workbench.records import (
    Document,
    Segment,
    source_version,
    stored_id,
    versions_by_language,
)
from workbench.store.db import Database
from workbench.store.memory import save_uses
from workbench.store.reports import add_document, documents, get_document, get_report
from workbench.text.languages import canonical
from workbench.text.normalize import normalize


def translate_document(
    db: Database,
    document_id: int,
    tgt: str,
    settings: Settings,
    *,
    engine: str | None = None,
    model: str | None = None,
    translator: Any = None,
    memory: MemoryPolicy | None = None,
) -> tuple[Document, bool]:
    """Translate a stored document into `tgt` and store the result: (document, newly stored).

    Exact human matches of the translation memory come first (`memory`: how; other reports'
    entries only, never the document's own report's); where each sentence came from is
    stored with the result (`workbench.store.memory.segment_uses`)."""
    from workbench.translate import get_translator

    source = get_document(db, document_id)
    tgt = canonical(tgt)
    if tgt == source.lang:
        raise InputError(f"Document {document_id} is already in {tgt}: choose another language.")
    if not source.segments:
        raise InputError(f"Document {document_id} has no sentences to translate.")
    if translator is None:
        report = get_report(db, source.report_id).name if source.report_id else ""
        policy = replace(memory or MemoryPolicy(), exclude_report=report)
        translator = get_translator(
            source.lang, tgt, settings, engine=engine, model=model, db=db, memory=policy
        )
    already = len(getattr(translator, "sources", ()))
    document = machine_version(
        translator.translate([s.text for s in source.segments]),
        [s.paragraph for s in source.segments],
        tgt=tgt,
        signature=translator.signature,
        path=language_path(translator, source.lang, tgt),
        source_file=f"machine translation of document {source.id} ({source.lang})",
        title=source.title,
        date=source.date,
    )
    stored, created = add_document(db, source.report_id or 0, document)
    sources = list(getattr(translator, "sources", ()))[already:]
    if created and sources:
        save_uses(db, stored.id or 0, [(i, *s.as_row()) for i, s in enumerate(sources)])
    return stored, created


def translate_report(
    db: Database,
    report: str | int,
    tgt: str,
    settings: Settings,
    *,
    src: str | None = None,
    engine: str | None = None,
    model: str | None = None,
    translator: Any = None,
) -> tuple[Document, bool]:
    """Translate a stored report's version in `src` (default: its original) into `tgt` and
    store it as the report's machine version: (document, newly stored)."""

    found = get_report(db, report)
    source = source_version(documents(db, stored_id(found.id)), canonical(src) if src else None)
    if source is None:
        written = versions_by_language(documents(db, stored_id(found.id)), machine=False)
        have = ", ".join(sorted(written)) or "no version"
        raise InputError(
            f"Report {found.name!r} has no {src or 'original'} version to translate (it has "
            f"{have}); choose one with --from."
        )
    return translate_document(
        db, stored_id(source.id), tgt, settings, engine=engine, model=model, translator=translator
    )


def language_path(translator: Any, src: str, tgt: str) -> tuple[str, ...]:
    """The languages a translator goes through: its own path, else (src, tgt)."""
    return tuple(getattr(translator, "path", (src, tgt)))


def machine_version(
    outputs: Sequence[str],
    paragraphs: Sequence[int],
    *,
    tgt: str,
    signature: str,
    path: Sequence[str],
    source_file: str,
    title: str = "",
    date: str = "",
) -> Document:
    """The translation as a document: one segment per source segment (`outputs[i]` translates
    the segment in paragraph `paragraphs[i]`), the source's paragraphs kept."""

    segments = tuple(
        Segment(i, text, normalize(text, tgt), paragraph)
        for i, (text, paragraph) in enumerate(zip(outputs, paragraphs, strict=True))
    )
    joined: dict[int, list[str]] = {}
    for segment in segments:
        joined.setdefault(segment.paragraph, []).append(segment.text)
    texts = tuple(" ".join(parts) for _, parts in sorted(joined.items()))
    raw = "\n\n".join(texts) + "\n" if texts else ""
    return Document(
        lang=tgt,
        paragraphs=texts,
        origin="machine",
        model=signature,
        pivot=tuple(path),
        source_file=source_file,
        # The signature is in the hash: another model's identical text is another version.
        sha256=hashlib.sha256(f"{signature}\n{raw}".encode()).hexdigest(),
        raw_text=raw,
        segments=segments,
        title=title,
        date=date,
    )
