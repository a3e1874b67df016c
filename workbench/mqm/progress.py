"""Review progress per reviewer and per report, from the review events, as rows or CSV.

A reviewer's row counts the events of theirs in effect (undone ones left out): the beads
they acted on ("reviewed"), and how many accepts, edits, flags, rejections, error spans and
comments. Time spent is read from the times of all their events (undos too: they are work):
the gaps between one event and the next are summed where shorter than `idle` (5 minutes by
default); a longer gap is a pause, and the time before a session's first action is not
known, so it is not counted. A report's row adds up its reviewers, with its current beads.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import datetime

from workbench.records import ALIGNER_USER, ReviewEvent
from workbench.store import alignments, review
from workbench.store import reports as stored
from workbench.store.db import Database

IDLE_SECONDS = 300
COUNTED = {"accept": "accepted", "edit": "edited", "flag": "flagged", "reject": "rejected",
           "span": "spans", "comment": "comments"}  # fmt: skip
ALL = ""  # the reviewer of a report's total row


@dataclass(frozen=True)
class Progress:
    """One reviewer's work on one report (reviewer "" : everyone's)."""

    report: str
    reviewer: str
    beads: int  # current beads of the report's alignments
    reviewed: int
    accepted: int = 0
    edited: int = 0
    flagged: int = 0
    rejected: int = 0
    spans: int = 0
    comments: int = 0
    events: int = 0
    first: str = ""
    last: str = ""
    seconds: float = 0.0  # time spent

    @property
    def share(self) -> float:
        """Reviewed beads as a fraction of the report's."""
        return self.reviewed / self.beads if self.beads else 0.0


def review_progress(
    db: Database,
    reports: Sequence[str | int] | None = None,
    *,
    user: str | None = None,
    idle: float = IDLE_SECONDS,
) -> list[Progress]:
    """A row per reviewer of each report (only `user`'s when given), then the report's."""
    chosen = [stored.get_report(db, r) for r in reports] if reports else stored.list_reports(db)
    rows = []
    for rep in chosen:
        found = alignments.alignments_for_report(db, rep.id or 0)
        beads = sum(len(alignments.current_beads(db, a.id or 0)) for a in found)
        everything = [e for a in found for e in review.events(db, a.id or 0)]
        people = sorted({e.user for e in everything} - {ALIGNER_USER})
        mine = [
            _row(rep.name, name, beads, [e for e in everything if e.user == name], idle)
            for name in people
        ]
        rows += [r for r in mine if user is None or r.reviewer == user]
        if user is None:
            rows.append(_total(rep.name, beads, mine, everything))
    return rows


def _row(report: str, name: str, beads: int, events: list[ReviewEvent], idle: float) -> Progress:
    counts = dict.fromkeys(COUNTED.values(), 0)
    done = review.active_events(events)
    for event in done:
        if event.action in COUNTED:
            counts[COUNTED[event.action]] += 1
    times = sorted(event.created_at for event in events)
    return Progress(
        report=report,
        reviewer=name,
        beads=beads,
        reviewed=len(_beads(done)),
        events=len(events),
        first=times[0] if times else "",
        last=times[-1] if times else "",
        seconds=time_spent(times, idle),
        **counts,
    )


def _total(
    report: str, beads: int, rows: Sequence[Progress], events: list[ReviewEvent]
) -> Progress:
    done = [e for e in review.active_events(events) if e.user != ALIGNER_USER]
    sums = {f: sum(getattr(r, f) for r in rows) for f in (*COUNTED.values(), "events", "seconds")}
    return Progress(
        report=report,
        reviewer=ALL,
        beads=beads,
        reviewed=len(_beads(done)),
        first=min((r.first for r in rows), default=""),
        last=max((r.last for r in rows), default=""),
        **sums,
    )


def _beads(events: Iterable[ReviewEvent]) -> set[int]:
    """The beads events acted on (a restructuring: the beads it replaced)."""
    found: set[int] = set()
    for event in events:
        if event.action in review.STRUCTURAL_ACTIONS:
            found.update(event.after.get("retire", []))
        elif event.bead_id is not None:
            found.add(event.bead_id)
    return found


def time_spent(times: Sequence[str], idle: float = IDLE_SECONDS) -> float:
    """Seconds between consecutive ISO times (sorted), summing the gaps shorter than `idle`."""
    moments = [datetime.fromisoformat(t) for t in times]
    gaps = ((b - a).total_seconds() for a, b in zip(moments, moments[1:], strict=False))
    return sum(gap for gap in gaps if gap < idle)


CSV_COLUMNS = (*(f.name for f in fields(Progress) if f.name != "seconds"), "minutes")


def progress_csv(rows: Iterable[Progress]) -> str:
    """The rows as CSV (reviewer empty on a report's total row; minutes to 0.1)."""
    from workbench.score.render import csv_cell

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        data = asdict(row)
        data["minutes"] = f"{data.pop('seconds') / 60:.1f}"
        writer.writerow({k: csv_cell(v) for k, v in data.items()})
    return buffer.getvalue()
