"""The workbench's scores are sacrebleu's, number for number and signature for signature."""

from __future__ import annotations

import pytest
import sacrebleu
from sacrebleu.metrics import BLEU, CHRF, TER
from score_cases import CASES

import workbench
from workbench.errors import InputError
from workbench.score.metrics import (
    OFFLINE_TOKENIZERS,
    ScoreOptions,
    Scoring,
    corpus_scores,
    sentence_scores,
)

METRIC_OBJECTS = {
    "bleu": lambda **kw: BLEU(**kw),
    "chrf": lambda **kw: CHRF(**kw),
    "chrf++": lambda **kw: CHRF(word_order=2, **kw),
    "ter": lambda **kw: TER(),
}
GRID = [(case, metric) for case in CASES for metric in METRIC_OBJECTS]


@pytest.mark.parametrize(("case", "metric"), GRID)
def test_corpus_score_and_signature_are_sacrebleus(case, metric):
    hyps, refs = CASES[case]
    expected_metric = METRIC_OBJECTS[metric]()
    expected = expected_metric.corpus_score(hyps, refs)
    [result] = corpus_scores(hyps, refs, metrics=[metric])
    assert result.score == expected.score
    assert result.name == expected.name
    assert result.details == expected._verbose
    assert result.sacrebleu_signature == expected_metric.get_signature().format()
    assert result.signature == expected_metric.get_signature().format() + "|textnorm:none"


@pytest.mark.parametrize(("case", "metric"), GRID)
def test_sentence_scores_are_sacrebleus(case, metric):
    hyps, refs = CASES[case]
    sentence_metric = METRIC_OBJECTS[metric](
        **({"effective_order": True} if metric == "bleu" else {})
    )
    rows = sentence_scores(hyps, refs, metrics=[metric])
    for i, hyp in enumerate(hyps):
        expected = sentence_metric.sentence_score(hyp, [stream[i] for stream in refs])
        assert rows[i][metric].score == expected.score, f"segment {i}"
    assert rows[0][metric].sacrebleu_signature == sentence_metric.get_signature().format()


@pytest.mark.parametrize("case", list(CASES))
def test_sacrebleus_shortcut_functions_agree(case):
    hyps, refs = CASES[case]
    bleu, chrf, ter = corpus_scores(hyps, refs)
    assert bleu.score == sacrebleu.corpus_bleu(hyps, refs).score
    assert chrf.score == sacrebleu.corpus_chrf(hyps, refs).score
    assert ter.score == sacrebleu.corpus_ter(hyps, refs).score


@pytest.mark.parametrize("tokenize", OFFLINE_TOKENIZERS)
def test_every_offline_tokenizer_gives_sacrebleus_bleu(tokenize):
    hyps, refs = CASES["arabic"]
    [result] = corpus_scores(hyps, refs, metrics=["bleu"], tokenize=tokenize)
    assert result.score == BLEU(tokenize=tokenize).corpus_score(hyps, refs).score
    assert f"tok:{BLEU(tokenize=tokenize).tokenizer_signature}" in result.signature


@pytest.mark.parametrize("tokenize", ["spm", "flores101", "flores200", "spBLEU-1K", "ja-mecab"])
def test_tokenizers_that_download_or_need_mecab_are_refused(tokenize):
    with pytest.raises(InputError, match="not available offline"):
        ScoreOptions(("bleu",), tokenize=tokenize)


def test_lowercase_applies_to_bleu_and_chrf_as_in_sacrebleu():
    hyps, refs = ["THE Committee MET."], [["the committee met."]]
    bleu, chrf, ter = corpus_scores(hyps, refs, lowercase=True)
    assert bleu.score == BLEU(lowercase=True).corpus_score(hyps, refs).score
    assert bleu.score > BLEU().corpus_score(hyps, refs).score
    assert chrf.score == CHRF(lowercase=True).corpus_score(hyps, refs).score
    assert ter.score == TER().corpus_score(hyps, refs).score
    assert "case:lc" in bleu.signature and "case:lc" in chrf.signature


@pytest.mark.parametrize(
    ("scheme", "case"),
    [
        ("ar-basic", "arabic"),
        ("ar-basic+nodiacritics", "arabic-diacritics"),
        ("ar-match", "arabic-diacritics"),
        ("ckb-basic", "sorani"),
        ("kmr-basic", "kurmanji"),
    ],
)
def test_normalization_is_applied_first_and_recorded(scheme, case):
    from workbench.text.normalize import normalizer

    norm = normalizer(scheme)
    hyps, refs = CASES[case]
    expected = sacrebleu.corpus_chrf([norm(h) for h in hyps], [[norm(r) for r in s] for s in refs])
    [result] = corpus_scores(hyps, refs, metrics=["chrf"], normalize=scheme)
    assert result.score == expected.score
    assert result.signature.endswith(f"|textnorm:{scheme}")


def test_removing_diacritics_and_tatweel_raises_the_score():
    hyps, refs = CASES["arabic-diacritics"]
    [plain] = corpus_scores(hyps, refs, metrics=["bleu"])
    [normalized] = corpus_scores(hyps, refs, metrics=["bleu"], normalize="ar-basic+nodiacritics")
    assert normalized.score > plain.score


def test_sorani_letters_are_never_folded_into_arabic_ones():
    # Arabic kaf/yeh in a Sorani hypothesis become the Kurdish letters of the reference.
    [score] = corpus_scores(["كوردستان"], ["کوردستان"], metrics=["chrf"], normalize="ckb-basic")
    assert score.score == 100.0
    [untouched] = corpus_scores(["ڕۆژ"], ["روژ"], metrics=["chrf"], normalize="ckb-basic")
    assert untouched.score < 100.0


def test_processes_give_the_same_statistics_as_one():
    hyps, refs = CASES["english"]
    hyps, refs = hyps * 7, [refs[0] * 7]
    hyps[4] = "a different hypothesis"
    options = ScoreOptions(("bleu", "chrf++", "ter"))
    alone = Scoring(hyps, refs, options, jobs=1)
    together = Scoring(hyps, refs, options, jobs=2)
    for metric in options.metrics:
        assert together.statistics(metric) == alone.statistics(metric)
    assert [r.score for r in together.corpus()] == [r.score for r in alone.corpus()]


ALL_SINGLE_REFERENCE = [
    (h, r)
    for hyps, refs in CASES.values()
    if len(refs) == 1
    for h, r in zip(hyps, refs[0], strict=True)
]


@pytest.mark.parametrize("chunk", [1, 3, 1000])
@pytest.mark.parametrize("jobs", [1, 2])
def test_chunks_and_processes_do_not_change_a_number(monkeypatch, chunk, jobs):
    from workbench.score import stats

    monkeypatch.setattr(stats, "CHUNK", chunk)
    hyps = [h for h, _ in ALL_SINGLE_REFERENCE]
    refs = [r for _, r in ALL_SINGLE_REFERENCE]
    results = corpus_scores(hyps, refs, metrics=["bleu", "chrf++", "ter"], jobs=jobs)
    assert [r.score for r in results] == [
        sacrebleu.corpus_bleu(hyps, [refs]).score,
        sacrebleu.corpus_chrf(hyps, [refs], word_order=2).score,
        sacrebleu.corpus_ter(hyps, [refs]).score,
    ]


def test_the_tokenized_text_warning_is_given_once(caplog, monkeypatch):
    from workbench.score import stats

    monkeypatch.setattr(stats, "CHUNK", 10)
    hyps = [f"Sentence number {i} ." for i in range(150)]
    with caplog.at_level("WARNING", logger="sacrebleu"):
        corpus_scores(hyps, hyps, metrics=["bleu"], jobs=1)
    assert [r.getMessage()[:40] for r in caplog.records] == [
        "That's 100 lines that end in a tokenized"
    ]


@pytest.mark.parametrize("indices", [[0], [2, 0], [1, 2], [0, 1, 2]])
def test_a_subset_scores_as_if_scored_alone(indices):
    hyps, refs = CASES["english"]
    scoring = Scoring(hyps, refs, ScoreOptions(("bleu", "chrf", "ter")))
    sub_hyps = [hyps[i] for i in indices]
    sub_refs = [[refs[0][i] for i in indices]]
    expected = [
        sacrebleu.corpus_bleu(sub_hyps, sub_refs).score,
        sacrebleu.corpus_chrf(sub_hyps, sub_refs).score,
        sacrebleu.corpus_ter(sub_hyps, sub_refs).score,
    ]
    assert [r.score for r in scoring.corpus(indices)] == expected


def test_one_reference_stream_may_be_given_as_a_plain_list():
    hyps, refs = CASES["english"]
    assert corpus_scores(hyps, refs[0]) == corpus_scores(hyps, refs)


def test_format_is_sacrebleus_line():
    hyps, refs = CASES["english"]
    [bleu] = corpus_scores(hyps, refs, metrics=["bleu"])
    metric = BLEU()
    expected = metric.corpus_score(hyps, refs)
    sig = metric.get_signature().format()
    assert bleu.format(1) == expected.format(1, signature=sig + "|textnorm:none")


@pytest.mark.parametrize(
    ("hyps", "refs", "message"),
    [
        ([], [], "nothing to score"),
        ("one string", ["x"], "not one string"),
        (["a"], "one string", "not one string"),
        (["a", "b"], ["a"], "Reference 1 has 1 segments but the hypotheses have 2"),
        (["a", None], ["a", "b"], "Segment 2 of the hypothesis is None"),
        (["a"], [[None]], "Segment 1 of the reference is None"),
        (["a"], [], "at least one reference"),
    ],
)
def test_bad_input_is_a_clear_error(hyps, refs, message):
    with pytest.raises(InputError, match=message):
        corpus_scores(hyps, refs)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"metrics": ("bleu", "meteor")}, "Unknown metric meteor"),
        ({"metrics": ()}, "Unknown metric"),
        ({"normalize": "fr-basic"}, "Unknown normalization scheme"),
        ({"normalize": "ckb-basic+fold"}, "does not apply to ckb-basic"),
    ],
)
def test_bad_options_are_clear_errors(options, message):
    with pytest.raises(InputError, match=message):
        ScoreOptions(**options)


def test_metric_names_are_read_loosely():
    assert ScoreOptions((" BLEU", "chrF++", "bleu")).metrics == ("bleu", "chrf++")


def test_public_api_exposes_the_functions():
    hyps, refs = CASES["english"]
    assert workbench.corpus_scores(hyps, refs) == corpus_scores(hyps, refs)
    assert workbench.sentence_scores is sentence_scores
