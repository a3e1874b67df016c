"""Expected quality: what the published scores say about the models a translation uses."""

import pytest

from workbench.translate.quality import (
    DRAFT,
    leg_quality,
    model_choices,
    signature_quality,
    translation_summary,
)

IIR = "Helsinki-NLP/opus-mt-tc-bible-big-deu_eng_fra_por_spa-iir"
TATOEBA_IRA_ENG = "Tatoeba-MT-models/ira-eng/opus4m+btTCv20210807-2021-09-30"


def test_a_well_scored_direction_is_not_draft_only(settings):
    summary = translation_summary("ar", "en", settings)
    assert summary.models == ("Helsinki-NLP/opus-mt-tc-big-ar-en",)
    assert summary.expected.startswith("chrF 67.2 / BLEU 42.8 (FLORES-200 devtest, OPUS-MT")
    assert not summary.draft_only and summary.warning == ""
    assert summary.permissive and summary.licences[0].startswith("Creative Commons Attribution")


def test_a_score_under_40_is_draft_only():
    leg = leg_quality(TATOEBA_IRA_ENG, "kmr", "en")
    assert leg.chrf == 29.6 and leg.draft_only


def test_an_unpublished_model_is_draft_only_and_says_what_is_known(settings):
    summary = translation_summary("en", "ckb", settings)
    assert summary.models == (IIR,) and summary.expected == "no published score"
    assert summary.draft_only
    assert summary.warning.startswith(DRAFT + " (en->ckb: no published score for " + IIR)
    assert "chrF 30.0, Tatoeba-MT-models/eng-ira" in summary.warning


def test_the_best_profile_shows_the_licence_that_forbids_commercial_use(settings):
    summary = translation_summary("en", "ckb", settings, profile="best")
    assert summary.models == ("facebook/nllb-200-1.3B",)
    assert summary.architectures == ("NLLB-200",)
    assert "NO commercial use" in summary.licences[0] and not summary.permissive
    assert summary.expected.startswith("chrF 46.7 / BLEU 8.9") and not summary.draft_only


def test_a_pivot_shows_each_leg_and_is_draft_only_when_one_leg_is(settings):
    summary = translation_summary("ar", "ckb", settings)
    assert summary.route == ("ar", "en", "ckb")
    assert summary.expected.startswith("ar->en: chrF 67.2")
    assert "en->ckb: no published score" in summary.expected and summary.draft_only


def test_a_model_the_catalog_does_not_know_has_no_score(settings, tmp_path):
    summary = translation_summary("en", "ar", settings, model=str(tmp_path / "mine"))
    assert summary.licences == ("unknown",) and not summary.permissive
    assert summary.draft_only and "no published score" in summary.warning


def test_the_model_choices_of_a_direction_say_quality_licence_and_profile():
    choices = {c.quality.model: c for c in model_choices("en", "ckb")}
    best = choices["facebook/nllb-200-1.3B"]
    assert best.profiles == ("best",) and best.quality.chrf == 46.7
    assert best.quality.architecture == "nllb" and not best.quality.licence.permissive
    assert choices[IIR].profiles == ("open",) and choices[IIR].quality.licence.permissive
    assert choices[IIR].quality.draft_only and choices[IIR].quality.kin_chrf == 30.0


def test_a_direction_served_only_through_a_pivot_under_open_offers_nllb():
    choices = model_choices("Sorani", "kmr")  # any spelling the languages module knows
    assert choices and all("open" not in c.profiles for c in choices)
    assert [c.quality.model for c in choices if "best" in c.profiles] == [
        max(choices, key=lambda c: c.quality.chrf or 0.0).quality.model
    ]


def test_the_quality_of_a_signature(settings):
    single = "model:Helsinki-NLP/opus-mt-tc-big-en-ar|rev:ae9f1b2fd512|engine:ct2|version:0.1"
    assert signature_quality(single, "en", "ar").chrf == 61.5
    pivot = (
        "pivot:ckb>en>ar|legs:[model:Helsinki-NLP/opus-mt-tc-bible-big-iir-en|engine:ct2] "
        "[model:Helsinki-NLP/opus-mt-tc-big-en-ar|engine:ct2]|version:0.1"
    )
    for signed in (pivot, "tm:exact|" + pivot):  # translation memory first, then the models
        quality = signature_quality(signed, "ckb", "ar")
        assert [(leg.src, leg.tgt, leg.chrf) for leg in quality.legs] == [
            ("ckb", "en", None), ("en", "ar", 61.5)
        ]
        assert quality.draft_only


def test_the_quality_of_a_system_name_as_reports_show_it():
    assert signature_quality("Helsinki-NLP/opus-mt-tc-big-en-ar", "en", "ar").chrf == 61.5
    pivot = "Helsinki-NLP/opus-mt-tc-big-ar-en>" + IIR  # ar -> en -> ckb
    quality = signature_quality(pivot, "ar", "ckb")
    assert [(leg.src, leg.tgt) for leg in quality.legs] == [("ar", "en"), ("en", "ckb")]
    assert quality.legs[0].chrf == 67.2 and quality.draft_only


@pytest.mark.parametrize(
    "signature", ["", "human translation", "fake:en-ar|version:1", "original", "mine>yours"]
)
def test_a_signature_without_a_model_has_no_expected_quality(signature):
    assert signature_quality(signature, "en", "ar") is None


@pytest.mark.parametrize(
    "tgt, expected, draft",
    [("ar", "chrF 61.5 / BLEU 29.7", False), ("ckb", "no published score", True)],
)
def test_a_quality_report_shows_what_the_model_is_published_to_do(
    db, catalog_models, settings, tgt, expected, draft
):
    from tests.review.samples import add_versions
    from workbench.align.report import align_report
    from workbench.score.render import render_html
    from workbench.score.report import report_from_store
    from workbench.translate.stored import translate_document

    report, (english, _) = add_versions(db, "Erbil water", ["en", tgt])
    align_report(db, report.name)
    translate_document(db, english.id, tgt, settings, engine="ct2")
    quality = report_from_store(db, [report.name], test=None)
    [row] = quality.expected
    assert (row.source_lang, row.lang, row.draft_only) == ("en", tgt, draft)
    assert row.expected.startswith(expected)
    html = render_html(quality)
    assert "Expected quality of the models" in html and expected in html
    assert (DRAFT in html) == draft
