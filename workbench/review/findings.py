"""QA findings as the reviewer meets them: per bead, briefly and in full, and dismissed by a
reviewer (a "dismiss" review event, append-only, with who, when and why)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from workbench.accounts import require_writer
from workbench.errors import InputError
from workbench.records import SEVERITIES, Finding, ReviewEvent, User, record_number
from workbench.store.db import Database

ANY_CHECK = "all"
WITH_FINDINGS = "any check"


def bead_findings(
    db: Database, alignment_id: int, langs: Collection[str] = ()
) -> dict[int, tuple[Finding, ...]]:
    """Bead id -> its stored findings on the versions in `langs` (those whose checked
    language is one of them; all, when none are given), dismissed ones included, each
    saying so."""
    from workbench.store import qa as store

    found: dict[int, list[Finding]] = {}
    for finding in store.findings_of(db, [alignment_id], include_dismissed=True):
        shown = not langs or finding.tgt_lang in langs
        if finding.bead is not None and shown:
            found.setdefault(finding.bead, []).append(finding)
    return {bead: tuple(items) for bead, items in found.items()}


def in_effect(findings: Sequence[Finding]) -> list[Finding]:
    """The findings no reviewer has dismissed."""
    return [f for f in findings if f.dismissed is None]


def worst(findings: Sequence[Finding]) -> str:
    """The highest severity among the findings in effect ("" when none)."""
    ranks = [SEVERITIES.index(f.severity) for f in in_effect(findings) if f.severity in SEVERITIES]
    return SEVERITIES[max(ranks)] if ranks else ""


def brief(findings: Sequence[Finding]) -> list[tuple[str, int]]:
    """(check, how many) of the findings in effect, in the order the checks first appear."""
    return list(Counter(f.check for f in in_effect(findings)).items())


def qa_filter_passes(findings: Sequence[Finding], wanted: str) -> bool:
    """The review table's QA filter: "all" lets every bead through, "any check" a bead with
    a finding in effect, a check's name a bead with a finding of that check."""
    if wanted == ANY_CHECK:
        return True
    shown = in_effect(findings)
    return bool(shown) if wanted == WITH_FINDINGS else any(f.check == wanted for f in shown)


def qa_choices(known_checks: Sequence[str]) -> tuple[str, ...]:
    return (ANY_CHECK, WITH_FINDINGS, *known_checks)


def check_names() -> tuple[str, ...]:
    from workbench.qa.checks import CHECKS

    return tuple(CHECKS)


def dismiss(
    db: Database, user: User, alignment_id: int | str, finding_id: int | str | None, why: str
) -> ReviewEvent:
    """A reviewer sets one finding of this alignment aside as a false alarm, saying why."""
    from workbench.store import qa as store

    require_writer(user)
    if finding_id in (None, ""):
        raise InputError("Choose the finding to dismiss first.")
    number = record_number(finding_id, "finding")
    found = store.get_finding(db, number)
    if found.alignment_id != record_number(alignment_id, "alignment"):
        raise InputError(f"Finding {number} is not one of this alignment's; reload the report.")
    return store.dismiss(db, number, user.name, why or "")


def findings_json(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """Findings as the API gives them: `workbench qa --json`'s fields, the id, the languages
    and the dismissal (who, why, when) or None."""
    from workbench.qa.run import finding_json

    return [
        {**finding_json(f), "id": f.id, "langs": [f.src_lang, f.tgt_lang], "dismissed": f.dismissed}
        for f in findings
    ]
