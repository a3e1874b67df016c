"""MQM scores from the store: which errors count against which document, over which words.

English words of the sample: 9, 8, 7 and 6 in beads 0 to 3 (30 in all).
"""

import pytest

from workbench.mqm.penalty import PenaltyModel, model_from
from workbench.mqm.scoring import mqm_score
from workbench.mqm.spans import add_span, remove_span

from .samples import act, add_report


def _mark(db, bead_id, severity, user, lang="ar", **kw):
    kw.setdefault("category", "accuracy/mistranslation")
    return add_span(db, bead_id, lang, 0, 3, severity=severity, user=user, **kw)


@pytest.fixture
def reviewed(db):
    """amina: a major error in bead 0, bead 1 accepted; karwan: a minor error in bead 2 and
    an old-style critical flag on bead 3; the aligner's own flag on bead 3 is no error."""
    alignment = add_report(db)
    b = [bead.id for bead in alignment.beads]
    _mark(db, b[0], "major", "amina")
    act(db, alignment, b[1], "accept", "amina")
    _mark(db, b[2], "minor", "karwan")
    act(
        db,
        alignment,
        b[3],
        "flag",
        "karwan",
        after={"category": "omission", "severity": "critical"},
    )
    act(
        db,
        alignment,
        b[3],
        "flag",
        "aligner",
        after={"category": "disagreement", "severity": "minor"},
    )
    return alignment


def test_document_report_and_reviewer_scores_by_hand(db, reviewed):
    scores = mqm_score(db)
    (doc,) = scores.of("document")
    assert (doc.lang, doc.system, doc.alignment_id) == ("ar", "human", reviewed.id)
    assert doc.errors == {"minor": 1, "major": 1, "critical": 1}
    assert doc.penalty == 31 and doc.words == 30  # 1 + 5 + 25 over all four beads
    assert doc.score == pytest.approx(100 - 31 / 30 * 1000)
    assert doc.dimensions == {"accuracy": 3}
    (report,) = scores.of("report")
    assert (report.name, report.penalty, report.words) == ("Zakho clinic", 31, 30)
    amina, karwan = scores.of("reviewer")
    assert (amina.user, amina.penalty, amina.words) == ("amina", 5, 17)  # beads 0 and 1
    assert amina.score == pytest.approx(100 - 5 / 17 * 1000)
    assert (karwan.penalty, karwan.words) == (26, 13)  # beads 2 and 3
    assert scores.signature == "mqm|neutral:0|minor:1|major:5|critical:25|rwc:1000|ewc:src"


def test_weights_and_words_per_hundred(db, reviewed):
    model = model_from({"per_words": 100, "critical": 10, "accuracy/mistranslation": 2})
    (doc,) = mqm_score(db, model=model).of("document")
    assert doc.penalty == 2 * 1 + 2 * 5 + 10  # the flag is an omission: weight 1
    assert doc.score == pytest.approx(100 - 22 / 30 * 100)


def test_only_the_beads_reviewed_are_the_sample_unless_asked(db):
    alignment = add_report(db)
    _mark(db, alignment.beads[1].id, "major", "amina")
    (sample,) = mqm_score(db).of("document")
    (everything,) = mqm_score(db, evaluated_only=False).of("document")
    assert (sample.words, everything.words) == (8, 30)
    assert everything.score == pytest.approx(100 - 5 / 30 * 1000)


def test_removed_spans_do_not_count_and_stale_ones_do(db):
    alignment = add_report(db)
    b0, b1 = alignment.beads[:2]
    gone = _mark(db, b0.id, "critical", "amina")
    remove_span(db, gone.id, "amina")
    _mark(db, b1.id, "minor", "amina")
    text = "عاين الأطباء أربعين مريضا في اليوم الأول."
    act(db, alignment, b1.id, "edit", before={"texts": {"1": text}}, after={"texts": {"1": "x"}})
    (doc,) = mqm_score(db).of("document")
    assert (doc.penalty, doc.stale, doc.words) == (1, 1, 17)


def test_nothing_reviewed_has_no_score(db):
    add_report(db)
    (doc,) = mqm_score(db, model=PenaltyModel()).of("document")
    assert (doc.words, doc.score, doc.count) == (0, None, 0)


def test_four_languages_each_translation_on_its_own(db):
    alignment = add_report(db, langs=("en", "ar", "ckb", "kmr"))
    b0, b1 = (b.id for b in alignment.beads[:2])
    _mark(db, b0, "major", "amina", lang="en", against="ckb", category="accuracy/omission")
    _mark(db, b0, "minor", "amina", lang="kmr")
    act(db, alignment, b1, "accept", "amina")
    act(db, alignment, b1, "flag", "amina", after={"category": "style", "severity": "minor"})
    scores = mqm_score(db)
    docs = {d.lang: d for d in scores.of("document")}
    assert {k: d.penalty for k, d in docs.items()} == {"ar": 0, "ckb": 5, "kmr": 1}
    # bead 0 was evaluated in Sorani and Kurmanji (the spans), bead 1 in all (the accept)
    assert {k: d.words for k, d in docs.items()} == {"ar": 8, "ckb": 17, "kmr": 17}
    assert scores.unplaced == 1  # the flag names no language
    (amina,) = scores.of("reviewer")
    assert (amina.penalty, amina.words) == (6, 8 + 17 + 17)
    (report,) = scores.of("report")
    assert report.score == pytest.approx(100 - 6 / 42 * 1000)


def test_one_reviewer_and_chosen_reports(db, reviewed):
    add_report(db, name="other")
    scores = mqm_score(db, ["Zakho clinic"], user="karwan")
    assert [r.name for r in scores.of("reviewer")] == ["karwan"]
    assert [r.name for r in scores.of("report")] == ["Zakho clinic"]
