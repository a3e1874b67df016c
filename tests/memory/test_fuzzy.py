"""The match score: word-level edit distance on each language's match form, number-aware."""

from __future__ import annotations

import pytest

from workbench.memory.fuzzy import prepare, score, word_score
from workbench.memory.numbers import styled, substitute, value

# (language, text to translate, memory source, score): hand-counted word edit distances.
PAIRS = [
    # 9 tokens, one word replaced: 1 - 1/9
    (
        "en",
        "The meeting was held in Erbil on Tuesday.",
        "The meeting was held in Duhok on Tuesday.",
        88,
    ),
    # two tokens fewer in the memory: 1 - 2/9
    ("en", "The meeting was held in Erbil on Tuesday.", "The meeting was held in Erbil.", 77),
    (
        "en",
        "The meeting was held in Erbil on Tuesday.",
        "the meeting was held in erbil on tuesday.",
        99,
    ),
    ("en", "The meeting was held in Erbil on Tuesday.", "Aid agencies estimate the damage.", 11),
    # 7 tokens, one replaced: 1 - 1/7
    ("ar", "عقد الاجتماع في أربيل يوم الثلاثاء.", "عقد الاجتماع في بغداد يوم الثلاثاء.", 85),
    ("ar", "عقد الاجتماع في أربيل يوم الثلاثاء.", "عُقد الاجتماع في أربيل يوم الثلاثاء.", 99),
    ("ar", "عقد الاجتماع في أربيل يوم الثلاثاء.", "عقد الاجتماع في اربيل يوم الثلاثاء.", 99),
    # 5 tokens, one replaced: 1 - 1/5
    ("ckb", "کۆبوونەوەکە لە هەولێر بەڕێوەچوو.", "کۆبوونەوەکە لە بەغدا بەڕێوەچوو.", 80),
    # Arabic kaf written for Sorani keheh: the same text once normalized
    ("ckb", "کۆبوونەوەکە لە هەولێر بەڕێوەچوو.", "كۆبوونەوەكە لە هەولێر بەڕێوەچوو.", 100),
    # 6 tokens, one replaced: 1 - 1/6
    ("kmr", "Civîn li Hewlêrê pêk hat.", "Civîn li Bexdayê pêk hat.", 83),
    ("kmr", "Civîn li Hewlêrê pêk hat.", "civîn li Hewlêrê pêk hat.", 99),
    ("kmr", "Civîn li Hewlêrê pêk hat.", "Civín li Hewlêrê pêk hat.", 100),
]


@pytest.mark.parametrize(("lang", "text", "memory", "expected"), PAIRS)
def test_fuzzy_scores_on_hand_made_pairs(lang, text, memory, expected):
    assert score(prepare(text, lang), prepare(memory, lang)).score == expected


def test_only_equal_word_sequences_score_100():
    words = ["w"] * 999
    assert word_score(words, words) == 100
    assert word_score(words, [*words, "x"]) == 99  # 1 - 1/1000 rounds down, never up to 100


@pytest.mark.parametrize(
    ("lang", "text", "memory", "expected", "changes"),
    [
        (
            "en",
            "Each brigade will have 3,600 soldiers.",
            "Each brigade will have 3,500 soldiers.",
            99,
            (("3,500", "3,600"),),
        ),
        (
            "en",
            "Patrols begin on 2 November over 4 km.",
            "Patrols begin on 1 November over 3 km.",
            98,
            (("1", "2"), ("3", "4")),
        ),
        # Arabic-Indic digits are compared as digits
        (
            "ckb",
            "هەر لیوایەک ٣٦٠٠ سەرباز دەبێت.",
            "هەر لیوایەک ٣٥٠٠ سەرباز دەبێت.",
            99,
            (("3500", "3600"),),
        ),
    ],
)
def test_a_text_differing_in_numbers_only_scores_100_minus_the_numbers_changed(
    lang, text, memory, expected, changes
):
    scored = score(prepare(text, lang), prepare(memory, lang))
    assert (scored.score, scored.numbers) == (expected, changes)
    assert scored.plain < expected


def test_a_text_differing_in_words_too_gets_no_number_substitution():
    scored = score(
        prepare("Each brigade will have 3,600 troops.", "en"),
        prepare("Each brigade will have 3,500 soldiers.", "en"),
    )
    assert scored.numbers == () and scored.score == scored.plain == 71


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("3,500", "3500"),
        ("٣٥٠٠", "3500"),
        ("3.5", "3.5"),
        ("٣٫٥", "3.5"),
        ("3,5", "3.5"),
        ("1,200,000", "1200000"),
        ("3.500", "3500"),
        ("۱۲۰۰", "1200"),
    ],
)
def test_a_number_has_one_value_whatever_its_digits(written, plain):
    assert value(written) == plain


@pytest.mark.parametrize(
    ("new", "like", "shown"),
    [
        ("3600", "٣٥٠٠", "٣٦٠٠"),
        ("4000", "3,500", "4,000"),
        ("2.5", "٣٫٥", "٢٫٥"),
        ("3,600", "3500", "3600"),
        ("7", "۵", "۷"),
    ],
)
def test_a_new_number_is_written_like_the_one_it_replaces(new, like, shown):
    assert styled(new, like) == shown


def test_substitution_repairs_every_occurrence_and_refuses_what_the_target_lacks():
    target = "هەر لیوایەک نزیکەی ٣٥٠٠ سەرباز لەخۆدەگرێت (٣٥٠٠)."
    assert substitute(target, [("3,500", "3,600")]) == (
        "هەر لیوایەک نزیکەی ٣٦٠٠ سەرباز لەخۆدەگرێت (٣٦٠٠)."
    )
    assert substitute(target, [("2,000", "3,000")]) is None
