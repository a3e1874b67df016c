"""What the review screen shows: the beads of one alignment as rows, filtered, sorted and paged.

A row holds the bead's current text in each chosen language (reviewers' edits applied), its
status, flags and comments as derived from the review events, its quality score (when one
is stored) and the aligner's confidence. Nothing here knows about Gradio or HTML.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from workbench.errors import InputError, NotFound
from workbench.memory.termbase import Termbase, TermbaseCache
from workbench.records import SEVERITIES, Alignment, Bead, Document, Finding, Segment
from workbench.review.current import CurrentAlignments, Standing
from workbench.review.findings import (
    ANY_CHECK,
    bead_findings,
    check_names,
    qa_choices,
    qa_filter_passes,
    worst,
)
from workbench.store import alignments, reports, review
from workbench.store.db import Database

PAGE_SIZE = 50
MAX_COLUMNS = 4
STATUS_CHOICES = ("all", "unreviewed", "reviewed", "accepted", "edited", "flagged", "rejected")
KIND_CHOICES = ("all", "omissions and additions", "one to one", "many")
ORDER_CHOICES = (
    "worst first", "document order", "QA severity", "lowest score", "lowest confidence"
)  # fmt: skip

# Machine translations of source texts, or None where none is at hand: (texts, src, tgt).
MachineTranslations = Callable[[Sequence[str], str, str], list[str | None]]


@dataclass(frozen=True)
class BeadScore:
    """A bead's quality score (0-100) and the signature it was made with."""

    value: float
    signature: str = ""


# Quality scores of one alignment's beads, by bead id, for machine translations into a
# language: (alignment id, language).
BeadScores = Callable[[int, str], Mapping[int, BeadScore]]


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
    score_signature: str = ""  # how `score` was made (sacrebleu's signature)

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
    # The filters' results so far, by query without its page: the same Review is handed out
    # while nothing in it changed (RowCache), so turning pages does not filter and sort again.
    _selected: dict[Query, tuple[Row, ...]] = field(default_factory=dict, compare=False, repr=False)

    def selected(self, query: Query) -> tuple[Row, ...]:
        """The rows the query's filters let through, in its order (every page of them)."""
        key = replace(query, page=1)
        found = self._selected.get(key)
        if found is None:
            found = tuple(select(self.rows, query))
            if len(self._selected) >= 32:
                self._selected.pop(next(iter(self._selected)))
            self._selected[key] = found
        return found

    def page(self, query: Query) -> Page:
        """One page of the selected rows; a page past the end shows the last one."""
        return paged(self.selected(query), query)

    @property
    def total(self) -> int:
        return len(self.rows)

    @cached_property
    def score_signature(self) -> str:
        """The signature most of the rows' scores were made with ("" when none is scored);
        a row scored otherwise cannot be compared with the rest."""
        made = Counter(row.score_signature for row in self.rows if row.score is not None)
        return made.most_common(1)[0][0] if made else ""

    def comparable(self, row: Row) -> bool:
        return row.score is None or row.score_signature == self.score_signature

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


class RowCache:
    """Rows by (alignment, shown columns): a bead's row is built again only when what it shows
    changed (its fold, its place, its score or its findings); while none did, the same Review
    is handed out, with the filters it already applied."""

    def __init__(self, limit: int = 16):
        self._limit = limit
        self._items: dict[tuple[int, tuple[int, ...]], tuple[Review, dict[int, Any]]] = {}
        self._lock = threading.Lock()

    def review(self, standing: Standing, shown: Shown) -> Review:
        key = (standing.alignment.id or 0, tuple(c.index for c in shown.columns))
        with self._lock:
            known, built = self._items.get(key, (None, {}))
        rows, made, changed = [], {}, known is None
        for number, bead in enumerate(standing.alignment.beads, start=1):
            bead_id = bead.id or 0
            state = standing.state.beads.get(bead_id)
            stamp = (number, shown.scores.get(bead_id), shown.findings.get(bead_id, ()))
            old = built.get(bead_id)
            if old is not None and old[0] is state and old[1] == stamp:
                row = old[2]
            else:
                row = _row(number, bead, state, shown, stamp[1], stamp[2])
                changed = True
            made[bead_id] = (state, stamp, row)
            rows.append(row)
        same = (
            known is not None and len(rows) == len(known.rows) and known.report == shown.report
            and known.termbase is shown.termbase
        )  # fmt: skip
        if known is not None and same and not changed:
            return known
        opened = Review(shown.report, standing.alignment, shown.columns, shown.all_columns,
                        tuple(rows), termbase=shown.termbase)  # fmt: skip
        with self._lock:
            self._items.pop(key, None)
            if len(self._items) >= self._limit:
                self._items.pop(next(iter(self._items)))
            self._items[key] = (opened, made)
        return opened


@dataclass(frozen=True)
class Shown:
    """What rows are built from besides the beads: the columns, their sentences, the scores
    and QA findings by bead; and the termbase whose terms the table marks."""

    report: str
    columns: tuple[Column, ...]
    all_columns: tuple[Column, ...]
    texts_of: Mapping[int, Sequence[Segment]]
    scores: Mapping[int, BeadScore]
    findings: Mapping[int, tuple[Finding, ...]]
    termbase: Termbase | None = None


@dataclass
class Sources:
    """Where the review screen gets what other layers make; each is optional."""

    segments: SegmentCache = field(default_factory=SegmentCache)
    bead_scores: BeadScores | None = None
    current: CurrentAlignments = field(default_factory=CurrentAlignments)
    rows: RowCache = field(default_factory=RowCache)
    termbase: TermbaseCache = field(default_factory=TermbaseCache)


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
    """Every current bead of the alignment as a row (document order), for the chosen languages.

    The alignment as it stands comes from `sources.current` (only the events since the last
    look are read) and the rows from `sources.rows` (only the changed beads' are built)."""
    sources = sources or Sources()
    standing = sources.current.get(db, alignment_id)
    alignment = standing.alignment
    all_columns = tuple(columns_of(db, alignment))
    columns = pick_columns(all_columns, langs)
    scores: Mapping[int, BeadScore] = {}
    if sources.bead_scores and len(columns) >= 2:
        scores = sources.bead_scores(alignment_id, columns[1].lang)
    if not report and alignment.report_id is not None:
        report = reports.get_report(db, alignment.report_id).name
    shown = Shown(
        report, columns, all_columns,
        {c.index: sources.segments.get(db, c.document_id) for c in all_columns},
        scores, bead_findings(db, alignment_id, {c.lang for c in columns}),
        sources.termbase.get(db),
    )  # fmt: skip
    return sources.rows.review(standing, shown)


def bead_text(bead: Bead, column: int, segments: Sequence[Segment]) -> str:
    """The original text of one column of a bead: its sentences joined by spaces."""
    return " ".join(segments[i].text for i in bead.segments[column] if i < len(segments))


def _row(
    number: int,
    bead: Bead,
    state: review.BeadState | None,
    shown: Shown,
    score: BeadScore | None,
    qa: tuple[Finding, ...],
) -> Row:
    edits = state.texts if state else {}
    texts = tuple(
        edits.get(c.index, bead_text(bead, c.index, shown.texts_of[c.index])) for c in shown.columns
    )
    return Row(
        bead_id=bead.id or 0,
        number=number,
        kind=bead.kind,
        segments=bead.segments,
        texts=texts,
        edited=tuple(c.index in edits for c in shown.columns),
        status=bead.status,
        confidence=bead.confidence,
        score=score.value if score else None,
        score_signature=score.signature if score else "",
        flags=tuple(state.flags) if state else (),
        comments=tuple(state.comments) if state else (),
        last_user=state.last_user if state else "",
        spans=tuple(state.spans) if state else (),
        qa=qa,
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
    order = _ORDERS[_choice(query.order, ORDER_CHOICES, "order")]
    checked = replace(
        query,
        status=_choice(query.status, STATUS_CHOICES, "status"),
        kind=_choice(query.kind, KIND_CHOICES, "bead type"),
        qa=_qa_choice(query.qa),
    )  # each checked once, not once per row
    return sorted((row for row in rows if _passes(row, checked)), key=order)


def page_of(rows: Sequence[Row], query: Query) -> Page:
    """One page of the selected rows; a page past the end shows the last one."""
    return paged(select(rows, query), query)


def paged(chosen: Sequence[Row], query: Query) -> Page:
    """Page `query.page` of rows already selected."""
    size = max(1, query.size)
    pages = max(1, math.ceil(len(chosen) / size))
    number = min(max(1, query.page), pages)
    start = (number - 1) * size
    return Page(tuple(chosen[start : start + size]), number, pages, len(chosen))


def _passes(row: Row, query: Query) -> bool:
    """Whether the row passes the filters (their values already checked)."""
    status = query.status
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
    if not qa_filter_passes(row.qa, query.qa):
        return False
    return _kind_passes(row, query.kind)


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
    "QA severity": lambda row: (-_severity_rank(row.qa), row.number),
}


def _severity_rank(findings: Sequence[Finding]) -> int:
    """0 for a bead without findings in effect, then 1 minor, 2 major, 3 critical."""
    found = worst(findings)
    return SEVERITIES.index(found) + 1 if found else 0
