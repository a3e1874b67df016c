"""The report's plots as inline SVG: sentence-score distribution, score by source length and
by alignment type, systems side by side.

Figures are made with matplotlib's object API (no pyplot, no global state). Text stays text
in the SVG (`svg.fonttype: none`), so the browser shapes it with the page's fonts, and `$`
in a system name is never read as mathematics. matplotlib escapes the text it writes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.score.report import BucketRow, QualityReport

STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "workbench",  # stable ids: the same report renders to the same bytes
    "text.parse_math": False,
    "font.family": ["Noto Sans", "DejaVu Sans", "sans-serif"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
}
COLORS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000")


def report_plots(report: QualityReport) -> dict[str, str]:
    """name -> SVG markup, for the plots the report has data for."""
    import matplotlib

    with matplotlib.rc_context(STYLE):
        plots = {
            "distribution": _distribution(report),
            "by_length": _grouped(report.by_length, report, "source length (words)"),
            "by_kind": _grouped(report.by_kind, report, "bead type (hypothesis-reference)"),
            "systems": _systems(report),
        }
    return {name: svg for name, svg in plots.items() if svg}


def new_figure(width: float = 6.4, height: float = 3.0) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def to_svg(fig: Any) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # no XML prolog or DOCTYPE inside HTML


def _label(report: QualityReport, metric: str) -> str:
    rows = [s for s in report.scores if s.metric == metric]
    return rows[0].name if rows else metric


def _distribution(report: QualityReport) -> str:
    metric = report.primary
    fig = new_figure()
    ax = fig.add_subplot()
    for color, system in zip(COLORS, report.systems, strict=False):
        values = [
            s.scores[metric]
            for s in report.segments
            if s.system == system and not (s.omission or s.addition)
        ]
        if values:
            ax.hist(
                values,
                bins=20,
                range=(0, 100),
                histtype="step",
                linewidth=1.8,
                color=color,
                label=f"{system} ({len(values)})",
            )
    ax.set_xlabel(f"sentence {_label(report, metric)}")
    ax.set_ylabel("segments")
    ax.legend(frameon=False)
    return to_svg(fig)


def _grouped(rows: Sequence[BucketRow], report: QualityReport, xlabel: str) -> str:
    if not rows:
        return ""
    groups = list(dict.fromkeys(r.group for r in rows))
    systems = list(dict.fromkeys(r.system for r in rows))
    fig = new_figure()
    ax = fig.add_subplot()
    width = 0.8 / len(systems)
    for k, (color, system) in enumerate(zip(COLORS, systems, strict=False)):
        found = {r.group: r for r in rows if r.system == system}
        xs = [i + k * width for i, g in enumerate(groups) if g in found]
        bars = ax.bar(
            xs, [found[g].mean for g in groups if g in found], width, color=color, label=system
        )
        ax.bar_label(bars, [str(found[g].segments) for g in groups if g in found], fontsize=7)
    ax.set_xticks([i + width * (len(systems) - 1) / 2 for i in range(len(groups))], groups)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(f"mean sentence {_label(report, report.primary)}")
    ax.legend(frameon=False)
    return to_svg(fig)


def _systems(report: QualityReport) -> str:
    """Corpus scores of each system per metric, with 95% intervals when a test made them."""
    widest = report.kind if report.kind != "systems" else "system"
    rows = [s for s in report.scores if s.scope == widest]
    if not rows:
        return ""
    metrics = list(dict.fromkeys(s.metric for s in rows))
    keys = list(dict.fromkeys((s.system, s.lang) for s in rows))
    intervals = {(r.system, r.metric): r.ci for c in report.comparisons for r in c.rows}
    fig = new_figure(6.4, 3.2)
    ax = fig.add_subplot()
    width = 0.8 / len(keys)
    for k, (color, (system, lang)) in enumerate(zip(COLORS, keys, strict=False)):
        found = {s.metric: s for s in rows if (s.system, s.lang) == (system, lang)}
        xs = [i + k * width for i, m in enumerate(metrics) if m in found]
        values = [found[m].value for m in metrics if m in found]
        errors = [intervals.get((system, m)) or 0.0 for m in metrics if m in found]
        label = f"{system} ({lang})" if lang else system
        bars = ax.bar(xs, values, width, yerr=errors, capsize=3, color=color, label=label)
        ax.bar_label(bars, [f"{v:.1f}" for v in values], fontsize=7)
    ax.set_xticks(
        [i + width * (len(keys) - 1) / 2 for i in range(len(metrics))],
        [_label(report, m) for m in metrics],
    )
    ax.set_ylabel("corpus score (TER: lower is better)")
    ax.legend(frameon=False, fontsize=7)
    return to_svg(fig)
