"""A termbase as a CSV glossary, one concept per row, as people keep them in spreadsheets.

Columns: `id`, `subject`, `note`, then per language `<lang>` (its allowed terms, the preferred
one first) and `<lang>_forbidden` (terms not to use); several terms in one cell are separated
by ";". Reading accepts any language tag as a column name (`en`, `English`, `ar-IQ`) and needs
no column but the languages; columns it does not know are named in the error. A term's own
note has no place in a CSV (use TBX to keep those).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from workbench.errors import InputError, LanguageError
from workbench.formats.files import read_text
from workbench.formats.tbx import TermFile
from workbench.outputs import open_output
from workbench.records import Concept, Term
from workbench.text.languages import LANGUAGES, canonical

SEPARATOR = ";"
FORBIDDEN = "_forbidden"
OTHER_COLUMNS = ("id", "subject", "note")


def write_glossary(concepts: list[Concept], path: Path) -> None:
    langs = [lang for lang in LANGUAGES if any(t.lang == lang for c in concepts for t in c.terms)]
    header = [*OTHER_COLUMNS, *(name for lang in langs for name in (lang, lang + FORBIDDEN))]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for n, concept in enumerate(concepts, start=1):
        cells = [str(concept.id or n), concept.subject, concept.note]
        for lang in langs:
            for forbidden in (False, True):
                terms = concept.terms_in(lang, forbidden=forbidden)
                cells.append(f"{SEPARATOR} ".join(t.text for t in terms))
        writer.writerow(cells)
    with open_output(path) as fh:
        fh.write(out.getvalue().encode("utf-8"))


def read_glossary(path: Path) -> TermFile:
    rows = list(csv.reader(io.StringIO(read_text(path))))
    if not rows:
        raise InputError(f"{path} is empty; a glossary needs a header row such as en,ar,ckb,kmr.")
    columns = _columns(rows[0], path)
    concepts = []
    for line, row in enumerate(rows[1:], start=2):
        cells = dict(zip(rows[0], row, strict=False))
        meta = {name.strip().lower(): value.strip() for name, value in cells.items()}
        terms = [
            Term(text, lang, forbidden)
            for name, (lang, forbidden) in columns.items()
            for text in _split(cells.get(name, ""))
        ]
        if terms:
            concepts.append(
                Concept(
                    tuple(terms),
                    subject=meta.get("subject", ""),
                    note=meta.get("note", ""),
                    origin="imported",
                )
            )
        elif any(cell.strip() for cell in row):
            raise InputError(f"{path}, line {line}: the row has no term in any language column.")
    if not concepts:
        raise InputError(f"{path} holds no terms; nothing to import.")
    return TermFile(tuple(concepts))


def _columns(header: list[str], path: Path) -> dict[str, tuple[str, bool]]:
    columns, unknown = {}, []
    for name in header:
        key = name.strip()
        if key.lower() in OTHER_COLUMNS:
            continue
        forbidden = key.lower().endswith(FORBIDDEN)
        try:
            lang = canonical(key[: -len(FORBIDDEN)] if forbidden else key)
        except LanguageError:
            unknown.append(key)
            continue
        columns[name] = (lang, forbidden)
    if unknown or not columns:
        raise InputError(
            f"{path}: the header has {', '.join(map(repr, unknown)) or 'no language column'}; "
            f"use id, subject, note and a column per language (en, ar, ckb, kmr, and "
            f"en_forbidden ... for terms not to use)."
        )
    return columns


def _split(cell: str) -> list[str]:
    return [" ".join(part.split()) for part in cell.split(SEPARATOR) if part.strip()]
