"""The quality report: one object with everything a reader needs, rendered as HTML, JSON or CSV.

`build_report(sheet)` turns scores at every scope into a `QualityReport`: corpus scores with
their signatures, significance of each system against a baseline, every segment with its
sentence scores, the worst beads with a word diff, score by source length and by alignment
type, an alignment summary (bead types, omissions, additions, low-confidence beads), and for
each machine translation the published quality of the model that made it, where known.
A report from the store also holds the reviewers' MQM scores per document beside the primary
metric, with their correlation (`workbench.mqm.beside`), and each alignment's path picture
(`workbench.score.path`). `report_from_store` and `report_from_files` build one from the
store or from text files; `workbench.score.render` draws it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workbench import __version__
from workbench.errors import InputError
from workbench.qa.report import QaCount, qa_counts
from workbench.qa.run import finding_json
from workbench.records import Finding
from workbench.score.metrics import LOWER_IS_BETTER, ScoreOptions, normalizer_for
from workbench.score.pairs import PairSet, SegmentPair
from workbench.score.scopes import ScoreSheet, SystemRun
from workbench.score.significance import Comparison, paired_test
from workbench.store.reports import get_report

LENGTH_EDGES = (10, 20, 30, 40, 50)  # source words; buckets 1-9, 10-19, ..., 50+
KINDS = ("report", "collection", "system", "systems")


@dataclass(frozen=True)
class ScoreRow:
    """A corpus score at document, report, collection or system scope."""

    scope: str
    scope_ref: str
    system: str
    lang: str
    report: str
    metric: str
    name: str
    value: float
    signature: str
    segments: int
    omissions: int
    additions: int
    document: int | None = None  # the hypothesis document (document scope, from the store)


@dataclass(frozen=True)
class SegmentRow:
    """One scored pair: what was compared, how it was aligned, its sentence scores."""

    system: str
    lang: str
    source_lang: str
    report: str
    position: int  # in its system's pairs
    kind: str
    bead_id: int | None
    confidence: float | None
    status: str
    source: str
    reference: str
    hypothesis: str
    omission: bool
    addition: bool
    length: int  # words of the source (of the reference when there is no source)
    scores: dict[str, float]


@dataclass(frozen=True)
class WorstRow:
    segment: SegmentRow
    reference_diff: list[tuple[str, str]]
    hypothesis_diff: list[tuple[str, str]]


@dataclass(frozen=True)
class BucketRow:
    """Mean sentence score of one system over a group of segments (a length, a bead type)."""

    system: str
    lang: str
    group: str
    segments: int
    mean: float


@dataclass(frozen=True)
class AlignmentSummary:
    report: str
    system: str
    lang: str
    reference: str
    route: str
    alignment_id: int | None
    signature: str
    kinds: dict[str, int]
    segments: int
    omissions: list[SegmentRow]
    additions: list[SegmentRow]
    low_confidence: list[SegmentRow]


@dataclass(frozen=True)
class ExpectedRow:
    """The published quality of the model(s) that made a machine translation."""

    system: str
    lang: str
    source_lang: str
    models: list[str]
    expected: str  # e.g. "chrF 46.7 / BLEU 8.9 (FLORES-200 devtest, OPUS-MT leaderboard)"
    draft_only: bool
    warning: str


@dataclass(frozen=True)
class QualityReport:
    """Everything one quality report shows. Plain data: JSON, CSV and HTML are views of it."""

    title: str
    kind: str  # report | collection | system | systems
    created_at: str
    versions: dict[str, str]
    options: dict[str, Any]
    primary: str  # the metric sentence-level views use
    scores: list[ScoreRow]
    signatures: dict[str, str]  # corpus signature per metric
    sentence_signatures: dict[str, str]
    comparisons: list[Comparison]
    segments: list[SegmentRow]
    worst: list[WorstRow]
    by_length: list[BucketRow]
    by_kind: list[BucketRow]
    alignments: list[AlignmentSummary]
    notes: list[str] = field(default_factory=list)
    qa: list[QaCount] = field(default_factory=list)  # findings per check, pair and report
    qa_findings: list[dict[str, Any]] = field(default_factory=list)  # the findings themselves
    expected: list[ExpectedRow] = field(default_factory=list)
    mqm: dict[str, Any] = field(default_factory=dict)  # workbench.mqm.beside's, from the store
    paths: list[Any] = field(default_factory=list)  # AlignmentPath of the reports' alignments

    @property
    def systems(self) -> list[str]:
        return list(dict.fromkeys(row.system for row in self.segments))

    def score_table(self) -> list[dict[str, Any]]:
        """One row per scored thing (scope, scope_ref) with a value per metric, widest first."""
        rows: dict[tuple[str, str], dict[str, Any]] = {}
        for s in self.scores:
            row = rows.setdefault(
                (s.scope, s.scope_ref),
                {
                    "scope": s.scope,
                    "scope_ref": s.scope_ref,
                    "system": s.system,
                    "lang": s.lang,
                    "report": s.report,
                    "segments": s.segments,
                    "omissions": s.omissions,
                    "additions": s.additions,
                    "values": {},
                },
            )
            row["values"][s.metric] = s.value
        order = {scope: i for i, scope in enumerate(("system", "collection", "report", "document"))}
        return sorted(rows.values(), key=lambda r: (order.get(r["scope"], 9), r["scope_ref"]))

    def incomparable(self) -> list[dict[str, Any]]:
        """The scores made differently from the others of their metric here, as footnotes.

        For each metric the most common signature is the report's way of scoring it; a score
        whose signature differs beyond the release (`workbench.signature.comparable`: another
        tokenizer, normalization, metric version, ...) gets a mark, and its footnote says in
        what it differs. Such numbers must not be compared with their neighbours."""
        from workbench.signature import comparable, differences

        notes: dict[tuple[str, str], dict[str, Any]] = {}
        for metric, usual in _usual_signatures(self.scores).items():
            for s in self.scores:
                if s.metric != metric or comparable(s.signature, usual):
                    continue
                note = notes.setdefault(
                    (metric, s.signature),
                    {
                        "mark": f"†{len(notes) + 1}",
                        "metric": metric,
                        "name": s.name,
                        "signature": s.signature,
                        "usual": usual,
                        "differs": differences(s.signature, usual),
                        "scores": [],
                    },
                )
                note["scores"].append([s.scope, s.scope_ref])
        return list(notes.values())

    def marks(self) -> dict[tuple[str, str, str], str]:
        """(scope, scope_ref, metric) -> the footnote mark of a score made differently."""
        return {
            (scope, ref, note["metric"]): note["mark"]
            for note in self.incomparable()
            for scope, ref in note["scores"]
        }

    def headline(self) -> list[dict[str, Any]]:
        """Each system's scores at the widest scope: what the report is about, at a glance."""
        table = self.score_table()
        widest = table[0]["scope"] if table else ""
        return [row for row in table if row["scope"] == widest]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["comparisons"] = [c.to_dict() for c in self.comparisons]
        data["incomparable"] = self.incomparable()
        return data


def _usual_signatures(scores: Sequence[ScoreRow]) -> dict[str, str]:
    """Each metric's most common signature among the scores (the first seen on a tie)."""
    counts: dict[str, Counter[str]] = {}
    for s in scores:
        counts.setdefault(s.metric, Counter())[s.signature] += 1
    return {metric: found.most_common(1)[0][0] for metric, found in counts.items()}


def build_report(
    sheet: ScoreSheet,
    *,
    title: str = "",
    kind: str | None = None,
    test: str | None = "bs",
    samples: int = 0,
    baseline: str | None = None,
    worst: int = 20,
    low_confidence: float = 0.5,
    qa: Mapping[str, Sequence[Finding]] | None = None,
) -> QualityReport:
    """The report of a score sheet. `test` None skips significance; `worst` beads per system;
    `qa` the version-QA findings of each report (see `workbench.qa.report`)."""
    kind = kind or sheet.widest
    if kind not in KINDS:
        raise InputError(f"Unknown report kind {kind!r}: use one of {', '.join(KINDS)}.")
    options = sheet.options
    primary = _primary(options.metrics)
    segments = [row for run in sheet.runs for row in _segment_rows(run)]
    comparisons, notes = _comparisons(sheet, test, samples, baseline)
    built = QualityReport(
        title=title or _title(sheet, kind),
        kind=kind,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        versions=_versions(),
        options=asdict(options),
        primary=primary,
        scores=_score_rows(sheet),
        signatures=sheet.runs[0].scoring.signatures(),
        sentence_signatures=dict(sheet.runs[0].scoring.sentence_signatures()),
        comparisons=comparisons,
        segments=segments,
        worst=_worst(segments, primary, worst, options),
        by_length=_buckets(segments, primary, _length_bucket, skip_unaligned=True),
        by_kind=_buckets(segments, primary, lambda s: s.kind, skip_unaligned=False),
        alignments=[
            _alignment(run, ps, span, low_confidence)
            for run in sheet.runs
            for ps, span in zip(run.pairsets, run.spans, strict=True)
        ],
        notes=[*sheet.notes, *notes],
        qa=qa_counts(qa or {}),
        qa_findings=[
            {"report": report, "pair": f"{f.src_lang}-{f.tgt_lang}", **finding_json(f)}
            for report, found in (qa or {}).items()
            for f in found
        ],
        expected=_expected(segments),
    )
    return replace(built, notes=[*built.notes, *_incomparable_note(built)])


def _incomparable_note(report: QualityReport) -> list[str]:
    """A note over the report (and in the Quality tab) when some scores were made differently."""
    found = report.incomparable()
    if not found:
        return []
    marks = ", ".join(f"{n['mark']} ({n['name']}: {', '.join(n['differs'])})" for n in found)
    return [
        f"Some scores were made differently from the others of their metric and are not "
        f"comparable with them: {marks}. See the footnotes under Scores."
    ]


def _expected(segments: list[SegmentRow]) -> list[ExpectedRow]:
    """Each machine translation's expected quality, from the models its signature names."""
    from workbench.translate.quality import signature_quality

    rows = []
    systems = dict.fromkeys((s.system, s.lang, s.source_lang) for s in segments)
    for system, lang, source_lang in systems:
        quality = signature_quality(system, source_lang, lang) if source_lang else None
        if quality is not None:
            models = [leg.model for leg in quality.legs]
            rows.append(
                ExpectedRow(
                    system,
                    lang,
                    source_lang,
                    models,
                    quality.describe(),
                    quality.draft_only,
                    quality.warning(),
                )  # fmt: skip
            )
    return rows


def _primary(metrics: Sequence[str]) -> str:
    for preferred in ("chrf", "chrf++"):
        if preferred in metrics:
            return preferred
    return metrics[0]


def _title(sheet: ScoreSheet, kind: str) -> str:
    if kind == "systems":
        return "Comparison of " + ", ".join(run.system for run in sheet.runs)
    if kind == "system":
        return "Quality of every report"
    return f"Quality of {sheet.name}" if sheet.name else "Translation quality"


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    return {"workbench": __version__, "sacrebleu": version("sacrebleu")}


def _score_rows(sheet: ScoreSheet) -> list[ScoreRow]:
    rows = []
    for s in sheet.scores:
        if s.scope == "bead":
            continue
        d = s.details
        rows.append(
            ScoreRow(
                s.scope,
                s.scope_ref,
                d["system"],
                d["lang"],
                d.get("report", ""),
                s.metric,
                d["name"],
                s.value,
                s.signature,
                d["segments"],
                d["omissions"],
                d["additions"],
                d.get("hyp_document") if s.scope == "document" else None,
            )
        )
    return rows


def _segment_rows(run: SystemRun) -> list[SegmentRow]:
    rows = []
    for ps, span in zip(run.pairsets, run.spans, strict=True):
        for i, pair in zip(span, ps.pairs, strict=True):
            rows.append(_segment_row(run, ps, i, pair))
    return rows


def _segment_row(run: SystemRun, ps: PairSet, i: int, pair: SegmentPair) -> SegmentRow:
    words = len((pair.source or pair.reference).split())
    return SegmentRow(
        system=run.system,
        lang=run.lang,
        source_lang=ps.source_lang,
        report=ps.report,
        position=i,
        kind=pair.kind,
        bead_id=pair.bead_id,
        confidence=pair.confidence,
        status=pair.status,
        source=pair.source,
        reference=pair.reference,
        hypothesis=pair.hypothesis,
        omission=pair.omission,
        addition=pair.addition,
        length=words,
        scores={m: values[i] for m, values in run.sentences.items()},
    )


def _comparisons(
    sheet: ScoreSheet, test: str | None, samples: int, baseline: str | None
) -> tuple[list[Comparison], list[str]]:
    """Paired tests among systems scored on the very same references, per language."""
    if test is None:
        return [], []
    groups: dict[tuple[str, int], list[SystemRun]] = {}
    for run in sheet.runs:
        groups.setdefault((run.lang, run.scoring.reference_key), []).append(run)
    comparisons, notes = [], []
    for runs in groups.values():
        if len(runs) < 2:
            continue
        names = [r.system for r in runs]
        first = baseline if baseline in names else names[0]
        ordered = sorted(runs, key=lambda r: r.system != first)
        comparisons.append(
            paired_test([(r.system, r.scoring) for r in ordered], test=test, samples=samples)
        )
    by_lang = Counter(run.lang for run in sheet.runs)
    compared = {s for c in comparisons for s in c.systems}
    for run in sheet.runs:
        if by_lang[run.lang] > 1 and run.system not in compared:
            notes.append(
                f"{run.system} ({run.lang}) is not in a significance test: its hypotheses were "
                "paired with the references differently from the other systems'."
            )
    return comparisons, notes


def _worst(
    segments: list[SegmentRow], primary: str, count: int, options: ScoreOptions
) -> list[WorstRow]:
    from workbench.score.diff import word_diff

    norm = normalizer_for(options.normalize)
    sign = -1 if primary in LOWER_IS_BETTER else 1
    rows = []
    for system in dict.fromkeys(s.system for s in segments):
        aligned = [s for s in segments if s.system == system and not (s.omission or s.addition)]
        aligned.sort(key=lambda s: (sign * s.scores[primary], s.position))
        for seg in aligned[:count]:
            ref_diff, hyp_diff = word_diff(seg.reference, seg.hypothesis, norm)
            rows.append(WorstRow(seg, ref_diff, hyp_diff))
    return rows


def _length_bucket(segment: SegmentRow) -> str:
    low = 1
    for edge in LENGTH_EDGES:
        if segment.length < edge:
            return f"{low}-{edge - 1}"
        low = edge
    return f"{LENGTH_EDGES[-1]}+"


def _buckets(segments, primary, group_of, *, skip_unaligned: bool) -> list[BucketRow]:
    groups: dict[tuple[str, str, str], list[float]] = {}
    for s in segments:
        if skip_unaligned and (s.omission or s.addition):
            continue
        groups.setdefault((s.system, s.lang, group_of(s)), []).append(s.scores[primary])
    return [
        BucketRow(system, lang, group, len(values), sum(values) / len(values))
        for (system, lang, group), values in sorted(groups.items(), key=_bucket_order)
    ]


def _bucket_order(item: tuple[tuple[str, str, str], list[float]]) -> tuple:
    (system, lang, group), _ = item
    head = group.split("-")[0].rstrip("+")
    return (system, lang, int(head) if head.isdigit() else 0, group)


def _alignment(run: SystemRun, ps: PairSet, span: range, low: float) -> AlignmentSummary:
    rows = [_segment_row(run, ps, i, pair) for i, pair in zip(span, ps.pairs, strict=True)]
    return AlignmentSummary(
        report=ps.report,
        system=ps.system,
        lang=ps.lang,
        reference=ps.reference,
        route=ps.route,
        alignment_id=ps.alignment_id,
        signature=ps.alignment_signature,
        kinds=dict(Counter(p.kind for p in ps.pairs).most_common()),
        segments=len(ps.pairs),
        omissions=[r for r in rows if r.omission],
        additions=[r for r in rows if r.addition],
        low_confidence=[r for r in rows if r.confidence is not None and r.confidence < low],
    )


def report_from_store(
    db: Any,
    reports: Sequence[str] | None = None,
    *,
    collection: str = "",
    lang: str | None = None,
    system: str | None = None,
    options: ScoreOptions | None = None,
    save: bool = True,
    jobs: int | None = None,
    mqm_model: Any = None,
    **report: Any,
) -> QualityReport:
    """The quality report of one report, a collection, or (None) every report in the store.
    `mqm_model`: the MQM penalty weights (workbench.mqm.penalty; the standard ones if None)."""
    from workbench.qa.report import findings_for_reports
    from workbench.score.scopes import ScoreScope, score_scope

    scope = ScoreScope.of(reports, collection, lang, system)
    sheet = score_scope(db, scope, options, save=save, jobs=jobs)
    names = [ps.report for run in sheet.runs for ps in run.pairsets if ps.report]
    built = build_report(sheet, qa=findings_for_reports(db, names), **report)
    return replace(
        built,
        mqm=_mqm(db, names, built, mqm_model),
        paths=_paths(db, names, built),
        notes=[*built.notes, *stored_differently(db, built)],
    )


WIDE_SCOPES = ("system", "collection", "report")  # the scores people quote and compare


def stored_differently(db: Any, report: QualityReport) -> list[str]:
    """Notes on the scores stored earlier for what this report scores that were made another
    way (`workbench.signature.scores_comparable`): set side by side with this report's, their
    numbers would mislead, so the note says in what they differ."""
    from workbench.records import Score
    from workbench.signature import differences, scores_comparable
    from workbench.store.scores import get_scores

    notes = []
    for row in report.scores:
        if row.scope not in WIDE_SCOPES:
            continue
        now = Score(row.metric, row.value, row.scope, row.scope_ref, row.signature)
        stored = get_scores(db, scope=row.scope, scope_ref=row.scope_ref, metric=row.metric)
        other = [s for s in stored if not scores_comparable(s, now)]
        if other:
            last = other[-1]
            notes.append(
                f"{row.name} of {row.scope_ref} was stored earlier as {last.value:.1f} "
                f"({last.created_at[:10]}), scored differently "
                f"({', '.join(differences(last.signature, row.signature))}): not comparable "
                f"with this report's {row.value:.1f}."
            )
    return notes


MAX_PATHS = 12  # path pictures in one report; more alignments are named in a note


def _mqm(db: Any, names: Sequence[str], built: QualityReport, model: Any) -> dict[str, Any]:
    from workbench.mqm.beside import mqm_beside_metric

    chosen: dict[int, list[float]] = {}
    for row in built.scores:
        if row.scope == "document" and row.metric == built.primary and row.document is not None:
            chosen.setdefault(row.document, []).append(row.value)
    means = {doc: sum(v) / len(v) for doc, v in chosen.items()}
    name = next((r.name for r in built.scores if r.metric == built.primary), built.primary)
    return mqm_beside_metric(db, names, means, name, model=model)


def _paths(db: Any, names: Sequence[str], built: QualityReport) -> list[Any]:
    from workbench.score.path import alignment_path
    from workbench.store.alignments import alignments_for_report

    ids = [
        a.id
        for name in dict.fromkeys(names)
        for a in alignments_for_report(db, get_report(db, name).id or 0)
    ]
    if len(ids) > MAX_PATHS:
        built.notes.append(
            f"The path pictures show the first {MAX_PATHS} of {len(ids)} alignments; "
            "`workbench review path ALIGNMENT` draws any other."
        )
    return [alignment_path(db, i or 0) for i in ids[:MAX_PATHS]]


def report_from_files(
    reference: Path | str,
    systems: Mapping[str, Path | str],
    *,
    source: Path | str | None = None,
    lang: str = "",
    source_lang: str = "",
    options: ScoreOptions | None = None,
    jobs: int | None = None,
    **report: Any,
) -> QualityReport:
    """The comparison report of systems' line-by-line outputs against one reference file."""
    from workbench.score.pairs import pairsets_from_files
    from workbench.score.scopes import score_pairsets

    pairing = pairsets_from_files(
        reference, systems, source=source, lang=lang, source_lang=source_lang
    )
    sheet = score_pairsets(pairing.pairsets, options, widest="system", jobs=jobs)
    return build_report(sheet, kind="systems", **report)
