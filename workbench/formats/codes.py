"""Inline codes (`<x/>`, `<ph>`, `<bpt>`/`<ept>`, `<g>`, ...) kept as placeholders.

A CAT tool's segment holds codes for what is not text: a line break, a bold run, a link.
On import each code becomes a placeholder in the text, in the short-tag style translators
know from OmegaT: `<x1/>` for a standalone code, `<bpt1/>` and `<ept1/>` for the start and
end of a paired one, `<g1>`...`</g1>` around the text a code encloses (the number is the
code's id in the file). The placeholders live in the stored text like any other characters,
so a reviewer sees and keeps them (and may move them) while editing, and every export
writes them back as the format's own codes:

| placeholder | TMX 1.4b | XLIFF 1.2 | XLIFF 2.0 |
|---|---|---|---|
| `<x1/>` | `<ph x="1"/>` | `<x id="1"/>` | `<ph id="1"/>` |
| `<bpt1/>` | `<bpt i="1"/>` | `<bx id="1"/>` | `<sc id="1"/>` |
| `<ept1/>` | `<ept i="1"/>` | `<ex id="1"/>` | `<ec startRef="1"/>` |
| `<g1>`..`</g1>` | `<bpt i="1"/>`..`<ept i="1"/>` | `<g id="1">`..`</g>` | `<pc id="1">`..`</pc>` |

What a code held as native markup (the `&lt;b&gt;` inside a TMX `<bpt>`) is not kept: the
id is, which is what a CAT tool matches a translation's codes to its source's by.
"""

from __future__ import annotations

import re
from collections.abc import Callable

PLACEHOLDER = re.compile(r"<(/?)(x|bpt|ept|g)([\w.-]{1,32})(/?)>")
# Inline elements of each dialect, by what they stand for.
STANDALONE = {"x", "ph", "it", "ut"}
OPENING = {"bpt", "bx", "sc"}
CLOSING = {"ept", "ex", "ec"}
PAIRED = {"g", "pc"}
MARKUP = {"hi", "mrk", "sub", "sm", "em"}  # annotations: their text is text


def placeholder(kind: str, code_id: str) -> str:
    """The placeholder of one code of `kind` (an element's local name) with `code_id`."""
    if kind in OPENING:
        return f"<bpt{code_id}/>"
    if kind in CLOSING:
        return f"<ept{code_id}/>"
    return f"<x{code_id}/>"


def code_id(element, local_name: str, counter: list[int]) -> str:
    """A code's id as the file gives it (`id`, `x`, `i`, `startRef`), else its position."""
    for attribute in ("id", "x", "i", "rid", "startRef"):
        value = element.get(attribute)
        if value and re.fullmatch(r"[\w.-]{1,32}", value):
            return value
    counter[0] += 1
    return str(counter[0])


def write_codes(
    parent,
    text: str,
    dialect: str,
    make: Callable[..., object],
    add_text: Callable[[object, str], None] | None = None,
) -> None:
    """Fill the lxml element `parent` with `text`, placeholders turned into `dialect`'s codes
    ("tmx", "xliff12", "xliff2"); `make(parent, name, attributes)` adds an element and returns
    it, `add_text(element, text)` appends text after its last child (default: as it is)."""
    add_text = add_text or append_text
    stack = [parent]
    position = 0
    for found in PLACEHOLDER.finditer(text):
        add_text(stack[-1], text[position : found.start()])
        position = found.end()
        closing, kind, ident, empty = found.groups()
        if kind == "g" and not empty and not closing and dialect != "tmx":
            stack.append(make(stack[-1], *_paired(dialect, ident)))
        elif kind == "g" and closing and dialect != "tmx" and len(stack) > 1:
            stack.pop()
        else:
            role = "open" if kind in ("bpt", "g") and not closing else "close"
            role = "alone" if kind == "x" else role
            make(stack[-1], *_element(dialect, role, ident))
    add_text(stack[-1], text[position:])


def _paired(dialect: str, ident: str) -> tuple[str, dict[str, str]]:
    return ("g", {"id": ident}) if dialect == "xliff12" else ("pc", {"id": ident})


_ELEMENTS = {
    "tmx": {"alone": ("ph", "x"), "open": ("bpt", "i"), "close": ("ept", "i")},
    "xliff12": {"alone": ("x", "id"), "open": ("bx", "id"), "close": ("ex", "id")},
    "xliff2": {"alone": ("ph", "id"), "open": ("sc", "id"), "close": ("ec", "startRef")},
}


def _element(dialect: str, role: str, ident: str) -> tuple[str, dict[str, str]]:
    name, attribute = _ELEMENTS[dialect][role]
    return name, {attribute: ident}


def append_text(element, text: str) -> None:
    if not text:
        return
    children = list(element)
    if children:
        children[-1].tail = (children[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text
