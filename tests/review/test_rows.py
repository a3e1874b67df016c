import pytest

from tests.review.samples import SENTENCES, add_report
from workbench.errors import InputError, NotFound
from workbench.records import Bead, ReviewEvent
from workbench.review.rows import (
    PAGE_SIZE,
    Query,
    Row,
    Sources,
    choose_alignment,
    machine_translated,
    open_review,
    page_of,
    select,
)
from workbench.store import alignments, review


def _event(alignment, bead_id, action, **kw):
    return ReviewEvent(action, "amina", alignment.id, bead_id, **kw)


def test_rows_follow_the_chosen_languages_in_document_order(db, alignment):
    opened = open_review(db, alignment.id, ["ckb", "en"])
    assert [c.lang for c in opened.columns] == ["ckb", "en"]
    assert [r.number for r in opened.rows] == [1, 2, 3, 4, 5]
    assert opened.rows[0].texts == (SENTENCES["ckb"][0], SENTENCES["en"][0])
    assert opened.report == "Erbil water"


def test_no_languages_means_every_language_of_the_alignment(db, alignment):
    assert [c.lang for c in open_review(db, alignment.id).columns] == ["en", "ar", "ckb"]


def test_edits_and_statuses_come_from_the_events(db, alignment):
    bead = alignment.beads[1]
    review.record_event(db, _event(alignment, bead.id, "edit", after={"texts": {"1": "جديد"}}))
    review.record_event(
        db,
        _event(alignment, bead.id, "flag", after={"category": "style", "severity": "minor"}),
    )
    row = open_review(db, alignment.id, ["en", "ar"]).rows[1]
    assert row.texts == (SENTENCES["en"][1], "جديد")
    assert row.edited == (False, True)
    assert row.status == "flagged" and row.flags[0]["category"] == "style"


def test_progress_counts_reviewed_beads(db, alignment):
    review.record_event(db, _event(alignment, alignment.beads[0].id, "accept"))
    review.record_event(db, _event(alignment, alignment.beads[2].id, "reject"))
    opened = open_review(db, alignment.id)
    assert (opened.reviewed, opened.total) == (2, 5)


@pytest.mark.parametrize(
    ("langs", "message"),
    [
        (["en", "kmr"], "no 'kmr' version"),
        (["en", "ar", "ckb", "kmr", "en"], "at most 4"),
    ],
)
def test_languages_the_alignment_lacks_are_refused(db, alignment, langs, message):
    with pytest.raises(InputError, match=message):
        open_review(db, alignment.id, langs)


def test_an_alignment_that_does_not_exist_is_not_found(db):
    with pytest.raises(NotFound, match="no alignment 42"):
        open_review(db, 42)


def test_choose_alignment_takes_the_newest_that_joins_the_languages(db, alignment):
    assert choose_alignment(db, "Erbil water", ["ar", "ckb"]).id == alignment.id
    with pytest.raises(NotFound, match="joins en, kmr"):
        choose_alignment(db, "Erbil water", ["en", "kmr"])


def test_a_report_without_alignment_says_so(db):
    from workbench.records import Report
    from workbench.store import reports

    reports.add_report(db, Report("empty"))
    with pytest.raises(NotFound, match="no alignment yet"):
        choose_alignment(db, "empty")


def test_bead_scores_come_from_sources(db, alignment):
    from workbench.review.rows import BeadScore

    scored = {alignment.beads[0].id: BeadScore(12.5, "nrefs:1|version:2.6.0")}
    sources = Sources(bead_scores=lambda aid, lang: scored if lang == "ar" else {})
    opened = open_review(db, alignment.id, ["en", "ar"], sources=sources)
    assert opened.rows[0].score == 12.5 and opened.rows[1].score is None
    assert opened.rows[0].score_signature == "nrefs:1|version:2.6.0"
    assert opened.score_signature == "nrefs:1|version:2.6.0"


def test_machine_translations_fill_the_page_only(db, alignment):
    asked = []

    def translate(texts, src, tgt):
        asked.append((len(texts), src, tgt))
        return [f"{src}>{tgt}:{t[:3]}" for t in texts]

    opened = open_review(db, alignment.id, ["en", "ar"])
    page = page_of(opened.rows, Query(order="document order", size=2))
    with_mt, page = machine_translated(opened, page, translate)
    assert with_mt.mt_target == "ar" and asked == [(2, "en", "ar")]
    assert [row.mt for row in page.rows] == ["en>ar:The", "en>ar:Aro"]


def _row(number, *, status="auto", score=None, confidence=0.9, segments=((0,), (0,)), flags=()):
    texts = tuple("x" if s else "" for s in segments)
    return Row(
        number, number, "", segments, texts, (False,) * len(texts), status, confidence, score,
        flags,
    )  # fmt: skip


ROWS = (
    _row(1, status="accepted", score=80.0, confidence=0.95),
    _row(2, score=20.0, confidence=0.9),
    _row(3, score=50.0, confidence=0.3),
    _row(4, segments=((1,), ()), confidence=0.99),
    _row(5, status="flagged", score=70.0, confidence=0.6, flags=({"category": "style"},)),
    _row(6, segments=((2, 3), (1,)), confidence=0.5),
)


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        (Query(), [4, 2, 3, 5, 1, 6]),
        (Query(order="document order"), [1, 2, 3, 4, 5, 6]),
        (Query(order="lowest confidence"), [3, 6, 5, 2, 1, 4]),
        (Query(order="lowest score"), [2, 3, 5, 1, 4, 6]),
        (Query(status="unreviewed", order="document order"), [2, 3, 4, 6]),
        (Query(status="reviewed", order="document order"), [1, 5]),
        (Query(status="flagged"), [5]),
        (Query(below_score=60, order="document order"), [2, 3]),
        (Query(below_confidence=0.55, order="document order"), [3, 6]),
        (Query(flagged_only=True), [5]),
        (Query(kind="omissions and additions"), [4]),
        (Query(kind="one to one", order="document order"), [1, 2, 3, 5]),
        (Query(kind="many"), [6]),
    ],
)
def test_filters_and_orders(query, numbers):
    assert [r.number for r in select(ROWS, query)] == numbers


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("status", "done", "Unknown status"), ("order", "best", "Unknown order")],
)
def test_unknown_filter_values_are_refused(field, value, message):
    with pytest.raises(InputError, match=message):
        select(ROWS, Query(**{field: value}))


@pytest.mark.parametrize(("page", "shown", "first"), [(1, 1, 1), (3, 3, 101), (99, 3, 101)])
def test_pages_of_a_large_report(db, page, shown, first):
    big = add_report(db, "big", ("en", "ar"), repeat=25)  # 125 beads
    opened = open_review(db, big.id)
    result = page_of(opened.rows, Query(order="document order", page=page))
    assert (result.number, result.pages, result.matching) == (shown, 3, 125)
    assert result.rows[0].number == first
    assert len(result.rows) == (PAGE_SIZE if shown < 3 else 25)


def test_merged_beads_are_one_row(db, alignment):
    b0, b1 = alignment.beads[:2]
    merged = Bead(((0, 1), (0, 1), (0, 1)))
    alignments.restructure(db, alignment.id, "amina", "merge", [b0.id, b1.id], [merged])
    first = open_review(db, alignment.id, ["en", "ar"]).rows[0]
    assert first.texts[0] == " ".join(SENTENCES["en"][:2])
    assert first.kind == "2-2-2"
