"""The public functions: export an alignment to a file, import a file as a report.

import workbench
workbench.export_alignment(3, "report.tmx")                 # format from the suffix
workbench.export_alignment(3, "en-ar.xlf", languages=["en", "ar"], statuses=["accepted"])
workbench.import_file("memory.tmx", report="annual-2024")
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import InputError
from workbench.formats.langtags import language_of_tag
from workbench.formats.load import ImportResult, store_parallel_text
from workbench.formats.parallel import ParallelText
from workbench.store.db import Database

FORMATS = ("tmx", "xliff", "tsv", "jsonl")
SUFFIXES = {
    ".tmx": "tmx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    languages: tuple[str, ...]
    beads: int


def export_alignment(
    alignment_id: int,
    path: str | Path,
    format: str | None = None,
    *,
    languages: Sequence[str] | None = None,
    statuses: Collection[str] | None = None,
    db: Database | str | Path | None = None,
) -> ExportResult:
    """Write an alignment's current beads (edits applied) as TMX, XLIFF 2.0, TSV or JSONL.

    `languages` picks and orders the languages (XLIFF needs exactly two: source, target);
    `statuses` keeps only beads reviewers left in those states, e.g. ("accepted", "edited").
    The file appears whole or not at all. `db` defaults to the configured database.
    """
    from workbench.formats.collect import parallel_text

    path = Path(path)
    fmt = format_of(path, format)
    if languages:
        languages = [language_of_tag(tag, "The languages to export") for tag in languages]
    with _database(db) as database:
        text = parallel_text(database, alignment_id, languages=languages, statuses=statuses)
    write_file(text, path, fmt)
    return ExportResult(path, fmt, text.languages, len(text.rows))


def import_file(
    path: str | Path,
    report: str,
    format: str | None = None,
    *,
    user: str | None = None,
    db: Database | str | Path | None = None,
) -> ImportResult:
    """Import a TMX, XLIFF (1.2 or 2.0), TSV or JSONL file as the report named `report`.

    Each language becomes a document, each unit a bead, and each unit's review status is
    recorded as review events by `user` (default: your login name).
    """
    path = Path(path)
    text = read_file(path, format)
    with _database(db) as database:
        return store_parallel_text(
            database,
            text,
            report,
            source=path,
            file_sha256=_sha256(path),
            user=user or login_name(),
        )


def read_file(path: str | Path, format: str | None = None) -> ParallelText:
    """Read a file into a ParallelText without storing it."""
    path = Path(path)
    return _readers()[format_of(path, format)](path)


def write_file(text: ParallelText, path: str | Path, format: str | None = None) -> None:
    path = Path(path)
    _writers()[format_of(path, format)](text, path)


def format_of(path: Path, given: str | None) -> str:
    """The format asked for, else the one the file name says."""
    if given:
        if given.lower() not in FORMATS:
            raise InputError(f"Unknown format {given!r}: use one of {', '.join(FORMATS)}.")
        return given.lower()
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"Cannot tell the format of {path.name} from its name; name it .tmx, .xlf, .tsv "
            f"or .jsonl, or pass --format {'|'.join(FORMATS)}."
        )
    return fmt


def _readers() -> dict[str, Callable[[Path], ParallelText]]:
    from workbench.formats import tabular, tmx, xliff

    return {
        "tmx": tmx.read_tmx,
        "xliff": xliff.read_xliff,
        "tsv": tabular.read_tsv,
        "jsonl": tabular.read_jsonl,
    }


def _writers() -> dict[str, Callable[[ParallelText, Path], None]]:
    from workbench.formats import tabular, tmx, xliff

    return {
        "tmx": tmx.write_tmx,
        "xliff": xliff.write_xliff,
        "tsv": tabular.write_tsv,
        "jsonl": tabular.write_jsonl,
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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "import"
