"""QA on a stored report: each pair of its versions, bead by bead, through its alignments.

`run_report_qa` checks every bead of the report's alignments as reviewers have left it
(their corrections applied), with the length ratio of each document pair estimated from its
own beads and, where the report holds a machine translation of the source into the target's
language, that translation for the omission check; it stores the findings. A finding a
reviewer dismissed stays dismissed while its text is unchanged. `report_findings` reads
what is stored; `qa_counts` counts findings per check and severity for the quality report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from workbench.errors import InputError, NotFound
from workbench.qa.checks import CHECKS, chosen
from workbench.qa.pair import LengthModel
from workbench.qa.run import check_pair
from workbench.qa.terms import Glossary
from workbench.records import SEVERITIES, Alignment, Document, Finding, ReviewEvent
from workbench.store.db import Database


def run_report_qa(
    db: Database,
    report: str | int,
    *,
    langs: Sequence[str] | None = None,
    checks: Iterable[str] | str | None = None,
    glossary: Glossary | None = None,
    save: bool = True,
) -> list[PairQA]:
    """Check the report's versions pair by pair and store the findings (unless `save` is
    False). `langs` chooses the pairs: the first language against each other one (default:
    each alignment's first version against each other one)."""
    from workbench.store import qa as store

    wanted = chosen(checks)
    results = []
    for given in report_pairs(db, report, langs=langs):
        checked = check_beads(given, wanted, glossary)
        if save:
            checked = save_pair(db, given, checked, wanted)
        dismissed = store.dismissals(db, _alignment_ids(db, given.report))
        checked = [replace(f, dismissed=dismissed.get(f.key)) for f in checked]
        results.append(
            PairQA(
                **asdict(given),
                findings=tuple(f for f in checked if f.dismissed is None),
                dismissed=tuple(f for f in checked if f.dismissed is not None),
            )
        )
    return results


def report_pairs(
    db: Database, report: str | int, *, langs: Sequence[str] | None = None
) -> list[PairInput]:
    """The pairs of a report's versions QA checks, each read from its latest alignment."""
    from workbench.store.alignments import alignments_for_report
    from workbench.store.reports import documents, get_report

    found = get_report(db, report)
    docs = {d.id: d for d in documents(db, found.id or 0)}
    aligned = alignments_for_report(db, found.id or 0)
    return [
        pair_input(db, found.name, alignment, src, tgt)
        for alignment, src, tgt in _pairs(db, found.name, aligned, docs, langs)
    ]


def save_pair(
    db: Database, given: PairInput, found: list[Finding], checks: Sequence[str]
) -> list[Finding]:
    """Store what `checks` found on a pair, replacing what they found before."""
    from workbench.store import qa as store

    return store.save_findings(
        db, given.alignment_id, given.src_document, given.tgt_document, found, checks=checks
    )


def _alignment_ids(db: Database, report: str | int) -> list[int]:
    from workbench.store.alignments import alignments_for_report
    from workbench.store.reports import get_report

    found = get_report(db, report)
    return [a.id for a in alignments_for_report(db, found.id or 0) if a.id is not None]


def report_findings(
    db: Database, report: str | int, *, include_dismissed: bool = False
) -> list[Finding]:
    """The findings stored for a report, in alignment and bead order."""
    from workbench.store import qa as store

    return store.findings_of(db, _alignment_ids(db, report), include_dismissed=include_dismissed)


def dismiss_finding(db: Database, finding_id: int, user: str, why: str) -> ReviewEvent:
    """Set a stored finding aside (who and why are kept as a review event); it stays
    dismissed when QA runs again on the same text."""
    from workbench.store import qa as store

    return store.dismiss(db, finding_id, user, why)


@dataclass(frozen=True)
class QaCount:
    """How many findings one check made on one pair of a report's versions ("en-ar"), or on
    all of them ("all"), by severity."""

    report: str
    pair: str
    check: str
    minor: int = 0
    major: int = 0
    critical: int = 0


def findings_for_reports(db: Database, reports: Iterable[str | int]) -> dict[str, list[Finding]]:
    """Report name -> its stored findings in effect (dismissed ones left out)."""
    from workbench.store.reports import get_report

    return {get_report(db, name).name: report_findings(db, name) for name in dict.fromkeys(reports)}


def qa_counts(findings: Mapping[str, Sequence[Finding]]) -> list[QaCount]:
    """Findings per check and severity for each pair of each report, then for the report."""
    rows = []
    for report, found in findings.items():
        pairs = sorted({f"{f.src_lang}-{f.tgt_lang}" for f in found})
        for pair in [*pairs, "all"]:
            chosen = [f for f in found if pair in ("all", f"{f.src_lang}-{f.tgt_lang}")]
            counts = Counter((f.check, f.severity) for f in chosen)
            for check in CHECKS:
                if any(counts[check, s] for s in SEVERITIES):
                    rows.append(
                        QaCount(report, pair, check, *(counts[check, s] for s in SEVERITIES))
                    )
    return rows


# --- the pairs and their beads ----------------------------------------------------------


def _pairs(
    db: Database,
    name: str,
    aligned: list[Alignment],
    docs: dict[Any, Document],
    langs: Sequence[str] | None,
) -> list[tuple[Alignment, Document, Document]]:
    """(alignment, source, target) for each pair of versions to check; the latest alignment
    that joins two languages serves for them."""
    from workbench.store.alignments import get_alignment
    from workbench.text.languages import canonical

    if not aligned:
        raise NotFound(
            f"Report {name!r} has no alignment yet: run `workbench align-report {name}` first."
        )
    wanted = [canonical(lang) for lang in langs] if langs else None
    found: dict[tuple[str, str], tuple[Alignment, Document, Document]] = {}
    for alignment in aligned:  # oldest first: later ones replace earlier ones
        versions = [docs[i] for i in alignment.document_ids if i in docs]
        for src, tgt in _ordered(versions, wanted):
            found[src.lang, tgt.lang] = (alignment, src, tgt)
    if wanted:
        missing = [lang for lang in wanted[1:] if (wanted[0], lang) not in found]
        if len(wanted) < 2 or missing:
            raise InputError(
                f"Report {name!r} has no alignment joining {wanted[0]} with "
                f"{', '.join(missing) or 'another language'}: give two or more languages its "
                f"alignments join (it has {', '.join(f'{s}-{t}' for s, t in found) or 'none'})."
            )
    return [(get_alignment(db, a.id or 0), s, t) for a, s, t in found.values()]


def _ordered(versions: list[Document], wanted: list[str] | None) -> list[tuple[Document, Document]]:
    if not versions:
        return []
    if wanted is None:
        return [(versions[0], other) for other in versions[1:]]
    by_lang = {d.lang: d for d in versions}
    src = by_lang.get(wanted[0])
    return [(src, by_lang[lang]) for lang in wanted[1:] if src is not None and lang in by_lang]


@dataclass(frozen=True)
class PairInput:
    """Everything QA needs of one pair of versions through one alignment, as plain data (it
    travels to a job's workers): each bead's id and texts, and the machine translation of
    its source when the report holds one."""

    report: str
    alignment_id: int
    src_document: int
    tgt_document: int
    src_lang: str
    tgt_lang: str
    beads: tuple[tuple[int, str, str, str], ...]  # (bead id, source, target, machine or "")


@dataclass(frozen=True)
class PairQA(PairInput):
    """What QA found on a pair: the findings in effect, and those reviewers dismissed."""

    findings: tuple[Finding, ...] = ()
    dismissed: tuple[Finding, ...] = ()


def pair_input(
    db: Database, report: str, alignment: Alignment, src: Document, tgt: Document
) -> PairInput:
    """Read one pair's beads as reviewers left them (their corrections applied)."""
    from workbench.formats.collect import parallel_text
    from workbench.store.reports import documents

    table = parallel_text(db, alignment.id or 0, languages=[src.lang, tgt.lang])
    mt = _machine_translation(db, documents(db, src.report_id or 0), src, tgt.lang) or []
    column = list(alignment.document_ids).index(src.id)
    segments = {b.id: b.segments[column] for b in alignment.beads}
    beads = []
    for row in table.rows:
        bead = int(row.id)
        machine = " ".join(mt[i] for i in segments.get(bead, ()) if i < len(mt))
        beads.append((bead, row.texts.get(src.lang, ""), row.texts.get(tgt.lang, ""), machine))
    return PairInput(
        report, alignment.id or 0, src.id or 0, tgt.id or 0, src.lang, tgt.lang, tuple(beads)
    )


def check_beads(
    given: PairInput,
    checks: Iterable[str] | str | None = None,
    glossary: Glossary | None = None,
) -> list[Finding]:
    """The findings on every bead of a pair, with the pair's own length ratio."""
    texts = [(source, target) for _, source, target, _ in given.beads]
    length = LengthModel.estimate(texts, given.src_lang, given.tgt_lang)
    found = []
    for bead, source, target, machine in given.beads:
        for f in check_pair(
            source, target, given.src_lang, given.tgt_lang,
            checks=checks, mt=machine or None, glossary=glossary, length=length,
        ):  # fmt: skip
            found.append(replace(f, bead=bead, alignment_id=given.alignment_id))
    return found


def _machine_translation(
    db: Database, docs: list[Document], src: Document, lang: str
) -> list[str] | None:
    """The segments of the latest machine translation of `src`'s language into `lang` that
    lines up with `src` (one segment per source segment), if the report holds one."""
    from workbench.store.reports import segments

    made = [
        d for d in docs if d.origin == "machine" and d.lang == lang and d.pivot[:1] == (src.lang,)
    ]
    count = len(segments(db, src.id or 0)) if made else 0
    for candidate in sorted(made, key=lambda d: d.id or 0, reverse=True):
        texts = [s.text for s in segments(db, candidate.id or 0)]
        if len(texts) == count:
            return texts
    return None
