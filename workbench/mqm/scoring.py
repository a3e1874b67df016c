"""MQM scores of what reviewers marked: per translated document, per report, per reviewer.

In an alignment the source is the original version (the first column when none or several
are originals); every other column is a translation, scored on its own:
- its errors are the spans on its text, the spans on the source's words that count against
  it (an omission is marked where the words are missing from: the source), and the old
  whole-bead flags in a two-language alignment (in one of three or four languages a flag
  names no language: it is counted as unplaced, not scored);
- its Evaluation Word Count is the source words of the beads reviewers evaluated in it (an
  error span evaluates the bead in its translation, an edit in the columns it changed, any
  other action by a person, not the aligner, in every translation), or of every bead with
  `evaluated_only=False`.
A stale span (its words were edited since) still counts: it is the error the reviewer saw in
the translation as delivered; removing the span is how to take it back. A report's score is
its documents' penalties over their words; a reviewer's, the errors they marked over the
source words they evaluated, summed over translations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.mqm.penalty import PenaltyModel
from workbench.mqm.typology import dimension, from_flag
from workbench.records import ALIGNER_USER, Alignment, Document, ReviewEvent
from workbench.store import alignments, review
from workbench.store import reports as stored
from workbench.store.db import Database

SCOPES = ("document", "report", "reviewer")


@dataclass
class _Tally:
    penalty: float = 0.0
    words: int = 0
    errors: Counter = field(default_factory=Counter)  # severity -> count
    dimensions: Counter = field(default_factory=Counter)
    stale: int = 0

    def add(self, category: str, severity: str, stale: bool, model: PenaltyModel) -> None:
        self.penalty += model.weight(category, severity)
        self.errors[severity] += 1
        self.dimensions[dimension(category)] += 1
        self.stale += stale

    def merge(self, other: _Tally) -> None:
        self.penalty += other.penalty
        self.words += other.words
        self.errors.update(other.errors)
        self.dimensions.update(other.dimensions)
        self.stale += other.stale


@dataclass(frozen=True)
class MqmRow:
    """The MQM score of one document, report or reviewer."""

    scope: str
    name: str
    report: str = ""
    lang: str = ""
    document_id: int | None = None
    alignment_id: int | None = None
    system: str = ""
    user: str = ""
    errors: dict[str, int] = field(default_factory=dict)  # severity -> count
    dimensions: dict[str, int] = field(default_factory=dict)
    penalty: float = 0.0
    words: int = 0
    score: float | None = None
    stale: int = 0

    @property
    def count(self) -> int:
        return sum(self.errors.values())


@dataclass(frozen=True)
class MqmScores:
    rows: list[MqmRow]
    signature: str
    unplaced: int = 0  # whole-bead flags in alignments of three or four languages
    per_words: int = 1000  # the reference word count of the scores

    def of(self, scope: str) -> list[MqmRow]:
        return [r for r in self.rows if r.scope == scope]

    def to_dict(self) -> dict[str, Any]:
        return {
            "signature": self.signature,
            "per_words": self.per_words,
            "unplaced_flags": self.unplaced,
            "rows": [{**r.__dict__, "errors_total": r.count} for r in self.rows],
        }


def mqm_score(
    db: Database,
    reports: Sequence[str | int] | None = None,
    *,
    user: str | None = None,
    model: PenaltyModel | None = None,
    evaluated_only: bool = True,
) -> MqmScores:
    """MQM scores of the given reports (every report when None): a row per translated
    document of each alignment, per report and per reviewer (only `user` when given)."""
    model = model or PenaltyModel()
    chosen = [stored.get_report(db, r) for r in reports] if reports else stored.list_reports(db)
    rows: list[MqmRow] = []
    by_report: dict[str, _Tally] = {}
    by_user: dict[str, _Tally] = {}
    unplaced = 0
    for rep in chosen:
        total = by_report.setdefault(rep.name, _Tally())
        for alignment in alignments.alignments_for_report(db, rep.id or 0):
            found = _alignment(db, alignment, model, evaluated_only)
            unplaced += found.unplaced
            for column, tally in found.documents.items():
                doc = found.docs[column]
                rows.append(_document_row(rep.name, alignment, doc, tally, model))
                total.merge(tally)
            for name, tally in found.users.items():
                by_user.setdefault(name, _Tally()).merge(tally)
    rows += [_row("report", name, tally, model, report=name) for name, tally in by_report.items()]
    rows += [
        _row("reviewer", name, tally, model, user=name)
        for name, tally in sorted(by_user.items())
        if user is None or name == user
    ]
    return MqmScores(rows, model.signature(), unplaced, model.per_words)


@dataclass
class _Found:
    docs: list[Document]
    documents: dict[int, _Tally]  # column -> tally
    users: dict[str, _Tally]
    unplaced: int = 0


def _alignment(
    db: Database, alignment: Alignment, model: PenaltyModel, evaluated_only: bool
) -> _Found:
    docs = [stored.get_document(db, d) for d in alignment.document_ids]
    src = source_column(docs)
    targets = [c for c in range(len(docs)) if c != src]
    words = [len(s.text.split()) for s in docs[src].segments]
    events = review.events(db, alignment.id or 0)
    touched = _touched(db, alignment.id or 0, events, docs, src, targets)
    found = _Found(docs, {c: _Tally() for c in targets}, {})
    state = review.fold(events, review.created_beads(db.connection(), alignment.id or 0))
    for bead in alignments.current_beads(db, alignment.id or 0, state=state):
        bead_state = state.beads.get(bead.id or 0)
        if bead_state is None:
            continue
        for category, severity, stale, who, column in _errors(bead_state, docs, src, targets):
            if column is None:
                found.unplaced += 1
                continue
            found.documents[column].add(category, severity, stale, model)
            found.users.setdefault(who, _Tally()).add(category, severity, stale, model)
    every = set(range(len(words)))

    def count(sentences: set[int]) -> int:
        return sum(words[i] for i in (sentences if evaluated_only else every) if i < len(words))

    for column, tally in found.documents.items():
        tally.words = count(set().union(*(mine.get(column, set()) for mine in touched.values())))
    for name, mine in touched.items():
        found.users.setdefault(name, _Tally()).words = sum(count(s) for s in mine.values())
    return found


def source_column(docs: Sequence[Document]) -> int:
    """The column of the original version (the first when none or several are originals)."""
    originals = [c for c, d in enumerate(docs) if d.origin == "original"]
    return originals[0] if len(originals) == 1 else 0


def _errors(
    state: review.BeadState, docs: Sequence[Document], src: int, targets: Sequence[int]
) -> Iterable[tuple[str, str, bool, str, int | None]]:
    """(category, severity, stale, who, column counted against) of each error on a bead."""
    only = targets[0] if len(targets) == 1 else None
    for span in state.spans:
        column = _against(span, docs, src, targets)
        yield span["category"], span["severity"], bool(span.get("stale")), span["user"], column
    for flag in state.flags:
        category = from_flag(flag.get("category", ""))
        if category is None or flag.get("user") == ALIGNER_USER:
            continue
        yield category, str(flag.get("severity", "minor")), False, flag.get("user", ""), only


def _against(
    span: dict[str, Any], docs: Sequence[Document], src: int, targets: Sequence[int]
) -> int | None:
    """The translation a span counts against: its own column, or for one on the source the
    one it names (the only one in a two-language alignment); None when it names none."""
    column = int(span["column"])
    if column != src:
        return column
    against = span.get("against")
    if against:
        return next((c for c in targets if docs[c].lang == against), None)
    return targets[0] if len(targets) == 1 else None


def _touched(
    db: Database,
    alignment_id: int,
    events: Sequence[ReviewEvent],
    docs: Sequence[Document],
    src: int,
    targets: Sequence[int],
) -> dict[str, dict[int, set[int]]]:
    """Reviewer -> translation column -> the source sentences of the beads they evaluated
    there (events in effect): an error span evaluates its translation, an edit the columns
    it changed, every other action the whole bead (all translations)."""
    segments = alignments.bead_segments(db, alignment_id)
    found: dict[str, dict[int, set[int]]] = {}
    for event in review.active_events(events):
        if event.user == ALIGNER_USER:
            continue
        beads = {event.bead_id, *(event.after.get("retire", []) if event.action in
                                  review.STRUCTURAL_ACTIONS else [])}  # fmt: skip
        sentences = {i for b in beads if b in segments for i in segments[b][src]}
        mine = found.setdefault(event.user, {})
        for column in _evaluated(event, docs, src, targets):
            mine.setdefault(column, set()).update(sentences)
    return found


def _evaluated(
    event: ReviewEvent, docs: Sequence[Document], src: int, targets: Sequence[int]
) -> list[int]:
    if event.action == "span":
        column = _against(event.after, docs, src, targets)
        return [column] if column is not None else list(targets)
    if event.action == "edit":
        edited = [int(c) for c in event.after.get("texts", {}) if int(c) in targets]
        return edited or list(targets)
    return list(targets)


def _document_row(
    report: str, alignment: Alignment, doc: Document, tally: _Tally, model: PenaltyModel
) -> MqmRow:
    from workbench.score.pairs import system_name

    name = f"{report} {doc.lang} (document {doc.id}, alignment {alignment.id})"
    return _row(
        "document", name, tally, model, report=report, lang=doc.lang, document_id=doc.id,
        alignment_id=alignment.id, system=system_name(doc),
    )  # fmt: skip


def _row(scope: str, name: str, tally: _Tally, model: PenaltyModel, **where: Any) -> MqmRow:
    return MqmRow(
        scope=scope,
        name=name,
        errors={s: tally.errors[s] for s in model.severities if tally.errors[s]},
        dimensions=dict(tally.dimensions),
        penalty=tally.penalty,
        words=tally.words,
        score=model.score(tally.penalty, tally.words),
        stale=tally.stale,
        **where,
    )
