"""The public functions: export an alignment to a file, import a file as a report.

import workbench
workbench.export_alignment(3, "report.tmx")                 # format from the suffix
workbench.export_alignment(3, "en-ar.xlf", languages=["en", "ar"], statuses=["accepted"])
workbench.export_alignment(3, "corpus", "bitext", languages=["en", "ar"], min_confidence=0.5)
workbench.import_file("memory.tmx", report="annual-2024")
workbench.import_file(["corpus.en", "corpus.ar"], report="corpus")   # bitext
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from workbench.errors import InputError
from workbench.formats import FORMATS, NEED_SOURCE, SUFFIXES, WRITERS
from workbench.formats.files import check_units
from workbench.formats.langtags import language_of_tag
from workbench.formats.load import ImportResult, store_parallel_text
from workbench.formats.parallel import ParallelText
from workbench.store.db import Database
from workbench.userfiles import Limits, file_sha256


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    languages: tuple[str, ...]
    beads: int
    left_out: int = 0  # beads the filters, or the format, left out


def export_alignment(
    alignment_id: int,
    path: str | Path,
    format: str | None = None,
    *,
    languages: Sequence[str] | None = None,
    statuses: Collection[str] | None = None,
    min_confidence: float | None = None,
    skip_unaligned: bool = False,
    db: Database | str | Path | None = None,
) -> ExportResult:
    """Write an alignment's current beads (edits applied) as TMX, XLIFF 2.0 or 1.2, TSV,
    JSONL or bitext (`path` is then a prefix: PREFIX.en, PREFIX.ar).

    `languages` picks and orders the languages (XLIFF needs exactly two: source, target);
    `statuses` keeps only beads reviewers left in those states, e.g. ("accepted", "edited");
    `min_confidence` only beads the aligner was at least that sure of (0-1); `skip_unaligned`
    leaves out beads without text in every language. TMX and XLIFF always leave out beads
    without source text. The file appears whole or not at all ("-": standard output).
    `db` defaults to the configured database.
    """
    from workbench.formats.collect import parallel_text

    path = Path(path)
    fmt = format_of(path, format)
    if languages:
        languages = [language_of_tag(tag, "The languages to export") for tag in languages]
    with _database(db) as database:
        text = parallel_text(database, alignment_id, languages=languages, statuses=statuses)
    kept = filtered(text, min_confidence=min_confidence, skip_unaligned=skip_unaligned)
    write_file(kept, path, fmt)
    written = len(usable(kept, fmt).rows)
    return ExportResult(path, fmt, text.languages, written, len(text.rows) - written)


def filtered(
    text: ParallelText, *, min_confidence: float | None = None, skip_unaligned: bool = False
) -> ParallelText:
    """The rows that pass the export filters."""
    if min_confidence is not None and not 0 <= min_confidence <= 1:
        raise InputError(f"--min-confidence is from 0 to 1, not {min_confidence}.")
    rows = [
        row
        for row in text.rows
        if (not skip_unaligned or row.aligned(text.languages))
        and (min_confidence is None or (row.confidence or 0.0) >= min_confidence)
    ]
    return replace(text, rows=tuple(rows))


def usable(text: ParallelText, fmt: str) -> ParallelText:
    """The rows a format can hold: CAT formats need the source text in every unit."""
    if fmt not in NEED_SOURCE:
        return text
    if fmt == "tmx":
        from workbench.formats.tmx import has_source

        return replace(text, rows=tuple(r for r in text.rows if has_source(r, text.languages)))
    source = text.languages[0]
    return replace(text, rows=tuple(row for row in text.rows if source in row.texts))


def import_file(
    path: str | Path | Sequence[str | Path],
    report: str,
    format: str | None = None,
    *,
    languages: Sequence[str] | None = None,
    user: str | None = None,
    db: Database | str | Path | None = None,
    limits: Limits | None = None,
) -> ImportResult:
    """Import a TMX, XLIFF (1.2 or 2.0), TSV (with or without a header) or JSONL file, or
    two or more line-aligned bitext files, as the report named `report`.

    Each language becomes a document, each unit a bead, and each unit's review status is
    recorded as review events by `user` (default: your login name). `languages` names the
    columns of a headerless TSV, or the bitext files' languages (default: their suffixes).
    `limits`: how much one file may hold (default: the settings' `max_import_mb` and
    `max_sentences`).
    """
    paths = [Path(p) for p in path] if isinstance(path, list | tuple) else [Path(path)]
    if len(paths) > 1 or (format or "").lower() == "bitext":
        from workbench.formats.bitext import read_bitext

        text = read_bitext(paths, languages, limits)
    else:
        text = read_file(paths[0], format, languages=languages, limits=limits)
    with _database(db) as database:
        return store_parallel_text(
            database,
            text,
            report,
            source=paths[0],
            file_sha256=_sha256s(paths),
            user=user or login_name(),
        )


def read_file(
    path: str | Path,
    format: str | None = None,
    *,
    languages: Sequence[str] | None = None,
    limits: Limits | None = None,
) -> ParallelText:
    """Read a file into a ParallelText without storing it (`limits`: how much it may hold,
    default the settings')."""
    path = Path(path)
    limits = limits or Limits.of()
    fmt = format_of(path, format)
    if fmt == "bitext":
        from workbench.formats.bitext import read_bitext

        text = read_bitext([path], languages, limits)
    elif fmt == "tsv":
        from workbench.formats.tabular import read_tsv

        text = read_tsv(path, languages, limits)
    else:
        text = _readers()[fmt](path, limits)
    check_units(path, len(text.rows), limits)
    return text


def write_file(text: ParallelText, path: str | Path, format: str | None = None) -> None:
    path = Path(path)
    fmt = format_of(path, format)
    WRITERS.load(fmt)(usable(text, fmt), path)


def format_of(path: Path, given: str | None) -> str:
    """The format asked for, else the one the file name says."""
    if given:
        return WRITERS.check(given)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None and str(path) == "-":
        raise InputError(f"Standard output has no suffix: pass --format {'|'.join(FORMATS)}.")
    if fmt is None:
        raise InputError(
            f"Cannot tell the format of {path.name} from its name; name it .tmx, .xlf, .tsv "
            f"or .jsonl, or pass --format {'|'.join(FORMATS)}."
        )
    return fmt


def _readers() -> dict[str, Callable[[Path, Limits], ParallelText]]:
    """The readers of one file and its limits (a TSV also takes languages: `read_file`)."""
    from workbench.formats import tabular, tmx, xliff

    return {
        "tmx": tmx.read_tmx,
        "xliff": xliff.read_xliff,
        "xliff12": xliff.read_xliff,
        "jsonl": tabular.read_jsonl,
    }


@contextmanager
def _database(db: Database | str | Path | None) -> Iterator[Database]:
    if isinstance(db, Database):
        yield db
        return
    from workbench.config import load_settings
    from workbench.store.db import open_database

    opened = open_database(db if db is not None else load_settings().database_path)
    try:
        yield opened
    finally:
        opened.close()


def _sha256s(paths: Sequence[Path]) -> str:
    """The files' sha256 (of each file's, for several), so a file imported again is known;
    read as guarded as the files themselves (no links, pipes or devices)."""
    digests = [file_sha256(path) for path in paths]
    if len(digests) == 1:
        return digests[0]
    return hashlib.sha256("".join(digests).encode()).hexdigest()


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "import"
