"""One cell-marking function for every kind of mark (error spans, terms, QA findings): the
text stays the text, everything is escaped, overlapping marks share one <mark>."""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from workbench.ui.marks import Mark, marked

HOSTILE = '<script>alert("x")</script> & Erbil'


def _text(page: str) -> str:
    """What the page shows: the markup taken out, the entities read back."""
    plain = re.sub(r"<[^>]+>", "", page)
    return html.unescape(plain)


def test_no_mark_is_the_escaped_text():
    assert marked(HOSTILE, []) == Markup("").join([HOSTILE])
    assert "<script>" not in marked(HOSTILE, [])


def test_a_mark_wraps_its_stretch_with_class_and_title_escaped():
    shown = str(marked(HOSTILE, [(len(HOSTILE) - 5, len(HOSTILE), "wb-term", 'say "<b>"')]))
    assert shown.endswith('<mark class="wb-term" title="say &#34;&lt;b&gt;&#34;">Erbil</mark>')
    assert "<script>" not in shown and _text(shown) == HOSTILE


def test_overlapping_marks_share_a_mark_with_both_classes_and_titles():
    text = "one two three"
    shown = str(marked(text, [Mark(0, 7, "wb-span wb-sev-minor", "style"),
                              Mark(4, 13, "wb-term", "Term")]))  # fmt: skip
    assert shown == (
        '<mark class="wb-span wb-sev-minor" title="style">one </mark>'
        '<mark class="wb-span wb-sev-minor wb-term" title="style\nTerm">two</mark>'
        '<mark class="wb-term" title="Term"> three</mark>'
    )
    assert _text(shown) == text


def test_marks_outside_the_text_or_empty_are_left_out():
    assert str(marked("abc", [(2, 9, "x", ""), (1, 1, "y", ""), (-1, 2, "z", "")])) == "abc"
