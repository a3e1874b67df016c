"""Scores at every scope: bead, document, report, collection of reports, system.

The pairs of one system in one language are scored together once; a document's, a report's
or the collection's score is the corpus score of its slice of those pairs (sacrebleu sums
the same segment statistics it would have counted for that slice alone), and a bead's score
is its sentence score. `scope_ref` reads from wide to narrow:
`<report>/<system>/<lang>/doc<hyp>-doc<ref>/bead<id>`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.errors import InputError, NotFound
from workbench.records import Score
from workbench.score.metrics import ScoreOptions, ScoreResult, Scoring
from workbench.score.pairs import PairSet, SegmentPair
from workbench.store.db import Database

WIDEST = ("report", "collection", "system")


@dataclass
class SystemRun:
    """One system's pair sets in one language, scored together."""

    system: str
    lang: str
    pairsets: list[PairSet]
    scoring: Scoring
    pairs: list[SegmentPair]  # every pair set's pairs, one after the other
    spans: list[range]  # where each pair set's pairs sit in `pairs`
    sentences: dict[str, list[float]]  # metric -> sentence score of each pair

    @property
    def key(self) -> str:
        return f"{self.system}/{self.lang}" if self.lang else self.system


@dataclass
class ScoreSheet:
    """Everything scored in one go, and the scores at every scope."""

    options: ScoreOptions
    widest: str
    name: str  # the report, the collection, or "" for a whole system
    runs: list[SystemRun]
    scores: list[Score]
    notes: list[str] = field(default_factory=list)

    def at(self, scope: str) -> list[Score]:
        return [s for s in self.scores if s.scope == scope]


def score_pairsets(
    pairsets: Sequence[PairSet],
    options: ScoreOptions | None = None,
    *,
    widest: str = "report",
    name: str = "",
    jobs: int | None = None,
) -> ScoreSheet:
    """Score pair sets at bead, document and report scope, and at `widest` when wider.

    `widest` is "report" (one report), "collection" (several reports, called `name`) or
    "system" (everything the store holds, or files scored outside it).
    """
    if widest not in WIDEST:
        raise InputError(f"Unknown scope {widest!r}: use one of {', '.join(WIDEST)}.")
    if not pairsets:
        raise InputError("There is nothing to score: no hypotheses were paired with references.")
    options = options or ScoreOptions()
    runs = [_run(system, lang, group, options, jobs) for (system, lang), group in _groups(pairsets)]
    scores = [score for run in runs for score in _run_scores(run, widest, name)]
    return ScoreSheet(options, widest, name, runs, scores)


def _groups(pairsets: Sequence[PairSet]) -> list[tuple[tuple[str, str], list[PairSet]]]:
    groups: dict[tuple[str, str], list[PairSet]] = {}
    for ps in pairsets:
        groups.setdefault((ps.system, ps.lang), []).append(ps)
    return list(groups.items())


def _run(system: str, lang: str, group: list[PairSet], options, jobs) -> SystemRun:
    pairs = [pair for ps in group for pair in ps.pairs]
    if not pairs:
        raise InputError(f"{system} ({lang}) has no segments to score.")
    scoring = Scoring(
        [p.hypothesis for p in pairs], [p.reference for p in pairs], options, jobs=jobs
    )
    spans, start = [], 0
    for ps in group:
        spans.append(range(start, start + len(ps.pairs)))
        start += len(ps.pairs)
    return SystemRun(system, lang, group, scoring, pairs, spans, scoring.sentence_values())


def _run_scores(run: SystemRun, widest: str, name: str) -> list[Score]:
    scores: list[Score] = []
    signatures = run.scoring.sentence_signatures()
    for ps, span in zip(run.pairsets, run.spans, strict=True):
        doc_ref = _document_ref(ps)
        for i, pair in zip(span, ps.pairs, strict=True):
            ref = f"{doc_ref}/{_bead_ref(pair)}"
            for metric, values in run.sentences.items():
                details = {**_ids(ps), **_bead_details(pair)}
                scores.append(Score(metric, values[i], "bead", ref, signatures[metric], details))
        if ps.report:
            scores += _corpus("document", doc_ref, run, list(span), _ids(ps))
    for report in dict.fromkeys(ps.report for ps in run.pairsets if ps.report):
        indices = [
            i
            for ps, span in zip(run.pairsets, run.spans, strict=True)
            if ps.report == report
            for i in span
        ]
        details = {"report": report, "system": run.system, "lang": run.lang}
        scores += _corpus("report", f"{report}/{run.key}", run, indices, details)
    if widest != "report":
        details = {"system": run.system, "lang": run.lang}
        if widest == "collection":
            details["collection"] = name
            details["reports"] = sorted({ps.report for ps in run.pairsets})
        ref = f"{name}/{run.key}" if widest == "collection" else run.key
        scores += _corpus(widest, ref, run, None, details)
    return scores


def _corpus(
    scope: str, ref: str, run: SystemRun, indices: list[int] | None, details: dict[str, Any]
) -> list[Score]:
    pairs = run.pairs if indices is None else [run.pairs[i] for i in indices]
    counts = {
        "segments": len(pairs),
        "omissions": sum(p.omission for p in pairs),
        "additions": sum(p.addition for p in pairs),
    }
    return [
        Score(
            r.metric, float(r.score), scope, ref, r.signature, {**details, **counts, **_result(r)}
        )
        for r in run.scoring.corpus(indices)
    ]


def _result(r: ScoreResult) -> dict[str, Any]:
    return {"name": r.name, "verbose": r.details, "sacrebleu_signature": r.sacrebleu_signature}


def _document_ref(ps: PairSet) -> str:
    base = f"{ps.report}/{ps.system}/{ps.lang}" if ps.report else f"{ps.system}/{ps.lang}"
    if ps.hyp_document is None:
        return base
    return f"{base}/doc{ps.hyp_document}-doc{ps.ref_document}"


def _bead_ref(pair: SegmentPair) -> str:
    if pair.bead_id is not None:
        return f"bead{pair.bead_id}"
    hyp = ",".join(map(str, pair.hyp_segments)) or "-"
    ref = ",".join(map(str, pair.ref_segments)) or "-"
    return f"seg{hyp}:{ref}"


def _ids(ps: PairSet) -> dict[str, Any]:
    return {
        "report": ps.report,
        "system": ps.system,
        "lang": ps.lang,
        "hyp_document": ps.hyp_document,
        "ref_document": ps.ref_document,
        "alignment_id": ps.alignment_id,
    }


def _bead_details(pair: SegmentPair) -> dict[str, Any]:
    return {
        "bead_id": pair.bead_id,
        "kind": pair.kind,
        "hyp_segments": list(pair.hyp_segments),
        "ref_segments": list(pair.ref_segments),
        "omission": pair.omission,
        "addition": pair.addition,
    }


@dataclass(frozen=True)
class ScoreScope:
    """Which stored machine translations to score: those of `reports` (None: every report
    in the store, at system scope), into `lang` only, by `system` only; several reports
    form a collection named `collection` (else their names joined with "+")."""

    reports: tuple[str, ...] | None = None
    collection: str = ""
    lang: str | None = None
    system: str | None = None

    @classmethod
    def of(
        cls,
        reports: Sequence[str] | None,
        collection: str = "",
        lang: str | None = None,
        system: str | None = None,
    ) -> ScoreScope:
        return cls(None if reports is None else tuple(reports), collection, lang, system)

    @property
    def widest(self) -> str:
        if self.reports is None:
            return "system"
        return "collection" if len(set(self.reports)) > 1 else "report"


def score_reports(
    db: Database,
    reports: Sequence[str] | None = None,
    *,
    collection: str = "",
    lang: str | None = None,
    system: str | None = None,
    options: ScoreOptions | None = None,
    save: bool = True,
    jobs: int | None = None,
) -> ScoreSheet:
    """Score the machine translations of reports in the store at every scope, and save them.

    One report gives bead, document and report scores; several give a collection score too
    (named `collection`, else the names joined with "+"); None scores every report in the
    store and adds the system scope.
    """
    scope = ScoreScope.of(reports, collection, lang, system)
    return score_scope(db, scope, options, save=save, jobs=jobs)


def score_scope(
    db: Database,
    scope: ScoreScope,
    options: ScoreOptions | None = None,
    *,
    save: bool = True,
    jobs: int | None = None,
) -> ScoreSheet:
    """`score_reports` for a `ScoreScope` (what the CLI and the quality report pass on)."""
    from workbench.score.pairs import pairsets_for_report
    from workbench.store.reports import list_reports
    from workbench.store.scores import save_scores

    names = list(scope.reports) if scope.reports is not None else [r.name for r in list_reports(db)]
    if not names:
        raise InputError("The store has no reports yet: `workbench ingest FILE --report NAME`.")
    pairsets, notes = [], []
    for report in dict.fromkeys(names):
        try:
            pairing = pairsets_for_report(db, report, lang=scope.lang, system=scope.system)
        except NotFound as exc:
            if len(names) == 1:
                raise
            notes.append(str(exc))  # one report not ready must not block the others
            continue
        pairsets += pairing.pairsets
        notes += pairing.notes
    if not pairsets:
        raise NotFound("Nothing to score in these reports: " + " ".join(notes))
    widest = scope.widest
    joined = "+".join(dict.fromkeys(names)) if widest == "collection" else names[0]
    sheet = score_pairsets(
        pairsets, options, widest=widest, name=scope.collection or joined, jobs=jobs
    )
    sheet.notes += notes
    if save:
        save_scores(db, sheet.scores)
    return sheet
