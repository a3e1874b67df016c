"""Turning a file's bytes into text: BOMs, UTF-8, UTF-16 without a BOM, and legacy code pages.

Windows-1256 (Arabic) and Windows-1252 (Western) files are common in the reports users bring;
charset-normalizer tells them apart by what the decoded text looks like. Bytes that decode to
nothing readable are refused with an error naming the file.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from workbench.errors import InputError

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The code pages a report in our four languages may come in, in the order we prefer them.
LEGACY = ("cp1256", "cp1252", "cp1254", "iso8859_6", "iso8859_9", "iso8859_1")
OUR_LETTERS = set("şŞçÇêÊîÎûÛéèàâôïëü")
WRONG_PAGE = set("ÞþÐðÝýŠšŽžŒœ")  # Icelandic and Central European letters: a misread page
SURROGATE = re.compile("[\ud800-\udfff]")


def refuse_surrogates(text: str, what: str) -> str:
    """`text`, or an InputError naming `what` when it holds a lone surrogate: half of a
    UTF-16 pair, not a character, which JSON ("\\ud800"), XLIFF (<cp hex="D800"/>) or a
    client can send but nothing can store, show or export."""
    found = SURROGATE.search(text)
    if found:
        raise InputError(
            f"{what} holds a lone surrogate ({ascii(found[0])}), half of a UTF-16 pair and not "
            "a character: whatever wrote it mangled a character. Correct the text, as valid "
            "Unicode."
        )
    return text


def decode(data: bytes, name: str) -> str:
    """The text of a file's bytes; `name` is only used in the error message."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(_strict(data, encoding, name), name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(_strict(data, utf16, name), name)
    if b"\x00" in data:
        raise _not_text(name, f" It holds NUL bytes (the first at {_where(data, data.index(0))}).")
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data):
            raise InputError(
                f"{name} is UTF-8 text except for bytes that are not (the first at "
                f"{_where(data, exc.start)}): it was damaged or pasted together from two "
                "encodings. Repair that spot or save the file again as UTF-8, then ingest it."
            ) from None
    return _checked(_legacy(data, name), name)


def _mostly_utf8(data: bytes) -> bool:
    """Many well-formed multi-byte UTF-8 characters beside a few broken bytes: a damaged UTF-8
    file, which a code page would turn into nonsense (Windows-1256 text has the opposite)."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    good = sum(1 for c in text if c > "\x7f") - broken
    return good >= 4 * broken


def _where(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    return f"byte {offset}, line {line}"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE or BE without a BOM: every other byte is zero for Latin text, rarely for Arabic
    (whose high byte is 0x06), so look for a column of constant high bytes."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for highs, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        common = max(set(highs), key=highs.count)
        steady = common in (0x00, 0x06) and highs.count(common) > 0.6 * len(highs)
        if steady and 0x00 in highs:
            return encoding
    return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise _not_text(name) from None


def _legacy(data: bytes, name: str) -> str:
    """The code page whose text reads best; among equals, the one that fits our languages.

    cp1252 and cp1254 decode a Kurmanji file equally cleanly except that cp1252 shows ş as
    Þ, so letters of the four languages break the tie.
    """
    from charset_normalizer import from_bytes

    candidates = list(from_bytes(data, cp_isolation=list(LEGACY)))
    if not candidates:
        raise _not_text(name)
    least_chaos = min(c.chaos for c in candidates)
    clean = [c for c in candidates if c.chaos <= least_chaos + 0.01]
    best = max(clean, key=lambda c: (_fit(str(c)), c.coherence))
    return str(best)


def _fit(text: str) -> int:
    """Letters our languages use, minus letters that only show a wrong code page."""
    return sum(1 for c in text if c in OUR_LETTERS or "\u0621" <= c <= "\u064a") - sum(
        1 for c in text if c in WRONG_PAGE
    )


def _checked(text: str, name: str) -> str:
    """Refuse text that is mostly control characters: a binary file that happened to decode."""
    if not text:
        return text
    sample = text[:20000]
    controls = sum(
        1 for c in sample if unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in "\t\n\r\f"
    )
    if controls > 0.01 * len(sample):
        raise _not_text(name)
    return text


def _not_text(name: str, detail: str = "") -> InputError:
    return InputError(
        f"{name} is not a text file the workbench can read (not UTF-8, UTF-16 or a Windows code "
        f"page).{detail} Save it as .txt (UTF-8), .md, .html or .docx and ingest it again."
    )
