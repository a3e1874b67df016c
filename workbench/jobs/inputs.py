"""From a spec's input paths to reports: which files are the language versions of which report.

`group_by = "name"`: files named NAME.LANG.EXT (`flood.en.txt`, `flood.ar.docx`) are the
versions of report NAME; a file without a language in its name is a report of its own, its
language detected when it is read. `group_by = "folder"`: each folder is one report, named
after the folder; a file's language comes from its name (`en.txt`, `flood.ar.txt`) or is
detected. Folders are read recursively for the formats the workbench reads; other files there
are listed as ignored, never skipped silently. A file named explicitly is always taken.
"""

from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import JobSpecError, LanguageError
from workbench.jobs.spec import JobSpec

REPORT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx")
AUTO = "auto"


@dataclass(frozen=True)
class InputFile:
    path: Path
    lang: str  # a language code, or "auto": detected when the file is read
    sha256: str


@dataclass(frozen=True)
class ReportInput:
    """The language versions of one report, as found on disk."""

    name: str
    files: tuple[InputFile, ...]


@dataclass(frozen=True)
class Inputs:
    reports: tuple[ReportInput, ...]
    ignored: tuple[Path, ...]  # files in input folders that are not in a format we read


def find_inputs(spec: JobSpec) -> Inputs:
    """Resolve, group and hash the spec's inputs. Names and languages must not clash."""
    files, ignored = _resolve(spec)
    groups: dict[str, dict[str, list[Path]]] = {}
    for path in files:
        name, lang = _report_and_language(path, spec.group_by)
        groups.setdefault(name, {}).setdefault(lang, []).append(path)
    reports = []
    for name in sorted(groups):
        versions = groups[name]
        _refuse_clashes(name, versions, spec.group_by)
        folders = sorted({str(p.parent) for paths in versions.values() for p in paths})
        if spec.group_by == "folder" and len(folders) > 1:
            raise JobSpecError(
                f"Two input folders are both named {name!r} ({', '.join(folders)}); a folder "
                "names its report, so rename one of them."
            )
        reports.append(
            ReportInput(
                name,
                tuple(
                    InputFile(path, lang, file_sha256(path))
                    for lang in sorted(versions)
                    for path in versions[lang]
                ),
            )
        )
    return Inputs(tuple(reports), tuple(ignored))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise JobSpecError(f"Cannot read the input {path} ({exc.strerror}).") from None
    return digest.hexdigest()


def _resolve(spec: JobSpec) -> tuple[list[Path], list[Path]]:
    files: dict[Path, None] = {}
    ignored: dict[Path, None] = {}
    for entry in spec.inputs:
        target = (spec.base / Path(entry).expanduser()).absolute()
        if glob.has_magic(entry):
            folders_only = "/" if entry.endswith(("/", os.sep)) else ""  # "reports/*/"
            found = glob.glob(str(target) + folders_only, recursive=True)
            matches = sorted(Path(p) for p in found)
            if not matches:
                raise JobSpecError(f"{spec.source}: the input {entry!r} matches no file.")
        elif target.exists():
            matches = [target]
        else:
            raise JobSpecError(
                f"{spec.source}: the input {entry!r} ({target}) does not exist; check the path."
            )
        for match in matches:
            if match.is_dir():
                found, skipped = _scan(match)
                files.update(dict.fromkeys(found))
                ignored.update(dict.fromkeys(skipped))
            else:
                files[match] = None
    if not files:
        raise JobSpecError(
            f"{spec.source}: the inputs hold no report files ({', '.join(REPORT_SUFFIXES)})."
        )
    return list(files), [p for p in ignored if p not in files]


def _scan(folder: Path) -> tuple[list[Path], list[Path]]:
    found, skipped = [], []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or _hidden(path.relative_to(folder)):
            continue
        (found if path.suffix.lower() in REPORT_SUFFIXES else skipped).append(path)
    return found, skipped


def _hidden(relative: Path) -> bool:
    return any(part.startswith((".", "~$")) for part in relative.parts)


def _report_and_language(path: Path, group_by: str) -> tuple[str, str]:
    parts = path.name.split(".")
    stem = ".".join(parts[:-1]) if len(parts) > 1 else path.name
    lang = _language(parts[-2]) if len(parts) >= 3 else None
    if group_by == "folder":
        return path.parent.name, lang or _language(stem) or AUTO
    if lang:
        return ".".join(parts[:-2]), lang
    return stem, AUTO


def _language(token: str) -> str | None:
    from workbench.text.languages import canonical

    try:
        return canonical(token)
    except LanguageError:
        return None


def _refuse_clashes(name: str, versions: dict[str, list[Path]], group_by: str) -> None:
    for lang, paths in versions.items():
        if lang != AUTO and len(paths) > 1:
            listed = ", ".join(str(p) for p in paths)
            raise JobSpecError(
                f"Report {name!r} has more than one {lang} version: {listed}. Keep one, or "
                + (
                    "give the others another NAME."
                    if group_by == "name"
                    else "move the others to their own folder."
                )
            )
