"""A span follows its words through an edit that leaves them, and has no place when the
edit changed them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.store.anchor import moved

OLD = "The clinic in Zakho opened again on 9 April."


@pytest.mark.parametrize(
    ("new", "span", "expected"),
    [
        (OLD, (4, 10), (4, 10)),
        ("Yesterday the clinic in Zakho opened again on 9 April.", (4, 10), (14, 20)),
        ("The clinic in Zakho opened on 9 April.", (4, 10), (4, 10)),  # "again" went: not ours
        ("The clinic in Zakho opened again on 10 April.", (36, 37), None),  # our "9" changed
        ("The clinic in Zakho reopened on 9 April.", (20, 32), None),  # one of our words went
        ("The clinic in Zakho opened again on 9 April 2024.", (36, 43), (36, 43)),
        ("The new clinic in Zakho opened again on 9 April.", (4, 19), (8, 23)),
        ("The clinic, in Zakho opened again on 9 April.", (4, 19), None),  # cut inside
        ("The clinics in Zakho opened again on 9 April.", (4, 8), None),  # part of a word
    ],
)
def test_moved(new, span, expected):
    assert moved(OLD, new, *span) == expected
    if expected:
        assert new[expected[0] : expected[1]] == OLD[span[0] : span[1]]


def test_right_to_left_text_moves_by_characters():
    old = "عاين الأطباء أربعين مريضا في اليوم الأول."
    new = "في اليوم الأول عاين الأطباء أربعين مريضا."
    start = old.index("الأطباء")
    found = moved(old, new, start, start + len("الأطباء"))
    assert found is not None and new[found[0] : found[1]] == "الأطباء"


WORDS = st.lists(st.sampled_from(["the", "clinic", "Zakho", "زاخو", "9", "April", ","]), min_size=3)


@given(WORDS, st.data())
def test_edits_outside_the_span_never_lose_it_and_a_found_place_holds_its_words(words, data):
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first, len(words) - 1))
    inserted = data.draw(st.lists(st.sampled_from(["new", "words", "."]), max_size=3))
    before_span = words[:first]
    cut = data.draw(st.integers(0, len(before_span)))
    new_words = before_span[:cut] + inserted + words[first:]  # an edit before the span only
    old, new = " ".join(words), " ".join(new_words)
    start = len(" ".join(words[:first])) + (1 if first else 0)
    end = start + len(" ".join(words[first : last + 1]))
    found = moved(old, new, start, end)
    assert found is not None
    assert new[found[0] : found[1]] == old[start:end]
    anywhere = moved(old, " ".join(data.draw(WORDS)), start, end)
    if anywhere is not None:
        assert anywhere[1] - anywhere[0] == end - start
