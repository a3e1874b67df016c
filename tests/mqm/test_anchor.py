"""A span follows its words through an edit that leaves them, and has no place when the
edit changed them."""

import pytest

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
