"""Marks in a cell: any layers of marks on one text, overlapping ones nested, everything escaped,
the text itself unchanged."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.ui.cellmarks import Mark, marked_cell
from workbench.ui.marks import mqm_marks


def _text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_overlapping_marks_nest_and_keep_the_text():
    text = "<b>one</b> two & three"
    shown = str(marked_cell(text, [Mark(0, 14, "a", 'say "hi"'), Mark(11, 22, "b", "<x>")]))
    assert _text_of(shown) == text
    assert "<b>" not in shown and "&lt;b&gt;" in shown
    assert 'title="say &#34;hi&#34;"' in shown and 'title="&lt;x&gt;"' in shown
    assert (
        '<mark class="a" title="say &#34;hi&#34;"><mark class="b" title="&lt;x&gt;">two</mark>'
        in shown
    )
    assert shown.count("<mark") == shown.count("</mark>") == 4


def test_right_to_left_text_is_marked_at_its_own_offsets():
    text = "قالت التقرير إن ٢٣٠٤ عائلة نزحت"  # offsets in logical order, as stored
    start = text.index("٢٣٠٤")
    shown = str(marked_cell(text, [Mark(start, start + 4, "wb-qa-span", "numbers")]))
    assert '<mark class="wb-qa-span" title="numbers">٢٣٠٤</mark>' in shown


@pytest.mark.parametrize(
    "mark", [Mark(5, 3, "x"), Mark(-1, 2, "x"), Mark(0, 99, "x"), Mark(2, 2, "x")]
)
def test_a_mark_that_does_not_fit_the_text_is_left_out(mark):
    assert str(marked_cell("a <b> c", [mark])) == "a &lt;b&gt; c"


def test_a_data_attribute_name_must_be_one():
    with pytest.raises(ValueError, match="not a data attribute name"):
        marked_cell("abc", [Mark(0, 1, "x", data=(('x" onclick="y', "1"),))])


def test_mqm_and_qa_marks_mix_in_one_cell():
    text = "Some 2,340 families left"
    mqm = mqm_marks(text, [{"id": 7, "start": 0, "end": 10, "severity": "major",
                            "category": "accuracy", "user": "amina"}])  # fmt: skip
    shown = str(marked_cell(text, [*mqm, Mark(5, 10, "wb-qa-span", "numbers")]))
    assert 'data-span="7"' in shown and _text_of(shown) == text
    assert '<mark class="wb-qa-span" title="numbers">2,340</mark></mark>' in shown


@given(
    st.text(max_size=40),
    st.lists(st.tuples(st.integers(-2, 45), st.integers(-2, 45), st.text(max_size=5)), max_size=5),
)
def test_any_text_and_marks_give_balanced_markup_and_the_same_text(text, spans):
    shown = str(marked_cell(text, [Mark(a, b, "c", t) for a, b, t in spans]))
    assert _text_of(shown) == text
    assert shown.count("<mark") == shown.count("</mark>")
