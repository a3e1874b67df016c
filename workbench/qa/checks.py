"""The checks, declared once: their names (as `--checks`, job specs and JSON spell them) and
the function that makes each. Every front end takes the list from here.

Each module has `check(pair) -> list[Finding]` and can be used alone; `omission` and
`addition` are one module's two mirror images.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from workbench.errors import InputError
from workbench.qa.pair import Pair
from workbench.records import SEVERITIES, Finding
from workbench.registry import Registry, resolve

CHECKERS = Registry(
    "QA check",
    {
        "numbers": "workbench.qa.numbers:check",
        "dates": "workbench.qa.dates:check",
        "untranslated": "workbench.qa.untranslated:check",
        "omission": "workbench.qa.omission:check",
        "addition": "workbench.qa.omission:check",
        "names": "workbench.qa.names:check",
        "punctuation": "workbench.qa.punctuation:check",
        "terms": "workbench.qa.terms:check",
    },
)
CHECKS: tuple[str, ...] = CHECKERS.names
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
    found = [f for check in _checkers(wanted) for f in check(pair) if f.check in wanted]
    if any(f.check == "untranslated" and RANK[f.severity] >= RANK["major"] for f in found):
        found = [f for f in found if f.check == "untranslated"]  # the rest says nothing more
    return sorted(found, key=_order)


@cache
def _checkers(wanted: tuple[str, ...]) -> tuple[Callable[[Pair], list[Finding]], ...]:
    """The functions that make the wanted checks, each once (imported at first use)."""
    return tuple(resolve(target) for target in dict.fromkeys(CHECKERS[c] for c in wanted))


def _order(found: Finding) -> tuple:
    span = found.src_span or found.tgt_span or (0, 0)
    return (span[0], CHECKS.index(found.check), -RANK[found.severity], found.message)
