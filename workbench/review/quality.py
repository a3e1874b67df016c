"""What the scoring layer gives the review UI: bead scores, report scores, quality reports.

A bead's score in the review table is its sentence chrF: the machine translation into the
second shown language against the human version there, as `workbench score` stored it. A
quality report is the scoring layer's own report (HTML, JSON, CSV), shown in a sandboxed
frame and offered for download.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.review.rows import BeadScore, BeadScores
from workbench.review.transfer import safe_filename
from workbench.store.db import Database
from workbench.store.scores import bead_scores as stored_bead_scores
from workbench.text.normalize import PRESETS

PRIMARY = "chrf"
METRIC_NAMES = {"bleu": "BLEU", "chrf": "chrF", "chrf++": "chrF++", "ter": "TER"}
NORMALIZE_CHOICES = ("none", *PRESETS)


def bead_scores(db: Database) -> BeadScores:
    """The stored sentence scores of an alignment's beads, for translations into `lang`, each
    with its signature: a bead scored again shows its newest score."""

    def scores(alignment_id: int, lang: str) -> Mapping[int, BeadScore]:
        found: dict[int, BeadScore] = {}
        for bead_id, made in stored_bead_scores(db, alignment_id).items():  # oldest first
            for score in made:
                if score.metric == PRIMARY and score.details.get("lang") == lang:
                    found[int(bead_id)] = BeadScore(score.value, score.signature)
        return found

    return scores


@dataclass(frozen=True)
class Quality:
    """A quality report: its page, its files, a line per system, and the scorer's notes."""

    page: str
    files: tuple[Path, ...]
    headline: tuple[str, ...]
    notes: tuple[str, ...]


def quality_report(
    db: Database,
    reports: Sequence[str],
    *,
    lang: str = "",
    normalize: str = "none",
    save: bool = True,
    folder: Path,
) -> Quality:
    """Score the reports' machine translations and build their report (HTML, JSON and CSV)."""
    from workbench.score.metrics import ScoreOptions
    from workbench.score.render import write_report
    from workbench.score.report import report_from_store

    if not reports:
        raise InputError("Choose one or more reports to score.")
    report = report_from_store(
        db,
        list(reports),
        lang=lang or None,
        options=ScoreOptions(normalize=normalize or "none"),
        save=save,
    )
    folder.mkdir(parents=True, exist_ok=True)
    out = Path(tempfile.mkdtemp(dir=folder))
    stem = safe_filename("+".join(reports)) + "-quality"
    files = tuple(
        write_report(report, out / f"{stem}{suffix}") for suffix in (".html", ".json", ".csv")
    )
    return Quality(
        page=files[0].read_text(encoding="utf-8"),
        files=files,
        headline=tuple(_line(row) for row in report.headline()),
        notes=tuple(report.notes),
    )


def _line(row: Mapping[str, Any]) -> str:
    values = ", ".join(f"{METRIC_NAMES.get(m, m)} {v:.1f}" for m, v in row["values"].items())
    return f"{row['scope_ref']} ({row['system']} → {row['lang']}): {values}"
