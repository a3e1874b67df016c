"""Renderers of a QualityReport: a self-contained HTML page, JSON, CSV.

The HTML comes from an autoescaping Jinja2 template, so every text from a report, a file or
a reviewer is escaped (a segment reading `<script>` shows as text); the only markup let
through unescaped is the SVG matplotlib wrote for the plots. Arabic and Sorani cells are
right-to-left with a font stack that joins Arabic letters. `write_report` picks the format
from the file's suffix and writes atomically (see `workbench.outputs`).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.score import REPORT_SUFFIXES
from workbench.score.report import QualityReport
from workbench.text.languages import is_rtl

SHOWN_PER_LIST = 200  # omissions, additions or doubtful beads listed per alignment in HTML
CSV_COLUMNS = (
    "section",
    "scope",
    "scope_ref",
    "report",
    "system",
    "lang",
    "metric",
    "value",
    "p_value",
    "mean",
    "ci95",
    "segments",
    "omissions",
    "additions",
    "kind",
    "bead_id",
    "confidence",
    "status",
    "source",
    "reference",
    "hypothesis",
    "signature",
)


def render_html(report: QualityReport) -> str:
    """The report as one HTML page: styles and plots inline, nothing fetched from anywhere."""
    from markupsafe import Markup

    from workbench.score.metrics import LOWER_IS_BETTER
    from workbench.score.path import path_svg
    from workbench.score.plots import report_plots

    plots = {name: Markup(svg) for name, svg in report_plots(report).items()}
    paths = [Markup(path_svg(path)) for path in report.paths]
    return (
        _environment()
        .get_template("report.html")
        .render(
            report=report,
            plots=plots,
            paths=paths,
            shown=SHOWN_PER_LIST,
            metrics=_metric_names(report),
            lower_is_better=LOWER_IS_BETTER,
        )
    )


def _environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["direction"] = direction
    env.filters["number"] = _number
    return env


def _metric_names(report: QualityReport) -> dict[str, str]:
    names = {row.metric: row.name for row in report.scores}
    return {m: names.get(m, m) for m in report.options["metrics"]}


def direction(text: str, lang: str = "") -> str:
    """ "rtl" for Arabic and Sorani (by language, else by the letters of the text), else "ltr"."""
    if lang:
        try:
            return "rtl" if is_rtl(lang) else "ltr"
        except InputError:
            pass
    arabic = sum(1 for ch in text if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return "rtl" if arabic > latin else "ltr"


def _number(value: float | None, width: int = 1) -> str:
    return "" if value is None else f"{value:.{width}f}"


def render_json(report: QualityReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=1) + "\n"


def render_csv(report: QualityReport) -> str:
    """One table: corpus scores, significance results and every segment with its scores."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, extrasaction="raise", lineterminator="\n")
    writer.writeheader()
    for row in _csv_rows(report):
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return buffer.getvalue()


def _csv_rows(report: QualityReport):
    for s in report.scores:
        yield {
            "section": "score",
            "scope": s.scope,
            "scope_ref": s.scope_ref,
            "report": s.report,
            "system": s.system,
            "lang": s.lang,
            "metric": s.name,
            "value": s.value,
            "segments": s.segments,
            "omissions": s.omissions,
            "additions": s.additions,
            "signature": s.signature,
        }
    for c in report.comparisons:
        for r in c.rows:
            yield {
                "section": f"significance-{c.test}",
                "system": r.system,
                "metric": r.name,
                "value": r.score,
                "p_value": r.p_value,
                "mean": r.mean,
                "ci95": r.ci,
                "signature": c.signatures[r.metric],
            }
    yield from _mqm_rows(report.mqm)
    for seg in report.segments:
        for metric, value in seg.scores.items():
            yield {
                "section": "segment",
                "scope": "bead",
                "report": seg.report,
                "system": seg.system,
                "lang": seg.lang,
                "metric": metric,
                "value": value,
                "kind": seg.kind,
                "bead_id": seg.bead_id,
                "confidence": seg.confidence,
                "status": seg.status,
                "source": seg.source,
                "reference": seg.reference,
                "hypothesis": seg.hypothesis,
                "signature": report.sentence_signatures[metric],
            }


def _mqm_rows(mqm: dict[str, Any]):
    """MQM scores (section "mqm") and their correlation with the metric ("mqm-correlation")."""
    for row in mqm.get("rows", []):
        yield {
            "section": "mqm",
            "scope": row["scope"],
            "scope_ref": row["name"],
            "report": row["report"],
            "system": row["system"] or row["user"],
            "lang": row["lang"],
            "metric": "MQM",
            "value": row["score"],
            "signature": mqm["signature"],
        }
    for name in ("pearson", "kendall"):
        if mqm.get(name) is not None:
            yield {
                "section": "mqm-correlation",
                "scope": "document",
                "scope_ref": f"{mqm['paired']} documents",
                "metric": f"{name} MQM-{mqm['metric']}",
                "value": mqm[name],
                "signature": mqm["signature"],
            }


def csv_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


RENDERERS = {"html": render_html, "json": render_json, "csv": render_csv}


def write_report(report: QualityReport, path: Path | str) -> Path:
    """Write the report in the format its suffix names (.html, .json, .csv), atomically;
    "-" writes the JSON to standard output."""
    from workbench.outputs import is_stdout, write_output

    path = Path(path)
    fmt = "json" if is_stdout(path) else REPORT_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"Cannot tell the format of {path}: name it .html, .json or .csv.")
    write_output(path, RENDERERS[fmt](report))
    return path
