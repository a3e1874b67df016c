"""Strict and lax P/R/F1 as Vecalign's score.py defines them, checked by hand."""

from __future__ import annotations

import pytest

from workbench.align.evaluate import evaluate_alignment

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2,))]


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        # identical: everything 1
        (GOLD, (1, 1, 1, 1, 1, 1)),
        # [1]:[1] and [2]:[] instead of [1,2]:[1]: 5 test beads, 3 strict hits;
        # [1]:[1] is a lax hit (1 links to 1 in the gold), [2]:[] is not (no target);
        # recall (gold vs test, 1-0 and 0-1 left out): gold beads [0]:[0] [1,2]:[1] [4]:[2]
        # against test [0]:[0] [1]:[1] [4]:[2]: 2 strict hits of 3; [1,2]:[1] laxly hit
        (
            [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2,))],
            (3 / 5, 2 / 3, None, 4 / 5, 1.0, None),
        ),
        # nothing right, nothing near: [0]:[2] shares no link with the gold
        ([((0,), (2,)), ((1, 2, 3, 4), (0, 1))], (0, 0, 0, 1 / 2, None, None)),
    ],
    ids=["identical", "split-a-merge", "wrong"],
)
def test_scores_match_hand_counts(test, expected):
    s = evaluate_alignment([GOLD], [test])
    got = (
        s.precision_strict,
        s.recall_strict,
        s.f1_strict,
        s.precision_lax,
        s.recall_lax,
        s.f1_lax,
    )
    for value, want in zip(got, expected, strict=True):
        if want is not None:
            assert value == pytest.approx(want)


def test_f1_is_the_harmonic_mean():
    s = evaluate_alignment(
        [GOLD], [[((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2,))]]
    )
    assert s.f1_strict == pytest.approx(2 * (3 / 5) * (2 / 3) / (3 / 5 + 2 / 3))


def test_counts_are_summed_over_documents_before_dividing():
    one = [((0,), (0,))]
    s = evaluate_alignment([one, GOLD], [[((0,), (1,))], GOLD])
    # precision: 4 hits of 5 test beads; recall: 3 of 4 gold beads with both sides
    assert (s.precision_strict, s.recall_strict) == pytest.approx((4 / 5, 3 / 4))


def test_empty_alignments_score_zero_not_an_error():
    s = evaluate_alignment([[]], [[]])
    assert s.f1_strict == 0.0 and s.f1_lax == 0.0


def test_document_counts_must_agree():
    with pytest.raises(ValueError):
        evaluate_alignment([GOLD], [])
