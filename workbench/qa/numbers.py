"""The `numbers` check: every number on one side has an equal number on the other.

A number is read from digits in any of the three scripts (Western, Arabic-Indic ٠-٩ and
Persian ۰-۹, with `, . ٫ ٬` or thin spaces as separators) or from words in the side's
language ("twenty-five", "خمسة وعشرون", "بیست و پێنج", "bîst û pênc"), digits and words
together ("1.5 million" = "1,500,000" = "١٫٥ مليون"), and times (11:00 is 11). A separator
before exactly three digits may group thousands or mark decimals ("3.500" is 3500 in
Kurmanji, 3.5 in English), so such a number stands for both values: formatting alone never
makes a finding. Percent signs and words are ignored, ranges are their two ends.

Numbers inside a date belong to the `dates` check; they only answer for a number the other
side writes outside a date. A word like "one" that is often no number ("one of them") never
makes a finding by its absence.

Severity: two different figures where digits meet digits are critical, other mismatches
major; a number in digits missing on the other side is major, in words minor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from workbench.qa.pair import Pair, Side, finding
from workbench.qa.words import key_of, quote, words
from workbench.records import Finding
from workbench.text.rules import rules

NAME = "numbers"
DIGITS = re.compile(
    r"(?<![\d.,:])(?P<hour>\d{1,2}):(?P<minute>\d{2})(?![\d:]|[.,]\d)"
    r"|\d+(?:[.,]\d+)*(?:[\u00a0\u202f\u2009]\d{3}(?!\d))*"
)
LATIN_LETTER = re.compile("[a-zA-Z\u00c0-\u024f]")
WORD_GAP = re.compile(r"\s*[-‐‑]?\s*")  # between the words of one number: "twenty-five"
MAX_RATIO = 10  # figures further apart than this are two numbers, not one misquoted


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    values: frozenset[Decimal]  # every value the writing may mean ("3.500": 3.5 and 3500)
    words: bool = False  # written, at least partly, in words
    weak: bool = False  # a word often meant as no number ("one"): absent, it says nothing
    in_date: bool = False


def check(pair: Pair) -> list[Finding]:
    src, tgt = numbers_of(pair.src), numbers_of(pair.tgt)
    if not src and not tgt:
        return []
    lone_src, lone_tgt = _unmatched(src, tgt)
    return _findings(pair, lone_src, lone_tgt)


def numbers_of(side: Side) -> list[Number]:
    """The numbers a side writes, in order (computed once per side)."""
    return side.memo(NAME, _read)


def _unmatched(src: list[Number], tgt: list[Number]) -> tuple[list[Number], list[Number]]:
    """Numbers left over once equal ones are paired, first outside dates, then against
    numbers inside the other side's dates; weak words and date parts are never left over."""
    free_src = [n for n in src if not n.in_date]
    free_tgt = [n for n in tgt if not n.in_date]
    free_src, free_tgt = _pair_equal(free_src, free_tgt)
    free_src, _ = _pair_equal(free_src, [n for n in tgt if n.in_date])
    free_tgt, _ = _pair_equal(free_tgt, [n for n in src if n.in_date])
    return [n for n in free_src if not n.weak], [n for n in free_tgt if not n.weak]


def _pair_equal(left: list[Number], right: list[Number]) -> tuple[list[Number], list[Number]]:
    right = list(right)
    lone = []
    for number in left:
        match = next((i for i, other in enumerate(right) if number.values & other.values), None)
        if match is None:
            lone.append(number)
        else:
            del right[match]
    return lone, right


def _findings(pair: Pair, lone_src: list[Number], lone_tgt: list[Number]) -> list[Finding]:
    found = []
    lone_tgt = list(lone_tgt)
    for number in lone_src:
        other = next((i for i, n in enumerate(lone_tgt) if _close(number, n)), None)
        if other is None:
            found.append(_missing(pair.src, pair.tgt, number, mirror=False))
            continue
        theirs = lone_tgt.pop(other)
        severity = "major" if number.words or theirs.words else "critical"
        message = (
            f"{pair.src.name} says {quote(pair.src, _span(number))}; "
            f"{pair.tgt.name} says {quote(pair.tgt, _span(theirs))}."
        )
        found.append(finding(NAME, severity, message, _span(number), _span(theirs)))
    found.extend(_missing(pair.tgt, pair.src, n, mirror=True) for n in lone_tgt)
    return found


def _missing(side: Side, other: Side, number: Number, *, mirror: bool) -> Finding:
    severity = "minor" if number.words else "major"
    message = f"{side.name} says {quote(side, _span(number))}; {other.name} has no such number."
    spans = (None, _span(number)) if mirror else (_span(number), None)
    return finding(NAME, severity, message, *spans)


def _close(a: Number, b: Number) -> bool:
    """Whether two figures are near enough to be one number written differently."""
    x, y = max(a.values), max(b.values)
    if x <= 0 or y <= 0:
        return x == y or min(x, y) < MAX_RATIO
    return max(x, y) / min(x, y) <= MAX_RATIO


def _span(number: Number) -> tuple[int, int]:
    return (number.start, number.end)


# --- reading numbers --------------------------------------------------------------------


def _read(side: Side) -> list[Number]:
    from workbench.qa.dates import dates_of

    text = side.folded
    table = _vocabulary(side.lang)
    found: list[Number] = []
    spelled = [(w.start, w.end, table[w.key]) for w in words(side) if w.key in table]
    tokens = sorted([*_digit_tokens(text), *spelled], key=lambda t: t[0])
    i = 0
    while i < len(tokens):
        meaning = tokens[i][2]
        if meaning[0] in ("joiner", "percent", "plural"):
            i += 1
            continue
        if meaning[0] == "time":
            found.extend(meaning[1])
            i += 1
            continue
        number, i = _group(text, tokens, i)
        found.append(number)
    spans = [(d.start, d.end) for d in dates_of(side)]
    return [_dated(n, spans) for n in found]


def _dated(number: Number, spans: list[tuple[int, int]]) -> Number:
    if any(s <= number.start and number.end <= e for s, e in spans):
        return Number(number.start, number.end, number.values, number.words, number.weak, True)
    return number


Meaning = tuple  # ("digits", values) | ("word", value, weak) | ("mult", m) | ("scale", m) | ...


def _digit_tokens(text: str) -> list[tuple[int, int, Meaning]]:
    tokens = []
    for m in DIGITS.finditer(text):
        if m.start() and LATIN_LETTER.match(text, m.start() - 1):
            continue  # a code or a unit: km2, CO2, H5N1
        if m["hour"] is not None:
            times = [Number(m.start(), m.end("hour"), frozenset({Decimal(int(m["hour"]))}))]
            if int(m["minute"]):
                value = frozenset({Decimal(int(m["minute"]))})
                times.append(Number(m.start("minute"), m.end(), value))
            tokens.append((m.start(), m.end(), ("time", times)))
        else:
            tokens.append((m.start(), m.end(), ("digits", digit_values(m[0]))))
    return tokens


def _group(text: str, tokens: list, i: int) -> tuple[Number, int]:
    """The number that starts at token i (digits or words, with the scales after them),
    and the index of the first token after it."""
    start, end, meaning = tokens[i]
    group = _Group(digits=meaning[0] == "digits")
    last = start
    while i < len(tokens):
        s, e, meaning = tokens[i]
        if s != start and (meaning[0] in ("digits", "time") or not _joined(text[last:s])):
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
    plain = re.sub(r"[\u00a0\u202f\u2009]", "", written)
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
