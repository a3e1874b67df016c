"""The quick patterns find exactly what the plain ones find."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.text.scan import any_of, any_word, matches

WORDS = ["one", "on", "tone", "ten", "twenty", "أيار", "ايار", "اب", "ابريل", "خمس", "خمسة"]
PIECES = [*WORDS, " ", "-", "s", "و", "3", "٣", "ً", "I", "X", "a "]
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
word_sets = st.sets(st.sampled_from(WORDS), min_size=1)


def plain_words(words: set[str]) -> re.Pattern[str]:
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])")


@settings(max_examples=300, deadline=None)
@given(texts, word_sets)
def test_any_of_is_found_where_a_word_is(text: str, words: set[str]) -> None:
    found = re.compile(any_of(words)).search(text)
    first = min((text.find(w) for w in words if w in text), default=None)
    assert (found.start() if found else None) == first


@settings(max_examples=300, deadline=None)
@given(texts, word_sets)
def test_any_word_finds_what_the_plain_alternation_finds(text: str, words: set[str]) -> None:
    found = [m.span() for m in re.finditer(any_word(words), text)]
    assert found == [m.span() for m in plain_words(words).finditer(text)]


def test_any_word_leaves_out_a_word_inside_another() -> None:
    pattern = re.compile(any_word({"one", "ten"}))
    assert pattern.search("someone often") is None
    assert pattern.search("some one").span() == (5, 8)


ROMAN = re.compile(r"(?<=[A-Za-z][- ])(X{0,2}(?:IX|IV|V?I{0,3}))(?![\w-])")
ROMAN_START = re.compile("[IVX](?<=[A-Za-z][- ].)")
NUMBER = re.compile(r"(?<![\d.])\d+(?:[.,]\d+)*")


@settings(max_examples=300, deadline=None)
@given(texts)
def test_matches_finds_the_non_empty_matches_of_finditer(text: str) -> None:
    for pattern, starts in ((ROMAN, ROMAN_START), (NUMBER, re.compile(r"\d"))):
        quick = [m.span() for m in matches(pattern, starts, text)]
        assert quick == [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def test_matches_sees_the_text_before_where_it_begins() -> None:
    assert [m[0] for m in matches(ROMAN, ROMAN_START, "World War II and type-I")] == ["II", "I"]
