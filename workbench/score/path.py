"""The alignment at a glance: source sentence index against target sentence index.

`alignment_path` gives, for each language paired with the pivot (the alignment's first
column), one point per current bead: where it sits (the mean of its sentence indices on each
axis), its kind ("1-1", "2-1", "1-0", ...), its confidence and its bead id, so a screen can
open the bead a click lands on. A bead with no target sentence (1-0) sits half-way between
the targets around it, one with no pivot sentence (0-1) half-way between the pivot
sentences around it. `path_svg` draws it, one panel per pair, in the report's plot style:
the path as a line in document order, points coloured by confidence, gaps as crosses,
many-to-many beads as boxes over the sentences they join; each point and box is a link to
"#bead-ID" (`bead_link`), which the Review tab opens as that bead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from workbench.records import Bead
from workbench.store import alignments, reports
from workbench.store.db import Database

GAP_COLOR = "#d55e00"


@dataclass(frozen=True)
class PathPoint:
    bead_id: int
    x: float  # pivot sentence index (mean over the bead's sentences)
    y: float  # target sentence index
    kind: str  # pivot sentences - target sentences: "1-1", "2-1", "1-0", "0-1"
    confidence: float
    status: str
    source: tuple[int, ...]
    target: tuple[int, ...]

    @property
    def is_gap(self) -> bool:
        return not self.source or not self.target

    @property
    def is_many(self) -> bool:
        return len(self.source) > 1 or len(self.target) > 1


@dataclass(frozen=True)
class PathPanel:
    """The beads of one pair: the pivot's language (x) and one other (y)."""

    source_lang: str
    target_lang: str
    column: int
    points: tuple[PathPoint, ...]


@dataclass(frozen=True)
class AlignmentPath:
    alignment_id: int
    panels: tuple[PathPanel, ...]
    title: str = ""  # "Zakho clinic, alignment 3"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def alignment_path(db: Database, alignment_id: int) -> AlignmentPath:
    """The path of an alignment's current beads, one panel per language beside the pivot."""
    alignment = alignments.get_alignment(db, alignment_id, with_beads=False)
    langs = alignments.column_languages(db, alignment)
    beads = alignments.current_beads(db, alignment_id)
    panels = tuple(
        PathPanel(langs[0], langs[column], column, tuple(_points(beads, column)))
        for column in range(1, len(langs))
    )
    title = f"alignment {alignment_id}"
    if alignment.report_id is not None:
        title = f"{reports.get_report(db, alignment.report_id).name}, {title}"
    return AlignmentPath(alignment_id, panels, title)


def _points(beads: Sequence[Bead], column: int) -> list[PathPoint]:
    pairs = [(b, b.segments[0], b.segments[column]) for b in beads]
    pairs = [(b, s, t) for b, s, t in pairs if s or t]
    points = []
    for k, (bead, source, target) in enumerate(pairs):
        x = _middle(source) if source else _between(pairs, k, 1)
        y = _middle(target) if target else _between(pairs, k, 2)
        points.append(
            PathPoint(
                bead.id or 0, x, y, f"{len(source)}-{len(target)}", bead.confidence,
                bead.status, tuple(source), tuple(target),
            )
        )  # fmt: skip
    return points


def _middle(indices: Sequence[int]) -> float:
    return sum(indices) / len(indices)


def _between(pairs: list, k: int, side: int) -> float:
    """Half-way between the nearest sentences of that side before and after bead k."""
    before = next((max(p[side]) for p in reversed(pairs[:k]) if p[side]), None)
    after = next((min(p[side]) for p in pairs[k + 1 :] if p[side]), None)
    if before is None and after is None:
        return 0.0
    if before is None:
        return after - 0.5
    if after is None:
        return before + 0.5
    return (before + after) / 2


def bead_link(bead_id: int) -> str:
    """Where a point of the picture links to: "#bead-12", which a screen opens as that bead."""
    return f"#bead-{bead_id}"


def path_svg(path: AlignmentPath, title: str | None = None) -> str:
    """The path as inline SVG, one panel per pair side by side (titled with the path's
    title unless `title` is given)."""
    title = path.title if title is None else title
    import matplotlib

    from workbench.score.plots import STYLE, new_figure, to_svg

    count = max(len(path.panels), 1)
    with matplotlib.rc_context(STYLE):
        fig = new_figure(min(max(3.4 * count, 4.6) + 1.0, 13.0), 3.4)
        axes = fig.subplots(1, count, squeeze=False)[0]
        shown = None
        for ax, panel in zip(axes, path.panels, strict=False):
            shown = _panel(ax, panel)
        if shown is not None:
            fig.colorbar(shown, ax=list(axes), label="aligner's confidence", shrink=0.8)
        if title:
            fig.suptitle(title)
        return to_svg(fig)


def _panel(ax: Any, panel: PathPanel) -> Any:
    from matplotlib.patches import Rectangle

    points = panel.points
    ax.plot([p.x for p in points], [p.y for p in points], color="#999999", linewidth=0.6)
    for p in points:
        if p.is_many and not p.is_gap:
            x0, y0 = min(p.source) - 0.4, min(p.target) - 0.4
            width, height = max(p.source) - x0 + 0.4, max(p.target) - y0 + 0.4
            box = Rectangle((x0, y0), width, height, fill=False, edgecolor="#0072b2")
            box.set_url(bead_link(p.bead_id))
            ax.add_patch(box)
    aligned = [p for p in points if not p.is_gap]
    shown = ax.scatter(
        [p.x for p in aligned],
        [p.y for p in aligned],
        c=[p.confidence for p in aligned],
        cmap="viridis",
        vmin=0.0,
        vmax=1.0,
        s=14,
        marker="o",
        zorder=3,  # over the path's line, so a click lands on the point
    )
    shown.set_urls([bead_link(p.bead_id) for p in aligned])
    gaps = [p for p in points if p.is_gap]
    if gaps:
        crosses = ax.scatter(
            [p.x for p in gaps], [p.y for p in gaps], color=GAP_COLOR, marker="x", s=22,
            zorder=3, label=f"gaps (1-0, 0-1): {len(gaps)}",
        )  # fmt: skip
        crosses.set_urls([bead_link(p.bead_id) for p in gaps])
        ax.legend(frameon=False, fontsize=7, loc="upper left")
    many = sum(p.is_many and not p.is_gap for p in points)
    ax.set_title(f"{panel.source_lang}-{panel.target_lang}: {len(points)} beads, {many} n-m")
    ax.set_xlabel(f"{panel.source_lang} sentence")
    ax.set_ylabel(f"{panel.target_lang} sentence")
    return shown
