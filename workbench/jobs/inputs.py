"""From a spec's input paths to reports: which files are the language versions of which report.

`group_by = "name"`: files named NAME.LANG.EXT (`flood.en.txt`, `flood.ar.docx`) are the
versions of report NAME; a file without a language in its name is a report of its own, its
language detected when it is read. `group_by = "folder"`: each folder is one report, named
after the folder; a file's language comes from its name (`en.txt`, `flood.ar.txt`) or is
detected. Folders are read recursively for the formats the workbench reads; other files there
are listed as ignored with the reason, never skipped silently: files in other formats, and
links, named pipes, devices and sockets, which are never read (a pipe or /dev/zero would
make the job wait, or read, forever). A file named explicitly is always taken, unless it is
a pipe, a device or a socket. Files are hashed through `workbench.userfiles` (regular files
only, a block at a time).

`reports = ["flood"]` names reports already in the store: they are not read again; the
ingest step takes their versions from the store (`workbench.records.versions_by_language`).
Each name must be a stored report, and none may also be a report the paths form.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import InputError, JobSpecError, LanguageError, UnknownReport
from workbench.jobs.spec import JobSpec
from workbench.text.languages import canonical

if TYPE_CHECKING:
    from workbench.store.db import Database
from workbench.userfiles import file_sha256, not_a_file

REPORT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx")
AUTO = "auto"
NOT_A_REPORT = f"not a report file ({' '.join(REPORT_SUFFIXES)})"


@dataclass(frozen=True)
class InputFile:
    path: Path
    lang: str  # a language code, or "auto": detected when the file is read
    sha256: str  # "" when the inputs were found without hashing them


@dataclass(frozen=True)
class ReportInput:
    """The language versions of one report, as found on disk."""

    name: str
    files: tuple[InputFile, ...]
    stored: bool = False  # a report already in the store, named in [inputs] reports


@dataclass(frozen=True)
class Ignored:
    """Something in an input folder the job does not read, and why."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Inputs:
    reports: tuple[ReportInput, ...]
    ignored: tuple[Ignored, ...]  # what input folders hold that is not a report file

    def files(self) -> list[Path]:
        return [f.path for report in self.reports for f in report.files]


def find_inputs(spec: JobSpec, *, hashed: bool = True, db: Database | None = None) -> Inputs:
    """Resolve, group and (unless `hashed` is False) hash the spec's inputs, and check its
    stored reports against `db`. Names and languages must not clash. Without hashing,
    nothing but the folders is read: that is how a spec is checked before its job is made."""
    found = _from_files(spec, hashed) if spec.inputs else Inputs((), ())
    if not spec.reports:
        return found
    stored = stored_reports(spec, db)
    clash = sorted({r.name for r in found.reports} & {r.name for r in stored})
    if clash:
        raise JobSpecError(
            f"{spec.source}: {', '.join(map(repr, clash))} is both a stored report named in "
            "[inputs] reports and a report the paths form; keep it in one of them."
        )
    return Inputs(found.reports + stored, found.ignored)


def stored_reports(spec: JobSpec, db: Database | None) -> tuple[ReportInput, ...]:
    """The spec's stored reports, each checked to be in the store."""
    if db is None:
        raise JobSpecError(f"{spec.source}: [inputs] reports needs the store to look them up.")
    from workbench.store.reports import list_reports

    known = {report.name for report in list_reports(db)}
    missing = [name for name in spec.reports if name not in known]
    if missing:
        have = ", ".join(sorted(known)[:20]) or "none yet"
        raise UnknownReport(
            f"{spec.source}: [inputs] reports: there is no report "
            f"{', '.join(map(repr, missing))} in the store (it has: {have}); check the name, "
            "or ingest it first (`workbench ingest FILE --report NAME`)."
        )
    return tuple(ReportInput(name, (), stored=True) for name in dict.fromkeys(spec.reports))


def _from_files(spec: JobSpec, hashed: bool) -> Inputs:
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
                    InputFile(path, lang, _sha256(spec, path) if hashed else "")
                    for lang in sorted(versions)
                    for path in versions[lang]
                ),
            )
        )
    return Inputs(tuple(reports), tuple(ignored))


def _sha256(spec: JobSpec, path: Path) -> str:
    try:
        return file_sha256(path)
    except InputError as exc:
        raise JobSpecError(f"{spec.source}: {exc}") from None


def _resolve(spec: JobSpec) -> tuple[list[Path], list[Ignored]]:
    files: dict[Path, None] = {}
    ignored: dict[Path, str] = {}
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
            _refuse_special(spec, entry, target)
        else:
            raise JobSpecError(
                f"{spec.source}: the input {entry!r} ({target}) does not exist; check the path."
            )
        for match in matches:
            why = _unreadable_match(target, match) if glob.has_magic(entry) else ""
            if why:
                ignored[match] = why
            elif match.is_dir():
                found, skipped = _scan(match)
                files.update(dict.fromkeys(found))
                ignored.update(skipped)
            else:
                files[match] = None
    if not files:
        raise JobSpecError(
            f"{spec.source}: the inputs hold no report files ({', '.join(REPORT_SUFFIXES)})."
        )
    return list(files), [Ignored(p, why) for p, why in ignored.items() if p not in files]


def _unreadable_match(pattern: Path, match: Path) -> str:
    """Why a glob's match is not read: what `not_a_file` says of it, or a link to a folder
    on its way (glob's ** follows those; a folder's own listing never does)."""
    literal = literal_part(pattern)
    inside = match.relative_to(literal).parts[:-1] if match.is_relative_to(literal) else ()
    for depth in range(1, len(inside) + 1):
        if literal.joinpath(*inside[:depth]).is_symlink():
            return "inside a symbolic link to a folder (only files themselves are read)"
    return not_a_file(match)


def literal_part(pattern: Path) -> Path:
    """The folder a glob starts from: its parts before the first with a wildcard."""
    found = []
    for part in pattern.parts:
        if glob.has_magic(part):
            break
        found.append(part)
    return Path(*found)


def _refuse_special(spec: JobSpec, entry: str, target: Path) -> None:
    """A named input may be a link (its user named it), never a pipe, device or socket."""
    why = not_a_file(target.resolve())
    if why:
        raise JobSpecError(
            f"{spec.source}: the input {entry!r} ({target}) is {why}; name files and folders."
        )


def _scan(folder: Path) -> tuple[list[Path], dict[Path, str]]:
    found, skipped = [], {}
    for path in sorted(folder.rglob("*")):
        if _hidden(path.relative_to(folder)):
            continue
        why = not_a_file(path)
        if why:
            skipped[path] = why
        elif path.is_file():
            if path.suffix.lower() in REPORT_SUFFIXES:
                found.append(path)
            else:
                skipped[path] = NOT_A_REPORT
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
