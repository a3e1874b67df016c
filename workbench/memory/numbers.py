"""Numbers in sentences: their value whatever the digits, and putting new ones into a target.

"3,500", "3500", "3.500" (Kurmanji, as in Turkish) and "٣٥٠٠" are the same number; "3.5",
"3,5" and "٣٫٥" are too. A number written with one separator before three digits may be
either, so it is read both ways when numbers are compared. A memory target gets a new number
written the way the target wrote the old one (its digits and its separators), so a Sorani
target keeps its Arabic-Indic digits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
NUMBER = re.compile(f"[{DIGIT}]+(?:[.,\u066b\u066c][{DIGIT}]+)*")
TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
GROUPED = re.compile(r"\d{1,3}([,.\u066c])\d{3}(?:\1\d{3})*")
SEPARATORS = "[,.\u066b\u066c]"


def is_number(token: str) -> bool:
    return NUMBER.fullmatch(token) is not None


def value(number: str) -> str:
    """The number's likelier value as a plain string: ASCII digits, "." for decimals, no
    grouping ("3,500" and "3.500" are 3500; "3.5" and "3,5" are 3.5)."""
    ascii_digits = number.translate(TO_ASCII)
    if GROUPED.fullmatch(ascii_digits):
        return re.sub(SEPARATORS, "", ascii_digits)
    return re.sub(SEPARATORS, ".", ascii_digits)


def readings(number: str) -> set[str]:
    """Every value the number may have: "3.500" is 3500 or 3.5."""
    ascii_digits = number.translate(TO_ASCII)
    found = {value(number)}
    if ascii_digits.count(".") + ascii_digits.count(",") == 1:
        found.add(re.sub(SEPARATORS, ".", ascii_digits))
    return found


def substitute(target: str, changes: Sequence[tuple[str, str]]) -> str | None:
    """`target` with each number of value `old` written as `new`, for every (old, new) in
    `changes`; None when an old number is not in the target (the match cannot be repaired)."""
    olds = [readings(old) for old, _ in changes]
    present = [readings(m[0]) for m in NUMBER.finditer(target)]
    if not all(any(old & here for here in present) for old in olds):
        return None
    return NUMBER.sub(lambda m: _rewrite(m[0], olds, [new for _, new in changes]), target)


def _rewrite(written: str, olds: list[set[str]], news: list[str]) -> str:
    here = readings(written)
    for old, new in zip(olds, news, strict=True):
        if old & here:
            return styled(new, written)
    return written


def styled(new: str, like: str) -> str:
    """`new` written with the digits and separators of `like`."""
    plain = value(new)
    whole, _, fraction = plain.partition(".")
    grouped = GROUPED.fullmatch(like.translate(TO_ASCII))
    if grouped and len(whole) > 3 and whole.isdigit():
        whole = f"{int(whole):,}".replace(",", grouped.group(1))
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
