"""Files across the browser: export an alignment (TMX, XLIFF, TSV, JSONL), import one back.

The formats themselves are `workbench.formats`; this module only decides names, folders and
limits. A download's name is made from the report's name with everything but letters,
digits, `.`, `_` and `-` replaced, so no name can climb out of the export folder; an upload
is read where Gradio stored it, its size checked again here, copied under a safe name into a
fresh folder (never through a link: `workbench.userfiles`), and only that copy is read, by its
format's reader.

Only files that came through this server's upload folder are taken (`uploaded_file`): a
page's request names a file by its path on the server, and a forged one could name any file
there (/etc/passwd, another session's export, a link into /etc).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from workbench.accounts import require_writer
from workbench.errors import InputError
from workbench.records import BEAD_STATUSES, User
from workbench.store import alignments, reports
from workbench.store.db import Database
from workbench.userfiles import Limits, read_input

EXPORT_FORMATS = {"TMX": "tmx", "XLIFF 2.0": "xliff", "TSV": "tsv", "JSONL": "jsonl"}
SUFFIX = {"tmx": ".tmx", "xliff": ".xlf", "tsv": ".tsv", "jsonl": ".jsonl"}
IMPORT_SUFFIXES = (".tmx", ".xlf", ".xliff", ".tsv", ".tab", ".jsonl", ".ndjson")
KEEP_EXPORTS_S = 3600.0


def safe_filename(name: str, fallback: str = "export") -> str:
    """A file name with no folder in it: letters, digits, '.', '_' and '-' only."""
    cleaned = re.sub(r"[^\w.-]+", "-", name, flags=re.UNICODE).strip(".-_")
    return cleaned[:80] or fallback


def upload_folder() -> Path:
    """Where this server's Gradio keeps what browsers upload (and its own file cache):
    GRADIO_TEMP_DIR, else <system temporary folder>/gradio; links in it resolved."""
    from gradio.utils import get_upload_folder

    return Path(get_upload_folder()).resolve()


def uploaded_file(path: str | Path) -> Path:
    """`path` if it names something inside this server's upload folder, else an InputError.

    The path is made absolute and every link in it is followed before it is compared, so
    neither `..` nor a link can lead out of the folder. Every handler that takes a file from
    the page calls this first, whatever Gradio checked before (`app.UploadsOnly` also calls it
    before Gradio copies anything, and refuses URLs, which Gradio would download)."""
    given = os.fspath(path)
    if "://" in given or not os.path.isabs(given):
        raise _not_uploaded()
    folder = upload_folder()
    real = Path(os.path.realpath(given))
    if real == folder or not real.is_relative_to(folder):
        if os.path.islink(given):  # only someone on the server can have put a link there
            raise InputError(
                f"{safe_filename(Path(given).name)} is a symbolic link to a file outside this "
                "server's upload folder: upload the file itself."
            )
        raise _not_uploaded()
    return Path(given)


def _not_uploaded() -> InputError:
    return InputError(
        "That file was not uploaded to this server: choose it with the file box on the page "
        "(the server reads only files the browser has uploaded)."
    )


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
    origin: str = "original",
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
