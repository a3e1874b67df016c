"""Review progress per reviewer and per report, and its CSV."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from workbench.mqm.progress import progress_csv, review_progress, time_spent
from workbench.mqm.spans import add_span
from workbench.store import review

from .samples import act, add_report

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def _at(*minutes: float) -> list[str]:
    return [(T0 + timedelta(minutes=m)).isoformat() for m in minutes]


def test_time_spent_sums_the_gaps_shorter_than_five_minutes():
    # 0 -> 1 -> 3: 3 minutes; 3 -> 20 is a pause; 20 -> 24.5: 4.5 minutes
    assert time_spent(_at(0, 1, 3, 20, 24.5)) == pytest.approx(7.5 * 60)
    assert time_spent(_at(0)) == 0
    assert time_spent([]) == 0
    assert time_spent(_at(0, 2, 4), idle=60) == 0


@pytest.fixture
def clock(monkeypatch):
    """Review events stamped at the minutes given, in turn."""
    moments = iter(_at(0, 1, 2, 4, 30, 31, 40, 41))
    monkeypatch.setattr(review, "now", lambda: next(moments))


def test_per_reviewer_and_per_report(db, clock):
    alignment = add_report(db)
    b = [bead.id for bead in alignment.beads]
    act(db, alignment, b[0], "accept", "amina")  # 0
    add_span(db, b[1], "ar", 0, 4, "style", "minor", "amina")  # 1
    act(db, alignment, b[1], "edit", "amina", after={"texts": {"1": "x"}})  # 2
    review.undo(db, alignment.id, "amina")  # 4: the edit is undone
    act(db, alignment, b[2], "flag", "karwan", after={"category": "style", "severity": "minor"})
    act(db, alignment, b[2], "comment", "karwan", comment="see the glossary")  # 31
    act(db, alignment, b[3], "reject", "karwan")  # 40
    act(db, alignment, b[3], "flag", "aligner", after={"category": "disagreement"})  # 41
    amina, karwan, total = review_progress(db)
    assert (amina.reviewer, amina.beads, amina.reviewed) == ("amina", 4, 2)
    assert (amina.accepted, amina.spans, amina.edited, amina.events) == (1, 1, 0, 4)
    assert amina.seconds == 4 * 60
    assert (karwan.flagged, karwan.comments, karwan.rejected, karwan.reviewed) == (1, 1, 1, 2)
    assert karwan.seconds == 60  # 30 -> 31; 31 -> 40 is a pause
    assert (total.reviewer, total.reviewed, total.seconds, total.events) == ("", 4, 300, 7)
    assert total.share == 1.0
    assert [r.reviewer for r in review_progress(db, ["Zakho clinic"], user="karwan")] == ["karwan"]


def test_csv_has_a_row_per_reviewer_and_the_report(db, clock):
    alignment = add_report(db)
    act(db, alignment, alignment.beads[0].id, "accept", "=cmd|' /C calc'!A0")
    act(db, alignment, alignment.beads[1].id, "accept", "=cmd|' /C calc'!A0")
    rows = list(csv.DictReader(io.StringIO(progress_csv(review_progress(db)))))
    assert [r["reviewer"] for r in rows] == ["'=cmd|' /C calc'!A0", ""]
    assert rows[0]["minutes"] == "1.0" and rows[0]["reviewed"] == "2"
    assert rows[1]["report"] == "Zakho clinic" and rows[1]["beads"] == "4"


def test_the_progress_csv_for_download_is_a_new_file_each_time(db, tmp_path):
    from workbench.review.transfer import export_progress

    alignment = add_report(db)
    act(db, alignment, alignment.beads[0].id, "accept", "amina")
    first = export_progress(db, None, tmp_path)
    second = export_progress(db, "Zakho clinic", tmp_path)
    assert first != second and first.parent.parent == second.parent.parent == tmp_path
    assert (first.name, second.name) == ("all-reports-progress.csv", "Zakho-clinic-progress.csv")
    rows = list(csv.DictReader(io.StringIO(second.read_text(encoding="utf-8"))))
    assert [(r["reviewer"], r["accepted"]) for r in rows] == [("amina", "1"), ("", "1")]
