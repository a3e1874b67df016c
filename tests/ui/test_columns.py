"""The review table's columns: one spec gives the header, the cells and the API's fields."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from markupsafe import Markup

from tests.review.samples import add_report
from workbench.review.rows import Query, open_review, page_of
from workbench.ui import columns, render


def _opened(db, langs):
    alignment = add_report(db)
    opened = open_review(db, alignment.id, langs)
    return opened, page_of(opened.rows, Query())


@pytest.mark.parametrize("langs", [["en", "ar"], ["en", "ar", "ckb"]])
def test_every_row_has_a_cell_under_every_header(db, langs):
    opened, page = _opened(db, langs)
    html = render.review_table(opened, page)
    heads = len(re.findall(r"<th ", html))
    assert heads == len(columns.headers(opened)) == len(langs) + 5
    for row in re.findall(r"<tr class=\"wb-row.*?</tr>", html, flags=re.S):
        assert len(re.findall(r"<td ", row)) == heads


def test_the_empty_table_spans_every_column(db):
    opened, page = _opened(db, ["en", "ar", "ckb"])
    html = render.review_table(opened, replace(page, rows=()))
    assert f'colspan="{len(columns.headers(opened))}"' in html


def test_a_new_column_is_one_spec_in_the_table_and_the_api(db):
    opened, page = _opened(db, ["en", "ar"])
    qa = columns.ReviewColumn(
        "qa",
        headers=lambda review: [columns.Header("QA", "Checks between versions", "wb-qa")],
        cells=lambda review, row: [Markup('<td class="wb-qa">{}</td>').format(row.kind)],
        fields=lambda review, row: {"qa": row.kind},
    )
    with_qa = (*columns.REVIEW_COLUMNS, qa)
    heads = columns.headers(opened, with_qa)
    assert heads[-1].text == "QA" and len(heads) == len(columns.headers(opened)) + 1
    row = page.rows[0]
    assert columns.cells(opened, row, with_qa).endswith(f'<td class="wb-qa">{row.kind}</td>')
    assert columns.api_row(opened, row, with_qa)["qa"] == row.kind


def test_the_api_row_keeps_every_field(db):
    opened, page = _opened(db, ["en", "ar"])
    fields = columns.api_row(opened, page.rows[0])
    assert set(fields) == {
        "bead_id", "number", "kind", "texts", "status", "score", "score_signature",
        "score_comparable", "confidence", "flags", "comments", "mt", "qa",
    }  # fmt: skip
    assert list(fields["texts"]) == ["en", "ar"]


def test_the_score_column_names_its_metric(db):
    opened, _ = _opened(db, ["en", "ar"])
    score = next(h for h in columns.headers(opened) if h.css == "wb-score")
    assert score.text == "chrF" and "chrF" in score.title and "0-100" in score.title


def test_a_score_made_with_another_signature_is_marked_not_comparable(db):
    from workbench.review.rows import BeadScore, Sources

    alignment = add_report(db, langs=("en", "ar"))
    usual, other = "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0", "...nw:2..."
    beads = [b.id for b in alignment.beads]
    made = {beads[0]: BeadScore(40.0, usual), beads[1]: BeadScore(55.5, other)}
    made[beads[2]] = BeadScore(61.0, usual)
    sources = Sources(bead_scores=lambda aid, lang: made if lang == "ar" else {})
    opened = open_review(db, alignment.id, ["en", "ar"], sources=sources)
    assert opened.score_signature == usual
    first, second = opened.rows[0], opened.rows[1]
    assert opened.comparable(first) and not opened.comparable(second)
    assert "not comparable" not in columns.cells(opened, first).lower()
    cell = columns.cells(opened, second)
    assert "55.5<sup>†</sup>" in cell and f"made with {other}" in cell and "wb-score-other" in cell
    header = next(h for h in columns.headers(opened) if h.css == "wb-score")
    assert f"signature {usual}" in header.title
    api = columns.api_row(opened, second)
    assert (api["score"], api["score_signature"], api["score_comparable"]) == (55.5, other, False)
