"""What the review screen shows: the beads of one alignment as rows, filtered, sorted and paged.

A row holds the bead's current text in each chosen language (reviewers' edits applied), its
status, flags and comments as derived from the review events, its quality score (when one
is stored) and the aligner's confidence. Nothing here knows about Gradio or HTML.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from workbench.errors import InputError, NotFound
from workbench.memory.termbase import Termbase, load_termbase
from workbench.records import Alignment, Bead, Document, Finding, Segment
from workbench.review.findings import (
    ANY_CHECK,
    bead_findings,
    check_names,
    qa_choices,
    qa_filter_passes,
)
from workbench.store import alignments, reports, review
from workbench.store.db import Database

PAGE_SIZE = 50
MAX_COLUMNS = 4
STATUS_CHOICES = ("all", "unreviewed", "reviewed", "accepted", "edited", "flagged", "rejected")
KIND_CHOICES = ("all", "omissions and additions", "one to one", "many")
ORDER_CHOICES = ("worst first", "document order", "lowest score", "lowest confidence")

# Machine translations of source texts, or None where none is at hand: (texts, src, tgt).
MachineTranslations = Callable[[Sequence[str], str, str], list[str | None]]
# Quality scores (0-100) of one alignment's beads, by bead id, for machine translations into
# a language: (alignment id, language).
BeadScores = Callable[[int, str], Mapping[int, float]]


@dataclass(frozen=True)
class Column:
    """One language version shown side by side: `index` is its place in the alignment."""

    index: int
    lang: str
    document_id: int
    origin: str


@dataclass(frozen=True)
class Row:
    """One bead as the reviewer sees it; `texts` follow the chosen columns."""

    bead_id: int
    number: int  # 1-based place in document order
    kind: str
    segments: tuple[tuple[int, ...], ...]  # of every column of the alignment
    texts: tuple[str, ...]
    edited: tuple[bool, ...]
    status: str
    confidence: float
    score: float | None = None
    flags: tuple[dict[str, Any], ...] = ()
    comments: tuple[str, ...] = ()
    last_user: str = ""
    mt: str | None = None
    spans: tuple[dict[str, Any], ...] = ()  # MQM error spans in effect (workbench.mqm.spans)
    qa: tuple[Finding, ...] = ()  # the bead's QA findings, dismissed ones saying so

    @property
    def has_gap(self) -> bool:
        """An omission or addition: some shown language has no sentence in this bead."""
        return any(not text for text in self.texts)

    @property
    def reviewed(self) -> bool:
        return self.status != "auto"


@dataclass(frozen=True)
class Review:
    """The rows of one alignment in document order, and how much of it is reviewed."""

    report: str
    alignment: Alignment
    columns: tuple[Column, ...]  # the chosen ones, in the order shown
    all_columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    mt_target: str = ""  # language of the MT column, "" when there is none
    termbase: Termbase | None = None  # its terms are marked in the texts

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def reviewed(self) -> int:
        return sum(row.reviewed for row in self.rows)

    @property
    def flagged(self) -> int:
        return sum(bool(row.flags) for row in self.rows)

    def row(self, bead_id: int) -> Row:
        for row in self.rows:
            if row.bead_id == bead_id:
                return row
        raise NotFound(
            f"Bead {bead_id} is not in this alignment any more (it was split, merged or "
            "unaligned); reload the report."
        )


@dataclass(frozen=True)
class Query:
    """The reviewer's filters, order and page."""

    status: str = "all"
    below_score: float | None = None
    below_confidence: float | None = None
    flagged_only: bool = False
    kind: str = "all"
    order: str = "worst first"
    page: int = 1
    size: int = PAGE_SIZE
    qa: str = ANY_CHECK  # "any check": beads with findings; a check's name: that check's


@dataclass(frozen=True)
class Page:
    rows: tuple[Row, ...]
    number: int
    pages: int
    matching: int


class SegmentCache:
    """Segments by document: they never change once stored, so each is read once."""

    def __init__(self, limit: int = 256):
        self._limit = limit
        self._items: dict[int, list[Segment]] = {}
        self._lock = threading.Lock()

    def get(self, db: Database, document_id: int) -> list[Segment]:
        with self._lock:
            found = self._items.get(document_id)
        if found is None:
            found = reports.segments(db, document_id)
            with self._lock:
                if len(self._items) >= self._limit:
                    self._items.pop(next(iter(self._items)))
                self._items[document_id] = found
        return found


@dataclass
class Sources:
    """Where the review screen gets what other layers make; each is optional."""

    segments: SegmentCache = field(default_factory=SegmentCache)
    bead_scores: BeadScores | None = None


def choose_alignment(db: Database, report: str, langs: Sequence[str] = ()) -> Alignment:
    """The newest alignment of the report that joins every language in `langs`."""
    found = reports.get_report(db, report)
    candidates = alignments.alignments_for_report(db, found.id or 0)
    if not candidates:
        raise NotFound(f"Report {found.name!r} has no alignment yet: align its versions first.")
    wanted = set(langs)
    for alignment in reversed(candidates):
        if wanted <= set(alignment_languages(db, alignment)):
            return alignment
    raise NotFound(
        f"No alignment of {found.name!r} joins {', '.join(langs)}; "
        "align those versions first or choose other languages."
    )


def alignment_languages(db: Database, alignment: Alignment) -> list[str]:
    return [column.lang for column in columns_of(db, alignment)]


def columns_of(db: Database, alignment: Alignment) -> list[Column]:
    docs = [_document(db, doc_id) for doc_id in alignment.document_ids]
    return [Column(i, d.lang, d.id or 0, d.origin) for i, d in enumerate(docs)]


def _document(db: Database, doc_id: int) -> Document:
    return reports.get_document(db, doc_id, with_segments=False)


def pick_columns(all_columns: Sequence[Column], langs: Sequence[str]) -> tuple[Column, ...]:
    """The columns of the chosen languages, in the order chosen (all of them when none is)."""
    if not langs:
        return tuple(all_columns[:MAX_COLUMNS])
    if len(langs) > MAX_COLUMNS:
        raise InputError(f"Choose at most {MAX_COLUMNS} languages to review side by side.")
    chosen = []
    for lang in langs:
        matches = [c for c in all_columns if c.lang == lang]
        if not matches:
            have = ", ".join(c.lang for c in all_columns)
            raise InputError(f"This alignment has no {lang!r} version; it joins {have}.")
        # The original or human version is reviewed; a machine one is what the MT column is for.
        chosen.append(sorted(matches, key=lambda c: (c.origin == "machine", c.index))[0])
    return tuple(chosen)


def open_review(
    db: Database,
    alignment_id: int,
    langs: Sequence[str] = (),
    *,
    sources: Sources | None = None,
    report: str = "",
) -> Review:
    """Every current bead of the alignment as a row (document order), for the chosen languages."""
    sources = sources or Sources()
    alignment = alignments.get_alignment(db, alignment_id)
    state = review.alignment_state(db, alignment_id)
    all_columns = tuple(columns_of(db, alignment))
    columns = pick_columns(all_columns, langs)
    texts_of = {c.index: sources.segments.get(db, c.document_id) for c in all_columns}
    scores: Mapping[int, float] = {}
    if sources.bead_scores and len(columns) >= 2:
        scores = sources.bead_scores(alignment_id, columns[1].lang)
    findings = bead_findings(db, alignment_id, {c.lang for c in columns})
    rows = [
        replace(
            _row(number, bead, state.beads.get(bead.id or 0), columns, texts_of, scores),
            qa=findings.get(bead.id or 0, ()),
        )
        for number, bead in enumerate(alignment.beads, start=1)
    ]
    if not report and alignment.report_id is not None:
        report = reports.get_report(db, alignment.report_id).name
    return Review(report, alignment, columns, all_columns, tuple(rows), termbase=load_termbase(db))


def bead_text(bead: Bead, column: int, segments: Sequence[Segment]) -> str:
    """The original text of one column of a bead: its sentences joined by spaces."""
    return " ".join(segments[i].text for i in bead.segments[column] if i < len(segments))


def _row(
    number: int,
    bead: Bead,
    state: review.BeadState | None,
    columns: Sequence[Column],
    texts_of: Mapping[int, Sequence[Segment]],
    scores: Mapping[int, float],
) -> Row:
    edits = state.texts if state else {}
    texts = tuple(edits.get(c.index, bead_text(bead, c.index, texts_of[c.index])) for c in columns)
    return Row(
        bead_id=bead.id or 0,
        number=number,
        kind=bead.kind,
        segments=bead.segments,
        texts=texts,
        edited=tuple(c.index in edits for c in columns),
        status=bead.status,
        confidence=bead.confidence,
        score=scores.get(bead.id or 0),
        flags=tuple(state.flags) if state else (),
        comments=tuple(state.comments) if state else (),
        last_user=state.last_user if state else "",
        spans=tuple(state.spans) if state else (),
    )


def machine_translated(
    review: Review, page: Page, translate: MachineTranslations
) -> tuple[Review, Page]:
    """The page with its MT column: the first shown language machine-translated into the
    second, for the page's rows only (a page at a time keeps a large report quick)."""
    if len(review.columns) < 2:
        return review, page
    src, tgt = review.columns[0].lang, review.columns[1].lang
    outputs = translate([row.texts[0] for row in page.rows], src, tgt)
    rows = tuple(replace(row, mt=mt) for row, mt in zip(page.rows, outputs, strict=True))
    return replace(review, mt_target=tgt), replace(page, rows=rows)


def select(rows: Sequence[Row], query: Query) -> list[Row]:
    """The rows the filters let through, in the chosen order."""
    kept = [row for row in rows if _passes(row, query)]
    return sorted(kept, key=_ORDERS[_choice(query.order, ORDER_CHOICES, "order")])


def page_of(rows: Sequence[Row], query: Query) -> Page:
    """One page of the selected rows; a page past the end shows the last one."""
    chosen = select(rows, query)
    size = max(1, query.size)
    pages = max(1, math.ceil(len(chosen) / size))
    number = min(max(1, query.page), pages)
    start = (number - 1) * size
    return Page(tuple(chosen[start : start + size]), number, pages, len(chosen))


def _passes(row: Row, query: Query) -> bool:
    status = _choice(query.status, STATUS_CHOICES, "status")
    if status == "unreviewed" and row.reviewed or status == "reviewed" and not row.reviewed:
        return False
    if status not in ("all", "unreviewed", "reviewed") and row.status != status:
        return False
    if query.below_score is not None and (row.score is None or row.score >= query.below_score):
        return False
    if query.below_confidence is not None and row.confidence >= query.below_confidence:
        return False
    if query.flagged_only and not row.flags:
        return False
    if not qa_filter_passes(row.qa, _qa_choice(query.qa)):
        return False
    return _kind_passes(row, _choice(query.kind, KIND_CHOICES, "bead type"))


def _kind_passes(row: Row, kind: str) -> bool:
    sizes = [len(s) for s in row.segments]
    if kind == "omissions and additions":
        return 0 in sizes
    if kind == "one to one":
        return all(n == 1 for n in sizes)
    if kind == "many":
        return 0 not in sizes and any(n > 1 for n in sizes)
    return True


def _qa_choice(value: str) -> str:
    return _choice(value, qa_choices(check_names()), "QA check")


def _choice(value: str, choices: Sequence[str], what: str) -> str:
    if value not in choices:
        raise InputError(f"Unknown {what} {value!r}: use one of {', '.join(choices)}.")
    return value


def _worst_first(row: Row) -> tuple[float, ...]:
    """Omissions and additions first, then the lowest score, then the least sure alignment."""
    gap = 0 if 0 in (len(s) for s in row.segments) else 1
    score = row.score if row.score is not None else math.inf
    return (gap, score, row.confidence, row.number)


_ORDERS: dict[str, Callable[[Row], tuple[float, ...]]] = {
    "worst first": _worst_first,
    "document order": lambda row: (row.number,),
    "lowest score": lambda row: (
        row.score if row.score is not None else math.inf,
        row.number,
    ),
    "lowest confidence": lambda row: (row.confidence, row.number),
}
