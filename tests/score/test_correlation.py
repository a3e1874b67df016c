"""Pearson and Kendall against values worked out by hand (and as scipy.stats gives them)."""

import pytest

from workbench.score.correlation import kendall, pearson


def test_pearson_by_hand():
    # x = 1,2,3,4; y = 2,4,5,9: mean 2.5 and 5; sxy = 11, sxx = 5, syy = 26
    assert pearson([1, 2, 3, 4], [2, 4, 5, 9]) == pytest.approx(11 / (5 * 26) ** 0.5)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)


def test_kendall_tau_b_by_hand():
    # pairs of 1,2,3,4 against 1,3,2,4: 5 concordant, 1 discordant of 6
    assert kendall([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(4 / 6)
    # a tie in y: (1,2) tied; 2 concordant, 1 tied in y, 0 discordant -> 2 / sqrt(3 * 2)
    assert kendall([1, 2, 3], [5, 5, 7]) == pytest.approx(2 / 6**0.5)  # scipy: 0.8164966


def test_too_few_or_constant_is_none():
    assert pearson([1, 2], [3, 4]) is None
    assert kendall([1, 2], [3, 4]) is None
    assert pearson([1, 1, 1], [1, 2, 3]) is None
    assert kendall([1, 1, 1], [1, 2, 3]) is None
