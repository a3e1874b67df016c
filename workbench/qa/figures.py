"""Numbers as a text writes them: digits in any of the three scripts, words, both together.

`numbers_of(side)` reads every number of a side once: digits in Western, Arabic-Indic (٠-٩)
and Persian (۰-۹) script with `, . ٫ ٬ ،` or (thin) spaces as separators; words in the side's
language (its `[numbers]` table: "twenty-five", "خمسة وعشرون", "بیست و پێنج", "bîst û pênc"),
alone or after digits ("1.5 million"); times (11:00 is 11); Roman numerals after a word ("World
War II"). A separator before exactly three digits may group thousands or mark decimals, so
"3.500" stands for both 3500 and 3.5. Each number knows whether it is written in words,
whether it lies inside a date, and how much its absence would say (`weak`, `soft`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from workbench.qa.pair import Side
from workbench.qa.words import key_of
from workbench.text.rules import rules

NAME = "numbers"
DIGITS = re.compile(
    r"(?<![\d.,:])(?P<hour>\d{1,2}):(?P<minute>\d{2})(?![\d:]|[.,]\d)"
    r"|(?<!\d)\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d.,]\d)"  # "1 500 000"
    r"|\d+(?:[.,]\d+)*"
)
ANY_DIGIT = re.compile(r"\d")
ROMAN = re.compile(r"(?<=[A-Za-z][- ])(X{0,2}(?:IX|IV|V?I{0,3}))(?![\w-])")
ROMAN_HINT = re.compile("[A-Za-z][- ][IVX]")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
PROCLITIC = re.compile(r"(?<!\w)[وفبلك]{1,2}$")  # "و١٫٥": and 1.5, not a code
LETTERS = re.compile(r"[^\W\d_]+")  # a word (harakat end it: "ألفاً" is read as "ألفا")
WORD_GAP = re.compile(r"\s*[-‐‑]?\s*")  # between the words of one number: "twenty-five"


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    values: frozenset[Decimal]  # every value the writing may mean ("3.500": 3.5 and 3500)
    words: bool = False  # written, at least partly, in words
    weak: bool = False  # a word often meant as no number ("one"): absent, it says nothing
    in_date: bool = False
    soft: bool = False  # an ordinal ("21st") or a code ("COVID-19"): absent, only minor
    code: bool = False  # digits of a code or a unit: a changed one is major


def numbers_of(side: Side) -> list[Number]:
    """The numbers a side writes, in order (computed once per side)."""
    return side.memo(NAME, _read)


def _read(side: Side) -> list[Number]:
    from workbench.qa.dates import dates_of

    text = side.folded
    table = _vocabulary(side.lang)
    found: list[Number] = []
    spelled = [(m.start(), m.end(), table[m[0]]) for m in LETTERS.finditer(text) if m[0] in table]
    tokens = sorted([*_digit_tokens(text, side.text), *spelled], key=lambda t: t[0])
    i = 0
    while i < len(tokens):
        start, end, meaning = tokens[i]
        i += 1
        if meaning[0] == "time":
            found.extend(meaning[1])
        elif meaning[0] == "roman":
            found.append(Number(start, end, meaning[1], weak=True))
        elif meaning[0] == "code":
            found.append(Number(start, end, meaning[1], soft=True, code=True))
        elif meaning[0] == "digits" and _ordinal(side, end):
            found.append(Number(start, end, meaning[1], soft=True))
        elif meaning[0] not in ("joiner", "percent", "plural"):
            number, i = _group(text, tokens, i - 1)
            found.append(number)
    found = _ranges(text, found)
    spans = [(d.start, d.end) for d in dates_of(side)]
    return [_dated(n, spans) for n in found]


RANGE_GAP = re.compile(r"[^\W\d]{0,3}\s*(?:[-–—]|[^\W\d]{1,6})\s*")  # "340 to", "340î heta"


def _ranges(text: str, found: list[Number]) -> list[Number]:
    """The first end of a range also means the scale of the second ("340 to 500 million")."""
    out = list(found)
    for i in range(len(found) - 1):
        first, second = found[i], found[i + 1]
        if (
            first.words
            or not second.words
            or not RANGE_GAP.fullmatch(text[first.end : second.start])
        ):
            continue
        scale = max(second.values) / max(_leading(text, second), Decimal(1))
        if scale >= 1000:
            out[i] = replace(first, values=first.values | {v * scale for v in first.values})
    return out


def _leading(text: str, number: Number) -> Decimal:
    """The value of the digits a scaled number starts with ("500" of "500 million")."""
    m = DIGITS.match(text, number.start)
    return max(digit_values(m[0])) if m and m["hour"] is None else Decimal(1)


def _dated(number: Number, spans: list[tuple[int, int]]) -> Number:
    if any(s <= number.start and number.end <= e for s, e in spans):
        return replace(number, in_date=True)
    return number


Meaning = tuple  # ("digits", values) | ("word", value, weak) | ("mult", m) | ("scale", m) | ...


def _digit_tokens(text: str, original: str) -> list[tuple[int, int, Meaning]]:
    tokens: list[tuple[int, int, Meaning]] = []
    for m in DIGITS.finditer(text) if ANY_DIGIT.search(text) else ():
        if _code(text, m.start()):
            tokens.append((m.start(), m.end(), ("code", digit_values(m[0]))))
        elif m["hour"] is not None:
            times = [Number(m.start(), m.end("hour"), frozenset({Decimal(int(m["hour"]))}))]
            if int(m["minute"]):
                value = frozenset({Decimal(int(m["minute"]))})
                times.append(Number(m.start("minute"), m.end(), value))
            tokens.append((m.start(), m.end(), ("time", times)))
        else:
            tokens.append((m.start(), m.end(), ("digits", digit_values(m[0]))))
    for m in ROMAN.finditer(original) if ROMAN_HINT.search(original) else ():
        if m[1] and (m[1] != "I" or original[m.start() - 1] == "-" or _after_name(original, m)):
            tokens.append((m.start(), m.end(), ("roman", frozenset({Decimal(_roman(m[1]))}))))
    return tokens


def _ordinal(side: Side, end: int) -> bool:
    """Whether digits ending at `end` carry an ordinal ending ("21st", "٢١یەم")."""
    word = re.match(r"[-'’]?([^\W\d_]+)", side.folded[end:])
    return bool(word) and word[1] in rules(side.lang).numbers.ordinal_suffixes


def _after_name(text: str, m: re.Match) -> bool:
    """Whether a lone "I" follows a capitalised word inside a sentence ("World War I")."""
    before = re.search(r"(\S)\s*([A-Z]\w*) $", text[max(0, m.start() - 30) : m.start()])
    return before is not None and before[1] not in ".!?:;"


def _code(text: str, start: int) -> bool:
    """Whether digits at `start` belong to a code or a unit written onto a word ("ACE2",
    "COVID-19", "km2", "الجدول1"), rather than stand alone (or after a proclitic: "و١٫٥")."""
    before = text[max(0, start - 12) : start]
    hyphen = before.endswith("-")
    word = re.search(r"[^\W\d_]+$", before[:-1] if hyphen else before)
    if word is None:
        return False
    return hyphen or not PROCLITIC.search(word[0])


def _roman(numeral: str) -> int:
    values = [ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _group(text: str, tokens: list, i: int) -> tuple[Number, int]:
    """The number that starts at token i (digits or words, with the scales after them),
    and the index of the first token after it."""
    start, end, meaning = tokens[i]
    group = _Group(digits=meaning[0] == "digits")
    last = start
    while i < len(tokens):
        s, e, meaning = tokens[i]
        if s != start and (
            meaning[0] in ("digits", "time", "code", "roman") or not _joined(text[last:s])
        ):
            break
        if not group.take(meaning):
            break
        last, i = e, i + 1
        if meaning[0] != "joiner":
            end = e
    return Number(start, end, group.values(), group.spelled, group.weak and group.spelled), i


class _Group:
    """The value of a number read so far: totals closed by scales, and the current part."""

    def __init__(self, digits: bool):
        self.digits = digits
        self.totals: frozenset[Decimal] = frozenset({Decimal(0)})
        self.current: frozenset[Decimal] | None = None
        self.spelled, self.weak, self.last_scale = False, True, None

    def take(self, meaning: Meaning) -> bool:
        """Add a token's meaning; False when it starts another number."""
        kind = meaning[0]
        if kind == "digits":
            self.current, self.weak = meaning[1], False
        elif kind == "word":
            if self.current is not None:
                if self.digits or len(self.current) > 1 or not _adds(max(self.current), meaning[1]):
                    return False
                self.current = frozenset({max(self.current) + meaning[1]})
            else:
                self.current = frozenset({meaning[1]})
            self.spelled, self.weak = True, self.weak and meaning[2]
        elif kind == "mult":
            self.current = frozenset(c * meaning[1] for c in self.current or {Decimal(1)})
            self.spelled, self.weak = True, False
        elif kind in ("scale", "plural"):
            if kind == "plural" and self.current is None:
                return False
            if self.last_scale is not None and meaning[1] >= self.last_scale:
                return False
            part = self.current or {Decimal(1)}
            self.totals = frozenset(t + c * meaning[1] for t in self.totals for c in part)
            self.current, self.last_scale = None, meaning[1]
            self.spelled, self.weak = True, False
        elif kind != "joiner":
            return False
        return True

    def values(self) -> frozenset[Decimal]:
        if self.current is None:
            return self.totals
        return frozenset(t + c for t in self.totals for c in self.current)


def _joined(gap: str) -> bool:
    """Whether two tokens belong to one number: only spaces, or a hyphen, lie between."""
    return WORD_GAP.fullmatch(gap) is not None


def _adds(current: Decimal, value: Decimal) -> bool:
    """Whether `value` adds to `current` as one number does ("twenty" "five", Arabic
    "خمسة" "وعشرون", "ثلاثة" "عشر"), rather than starting another ("two three")."""
    low = current % 100
    if value < 10:
        return low % 10 == 0 and (low >= 20 or (current >= 100 and low == 0))
    if value < 100 and value % 10 == 0:
        return low < 10 and (low > 0 or current >= 100)
    if value < 100:
        return low == 0 and current >= 100
    return current % 1000 == 0 and current >= 1000 and value < 1000


def digit_values(written: str) -> frozenset[Decimal]:
    """The values a number in digits may mean (Western digits, `.` and `,` separators):
    "1,500,000" 1500000; "1.5" 1.5; "3.500" and "3,500" both 3500 and 3.5."""
    plain = re.sub(r"[ \u00a0\u202f\u2009]", "", written)
    groups = re.split(r"[.,]", plain)
    marks = re.findall(r"[.,]", plain)
    whole = Decimal("".join(groups))
    if not marks:
        return frozenset({whole})
    grouped = all(len(g) == 3 for g in groups[1:-1])  # thousands between the first and last
    if len(set(marks)) == 1 and grouped and len(groups[0]) <= 3 and len(groups[-1]) == 3:
        if len(marks) > 1:
            return frozenset({whole})  # "1,500,000"
        return frozenset({whole, Decimal(f"{groups[0]}.{groups[1]}")})  # "3.500"
    if len(set(marks)) == 2 and marks[-1] not in marks[:-1] and grouped:
        return frozenset({Decimal(f"{''.join(groups[:-1])}.{groups[-1]}")})  # "1,234.5"
    if len(marks) == 1:
        return frozenset({Decimal(f"{groups[0]}.{groups[1]}")})  # "1.5", "2,3"
    return frozenset({whole})  # "1.2.3": read as its digits


@cache
def _vocabulary(lang: str) -> dict[str, Meaning]:
    """Folded word -> what it means for a number, with the language's proclitics."""
    table = rules(lang).numbers
    own: dict[str, Meaning] = {}
    for word, value in table.words.items():
        own[key_of(word, lang)] = ("word", Decimal(value), word in table.weak)
    for word, value in table.multipliers.items():
        own[key_of(word, lang)] = ("mult", Decimal(value))
    for word, value in table.scales.items():
        own[key_of(word, lang)] = ("scale", Decimal(value))
    for word, value in table.plural_scales.items():
        own[key_of(word, lang)] = ("plural", Decimal(value))
    for word in table.joiners:
        own[key_of(word, lang)] = ("joiner",)
    percent = {key_of(word, lang): ("percent",) for word in table.percent}
    found = dict(own)
    for proclitic in sorted(table.proclitics, key=len, reverse=True):
        prefix = key_of(proclitic, lang)
        for word, meaning in own.items():
            if meaning[0] != "joiner":
                found.setdefault(prefix + word, meaning)
    found.update(percent)
    return found
