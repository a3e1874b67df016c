"""Reading the date a report carries ("2021-05-03", "3 May 2021", "٣ أيار ٢٠٢١", "3ê Gulanê 2021").

Month names are data, in each language's rules file. Numeric dates are read day first
(3/5/2021 is 3 May), as they are written in Iraq, Syria, Turkey and Iran.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from workbench.text.normalize import digits
from workbench.text.rules import fold_key, rules

ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
SUFFIX = r"[^\W\d]{0,3}"  # "3ê Gulanê", "٣ی ئایاری", "3rd May"


def find_date(text: str, lang: str) -> str:
    """The first date in `text` as an ISO date, or "" when there is none."""
    text = digits(text)
    found = []
    for match in ISO.finditer(text):
        found.append((match.start(), _iso(match[1], match[2], match[3])))
    for match in DAY_FIRST.finditer(text):
        found.append((match.start(), _iso(match[3], match[2], match[1])))
    patterns, months = _month_patterns(lang)
    for pattern in patterns:
        for match in pattern.finditer(text):
            month = months[fold_key(match["month"])]
            found.append((match.start(), _iso(match["year"], str(month), match["day"])))
    valid = sorted((position, iso) for position, iso in found if iso)
    return valid[0][1] if valid else ""


@cache
def _month_patterns(lang: str) -> tuple[tuple[re.Pattern[str], ...], dict[str, int]]:
    """Day-month-year and month-day-year patterns for the month names of a language."""
    months = rules(lang).months
    if not months:
        return (), months
    names = "|".join(re.escape(name) for name in sorted(months, key=len, reverse=True))
    month = rf"(?P<month>{names}){SUFFIX}(?:\s*/\s*\w+(?:\s\w+)?)?"
    day = rf"(?P<day>\d{{1,2}}){SUFFIX}"
    year = r",?\s+(?P<year>\d{4})(?!\d)"
    return (
        re.compile(rf"(?<!\w){day}\s+{month}{year}", re.IGNORECASE),
        re.compile(rf"(?<!\w){month}\s+{day}{year}", re.IGNORECASE),
    ), months


def _iso(year: str, month: str, day: str) -> str:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return ""
