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
    """A finished run: its job's number, the run's summary and the job's items."""

    job: int
    summary: dict[str, Any]
    items: tuple[JobItem, ...]

    def done(self, step: str, report: str) -> list[JobItem]:
        return [i for i in self.items if (i.step, i.report, i.status) == (step, report, "done")]

    def errors(self, report: str | None = None) -> list[str]:
        """The failed items' messages (of one report, or all), each once."""
        found = [i.error for i in self.items if i.status == "failed" and report in (None, i.report)]
        return list(dict.fromkeys(found))

    def check(self, report: str | None = None) -> None:
        """Raise the failed items' messages (the steps' own), if any, or say the job was
        cancelled before its end."""
        errors = self.errors(report)
        if errors:
            raise StepFailed(" ".join(errors) + f" (job {self.job})")
        if self.summary["status"] == "cancelled":
            raise StepFailed(
                f"Job {self.job} was cancelled before it finished; ask again, or resume it "
                f"(`workbench job resume {self.job}`, or the Jobs tab)."
            )


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
        "workers": 1,  # a few reports' work: more workers would only start more processes
        "inputs": {"reports": list(reports)},
        **tables,
    }
    summary = run_job(spec, db=db, settings=settings)
    return StoredRun(summary["job"], summary, tuple(jobs.items(db, summary["job"])))


def output_folder(settings: Settings) -> Path:
    return settings.job_folders[0] / OUTPUT


def align_stored(
    db: Database,
    settings: Settings,
    reports: Sequence[str],
    *,
    langs: Sequence[str] = (),
    signals: Sequence[str] | None = None,
) -> dict[str, Alignment]:
    """Align each stored report's versions (all, or `langs`) around English, as one n-way
    alignment (two versions: a pair), in one job; returns each report's, with its beads."""
    from workbench.store.alignments import get_alignment

    table: dict[str, Any] = {"multiway": True, "versions": list(langs)}
    if signals is not None:
        table["signals"] = list(signals)
    run = run_stored(db, settings, reports, {"align": table}, name="align " + _names(reports))
    run.check()
    made = {}
    for report in reports:
        aligned = run.done("align", report)
        if not aligned:
            [ingested] = run.done("ingest", report)
            raise InputError(
                f"Report {report!r} needs at least two language versions to align; it has "
                f"{len(ingested.result['documents'])}. Add one with "
                f"`workbench ingest FILE --report {report}`."
            )
        made[report] = get_alignment(db, aligned[-1].result["alignment"])
    return made


@dataclass(frozen=True)
class Translated:
    document: Document
    created: bool  # stored by this run (not found done from an earlier one)


def translate_stored(
    db: Database, settings: Settings, reports: Sequence[str], src: str, tgt: str
) -> dict[str, Translated]:
    """Machine-translate stored reports' `src` version (the one people wrote) into `tgt`,
    in one job (the model loads once), and store each as its report's machine version."""
    from workbench.store.reports import get_document

    tables = {"translate": {"from": src, "to": [tgt]}}
    run = run_stored(db, settings, reports, tables, name=f"translate {src}-{tgt} {_names(reports)}")
    run.check()
    made = {}
    for report in reports:
        [written] = run.done("translate-doc", report)
        document = get_document(db, written.result["document"], with_segments=True)
        created = bool(run.summary["ran"]) and written.result.get("created", True)
        made[report] = Translated(document, created)
    return made


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
            made = translate_stored(db, settings, [found.name], src, tgt)[found.name]
        except StepFailed as exc:
            lines.append((False, f"{src}→{tgt}: not translated. {exc}"))
            continue
        route = " → ".join(made.document.pivot)
        what = "stored" if made.created else "already stored"
        count = len(made.document.segments)
        lines.append((True, f"{src}→{tgt}: {count} sentences {what} (via {route})."))
    return lines


def check_stored(db: Database, settings: Settings, reports: Sequence[str]) -> StoredRun:
    """Version QA on stored reports' latest alignments, in one job (findings a reviewer
    dismissed stay dismissed); the findings are in the store afterwards."""
    run = run_stored(db, settings, reports, {"qa": {}}, name="check " + _names(reports))
    run.check()
    return run


def score_stored(db: Database, settings: Settings, reports: Sequence[str]) -> StoredRun:
    """Score stored reports' machine translations against their human versions, in one job,
    and store the scores. Each report's done "score" item holds its report-scope values
    ({"scores": {scope_ref: {metric: value}}}); a report that cannot be scored has an error
    (`StoredRun.errors(report)`) and the others are scored all the same."""
    return run_stored(db, settings, reports, {"score": {}}, name="score " + _names(reports))


def report_scores(run: StoredRun, report: str) -> tuple[dict[str, dict[str, float]], list[str]]:
    """A report's scores from a `score_stored` run, and the scorer's notes on them (pairs
    left out, ...); its error if it could not be scored."""
    run.check(report)
    [scored] = run.done("score", report)
    return scored.result["scores"], scored.result.get("notes", [])


def _names(reports: Sequence[str]) -> str:
    shown = ", ".join(reports[:3])
    return shown + (f" and {len(reports) - 3} more" if len(reports) > 3 else "")
