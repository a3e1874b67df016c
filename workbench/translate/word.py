"""Word in, Word out: a .docx translated paragraph by paragraph, its styles kept.

The translation of each paragraph (body and table cells, in the order the text layer reads
them) replaces the paragraph's text inside the original document: the paragraph keeps its
style (Title, Heading 1, List Bullet, ...) and the formatting of its first run; a paragraph
translated into Arabic or Sorani is marked right-to-left. Pictures, tables, headers and
footers stay as they were.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from workbench.text.languages import SCRIPTS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def word_paragraphs(data: bytes) -> list[str]:
    """The texts of the paragraphs that get translated, in order (empty ones are skipped)."""
    return [" ".join(p.text.split()) for p in _paragraphs(_open(data))]


def translated_word(data: bytes, translations: Sequence[str], tgt: str) -> bytes:
    """The document `data` with each translated paragraph's text replaced, as .docx bytes."""
    document = _open(data)
    paragraphs = _paragraphs(document)
    for paragraph, text in zip(paragraphs, translations, strict=True):
        _replace_text(paragraph, text)
        if SCRIPTS.get(tgt) == "Arab":
            _right_to_left(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _open(data: bytes) -> Any:
    import docx

    return docx.Document(io.BytesIO(data))


def _paragraphs(document: Any) -> list[Any]:
    from workbench.text.readers import _docx_block_paragraphs

    found = []
    for block in document.iter_inner_content():
        found += [p for p in _docx_block_paragraphs(block) if p.text.strip()]
    return found


def _replace_text(paragraph: Any, text: str) -> None:
    """Put `text` in the first run (its formatting kept); drop the other runs and links."""
    runs = [c for c in paragraph._p if c.tag in (f"{W}r", f"{W}hyperlink")]
    first = next((c for c in runs if c.tag == f"{W}r"), None)
    for child in runs:
        if child is not first:
            paragraph._p.remove(child)
    if first is None:
        paragraph.add_run(text)
        return
    paragraph.runs[0].text = text


def _right_to_left(paragraph: Any) -> None:
    from docx.oxml import OxmlElement

    properties = paragraph._p.get_or_add_pPr()
    if properties.find(f"{W}bidi") is None:
        properties.append(OxmlElement("w:bidi"))
