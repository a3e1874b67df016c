"""An alignment in the store, read as rows: edits applied, statuses, flags, comments."""

import pytest

from workbench.errors import InputError, NotFound
from workbench.formats.collect import parallel_text
from workbench.records import Alignment, Bead, Document, Report, Segment
from workbench.store import alignments, reports


def test_rows_carry_current_texts_and_statuses(reviewed):
    text = parallel_text(reviewed.db, reviewed.alignment_id)
    assert text.languages == ("en", "ar", "ckb")
    assert [dict(r.texts) for r in text.rows] == [e["texts"] for e in reviewed.expected]
    assert [r.status for r in text.rows] == [e["status"] for e in reviewed.expected]


def test_rows_carry_kind_scores_flags_and_comments(reviewed):
    rows = parallel_text(reviewed.db, reviewed.alignment_id).rows
    assert [r.kind for r in rows] == ["1-1-1", "2-1-2", "0-1-0", "1-1-1", "1-0-0"]
    assert rows[1].evidence == pytest.approx(0.6) and rows[1].confidence == pytest.approx(0.8)
    assert rows[1].chrf is None  # nothing scored it
    flag = rows[2].flags[0]
    assert (flag.category, flag.severity, flag.comment, flag.user) == (
        "addition",
        "major",
        "not in the original",
        "amina",
    )
    assert rows[3].comments == ("check the date",)


def test_report_and_alignment_are_named(reviewed):
    text = parallel_text(reviewed.db, reviewed.alignment_id)
    assert (text.report, text.title, text.method, text.signature) == (
        "committee-2024",
        "Committee hearing",
        "test",
        "test|v1",
    )


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["accepted"], ["accepted"]),
        (["accepted", "edited"], ["accepted", "edited"]),
        (["auto"], ["auto"]),
        (None, ["accepted", "edited", "flagged", "rejected", "auto"]),
    ],
)
def test_statuses_choose_beads(reviewed, statuses, expected):
    text = parallel_text(reviewed.db, reviewed.alignment_id, statuses=statuses)
    assert [r.status for r in text.rows] == expected


def test_languages_choose_and_order_columns(reviewed):
    text = parallel_text(reviewed.db, reviewed.alignment_id, languages=["ckb", "en"])
    assert text.languages == ("ckb", "en")
    # the Arabic-only addition has no text in either language and is left out
    assert [r.status for r in text.rows] == ["accepted", "edited", "rejected", "auto"]


def test_unknown_language_is_refused(reviewed):
    with pytest.raises(InputError, match="has en, ar, ckb; choose among them"):
        parallel_text(reviewed.db, reviewed.alignment_id, languages=["kmr"])


def test_unknown_status_is_refused(reviewed):
    with pytest.raises(InputError, match="Unknown status done"):
        parallel_text(reviewed.db, reviewed.alignment_id, statuses=["done"])


def test_missing_alignment_is_not_found(db):
    with pytest.raises(NotFound, match="There is no alignment 42"):
        parallel_text(db, 42)


def test_two_documents_in_one_language_are_refused(db):
    report = reports.add_report(db, Report("twins"))
    docs = [
        reports.add_document(db, report.id, Document("en", sha256=s, segments=(Segment(0, s),)))[0]
        for s in ("one", "two")
    ]
    alignment = alignments.save_alignment(
        db,
        Alignment((docs[0].id, docs[1].id), "t", "s", (Bead(((0,), (0,))),), report_id=report.id),
    )
    with pytest.raises(InputError, match="two documents in the same language"):
        parallel_text(db, alignment.id)
