"""Files across the browser: export an alignment (TMX, XLIFF, TSV, JSONL), import one back.

The formats themselves are `workbench.formats`; this module only decides names, folders and
limits. A download's name is made from the report's name with everything but letters,
digits, `.`, `_` and `-` replaced, so no name can climb out of the export folder; an upload
is read where Gradio stored it, its size checked again here, copied under a safe name into a
fresh folder (never through a link: `workbench.userfiles`), and only that copy is read, by its
format's reader.

Which uploaded files may be read at all is the server's check (`workbench.ui.uploads`): the
paths given here are already known to have come through the browser.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from workbench.accounts import require_writer
from workbench.errors import InputError
from workbench.formats import SUFFIXES, WRITTEN_SUFFIX
from workbench.records import BEAD_STATUSES, Origin, User
from workbench.store import alignments, reports
from workbench.store.db import Database
from workbench.userfiles import Limits, read_input

# The browser's names for the one-file formats of `workbench.formats` (a bitext is two files).
EXPORT_FORMATS = {
    "TMX": "tmx",
    "XLIFF 2.0": "xliff",
    "XLIFF 1.2": "xliff12",
    "TSV": "tsv",
    "JSONL": "jsonl",
}
IMPORT_SUFFIXES = tuple(SUFFIXES)
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
    if fmt not in WRITTEN_SUFFIX:
        raise InputError(f"Unknown format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}.")
    unknown = sorted(set(statuses) - set(BEAD_STATUSES))
    if unknown:
        raise InputError(f"Unknown status {unknown[0]!r}: use {', '.join(BEAD_STATUSES)}.")
    if fmt in ("xliff", "xliff12") and len(languages) != 2:
        raise InputError("XLIFF holds one language pair: choose exactly two languages.")
    alignment = alignments.get_alignment(db, alignment_id, with_beads=False)
    report = reports.get_report(db, alignment.report_id) if alignment.report_id else None
    stem = safe_filename(report.name if report else f"alignment-{alignment_id}")
    langs = "-".join(languages) if languages else "all"
    target = new_download(folder, f"{stem}-{alignment_id}-{langs}{WRITTEN_SUFFIX[fmt]}")
    write(
        alignment_id,
        target,
        fmt,
        languages=list(languages) or None,
        statuses=list(statuses) or None,
        db=db,
    )
    return target


def export_progress(db: Database, report: str | None, folder: Path) -> Path:
    """Write the review progress of `report` (every report's when None) per reviewer as CSV in
    a new file in `folder`; returns its path."""
    from workbench.mqm.progress import progress_csv, review_progress

    rows = review_progress(db, [report] if report else None)
    target = new_download(folder, f"{safe_filename(report or 'all-reports')}-progress.csv")
    target.write_text(progress_csv(rows), encoding="utf-8")
    return target


def new_download(folder: Path, name: str) -> Path:
    """A path for a file to download, in a folder of its own under `folder` (older ones
    pruned), so that two downloads never overwrite one another."""
    _prune(folder)
    return Path(tempfile.mkdtemp(dir=folder)) / name


def import_upload(
    db: Database,
    user: User,
    path: str | Path,
    report: str,
    *,
    max_mb: int,
    folder: Path | None = None,
    limits: Limits | None = None,
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
    staging = _staging(folder)
    try:
        copy = _staged(path, max_mb, staging)
        result = import_file(copy, report.strip(), user=user.name, db=db, limits=limits)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result.report.name, len(result.alignment.beads), result.created


def ingest_uploads(
    db: Database,
    user: User,
    paths: Sequence[str | Path],
    report: str,
    *,
    lang: str = "auto",
    origin: Origin = "original",
    max_mb: int,
    folder: Path,
    limits: Limits | None = None,
) -> list[tuple[str, str, int, bool]]:
    """Store uploaded report files as language versions of `report`.

    Each file is copied under a safe name into a fresh folder first, so the name the store
    keeps is clean whatever the browser sent. Returns (file, lang, sentences, newly stored).
    """
    from workbench.text.ingest import ingest
    from workbench.text.readers import SUPPORTED

    require_writer(user)
    if not report.strip():
        raise InputError("Name the report these files are language versions of.")
    if not paths:
        raise InputError("Choose one or more report files (.txt, .md, .html, .docx) first.")
    for path in map(Path, paths):
        if path.suffix.lower() not in SUPPORTED:
            raise InputError(
                f"{safe_filename(path.name)} is not a report file the workbench reads: "
                f"upload {', '.join(SUPPORTED)}."
            )
    staging = _staging(folder)
    try:
        copies = [_staged(Path(path), max_mb, staging) for path in paths]
        results = ingest(db, copies, report=report.strip(), lang=lang, origin=origin, limits=limits)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [
        (copy.name, doc.lang, len(doc.segments), created)
        for copy, (doc, created) in zip(copies, results, strict=True)
    ]


def _staging(folder: Path | None) -> Path:
    """A fresh private folder (in `folder`, else the system's temporary folder)."""
    if folder is None:
        return Path(tempfile.mkdtemp(prefix="workbench-upload-"))
    _prune(folder)
    return Path(tempfile.mkdtemp(dir=folder))


def _staged(path: Path, max_mb: int, staging: Path) -> Path:
    """A copy of the upload under a safe name in `staging`: the only file the readers see."""
    name = safe_filename(path.name, fallback="upload")
    if not name.lower().endswith(path.suffix.lower()):  # "..tmx" is cleaned to "tmx"
        name += path.suffix.lower()
    _check_size(path, max_mb)
    copy = staging / name
    if copy.exists():  # two uploads whose names differ only in unsafe characters
        copy = Path(tempfile.mkdtemp(dir=staging)) / name
    copy.write_bytes(read_input(path, limit_mb=max_mb, name=name))
    return copy


def _check_size(path: Path, max_mb: int) -> None:
    size = path.stat().st_size
    if size > max_mb * 1024 * 1024:
        raise InputError(
            f"{safe_filename(path.name)} is {size / 2**20:.1f} MB; the limit is {max_mb} MB "
            "(max_upload_mb in workbench.toml)."
        )


def _prune(folder: Path) -> None:
    """Exports are downloaded at once; older ones are removed so the folder never grows."""
    folder.mkdir(parents=True, exist_ok=True)
    limit = time.time() - KEEP_EXPORTS_S
    for old in folder.glob("*/*"):
        if old.is_file() and old.stat().st_mtime < limit:
            old.unlink(missing_ok=True)
            if not any(old.parent.iterdir()):
                old.parent.rmdir()
