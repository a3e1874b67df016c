"""Mojibake: UTF-8 text that some program once read in a Windows code page and saved again.

Arabic read as Windows-1252 turns into `Ù‚Ø§Ù„` ("قال"): ftfy recognises that pattern and
undoes it exactly, so the text is repaired, and the log says so. Arabic read as Windows-1256
(the Arabic code page) turns into `ظ‚ط§ظ„`: Arabic letters again, which ftfy does not know
and the letter rules would take for Sorani. Encoding such words back to Windows-1256 gives
well-formed UTF-8 that real text almost never does, so when most words do, the text is
refused with the encoding named and the way to undo it.
"""

from __future__ import annotations

import logging
import re

from workbench.errors import InputError

log = logging.getLogger(__name__)

# Legacy pages whose misreading ftfy cannot undo; what to say about each.
UNREPAIRABLE = {"cp1256": "Windows-1256 (Arabic)"}
MISREAD_SHARE = 0.5  # of the words with non-ASCII letters
MIN_WORDS = 2
WORD = re.compile(r"\S+")


def repair(paragraphs: tuple[str, ...], source: str) -> tuple[str, ...]:
    """The paragraphs with cp1252-style mojibake undone; an InputError for mojibake that
    cannot be undone safely, naming the code page it went through."""
    text = "\n\n".join(paragraphs)
    if text.isascii():
        return paragraphs
    for encoding, name in UNREPAIRABLE.items():
        if _misread_share(text, encoding) >= MISREAD_SHARE:
            raise InputError(
                f"{source} looks like UTF-8 text that was opened as {name} and saved again "
                f"(mojibake such as {_example(text, encoding)}). Undo it with "
                f"`iconv -f UTF-8 -t {encoding.upper()} FILE > FIXED` and ingest FIXED."
            )
    import ftfy

    fixed = tuple(ftfy.fix_encoding(p) for p in paragraphs)
    if fixed != paragraphs:
        changed = sum(1 for a, b in zip(paragraphs, fixed, strict=True) if a != b)
        log.warning(
            "%s: repaired mojibake (UTF-8 text once read as Windows-1252) in %d paragraph(s)",
            source,
            changed,
        )
    return fixed


def _misread_share(text: str, encoding: str) -> float:
    words = [w for w in WORD.findall(text) if not w.isascii()]
    if len(words) < MIN_WORDS:
        return 0.0
    return sum(1 for w in words if _undone(w, encoding) is not None) / len(words)


def _undone(word: str, encoding: str) -> str | None:
    """The word as it read before the misreading, if it went through `encoding`."""
    try:
        before = word.encode(encoding).decode("utf-8")
    except UnicodeError:
        return None
    return before if before != word else None


def _example(text: str, encoding: str) -> str:
    for word in WORD.findall(text):
        if (before := _undone(word, encoding)) is not None:
            return f"{word[:12]!r} for {before[:8]!r}"
    return "?"
