"""Marks in a cell: stretches of a text wrapped in <mark>s, each with its class and hover text.

Any layer of marks (MQM error spans, QA finding spans, ...) is a list of `Mark`s; `marked_cell`
lays them all on one text. Where marks overlap, the stretch is cut at every mark's edges and
each piece is wrapped in every mark that covers it, nested in the order the marks were given,
so overlapping layers never break the markup. The words themselves are never changed: the
cell's text stays exactly the given text, and offsets in it are the text's offsets (Python
characters, in logical order, so right-to-left text needs nothing of its own).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from markupsafe import Markup, escape

_DATA_NAME = re.compile(r"[a-z][a-z0-9-]*\Z")


class Mark(NamedTuple):
    """[start, end) of the text, wrapped in <mark class=css title=title>; `data` adds
    data-* attributes (name without "data-", value), e.g. (("span", "12"),)."""

    start: int
    end: int
    css: str
    title: str = ""
    data: tuple[tuple[str, str], ...] = ()


def marked_cell(text: str, marks: Sequence[Mark]) -> Markup:
    """`text` escaped, with the marks that fit in it as (nested) <mark>s; marks outside the
    text or empty are left out (a text changed since they were made shows unmarked)."""
    fitting = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    if not fitting:
        return escape(text)
    cuts = sorted({0, len(text), *(m.start for m in fitting), *(m.end for m in fitting)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece: Markup = escape(text[start:end])
        for mark in reversed([m for m in fitting if m.start <= start and end <= m.end]):
            piece = _wrapped(piece, mark)
        pieces.append(piece)
    return Markup("").join(pieces)


def _wrapped(inner: Markup, mark: Mark) -> Markup:
    attributes = Markup("").join(
        Markup(' data-{}="{}"').format(Markup(_data_name(name)), value) for name, value in mark.data
    )
    title = Markup(' title="{}"').format(mark.title) if mark.title else Markup("")
    return Markup('<mark class="{}"{}{}>{}</mark>').format(mark.css, attributes, title, inner)


def _data_name(name: str) -> str:
    if not _DATA_NAME.match(name):
        raise ValueError(f"{name!r} is not a data attribute name")  # a programming error
    return name
