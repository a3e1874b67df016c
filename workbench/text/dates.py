"""Dates in text: "2021-05-03", "3 May 2021", "٣ أيار ٢٠٢١", "3ê Gulanê 2021", "Monday", "May".

`date_mentions(text, lang)` finds every date a text mentions, whole or in part (a day and a
month, a month and a year, a weekday), with its place in the text; `find_date(text, lang)`
gives the first whole one as an ISO date (the date a report carries).

Month and weekday names are data, in each language's rules file, found in a folded copy of
the text of the same length (so a place in it is a place in the text). Numeric dates are read
day first (3/5/2021 is 3 May), as they are written in Iraq, Syria, Turkey and Iran. A month
name that is also a common word ("may", "آب") counts only next to a day or a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from workbench.text.languages import script
from workbench.text.normalize import fold_in_place
from workbench.text.rules import rules

ISO = re.compile(r"(?<![\d.,])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")
DAY_FIRST = re.compile(r"(?<![\d.,])(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?![\d])")
# "3 May", "3rd May", "3ê Gulanê", "30 a Rêbendan", "9-ê çileyê", "٣ی ئایار", "٩ ی ئاب"
DAY_BEFORE = re.compile(r"(?<![\d.,:])(\d{1,2})(?:[-'’]?[^\W\d]{0,3}|\s[^\W\d]{1,2})?\s*-?\s*$")
DAY_AFTER = re.compile(r"\s+(\d{1,2})(?!\d|[.,:]\d)(?:[^\W\d]{0,2}(?!\w))?")
# "May 2021", "May, 2021", "May of 1969", "Gulana 2021an", "çileyê paşîn ê 2017-an"
YEAR_AFTER = re.compile(r"\s*[,،]?\s*(?:[^\W\d]{1,2}\s+)?(\d{4})(?![\d.,]\d)")
DIGIT = re.compile(r"\d")
FIRST_YEAR, LAST_YEAR = 1000, 2100  # "January 2340 families" is no year
WEEKDAY_GAP = re.compile(r"[\s,،]*")  # between "Monday" and "3 May 2021"


@dataclass(frozen=True)
class DateMention:
    """A date as far as the text gives it; `weekday` 1 is Monday, 7 Sunday."""

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None

    @property
    def iso(self) -> str:
        """The ISO date when day, month and year are all given (and valid), else ""."""
        if self.year is None or self.month is None or self.day is None:
            return ""
        return _iso(self.year, self.month, self.day)

    def parts(self) -> dict[str, int]:
        """The parts the text gives: year, month, day, weekday."""
        given = {"year": self.year, "month": self.month, "day": self.day}
        return {k: v for k, v in {**given, "weekday": self.weekday}.items() if v is not None}


def find_date(text: str, lang: str) -> str:
    """The first whole date in `text` as an ISO date, or "" when there is none."""
    return next((m.iso for m in date_mentions(text, lang) if m.iso), "")


def date_mentions(text: str, lang: str, *, folded: str | None = None) -> list[DateMention]:
    """Every date `text` mentions, in order; none overlap. `folded` is the text's
    `fold_in_place` form, when the caller has it already."""
    folded = folded if folded is not None else fold_in_place(text, lang)
    found = _numeric(folded) if DIGIT.search(folded) else []
    named = _may_name_dates(folded, lang)
    if named:
        found += _named(text, folded, lang)
    found = _without_overlaps(found)
    return _with_weekdays(folded, found, _weekdays(folded, lang) if named else [])


def _may_name_dates(folded: str, lang: str) -> bool:
    """Whether the text holds the first word of a month or weekday name anywhere (a quick
    look before the patterns: most sentences name no date)."""
    return _openers(lang).search(folded) is not None


@cache
def _openers(lang: str) -> re.Pattern[str]:
    """The first words of the language's month and weekday names, folded, as one pattern."""
    language = rules(lang)
    names = [*language.months, *language.weekdays]
    openers = {fold_in_place(name, lang).split()[0] for name in names if name.split()}
    return re.compile("|".join(re.escape(o) for o in sorted(openers)) or "(?!)")


def _numeric(text: str) -> list[DateMention]:
    found = []
    for pattern, order in ((ISO, (1, 2, 3)), (DAY_FIRST, (3, 2, 1))):
        for m in pattern.finditer(text):
            year, month, day = (int(m[i]) for i in order)
            if _iso(year, month, day):
                found.append(DateMention(m.start(), m.end(), year, month, day))
    return found


def _named(original: str, text: str, lang: str) -> list[DateMention]:
    """Month names with the day before or after them and the year after them. A month name
    that is also a common word counts alone only when capitalised inside a sentence."""
    pattern, months, ambiguous = _month_pattern(lang)
    if pattern is None:
        return []
    day_word = _day_word_pattern(lang)
    found = []
    for m in pattern.finditer(text):
        start, end, name = m.start(), m.end(), " ".join(m["month"].split())
        month = months[name] or None  # 0: the month is not certain
        day = year = None
        before = DAY_BEFORE.search(text, max(0, start - 12), start)
        spelled = day_word[0].search(text, max(0, start - 24), start) if day_word else None
        if before and 1 <= int(before[1]) <= 31:
            day, start = int(before[1]), before.start()
        elif spelled:
            day, start = day_word[1][" ".join(spelled[1].split())], spelled.start()
        else:
            after = DAY_AFTER.match(text, end)
            if after and 1 <= int(after[1]) <= 31:
                day, end = int(after[1]), after.end()
        after_year = YEAR_AFTER.match(text, end)
        if after_year and FIRST_YEAR <= int(after_year[1]) <= LAST_YEAR:
            year, end = int(after_year[1]), after_year.end()
        second = " ".join((m["second"] or name).split())
        doubtful = name in ambiguous and second in ambiguous
        if doubtful and not _plausible(original, m.start(), day, year, lang):
            continue
        if None not in (day, year, month) and not _iso(year, month, day):
            continue
        if month is None and day is None and year is None:
            continue  # a month name whose month is not certain, alone: nothing to compare
        found.append(DateMention(start, end, year, month, day))
    return found


def _plausible(text: str, start: int, day: int | None, year: int | None, lang: str) -> bool:
    """Whether a month name that is also a common word ("may", "آب") is the month here:
    next to a day or a year, and in Latin script capitalised ("2 May", not "type 2 may");
    alone, only capitalised inside a sentence ("in May")."""
    capital = text[start].isupper()
    if day is not None or year is not None:
        return capital or script(lang) != "Latn"
    before = text[:start].rstrip(" \"'“”«»(")
    return capital and bool(before) and before[-1] not in ".!?:;\n"


def _weekdays(text: str, lang: str) -> list[DateMention]:
    pattern, weekdays = _weekday_pattern(lang)
    if pattern is None:
        return []
    return [
        DateMention(m.start("weekday"), m.end(), weekday=weekdays[" ".join(m["weekday"].split())])
        for m in pattern.finditer(text)
    ]


def _with_weekdays(
    text: str, dates: list[DateMention], weekdays: list[DateMention]
) -> list[DateMention]:
    """Weekdays joined to the date right after them ("Monday, 3 May"); the rest alone."""
    starts = {d.start: i for i, d in enumerate(dates)}
    alone = []
    for weekday in weekdays:
        if any(d.start <= weekday.start < d.end for d in dates):
            continue
        gap = WEEKDAY_GAP.match(text, weekday.end)
        joined = starts.get(gap.end()) if gap else None
        if joined is None:
            alone.append(weekday)
        else:
            dates[joined] = replace(dates[joined], start=weekday.start, weekday=weekday.weekday)
    return sorted([*dates, *alone], key=lambda d: d.start)


def _without_overlaps(found: list[DateMention]) -> list[DateMention]:
    """The longest mention wherever two overlap."""
    kept: list[DateMention] = []
    for mention in sorted(found, key=lambda d: (d.start, -(d.end - d.start))):
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


@cache
def _month_pattern(lang: str) -> tuple[re.Pattern[str] | None, dict[str, int], frozenset[str]]:
    """A pattern for the month names of a language (and a second name after a slash or in
    brackets, as in "أيار/مايو"), with each folded name's month."""
    language = rules(lang)
    months = {fold_in_place(name, lang): number for name, number in language.months.items()}
    if not months:
        return None, months, frozenset()
    names = _alternatives(months)
    suffix = _suffix(language.month_suffixes, lang)
    second = rf"(?:\s*[/(]\s*(?P<second>{names}){suffix}\s*\)?)?"
    pattern = re.compile(rf"(?<!\w)(?P<month>{names}){suffix}(?!\w){second}")
    ambiguous = frozenset(fold_in_place(name, lang) for name in language.ambiguous_months)
    return pattern, months, ambiguous


@cache
def _day_word_pattern(lang: str) -> tuple[re.Pattern[str], dict[str, int]] | None:
    """Days written as ordinal words before a month ("الأول من", "the first of")."""
    language = rules(lang)
    if not language.day_words:
        return None
    days = {fold_in_place(word, lang): day for word, day in language.day_words.items()}
    joiners = "|".join(re.escape(fold_in_place(j, lang)) for j in language.day_joiners)
    joined = rf"\s+(?:{joiners})" if joiners else ""  # "the first of May", not "second May"
    return re.compile(rf"(?<!\w)({_alternatives(days)}){joined}\s+$"), days


@cache
def _weekday_pattern(lang: str) -> tuple[re.Pattern[str] | None, dict[str, int]]:
    language = rules(lang)
    weekdays = {fold_in_place(name, lang): day for name, day in language.weekdays.items()}
    if not weekdays:
        return None, weekdays
    proclitic = "|".join(re.escape(p) for p in language.date_proclitics)
    prefix = f"(?:{proclitic})?" if proclitic else ""
    suffix = _suffix(language.month_suffixes, lang)
    names = _alternatives(weekdays)
    return re.compile(rf"(?<!\w){prefix}(?P<weekday>{names}){suffix}(?!\w)"), weekdays


def _suffix(endings: tuple[str, ...], lang: str) -> str:
    """The endings a month or weekday name may carry, as an optional group."""
    if not endings:
        return ""
    folded = sorted({fold_in_place(e, lang) for e in endings}, key=len, reverse=True)
    return f"(?:{'|'.join(re.escape(e) for e in folded)})?"


def _alternatives(names: dict[str, int]) -> str:
    """Names as one alternation, longest first, spaces in them matching any run of spaces."""
    ordered = sorted(names, key=len, reverse=True)
    return "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in ordered)


def _iso(year: int | str | None, month: int | str | None, day: int | str | None) -> str:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return ""
