"""The checks, declared once: their names (as `--checks`, job specs and JSON spell them) and
the module that makes each. Every front end takes the list from here.

Each module has `check(pair) -> list[Finding]` and can be used alone; `omission` and
`addition` are one module's two mirror images.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from workbench.errors import InputError
from workbench.qa.pair import Pair
from workbench.records import SEVERITIES, Finding

CHECKS: tuple[str, ...] = (
    "numbers",
    "dates",
    "untranslated",
    "omission",
    "addition",
    "names",
    "punctuation",
    "terms",
)
MODULES: dict[str, str] = {
    "numbers": "workbench.qa.numbers",
    "dates": "workbench.qa.dates",
    "untranslated": "workbench.qa.untranslated",
    "omission": "workbench.qa.omission",
    "addition": "workbench.qa.omission",
    "names": "workbench.qa.names",
    "punctuation": "workbench.qa.punctuation",
    "terms": "workbench.qa.terms",
}
RANK = {severity: i for i, severity in enumerate(SEVERITIES)}
# Checks with something to say when one side is empty (the others compare two texts).
ONE_SIDED = ("omission", "addition")


def chosen(checks: Iterable[str] | str | None) -> tuple[str, ...]:
    """The checks asked for ("numbers,dates", a list, or None for all), in CHECKS' order."""
    if checks is None:
        return CHECKS
    names = checks.split(",") if isinstance(checks, str) else list(checks)
    names = [n.strip().lower() for n in names if n.strip()]
    unknown = [n for n in names if n not in CHECKS]
    if unknown or not names:
        raise InputError(
            f"Unknown QA check {', '.join(map(repr, unknown)) or '(none given)'}: "
            f"use some of {', '.join(CHECKS)}."
        )
    return tuple(c for c in CHECKS if c in names)


def run_checks(pair: Pair, checks: Iterable[str] | str | None = None) -> list[Finding]:
    """The findings of the chosen checks on one pair, in the order of the source text."""
    wanted = chosen(checks)
    if not pair.src.text.strip() or not pair.tgt.text.strip():
        wanted = tuple(c for c in wanted if c in ONE_SIDED)
    found: list[Finding] = []
    for module in dict.fromkeys(MODULES[c] for c in wanted):
        found.extend(f for f in importlib.import_module(module).check(pair) if f.check in wanted)
    if any(f.check == "untranslated" and RANK[f.severity] >= RANK["major"] for f in found):
        found = [f for f in found if f.check == "untranslated"]  # the rest says nothing more
    return sorted(found, key=_order)


def _order(found: Finding) -> tuple:
    span = found.src_span or found.tgt_span or (0, 0)
    return (span[0], CHECKS.index(found.check), -RANK[found.severity], found.message)
