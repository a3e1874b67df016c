"""The `dates` check: day, month, year and weekday agree between the two sides.

Dates are read by `workbench.text.dates` with each language's month names (Arabic in both
the Levantine/Iraqi series, "أيار", and the Egyptian one, "مايو"), weekday names and numeric
forms. Two mentions agree when every part both give is equal ("3 May" and "3 May 2021" agree;
"3 May" and "4 May" do not).

Severity: a day, month or year that differs is critical, a weekday that differs major; a date
with a day or a year missing on the other side is major, and so is a day left out of a date
the other side gives in part; a year left out so is minor, and so is a lone month or weekday
missing.
"""

from __future__ import annotations

from workbench.qa.pair import Pair, Side, finding
from workbench.qa.words import quote
from workbench.records import Finding
from workbench.text.dates import DateMention, date_mentions

NAME = "dates"


def check(pair: Pair) -> list[Finding]:
    src, tgt = dates_of(pair.src), dates_of(pair.tgt)
    if not src and not tgt:
        return []
    lone_src, lone_tgt, found = [], list(tgt), []
    for mention in src:
        match = next((i for i, t in enumerate(lone_tgt) if _agree(mention, t)), None)
        if match is None:
            lone_src.append(mention)
        else:
            found.extend(_partial(pair, mention, lone_tgt.pop(match)))
    for mention in lone_src:
        other = next((i for i, t in enumerate(lone_tgt) if _shared(mention, t)), None)
        if other is None:
            found.append(_missing(pair.src, pair.tgt, mention, mirror=False))
        else:
            found.append(_differ(pair, mention, lone_tgt.pop(other)))
    found.extend(_missing(pair.tgt, pair.src, t, mirror=True) for t in lone_tgt)
    return found


def dates_of(side: Side) -> list[DateMention]:
    """The dates a side mentions (computed once per side)."""
    return side.memo(NAME, lambda s: date_mentions(s.text, s.lang, folded=s.folded))


def _shared(a: DateMention, b: DateMention) -> set[str]:
    return set(a.parts()) & set(b.parts())


def _agree(a: DateMention, b: DateMention) -> bool:
    shared = _shared(a, b)
    return bool(shared) and all(a.parts()[k] == b.parts()[k] for k in shared)


def _partial(pair: Pair, a: DateMention, b: DateMention) -> list[Finding]:
    """Two mentions that agree where both speak, when one gives a day or a year the other
    leaves out ("March 10" and "آذار"): major for a day, minor for a year (which the
    context often gives)."""
    lacking = [
        (side, other, part)
        for side, other, ours, theirs in ((pair.src, pair.tgt, a, b), (pair.tgt, pair.src, b, a))
        for part in ("day", "year")
        if part in ours.parts() and part not in theirs.parts()
    ]
    if not lacking:
        return []
    side, other, _ = lacking[0]
    parts = " and the ".join(dict.fromkeys(part for s, _, part in lacking if s is side))
    message = (
        f"{side.name} says {_quoted(side, a if side is pair.src else b)}; {other.name} says "
        f"{_quoted(other, b if side is pair.src else a)}, without the {parts}."
    )
    severity = "major" if "day" in parts else "minor"
    return [finding(NAME, severity, message, (a.start, a.end), (b.start, b.end))]


def _differ(pair: Pair, a: DateMention, b: DateMention) -> Finding:
    differing = [k for k in ("year", "month", "day", "weekday") if k in _shared(a, b)]
    differing = [k for k in differing if a.parts()[k] != b.parts()[k]]
    severity = "major" if differing == ["weekday"] else "critical"
    message = (
        f"{pair.src.name} says {_quoted(pair.src, a)}; {pair.tgt.name} says "
        f"{_quoted(pair.tgt, b)} (the {' and the '.join(differing)} differ"
        f"{'s' if len(differing) == 1 else ''})."
    )
    return finding(NAME, severity, message, (a.start, a.end), (b.start, b.end))


def _missing(side: Side, other: Side, mention: DateMention, *, mirror: bool) -> Finding:
    whole = mention.day is not None or mention.year is not None
    what = "date" if whole or mention.month else "day of the week"
    message = f"{side.name} says {_quoted(side, mention)}; {other.name} gives no such {what}."
    span = (mention.start, mention.end)
    spans = (None, span) if mirror else (span, None)
    return finding(NAME, "major" if whole else "minor", message, *spans)


def _quoted(side: Side, mention: DateMention) -> str:
    return quote(side, (mention.start, mention.end), context=0)
