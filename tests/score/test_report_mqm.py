"""The quality report sets reviewers' MQM scores beside chrF per document, with their
correlation, and draws each alignment's path."""

import csv
import io

import pytest

from workbench.mqm.penalty import model_from
from workbench.mqm.spans import add_span
from workbench.records import Alignment, Bead, ReviewEvent
from workbench.score.correlation import kendall, pearson
from workbench.score.render import render_csv, render_html
from workbench.score.report import report_from_store
from workbench.store import alignments, review

ENGLISH_WORDS = 7 + 4 + 4 + 4 + 6  # the five sentences of score_store.ENGLISH


def _review(db, store_report, key, errors):
    """Align a machine translation with the English, accept every bead, mark `errors`
    ((bead, severity) pairs) on its text."""
    made = alignments.save_alignment(
        db,
        Alignment(
            (store_report.docs["en"], store_report.docs[key]), "test", "test",
            tuple(Bead(((i,), (i,))) for i in range(5)), report_id=store_report.report_id,
        ),
    )  # fmt: skip
    for bead in made.beads:
        review.record_event(db, ReviewEvent("accept", "amina", made.id, bead.id))
    for k, severity in errors:
        add_span(db, made.beads[k].id, 1, 0, 3, "accuracy/mistranslation", severity, "amina")


@pytest.fixture
def reviewed(db, store_report):
    _review(db, store_report, "ar-mt-a", [(0, "minor")])
    _review(db, store_report, "ar-mt-b", [(1, "major"), (2, "critical")])
    _review(db, store_report, "ckb-mt", [(3, "major")])
    return report_from_store(db, [store_report.name], test=None)


def test_mqm_per_document_beside_chrf_with_the_correlation(reviewed, store_report):
    mqm = reviewed.mqm
    docs = {d["document_id"]: d for d in mqm["documents"] if d["mqm"] is not None}
    ids = store_report.docs
    assert {k: docs[ids[k]]["mqm"] for k in ("ar-mt-a", "ar-mt-b", "ckb-mt")} == pytest.approx(
        {
            "ar-mt-a": 100 - 1 / ENGLISH_WORDS * 1000,
            "ar-mt-b": 100 - 30 / ENGLISH_WORDS * 1000,
            "ckb-mt": 100 - 5 / ENGLISH_WORDS * 1000,
        }
    )
    chrf = {
        row.document: row.value
        for row in reviewed.scores
        if row.scope == "document" and row.metric == "chrf"
    }
    keys = [ids[k] for k in ("ar-mt-a", "ar-mt-b", "ckb-mt")]
    assert [docs[k]["metric"] for k in keys] == [chrf[k] for k in keys]
    xs, ys = [docs[k]["mqm"] for k in keys], [chrf[k] for k in keys]
    assert mqm["paired"] == 3 and mqm["metric"] == "chrF2"
    assert mqm["pearson"] == pytest.approx(pearson(xs, ys))
    assert mqm["kendall"] == pytest.approx(kendall(xs, ys))


def test_the_page_and_the_csv_show_it(reviewed):
    html = render_html(reviewed)
    assert "Human evaluation (MQM)" in html and "Pearson r = " in html
    assert "Alignment paths" in html and html.count("en-ar: 5 beads") == 3  # human, mt-a, mt-b
    rows = list(csv.DictReader(io.StringIO(render_csv(reviewed))))
    assert {r["metric"] for r in rows if r["section"] == "mqm-correlation"} == {
        "pearson MQM-chrF2", "kendall MQM-chrF2",
    }  # fmt: skip
    assert any(r["section"] == "mqm" and r["scope"] == "reviewer" for r in rows)


def test_fewer_than_three_documents_say_so_and_weights_apply(db, store_report):
    _review(db, store_report, "ar-mt-a", [(0, "major")])
    built = report_from_store(
        db, [store_report.name], test=None, mqm_model=model_from({"major": 2, "per_words": 100})
    )
    assert built.mqm["pearson"] is None and built.mqm["paired"] == 1
    (doc,) = [d for d in built.mqm["documents"] if d["mqm"] is not None]
    assert doc["mqm"] == pytest.approx(100 - 2 / ENGLISH_WORDS * 100)
    assert "needs at least 3 documents with both scores; this report has 1" in render_html(built)


def test_no_review_no_mqm_section(db, store_report):
    built = report_from_store(db, [store_report.name], test=None)
    assert built.mqm == {} and "Human evaluation (MQM)" not in render_html(built)
