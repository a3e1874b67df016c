import re

import pytest

from tests.review.samples import add_report
from workbench.records import Bead, ReviewEvent
from workbench.review.rows import Query, machine_translated, open_review, page_of
from workbench.store import review
from workbench.ui import render
from workbench.ui.diff import word_diff

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _table(db, alignment_id, langs, **kw):
    opened = open_review(db, alignment_id, langs, **kw)
    return render.review_table(opened, page_of(opened.rows, Query()))


def _cells(html, lang):
    return re.findall(rf'<td class="wb-text[^"]*" lang="{lang}" dir="(\w+)"', html)


@pytest.mark.parametrize(
    ("lang", "direction"), [("ar", "rtl"), ("ckb", "rtl"), ("en", "ltr"), ("kmr", "ltr")]
)
def test_cells_carry_their_language_and_direction(db, lang, direction):
    alignment = add_report(db, langs=("en", "ar", "ckb", "kmr"))
    html = _table(db, alignment.id, ["en", "ar", "ckb", "kmr"])
    assert _cells(html, lang) == [direction] * 5


def test_user_text_is_escaped_everywhere(db):
    alignment = add_report(db, name=HOSTILE, langs=("en", "ar"))
    bead = alignment.beads[0]
    review.record_event(
        db, ReviewEvent("edit", "amina", alignment.id, bead.id, after={"texts": {"0": HOSTILE}})
    )
    review.record_event(
        db,
        ReviewEvent(
            "flag", "amina", alignment.id, bead.id,
            after={"category": HOSTILE, "severity": "minor"}, comment=HOSTILE,
        ),
    )  # fmt: skip
    opened = open_review(db, alignment.id)
    row = opened.rows[0]
    html = "".join(
        [
            render.review_table(opened, page_of(opened.rows, Query())),
            render.progress(opened, page_of(opened.rows, Query())),
            render.bead_panel(row, [], review.events(db, alignment.id), set()),
        ]
    )
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_reports_table_escapes_names_and_links_safely():
    html = render.reports_table(
        [{"name": HOSTILE, "title": HOSTILE, "date": "", "versions": [], "alignments": 0,
          "reviewed": 0, "total": 0}]
    )  # fmt: skip
    assert "<script>" not in html
    assert 'href="?report=%3Cscript%3E' in html


def test_omissions_say_so(db):
    from workbench.store import alignments

    alignment = add_report(db, langs=("en", "ar"))
    alignments.restructure(
        db, alignment.id, "amina", "unalign", [alignment.beads[0].id],
        [Bead(((0,), ())), Bead(((), (0,)))],
    )  # fmt: skip
    assert "no sentence" in _table(db, alignment.id, ["en", "ar"])


def test_mt_column_marks_what_differs_from_the_human_version(db):
    alignment = add_report(db, langs=("en", "ar"))
    opened = open_review(db, alignment.id, ["en", "ar"])
    opened, page = machine_translated(
        opened, page_of(opened.rows, Query()), lambda texts, s, t: ["محطة <b>جديدة</b>"] * 5
    )
    html = render.review_table(opened, page)
    assert 'class="wb-text wb-mt" lang="ar" dir="rtl"' in html
    assert '<mark class="wb-mt-only">&lt;b&gt;جديدة&lt;/b&gt;</mark>' in html


@pytest.mark.parametrize(
    ("mt", "human", "pieces"),
    [
        ("a b c", "a b c", [("same", "a b c")]),
        ("a x c", "a b c", [("same", "a"), ("mt", "x"), ("human", "b"), ("same", "c")]),
        ("a b", "a b c", [("same", "a b"), ("human", "c")]),
        ("", "a", [("human", "a")]),
    ],
)
def test_word_diff(mt, human, pieces):
    assert word_diff(mt, human) == pieces


def test_progress_says_reviewed_of_total(db, alignment):
    review.record_event(db, ReviewEvent("accept", "amina", alignment.id, alignment.beads[0].id))
    opened = open_review(db, alignment.id)
    html = render.progress(opened, page_of(opened.rows, Query()))
    assert "Reviewed 1 / 5" in html


def test_the_mqm_line_shows_the_penalty_and_says_when_a_sample_is_small():
    from workbench.mqm.scoring import MqmRow

    def row(words, penalty, errors):
        score = 100 - penalty / words * 1000
        return MqmRow("document", "x", lang="ar", errors=errors, penalty=penalty, words=words,
                      score=score)  # fmt: skip

    small = render.mqm_scores([row(7, 30, {"major": 1, "critical": 1})], 1000)
    assert "-4185.7" in small and "30 penalty points in 2 errors over 7 words" in small
    assert "4285.7 per 1000" in small and "a small sample" in small
    steady = render.mqm_scores([row(800, 5, {"major": 1})], 1000)
    assert "93.8" in steady and "5 penalty points in 1 error over 800 words" in steady
    assert "a small sample" not in steady
