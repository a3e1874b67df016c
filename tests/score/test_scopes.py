"""Scores at bead, document, report, collection and system scope, and how they are stored."""

from __future__ import annotations

import pytest
import sacrebleu
from score_store import add_report

import workbench
from workbench.errors import InputError, NotFound
from workbench.records import Score
from workbench.score.metrics import ScoreOptions
from workbench.score.pairs import pairsets_for_report
from workbench.score.scopes import ScoreScope, score_pairsets, score_reports, score_scope
from workbench.store.scores import bead_scores, get_scores, save_scores


def texts(db, report, system="opus-mt-en-ar"):
    [found] = pairsets_for_report(db, report, system=system).pairsets
    return [p.hypothesis for p in found.pairs], [p.reference for p in found.pairs]


def value(sheet, scope, scope_ref, metric):
    [found] = [
        s for s in sheet.scores if (s.scope, s.scope_ref, s.metric) == (scope, scope_ref, metric)
    ]
    return found.value


def test_report_and_document_scores_are_corpus_scores_of_the_pairs(db, store_report):
    sheet = score_reports(db, [store_report.name])
    hyps, refs = texts(db, store_report.name)
    bleu = sacrebleu.corpus_bleu(hyps, [refs]).score
    assert value(sheet, "report", "annual-2024/opus-mt-en-ar/ar", "bleu") == bleu
    docs = store_report.docs
    doc_ref = f"annual-2024/opus-mt-en-ar/ar/doc{docs['ar-mt-a']}-doc{docs['ar']}"
    assert value(sheet, "document", doc_ref, "bleu") == bleu
    assert {s.scope for s in sheet.scores} == {"bead", "document", "report"}


def test_the_report_score_is_sacrebleus_on_the_joined_bead_texts(db, store_report):
    from score_store import ARABIC, ARABIC_MT_A

    hyps = [
        ARABIC_MT_A[0],
        f"{ARABIC_MT_A[1]} {ARABIC_MT_A[2]}",
        ARABIC_MT_A[3],
        "",
        ARABIC_MT_A[4],
    ]
    refs = [ARABIC[0], ARABIC[1], "", ARABIC[2], ARABIC[3]]
    sheet = score_reports(db, [store_report.name], lang="ar")
    for metric, score in (
        ("bleu", sacrebleu.corpus_bleu),
        ("chrf", sacrebleu.corpus_chrf),
        ("ter", sacrebleu.corpus_ter),
    ):
        expected = score(hyps, [refs]).score
        assert value(sheet, "report", "annual-2024/opus-mt-en-ar/ar", metric) == expected


def test_bead_scores_are_sentence_scores(db, store_report):
    sheet = score_reports(db, [store_report.name], options=ScoreOptions(("bleu", "chrf")))
    hyps, refs = texts(db, store_report.name)
    beads = [s for s in sheet.at("bead") if s.details["system"] == "opus-mt-en-ar"]
    bleu = [s.value for s in beads if s.metric == "bleu"]
    assert bleu == [sacrebleu.sentence_bleu(h, [r]).score for h, r in zip(hyps, refs, strict=True)]
    omission = [s for s in beads if s.details["omission"]]
    assert {s.value for s in omission} == {0.0}
    assert all("eff:yes" in s.signature for s in beads if s.metric == "bleu")


def test_a_collection_scores_the_reports_together(db, store_report):
    add_report(db, "other-2023")
    sheet = score_reports(db, ["annual-2024", "other-2023"], collection="reports-2020s")
    hyps, refs = texts(db, "annual-2024")
    hyps2, refs2 = texts(db, "other-2023")
    expected = sacrebleu.corpus_chrf(hyps + hyps2, [refs + refs2]).score
    assert value(sheet, "collection", "reports-2020s/opus-mt-en-ar/ar", "chrf") == expected
    [collection] = [
        s
        for s in sheet.at("collection")
        if s.metric == "chrf" and s.details["system"] == "opus-mt-en-ar"
    ]
    assert collection.details["reports"] == ["annual-2024", "other-2023"]
    assert collection.details["segments"] == 10 and collection.details["omissions"] == 2


def test_a_score_scope_is_what_score_reports_scores(db, store_report):
    add_report(db, "other-2023")
    scope = ScoreScope.of(["annual-2024", "other-2023"], "two", lang="ar", system="opus-mt-en-ar")
    assert (scope.widest, ScoreScope.of(None).widest, ScoreScope.of(["a"]).widest) == (
        "collection", "system", "report"
    )  # fmt: skip
    sheet = score_scope(db, scope, save=False)
    same = score_reports(db, ["annual-2024", "other-2023"], collection="two", lang="ar",
                         system="opus-mt-en-ar", save=False)  # fmt: skip
    assert [(s.scope, s.scope_ref, s.value) for s in sheet.scores] == [
        (s.scope, s.scope_ref, s.value) for s in same.scores
    ]
    assert value(sheet, "collection", "two/opus-mt-en-ar/ar", "chrf") > 0


def test_a_collection_without_a_name_joins_the_report_names(db, store_report):
    add_report(db, "other-2023")
    sheet = score_reports(db, ["annual-2024", "other-2023"], lang="ckb")
    assert [s.scope_ref for s in sheet.at("collection")][
        0
    ] == "annual-2024+other-2023/opus-mt-en-ckb/ckb"


def test_every_report_gives_the_system_scope(db, store_report):
    add_report(db, "other-2023")
    sheet = score_reports(db, None, options=ScoreOptions(("ter",)))
    refs = {s.scope_ref for s in sheet.at("system")}
    assert refs == {"opus-mt-en-ar/ar", "tiny-marian/ar", "opus-mt-en-ckb/ckb"}


def test_a_report_that_is_not_ready_does_not_block_the_others(db, store_report):
    from workbench.records import Report
    from workbench.store.reports import add_report as add_empty

    add_empty(db, Report("not-translated-yet"))
    sheet = score_reports(db, None)
    assert any("not-translated-yet" in note for note in sheet.notes)
    assert sheet.at("system")


def test_scores_are_saved_once_however_often_they_are_computed(db, store_report):
    first = score_reports(db, [store_report.name])
    score_reports(db, [store_report.name])
    stored = get_scores(db)
    assert len(stored) == len(first.scores)
    report_rows = get_scores(db, scope="report", scope_ref="annual-2024/opus-mt-en-ar/ar")
    assert {s.metric for s in report_rows} == {"bleu", "chrf", "ter"}
    assert report_rows[0].details["name"] in ("BLEU", "chrF2", "TER")


def test_scores_under_a_prefix(db, store_report):
    score_reports(db, [store_report.name])
    under = get_scores(db, under="annual-2024/opus-mt-en-ckb")
    assert under and all(s.scope_ref.startswith("annual-2024/opus-mt-en-ckb/") for s in under)
    assert not get_scores(db, under="annual-2024/opus-mt-en-c")


def test_a_different_normalization_is_a_different_score(db, store_report):
    score_reports(db, [store_report.name], lang="ar", options=ScoreOptions(("chrf",)))
    score_reports(
        db, [store_report.name], lang="ar", options=ScoreOptions(("chrf",), normalize="ar-match")
    )
    rows = get_scores(db, scope="report", scope_ref="annual-2024/opus-mt-en-ar/ar")
    schemes = sorted(s.signature.rsplit("|", 1)[1] for s in rows)
    assert schemes == ["textnorm:ar-match", "textnorm:none"]


def test_bead_scores_of_an_alignment_for_the_ui(db, store_report):
    score_reports(db, [store_report.name], options=ScoreOptions(("chrf",)))
    found = bead_scores(db, store_report.ar_alignment)
    assert len(found) == 5  # five beads; each scored for both Arabic systems
    assert all(
        {s.details["system"] for s in scores} == {"opus-mt-en-ar", "tiny-marian"}
        for scores in found.values()
    )


def test_nothing_is_saved_when_asked_not_to(db, store_report):
    score_reports(db, [store_report.name], save=False)
    assert get_scores(db) == []


def test_an_unknown_scope_is_refused(db):
    with pytest.raises(InputError, match="Unknown score scope 'galaxy'"):
        save_scores(db, [Score("bleu", 1.0, "galaxy", "x", "sig")])


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda db: score_reports(db, None), InputError, "no reports yet"),
        (lambda db: score_reports(db, ["missing"]), NotFound, "There is no report"),
        (lambda db: score_pairsets([], widest="report"), InputError, "nothing to score"),
        (lambda db: score_pairsets([], widest="galaxy"), InputError, "Unknown scope"),
    ],
)
def test_bad_requests_are_clear_errors(db, call, error, message):
    with pytest.raises(error, match=message):
        call(db)


def test_public_api_exposes_score_reports():
    assert workbench.score_reports is score_reports


def test_the_review_table_shows_each_beads_newest_score_with_its_signature(db, store_report):
    from dataclasses import replace

    from workbench.review.quality import bead_scores as review_scores
    from workbench.review.rows import BeadScore

    score_reports(db, [store_report.name], options=ScoreOptions(("chrf",)))
    shown = review_scores(db)(store_report.ar_alignment, "ar")
    assert len(shown) == 5 and len({s.signature for s in shown.values()}) == 1
    assert review_scores(db)(store_report.ar_alignment, "ckb") == {}
    bead = next(iter(shown))
    newest = bead_scores(db, store_report.ar_alignment)[bead][-1]
    save_scores(db, [replace(newest, value=12.0, signature="nrefs:1|nw:2|version:9", id=None)])
    again = review_scores(db)(store_report.ar_alignment, "ar")
    assert again[bead] == BeadScore(12.0, "nrefs:1|nw:2|version:9")
    assert all(again[b] == shown[b] for b in shown if b != bead)
