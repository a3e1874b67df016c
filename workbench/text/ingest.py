"""Ingest: a report file becomes a Document (clean paragraphs, segments, title, date), stored.

`read_document` reads a file, repairs or refuses mojibake (`mojibake`), decides its language
(given, or detected; a text in none of the four is refused), removes scraped-page
furniture, reads the date, and segments and normalizes the text. `ingest` stores the language
versions of one report; a file already stored in that report (same sha256) is recognised and
nothing is duplicated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from workbench.errors import InputError, LanguageError
from workbench.records import UPLOAD_ORIGINS, Document, Origin, Report
from workbench.store.db import Database
from workbench.text.dates import find_date
from workbench.text.detect import detect_paragraphs
from workbench.text.furniture import remove_furniture
from workbench.text.identify import language_name
from workbench.text.languages import LANGUAGES, NAMES, canonical
from workbench.text.mojibake import repair
from workbench.text.readers import Extracted, read_file
from workbench.text.segment import segment_paragraphs
from workbench.userfiles import Limits, path_text, raise_hint

ORIGINS = UPLOAD_ORIGINS


def read_document(
    path: Path | str,
    lang: str = "auto",
    origin: Origin = "original",
    *,
    limits: Limits | None = None,
) -> Document:
    """Read one report file into a Document with its segments (not stored). `limits`: how
    much one file may hold (default: the settings' `max_*`)."""
    limits = limits or Limits.of()
    extracted = read_file(path, limits)
    source = path_text(Path(path).resolve())  # a name of bytes that are not UTF-8 too
    return build_document(extracted, lang, origin=origin, source=source, limits=limits)


def build_document(
    extracted: Extracted,
    lang: str = "auto",
    *,
    origin: Origin = "original",
    source: str = "",
    limits: Limits | None = None,
) -> Document:
    """A Document from extracted paragraphs: language, furniture, date, segments (at most
    `max_sentences` of them)."""
    if origin not in ORIGINS:
        raise InputError(f"Origin {origin!r} is not one of {', '.join(ORIGINS)}.")
    if not extracted.paragraphs:
        raise InputError(
            f"{source or 'The text'} holds no text (it is empty, blank or only markup): "
            "check that this is the report you meant."
        )
    paragraphs = repair(extracted.paragraphs, source or "The text")
    extracted = replace(extracted, paragraphs=paragraphs)
    lang = _language(extracted, lang, source or "the text")
    cleaned = remove_furniture(extracted.paragraphs, lang)
    if not cleaned.paragraphs:
        raise InputError(
            f"{source or 'The text'} holds no article text once page furniture is removed."
        )
    title = extracted.title or _headline(cleaned.paragraphs)
    date = extracted.date or cleaned.date or find_date(title, lang)
    most = (limits or Limits.of()).sentences
    segments = segment_paragraphs(cleaned.paragraphs, lang, most=most)
    if len(segments) > most:
        raise InputError(
            f"{source or 'The text'} holds more than {most:,} sentences (max_sentences), more "
            "than a report has: it may be several reports, or made to exhaust the machine. "
            f"Refused; split it, or {raise_hint('max_sentences')}."
        )
    return Document(
        lang=lang,
        paragraphs=cleaned.paragraphs,
        title=title,
        date=date,
        origin=origin,
        source_file=source,
        sha256=extracted.sha256,
        raw_text=extracted.raw_text,
        segments=tuple(segments),
    )


def ingest(
    db: Database,
    paths: Iterable[Path | str] | Path | str,
    report: str,
    lang: str = "auto",
    origin: Origin = "original",
    *,
    limits: Limits | None = None,
) -> list[tuple[Document, bool]]:
    """Store files as language versions of `report`: [(document, newly stored?), ...].

    Every file is read before anything is stored, and all of them are stored in one
    transaction, so a bad file leaves the store as it was. `limits`: how much one file may
    hold (default: the settings' `max_*`).
    """
    from workbench.store.reports import add_document, add_report

    paths = [paths] if isinstance(paths, str | Path) else list(paths)
    if not paths:
        raise InputError("Nothing to ingest: pass one or more report files.")
    limits = limits or Limits.of()
    documents = [read_document(path, lang, origin, limits=limits) for path in paths]
    lead = next((d for d in documents if d.lang == "en"), documents[0])

    def work(_conn) -> list[tuple[Document, bool]]:
        stored = add_report(db, Report(name=report, title=lead.title, date=lead.date))
        return [add_document(db, stored.id, doc) for doc in documents]

    results = db.write(work)
    # the stored row does not keep segments unless asked; hand back the ones just made
    return [
        (replace(stored, segments=stored.segments or doc.segments), created)
        for (stored, created), doc in zip(results, documents, strict=True)
    ]


def _language(extracted: Extracted, lang: str, source: str) -> str:
    if lang != "auto":
        return canonical(lang)
    try:
        found = detect_paragraphs(extracted.paragraphs)
    except LanguageError as exc:
        raise LanguageError(f"{source}: {exc}") from None
    if found.foreign and not found.mixed:
        raise LanguageError(
            f"{source} reads as {language_name(found.lang)}, none of the languages the "
            f"workbench serves ({', '.join(LANGUAGES)}); it was not stored. If it is one of "
            "them after all, say which with --lang."
        )
    if found.mixed:
        shares = ", ".join(
            f"{NAMES.get(code) or language_name(code)} {share:.0%}"
            for code, share in sorted(found.shares.items(), key=lambda x: -x[1])
        )
        raise InputError(
            f"{source} mixes languages ({shares}). Pass --lang to say which version it is, "
            "or split it into one file per language."
        )
    return found.lang


def _headline(paragraphs: tuple[str, ...]) -> str:
    """The first paragraph when it reads as a headline: short, without a full stop."""
    first = paragraphs[0]
    return first if len(first.split()) <= 20 and not first.endswith((".", "!", "؟", "?")) else ""
