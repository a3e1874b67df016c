"""Small jobs over reports already in the store: the one path quickstart and the UI take.

Aligning, machine-translating, checking and scoring a stored report from the Reports tab or
`workbench quickstart` builds a job spec with `[inputs] reports = [...]` and runs it through
the job runner, in the caller's process and to its end, like `workbench job run`: the same
steps, the same exactly-once items, a job record in the Jobs tab. The same spec finds the
same job again, so asking twice does the work once (a failed item is tried again).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.config import Settings
from workbench.errors import InputError, StepFailed
from workbench.records import Alignment, Document, JobItem
from workbench.store.db import Database

OUTPUT = "from-store"  # under the first job root: the bead, QA and report files these jobs write


@dataclass(frozen=True)
class StoredRun:
    """A finished run: its job's number, the run's summary and the job's done items."""

    job: int
    summary: dict[str, Any]
    items: tuple[JobItem, ...]

    def done(self, step: str, report: str) -> list[JobItem]:
        return [i for i in self.items if i.step == step and i.report == report]

    def check(self) -> None:
        """Raise the run's item errors (the steps' own messages), if any."""
        errors = [entry["error"] for entry in self.summary["errors"]]
        if errors:
            raise StepFailed(" ".join(dict.fromkeys(errors)) + f" (job {self.job})")


def run_stored(
    db: Database,
    settings: Settings,
    reports: Sequence[str],
    tables: dict[str, Any],
    *,
    name: str,
) -> StoredRun:
    """Run the steps `tables` turn on ({"align": {...}}) over stored reports, to the end."""
    from workbench.jobs.api import run_job
    from workbench.store import jobs

    spec = {
        "name": name,
        "output": str(output_folder(settings)),
        "workers": 1,  # one report's work: a second worker would only start a process
        "inputs": {"reports": list(reports)},
        **tables,
    }
    summary = run_job(spec, db=db, settings=settings)
    items = jobs.items(db, summary["job"], status="done")
    return StoredRun(summary["job"], summary, tuple(items))


def output_folder(settings: Settings) -> Path:
    return settings.job_folders[0] / OUTPUT


def align_stored(
    db: Database,
    settings: Settings,
    report: str,
    *,
    langs: Sequence[str] = (),
    signals: Sequence[str] | None = None,
) -> Alignment:
    """Align a stored report's versions (all, or `langs`) around English, as one n-way
    alignment, and return it with its beads."""
    from workbench.store.alignments import get_alignment

    table: dict[str, Any] = {"multiway": True, "versions": list(langs)}
    if signals is not None:
        table["signals"] = list(signals)
    run = run_stored(db, settings, [report], {"align": table}, name=f"align {report}")
    run.check()
    aligned = run.done("align", report)
    if not aligned:
        [ingested] = run.done("ingest", report)
        have = len(ingested.result["documents"])
        raise InputError(
            f"Report {report!r} needs at least two language versions to align; it has "
            f"{have}. Add one with `workbench ingest FILE --report {report}`."
        )
    return get_alignment(db, aligned[-1].result["alignment"])


@dataclass(frozen=True)
class Translated:
    document: Document
    created: bool  # stored by this run (not found done from an earlier one)


def translate_stored(
    db: Database, settings: Settings, report: str, src: str, tgt: str
) -> Translated:
    """Machine-translate a stored report's `src` version (the one people wrote) into `tgt`
    and store it as the report's machine version."""
    from workbench.store.reports import get_document

    tables = {"translate": {"from": src, "to": [tgt]}}
    run = run_stored(db, settings, [report], tables, name=f"translate {report} {src}-{tgt}")
    run.check()
    [made] = run.done("translate-doc", report)
    document = get_document(db, made.result["document"], with_segments=True)
    return Translated(document, bool(run.summary["ran"]) and made.result.get("created", True))


def translate_versions(
    db: Database, settings: Settings, report: str, src: str, targets: Sequence[str]
) -> list[tuple[bool, str]]:
    """Machine-translate a stored report's `src` version into each target, one job per
    target so that a missing model stops only its own language: per target, whether it was
    done and what happened."""
    from workbench.records import source_version
    from workbench.store.reports import documents, get_report

    found = get_report(db, report)
    if source_version(documents(db, found.id or 0), src) is None:
        raise InputError(f"{found.name} has no {src} version written by people to translate.")
    lines = []
    for tgt in [t for t in targets if t != src]:
        try:
            made = translate_stored(db, settings, found.name, src, tgt)
        except StepFailed as exc:
            lines.append((False, f"{src}→{tgt}: not translated. {exc}"))
            continue
        route = " → ".join(made.document.pivot)
        what = "stored" if made.created else "already stored"
        count = len(made.document.segments)
        lines.append((True, f"{src}→{tgt}: {count} sentences {what} (via {route})."))
    return lines


def check_stored(db: Database, settings: Settings, reports: Sequence[str]) -> StoredRun:
    """Version QA on stored reports' latest alignments (findings a reviewer dismissed stay
    dismissed); the findings are in the store afterwards."""
    run = run_stored(db, settings, reports, {"qa": {}}, name="check " + ", ".join(reports))
    run.check()
    return run


def score_stored(db: Database, settings: Settings, report: str) -> dict[str, dict[str, float]]:
    """Score a stored report's machine translations against its human versions and store
    the scores; returns the report-scope values ({scope_ref: {metric: value}})."""
    run = run_stored(db, settings, [report], {"score": {}}, name=f"score {report}")
    run.check()
    [scored] = run.done("score", report)
    return scored.result["scores"]
