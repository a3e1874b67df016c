"""The sample corpus: reports held as one file per language version, with gold alignments.

A corpus folder holds one folder per report; inside it, `<report>.<lang>.<ext>` is a language
version (lang one of en, ar, ckb, kmr; ext one ingest reads) and `<report>.<src>-<tgt>.gold`
a gold alignment in bead format (`[0]:[0, 1]`, 0-based segment indices). Other files are
ignored. The project's own samples are in `corpora/` at the top of the source tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import InputError
from workbench.records import Report
from workbench.store.db import Database
from workbench.text.languages import LANGUAGES
from workbench.text.readers import SUPPORTED


@dataclass(frozen=True)
class SampleReport:
    """One report of a corpus folder: its language versions and gold alignments."""

    name: str
    versions: dict[str, Path] = field(default_factory=dict)  # lang -> file
    gold: dict[tuple[str, str], Path] = field(default_factory=dict)  # (src, tgt) -> bead file


def default_corpus_dir() -> Path:
    """The `corpora/` folder beside the package (present in a source checkout)."""
    return Path(__file__).resolve().parents[2] / "corpora"


def find_samples(folder: Path | str) -> list[SampleReport]:
    """The reports of a corpus folder, by name; a clear error when there are none."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"There is no corpus folder {folder}: pass --corpus DIR.")
    found = [s for s in (_sample(sub) for sub in sorted(folder.iterdir()) if sub.is_dir()) if s]
    if not found:
        raise InputError(
            f"{folder} holds no sample reports: expected folders <report>/ with files named "
            "<report>.<lang>.<ext> (lang en, ar, ckb or kmr)."
        )
    return found


def load_corpus(db: Database, folder: Path | str | None = None) -> list[Report]:
    """Ingest every sample report of `folder` (default: the project's corpora/)."""
    from workbench.store.reports import get_report
    from workbench.text.ingest import ingest

    loaded = []
    for sample in find_samples(folder or default_corpus_dir()):
        for lang, path in sample.versions.items():
            ingest(db, [path], report=sample.name, lang=lang)
        loaded.append(get_report(db, sample.name))
    return loaded


def _sample(folder: Path) -> SampleReport | None:
    name = folder.name
    versions, gold = {}, {}
    for path in sorted(folder.iterdir()):
        if not path.name.startswith(name + ".") or not path.is_file():
            continue
        middle, suffix = path.name[len(name) + 1 :].rsplit(".", 1)[0], path.suffix.lower()
        if suffix in SUPPORTED and middle in LANGUAGES:
            versions[middle] = path
        elif suffix == ".gold" and middle.count("-") == 1:
            src, tgt = middle.split("-")
            if src in LANGUAGES and tgt in LANGUAGES:
                gold[(src, tgt)] = path
    if not versions:
        return None
    ordered = {lang: versions[lang] for lang in LANGUAGES if lang in versions}
    return SampleReport(name, ordered, gold)
