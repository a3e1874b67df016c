"""Files across the browser: export an alignment (TMX, XLIFF, TSV, JSONL), import one back.

The formats themselves are `workbench.formats`; this module only decides names, folders and
limits. A download's name is made from the report's name with everything but letters,
digits, `.`, `_` and `-` replaced, so no name can climb out of the export folder; an upload
is read where Gradio stored it, its size checked again here, and only by its format's reader.
"""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from workbench.accounts import require_writer
from workbench.errors import InputError
from workbench.records import BEAD_STATUSES, User
from workbench.store import alignments, reports
from workbench.store.db import Database

EXPORT_FORMATS = {"TMX": "tmx", "XLIFF 2.0": "xliff", "TSV": "tsv", "JSONL": "jsonl"}
SUFFIX = {"tmx": ".tmx", "xliff": ".xlf", "tsv": ".tsv", "jsonl": ".jsonl"}
IMPORT_SUFFIXES = (".tmx", ".xlf", ".xliff", ".tsv", ".tab", ".jsonl", ".ndjson")
KEEP_EXPORTS_S = 3600.0


def safe_filename(name: str, fallback: str = "export") -> str:
    """A file name with no folder in it: letters, digits, '.', '_' and '-' only."""
    cleaned = re.sub(r"[^\w.-]+", "-", name, flags=re.UNICODE).strip(".-_")
    return cleaned[:80] or fallback


def export_alignment(
    db: Database,
    alignment_id: int,
    fmt: str,
    folder: Path,
    *,
    languages: Sequence[str] = (),
    statuses: Sequence[str] = (),
) -> Path:
    """Write the alignment's current beads to a new file in `folder`; returns its path."""
    from workbench.formats.api import export_alignment as write

    fmt = EXPORT_FORMATS.get(fmt, fmt)
    if fmt not in SUFFIX:
        raise InputError(f"Unknown format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}.")
    unknown = sorted(set(statuses) - set(BEAD_STATUSES))
    if unknown:
        raise InputError(f"Unknown status {unknown[0]!r}: use {', '.join(BEAD_STATUSES)}.")
    if fmt == "xliff" and len(languages) != 2:
        raise InputError("XLIFF holds one language pair: choose exactly two languages.")
    alignment = alignments.get_alignment(db, alignment_id, with_beads=False)
    report = reports.get_report(db, alignment.report_id) if alignment.report_id else None
    stem = safe_filename(report.name if report else f"alignment-{alignment_id}")
    langs = "-".join(languages) if languages else "all"
    _prune(folder)
    target = Path(tempfile.mkdtemp(dir=folder)) / f"{stem}-{alignment_id}-{langs}{SUFFIX[fmt]}"
    write(
        alignment_id,
        target,
        fmt,
        languages=list(languages) or None,
        statuses=list(statuses) or None,
        db=db,
    )
    return target


def import_upload(
    db: Database, user: User, path: str | Path, report: str, *, max_mb: int
) -> tuple[str, int, bool]:
    """Store an uploaded TMX/XLIFF/TSV/JSONL file as `report`: (report, beads, created)."""
    from workbench.formats.api import import_file

    require_writer(user)
    path = Path(path)
    if not report.strip():
        raise InputError("Name the report the file goes into.")
    if path.suffix.lower() not in IMPORT_SUFFIXES:
        raise InputError(
            f"{safe_filename(path.name)} is not a file the workbench imports: "
            "upload a .tmx, .xlf/.xliff, .tsv or .jsonl file."
        )
    size = path.stat().st_size
    if size > max_mb * 1024 * 1024:
        raise InputError(f"The file is {size / 2**20:.1f} MB; the limit is {max_mb} MB.")
    result = import_file(path, report.strip(), user=user.name, db=db)
    return result.report.name, len(result.alignment.beads), result.created


def _prune(folder: Path) -> None:
    """Exports are downloaded at once; older ones are removed so the folder never grows."""
    folder.mkdir(parents=True, exist_ok=True)
    limit = time.time() - KEEP_EXPORTS_S
    for old in folder.glob("*/*"):
        if old.is_file() and old.stat().st_mtime < limit:
            old.unlink(missing_ok=True)
            if not any(old.parent.iterdir()):
                old.parent.rmdir()
