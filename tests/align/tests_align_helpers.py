"""Small builders shared by the alignment tests."""

from __future__ import annotations

import hashlib

from workbench.records import Document, Segment


def document(lang: str, text: str) -> Document:
    """A stored-ready document: one segment per non-empty line, blank lines start paragraphs."""
    segments, paragraph = [], 0
    for line in text.splitlines():
        if not line.strip():
            paragraph += 1
            continue
        segments.append(Segment(len(segments), line, line, paragraph))
    return Document(
        lang=lang,
        paragraphs=tuple(p for p in text.split("\n\n") if p.strip()),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        raw_text=text,
        segments=tuple(segments),
    )
