"""Numbers in sentences: their value whatever the digits, and putting new ones into a target.

"3,500", "3500" and "٣٥٠٠" are the same number; "3.5", "3,5" and "٣٫٥" are too. A memory
target gets a new number written the way the target wrote the old one (its digits and its
separators), so a Sorani target keeps its Arabic-Indic digits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
NUMBER = re.compile(f"[{DIGIT}]+(?:[.,\u066b\u066c][{DIGIT}]+)*")
TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
GROUPED = re.compile(r"\d{1,3}(?:[,\u066c]\d{3})+")


def is_number(token: str) -> bool:
    return NUMBER.fullmatch(token) is not None


def value(number: str) -> str:
    """The number's value as a plain string: ASCII digits, "." for decimals, no grouping."""
    ascii_digits = number.translate(TO_ASCII)
    if GROUPED.fullmatch(ascii_digits):
        return re.sub("[,\u066c]", "", ascii_digits)
    return re.sub("[,\u066b]", ".", ascii_digits)


def substitute(target: str, changes: Sequence[tuple[str, str]]) -> str | None:
    """`target` with each number of value `old` written as `new`, for every (old, new) in
    `changes`; None when an old number is not in the target (the match cannot be repaired)."""
    wanted = {value(old): new for old, new in changes}
    present = {value(m[0]) for m in NUMBER.finditer(target)}
    if not set(wanted) <= present:
        return None
    return NUMBER.sub(lambda m: _rewrite(m[0], wanted), target)


def _rewrite(written: str, wanted: dict[str, str]) -> str:
    new = wanted.get(value(written))
    return written if new is None else styled(new, written)


def styled(new: str, like: str) -> str:
    """`new` written with the digits and separators of `like`."""
    plain = value(new)
    whole, _, fraction = plain.partition(".")
    if GROUPED.fullmatch(like.translate(TO_ASCII)) and len(whole) > 3:
        group = "\u066c" if "\u066c" in like else ","
        whole = f"{int(whole):,}".replace(",", group) if whole.isdigit() else whole
    decimal = "\u066b" if "\u066b" in like else ("," if _comma_decimal(like) else ".")
    text = whole + (decimal + fraction if fraction else "")
    if re.search("[\u0660-\u0669]", like):
        return text.translate(ARABIC_INDIC)
    if re.search("[\u06f0-\u06f9]", like):
        return text.translate(PERSIAN)
    return text


def _comma_decimal(like: str) -> bool:
    ascii_like = like.translate(TO_ASCII)
    return "," in ascii_like and not GROUPED.fullmatch(ascii_like)
