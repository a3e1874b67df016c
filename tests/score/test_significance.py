"""Paired tests agree with sacrebleu's PairedTest to the last bit, with less memory."""

from __future__ import annotations

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.significance import PairedTest

import workbench
from workbench.errors import InputError
from workbench.score import significance
from workbench.score.metrics import ScoreOptions, Scoring
from workbench.score.significance import compare_systems, paired_test

REFS = [
    f"{line} {i}"
    for i in range(15)
    for line in (
        "اجتمعت اللجنة في 3 أيار 2024 لمناقشة الميزانية السنوية",
        "لیژنەکە لە ٣ی ئایاری ٢٠٢٤ کۆبووەوە بۆ گفتوگۆکردن لەسەر بودجە",
        "The committee thanked the staff for their work this year",
        "Komîteyê di 3ê Gulanê de civîn kir û budçe nirxand",
    )
]


def drop_words(every: int, shift: int) -> list[str]:
    return [
        " ".join(w for k, w in enumerate(ref.split()) if (k + i + shift) % every)
        for i, ref in enumerate(REFS)
    ]


SYSTEMS = {"baseline": drop_words(3, 0), "better": drop_words(6, 1), "similar": drop_words(3, 1)}
SACREBLEU_METRICS = {"BLEU": BLEU, "chrF2": CHRF, "chrF2++": lambda: CHRF(word_order=2), "TER": TER}
OURS = {"BLEU": "bleu", "chrF2": "chrf", "chrF2++": "chrf++", "TER": "ter"}


def sacrebleu_results(test: str, samples: int, confidence: int = -1):
    metrics = {name: make() for name, make in SACREBLEU_METRICS.items()}
    signatures, scores = PairedTest(
        list(SYSTEMS.items()),
        metrics,
        [REFS],
        test_type=test,
        n_samples=samples,
        n_ar_confidence=confidence,
    )()
    return signatures, scores


@pytest.mark.parametrize(
    ("test", "samples", "confidence"), [("bs", 200, -1), ("ar", 400, -1), ("ar", 300, 150)]
)
def test_results_are_sacrebleus_exactly(test, samples, confidence):
    signatures, scores = sacrebleu_results(test, samples, confidence)
    ours = compare_systems(
        REFS,
        SYSTEMS,
        metrics=list(OURS.values()),
        test=test,
        samples=samples,
        confidence=confidence,
    )
    for name, metric in OURS.items():
        for k, system in enumerate(SYSTEMS):
            expected, got = scores[name][k], ours.get(system, metric)
            assert (got.score, got.p_value, got.mean, got.ci) == (
                expected.score,
                expected.p_value,
                expected.mean,
                expected.ci,
            ), f"{system} {name}"
        assert ours.signatures[metric] == signatures[name].format() + "|textnorm:none"


def test_small_blocks_give_the_same_numbers(monkeypatch):
    whole = compare_systems(REFS, SYSTEMS, test="bs", samples=100)
    monkeypatch.setattr(significance, "BLOCK_BYTES", 1)  # one resample at a time
    assert compare_systems(REFS, SYSTEMS, test="bs", samples=100) == whole
    ar_whole = compare_systems(REFS, SYSTEMS, test="ar", samples=100, confidence=50)
    monkeypatch.setattr(significance, "BLOCK_BYTES", 32 * 2**20)
    assert compare_systems(REFS, SYSTEMS, test="ar", samples=100, confidence=50) == ar_whole


def test_a_clearly_better_system_is_significant_and_a_copy_is_not():
    systems = {
        "baseline": SYSTEMS["baseline"],
        "better": SYSTEMS["better"],
        "copy": list(SYSTEMS["baseline"]),
    }
    result = compare_systems(REFS, systems, metrics=["chrf"], test="bs")
    assert result.get("better", "chrf").significant
    assert result.get("better", "chrf").score > result.get("baseline", "chrf").score
    assert not result.get("copy", "chrf").significant
    assert result.get("baseline", "chrf").p_value is None


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_a_copy_of_the_baseline_gets_p_1_where_sacrebleu_says_significant(test):
    systems = [("baseline", SYSTEMS["baseline"]), ("copy", list(SYSTEMS["baseline"]))]
    _, scores = PairedTest(systems, {"chrF2": CHRF()}, [REFS], test_type=test, n_samples=99)()
    assert scores["chrF2"][1].p_value == 1 / 100  # sacrebleu: a zero difference, "significant"
    result = compare_systems(REFS, dict(systems), metrics=["chrf"], test=test, samples=99)
    assert result.get("copy", "chrf").p_value == 1.0


def test_the_baseline_can_be_named_and_comes_first():
    result = compare_systems(REFS, SYSTEMS, metrics=["bleu"], baseline="better", samples=50)
    assert result.systems == ("better", "baseline", "similar")
    assert result.baseline == "better"


def test_unseeded_runs_give_intervals_around_the_score():
    result = compare_systems(REFS, SYSTEMS, metrics=["chrf"], samples=100, seed=None)
    row = result.get("better", "chrf")
    assert 0 < row.p_value <= 1 and abs(row.mean - row.score) < 3 * row.ci + 1
    assert "seed:none" in result.signatures["chrf"]


def test_to_dict_is_plain_data():
    data = compare_systems(REFS, SYSTEMS, metrics=["ter"], samples=50).to_dict()
    assert data["test_name"] == "paired bootstrap resampling"
    assert {row["system"] for row in data["rows"]} == set(SYSTEMS)
    assert all(isinstance(row["score"], float) for row in data["rows"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"systems": {"only": REFS}}, "at least one other system"),
        ({"baseline": "missing"}, "is not one of the systems"),
        ({"test": "t-test"}, "Unknown test"),
        ({"systems": {"a": REFS, "b": REFS[:-1]}}, "has 60 segments but the hypotheses have 59"),
    ],
)
def test_bad_requests_are_clear_errors(kwargs, message):
    call = {"systems": SYSTEMS, **kwargs}
    with pytest.raises(InputError, match=message):
        compare_systems(REFS, call.pop("systems"), **call)


def test_systems_scored_on_other_references_are_refused():
    options = ScoreOptions(("bleu",))
    a = Scoring(SYSTEMS["baseline"], REFS, options)
    b = Scoring(SYSTEMS["better"], list(reversed(REFS)), options)
    with pytest.raises(InputError, match="same references"):
        paired_test([("a", a), ("b", b)])


def test_public_api_exposes_compare_systems():
    assert workbench.compare_systems is compare_systems


def test_sacrebleu_is_pinned_where_its_private_functions_are_relied_on():
    """significance.py calls sacrebleu's private `_compute_p_value` and replays its random
    draws: a new minor version may change either, so pyproject.toml bounds it from above and
    the installed one must lie within the bounds."""
    import re
    import tomllib
    from importlib.metadata import version
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    [spec] = [d for d in project["project"]["dependencies"] if d.startswith("sacrebleu")]
    low, high = re.fullmatch(r"sacrebleu>=([\d.]+),<([\d.]+)", spec).groups()
    installed = tuple(int(x) for x in version("sacrebleu").split(".")[:2])
    assert tuple(int(x) for x in low.split(".")[:2]) <= installed
    assert installed < tuple(int(x) for x in high.split(".")[:2])


def test_sacrebleus_private_p_value_is_what_significance_expects():
    """(count of samples beating the real difference + 1) / (samples + 1), strictly greater."""
    import numpy as np
    from sacrebleu.significance import _compute_p_value

    stats = np.array([0.5, 1.0, 2.0, 3.0, 1.0])
    assert _compute_p_value(stats, 1.0) == pytest.approx((2 + 1) / (5 + 1))
    assert _compute_p_value(stats, 5.0) == pytest.approx(1 / 6)
