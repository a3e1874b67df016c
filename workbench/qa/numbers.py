"""The `numbers` check: every number on one side has an equal number on the other.

Numbers are read by `workbench.qa.figures`: digits in any of the three scripts, words in the
side's language, both together ("1.5 million" = "1,500,000" = "١٫٥ مليون"), times (11:00 is
11). Two numbers are equal when any value their writing may mean is the same ("3.500" is 3500
in Kurmanji, 3.5 in English): formatting alone never makes a finding. Percent signs and words
are ignored, ranges are their two ends.

Numbers inside a date belong to the `dates` check; they only answer for a number the other
side writes outside a date. A word like "one" that is often no number ("one of them") and
Roman numerals ("World War II", "type-I") only answer for others, never making a finding
by their absence; ordinals in digits ("21st") and digits that are part of a code or a unit
("ACE2", "COVID-19", "km2", "الجدول1") missing on the other side make a minor finding (a
translator may write them in words), and two codes that differ a major one. The first end
of a range takes the scale of the second ("340 to 500 million": 340 million too), as
writers often leave it out.

Severity: two different figures where digits meet digits are critical, other mismatches
major; a number in digits missing on the other side is major, in words (or an ordinal or a
code) minor.
"""

from __future__ import annotations

from workbench.qa.figures import Number, numbers_of
from workbench.qa.pair import Pair, Side, finding
from workbench.qa.words import quote
from workbench.records import Finding

NAME = "numbers"
MAX_RATIO = 10  # figures further apart than this are two numbers, not one misquoted


def check(pair: Pair) -> list[Finding]:
    src, tgt = numbers_of(pair.src), numbers_of(pair.tgt)
    if not src and not tgt:
        return []
    lone_src, lone_tgt = _unmatched(src, tgt)
    return _findings(pair, lone_src, lone_tgt)


def _unmatched(src: list[Number], tgt: list[Number]) -> tuple[list[Number], list[Number]]:
    """Numbers left over once equal ones are paired (digits with digits first), outside
    dates, then against numbers inside the other side's dates. Date parts are never left
    over; weak numbers are, for codes to meet codes."""
    free_src = [n for n in src if not n.in_date]
    free_tgt = [n for n in tgt if not n.in_date]
    free_src, free_tgt = _pair_equal(free_src, free_tgt, lambda a, b: not (a.words or b.words))
    free_src, free_tgt = _pair_equal(free_src, free_tgt)
    free_src, _ = _pair_equal(free_src, [n for n in tgt if n.in_date])
    free_tgt, _ = _pair_equal(free_tgt, [n for n in src if n.in_date])
    return free_src, free_tgt


def _pair_equal(
    left: list[Number], right: list[Number], allowed=lambda a, b: True
) -> tuple[list[Number], list[Number]]:
    right = list(right)
    lone = []
    for number in left:
        match = next(
            (i for i, o in enumerate(right) if number.values & o.values and allowed(number, o)),
            None,
        )
        if match is None:
            lone.append(number)
        else:
            del right[match]
    return lone, right


def _findings(pair: Pair, lone_src: list[Number], lone_tgt: list[Number]) -> list[Finding]:
    found = _codes(pair, [n for n in lone_src if n.code], [n for n in lone_tgt if n.code])
    coded = {id(n) for n in lone_src + lone_tgt if n.code} if found else set()
    lone_src = [n for n in lone_src if not n.weak and id(n) not in coded]
    lone_tgt = [n for n in lone_tgt if not n.weak and id(n) not in coded]
    soft_src, lone_src = [n for n in lone_src if n.soft], [n for n in lone_src if not n.soft]
    soft_tgt, lone_tgt = [n for n in lone_tgt if n.soft], [n for n in lone_tgt if not n.soft]
    found += [_missing(pair.src, pair.tgt, n, mirror=False) for n in soft_src]
    found += [_missing(pair.tgt, pair.src, n, mirror=True) for n in soft_tgt]
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


def _codes(pair: Pair, lone_src: list[Number], lone_tgt: list[Number]) -> list[Finding]:
    """Codes on both sides that do not match ("COVID-19" and "كوفيد-١٨"), as many on each
    side: major. A code with nothing on the other side says nothing (a translator may name
    it in words)."""
    if len(lone_src) != len(lone_tgt):
        return []  # codes dropped or added, not changed
    found = []
    for ours, theirs in zip(lone_src, lone_tgt, strict=True):
        message = (
            f"{pair.src.name} says {quote(pair.src, _span(ours), context=0)}; "
            f"{pair.tgt.name} says {quote(pair.tgt, _span(theirs), context=0)}."
        )
        found.append(finding(NAME, "major", message, _span(ours), _span(theirs)))
    return found


def _missing(side: Side, other: Side, number: Number, *, mirror: bool) -> Finding:
    severity = "minor" if number.words or number.soft else "major"
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
