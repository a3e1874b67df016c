"""The review table's columns: each one says, in one place, its header, its cell and its API fields.

The HTML table (`templates/review_table.html`) and the API's page (`api.py`) both loop over
`REVIEW_COLUMNS`, so a new column is one `ReviewColumn` here:

    ReviewColumn(
        "words",
        headers=lambda review: [Header("words", "Words in the first language", "wb-words")],
        cells=lambda review, row: [
            Markup('<td class="wb-words">{}</td>').format(len(row.texts[0].split()))
        ],
        fields=lambda review, row: {"words": len(row.texts[0].split())},
    )

Cells are `Markup`, built with `Markup(...).format(...)`, which escapes every value put in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from workbench.review.findings import brief, findings_json, worst
from workbench.review.glossary import term_spans
from workbench.review.quality import METRIC_NAMES, PRIMARY
from workbench.review.rows import Review, Row
from workbench.ui.cellmarks import Mark, marked_cell
from workbench.ui.diff import word_diff
from workbench.ui.marks import mqm_marks
from workbench.ui.qamarks import qa_marks
from workbench.ui.render import direction, language_label, number


@dataclass(frozen=True)
class Header:
    """One header cell: its text, its hover help, its class and language (both optional)."""

    text: str
    title: str = ""
    css: str = ""
    lang: str = ""
    note: str = ""  # small print after the text, e.g. "(human)"


@dataclass(frozen=True)
class ReviewColumn:
    """A column of the review table (a language column is one per shown language)."""

    key: str
    headers: Callable[[Review], Sequence[Header]]  # none: the column is not shown
    cells: Callable[[Review, Row], Sequence[Markup]]  # as many as headers
    fields: Callable[[Review, Row], Mapping[str, Any]]  # the API's values of a row


def _number_cell(review: Review, row: Row) -> list[Markup]:
    return [
        Markup('<td class="wb-num">{}<span class="wb-kind">{}</span></td>').format(
            row.number, row.kind
        )
    ]


def _language_headers(review: Review) -> list[Header]:
    return [
        Header(
            language_label(c.lang),
            lang=c.lang,
            note="" if c.origin == "original" else f"({c.origin})",
        )
        for c in review.columns
    ]


def _text_cells(review: Review, row: Row) -> list[Markup]:
    """The bead's text per shown language, its glossary terms, error spans and QA findings'
    spans marked (nested in that order);
    `data-column` (the place in the alignment) lets the page say which text a selection is in."""
    cells = []
    for column, text, edited in zip(review.columns, row.texts, row.edited, strict=True):
        css = "wb-text wb-edited" if edited else "wb-text"
        spans = [s for s in row.spans if int(s["column"]) == column.index]
        marks = [*_term_marks(review, text, column.lang), *mqm_marks(text, spans)]
        if not edited:  # QA's spans are offsets in the stored text
            marks += qa_marks(row.qa, column.lang)
        shown = (
            marked_cell(text, marks)
            if text
            else Markup('<span class="wb-gap" dir="ltr">no sentence</span>')
        )
        cells.append(
            Markup('<td class="{}" lang="{}" dir="{}" data-column="{}">{}</td>').format(
                css, column.lang, direction(column.lang), column.index, shown
            )
        )
    return cells


def _term_marks(review: Review, text: str, lang: str) -> list[Mark]:
    return [
        Mark(t.start, t.end, "wb-term wb-term-forbidden" if t.forbidden else "wb-term", t.title)
        for t in term_spans(review.termbase, text, lang)
    ]


def _mt_headers(review: Review) -> list[Header]:
    if not review.mt_target:
        return []
    title = "Machine translation of the first column; marked words differ from the human version"
    return [Header(f"MT → {language_label(review.mt_target)}", title, "wb-mt-head")]


def _mt_cells(review: Review, row: Row) -> list[Markup]:
    if not review.mt_target:
        return []
    if row.mt is None:
        shown = Markup('<span class="wb-gap" dir="ltr">not translated</span>')
    else:
        pieces = word_diff(row.mt, row.texts[1])
        shown = Markup(" ").join(_diff_piece(kind, words) for kind, words in pieces)
    return [
        Markup('<td class="wb-text wb-mt" lang="{}" dir="{}">{}</td>').format(
            review.mt_target, direction(review.mt_target), shown
        )
    ]


def _diff_piece(kind: str, words: str) -> Markup:
    if kind == "mt":
        return Markup('<mark class="wb-mt-only">{}</mark>').format(words)
    if kind == "human":
        return Markup('<s class="wb-human-only">{}</s>').format(words)
    return Markup("{}").format(words)


def _score_title(review: Review) -> str:
    into = f" into {language_label(review.columns[1].lang)}" if len(review.columns) > 1 else ""
    against = " against the human version" if into else ""
    made = f"; signature {review.score_signature}" if review.score_signature else ""
    return f"chrF of the machine translation{into}{against} (0-100), once scored{made}"


def _score_cell(review: Review, row: Row) -> Markup:
    """The score; marked † when it was made with another signature than most of the table's
    (another system, normalisation or sacrebleu version): it cannot be compared with them."""
    if review.comparable(row):
        return Markup('<td class="wb-score">{}</td>').format(number(row.score))
    title = f"Not comparable with the other scores: made with {row.score_signature}"
    return Markup('<td class="wb-score wb-score-other" title="{}">{}<sup>†</sup></td>').format(
        title, number(row.score)
    )


def _status_cell(review: Review, row: Row) -> list[Markup]:
    parts = [Markup('<span class="wb-badge wb-badge-{}">{}</span>').format(row.status, row.status)]
    if row.flags:
        last = row.flags[-1]
        parts.append(
            Markup('<span class="wb-flag wb-sev-{}" title="{}">⚑ {} · {}</span>').format(
                last.get("severity", ""),
                last.get("comment", ""),
                last.get("category", ""),
                last.get("severity", ""),
            )  # fmt: skip
        )
    if row.comments:
        parts.append(
            Markup('<span class="wb-comment-mark" title="{}">💬</span>').format(row.comments[-1])
        )
    return [Markup('<td class="wb-status">{}</td>').format(Markup("").join(parts))]


def _qa_cell(review: Review, row: Row) -> list[Markup]:
    """Each check that found something, with how many, coloured by the worst severity."""
    found = brief(row.qa)
    if not found:
        return [Markup('<td class="wb-qa" data-findings="0"></td>')]
    badges = Markup(" ").join(
        Markup('<span class="wb-qa-badge">{}&nbsp;×{}</span>').format(check, count)
        for check, count in found
    )
    return [
        Markup(
            '<td class="wb-qa wb-sev-{}" dir="ltr" title="{}" data-findings="{}">{}</td>'
        ).format(worst(row.qa), worst(row.qa), sum(count for _, count in found), badges)
    ]


REVIEW_COLUMNS: tuple[ReviewColumn, ...] = (
    ReviewColumn(
        "number",
        headers=lambda review: [Header("#", css="wb-num")],
        cells=_number_cell,
        fields=lambda review, row: {"bead_id": row.bead_id, "number": row.number, "kind": row.kind},
    ),
    ReviewColumn(
        "texts",
        headers=_language_headers,
        cells=_text_cells,
        fields=lambda review, row: {
            "texts": dict(zip((c.lang for c in review.columns), row.texts, strict=True))
        },
    ),
    ReviewColumn(
        "mt", headers=_mt_headers, cells=_mt_cells, fields=lambda review, row: {"mt": row.mt}
    ),
    ReviewColumn(
        "score",
        headers=lambda review: [Header(METRIC_NAMES[PRIMARY], _score_title(review), "wb-score")],
        cells=lambda review, row: [_score_cell(review, row)],
        fields=lambda review, row: {
            "score": row.score,
            "score_signature": row.score_signature,
            "score_comparable": review.comparable(row),
        },
    ),
    ReviewColumn(
        "confidence",
        headers=lambda review: [Header("conf.", "How sure the aligner was (0-1)", "wb-conf")],
        cells=lambda review, row: [
            Markup('<td class="wb-conf">{}</td>').format(number(row.confidence, 2))
        ],
        fields=lambda review, row: {"confidence": row.confidence},
    ),
    ReviewColumn(
        "qa",
        headers=lambda review: [
            Header(
                "QA", "What the QA checks found between the versions (dismissed left out)", "wb-qa"
            )
        ],
        cells=_qa_cell,
        fields=lambda review, row: {"qa": findings_json(row.qa)},
    ),  # fmt: skip
    ReviewColumn(
        "status",
        headers=lambda review: [Header("status", css="wb-status")],
        cells=_status_cell,
        fields=lambda review, row: {
            "status": row.status,
            "flags": list(row.flags),
            "comments": list(row.comments),
        },  # fmt: skip
    ),
)


def headers(review: Review, columns: Sequence[ReviewColumn] = REVIEW_COLUMNS) -> list[Header]:
    """Every header cell of the table, in order (the table's width is their number)."""
    return [header for column in columns for header in column.headers(review)]


def cells(review: Review, row: Row, columns: Sequence[ReviewColumn] = REVIEW_COLUMNS) -> Markup:
    """A row's cells, in the order of `headers`."""
    return Markup("").join(cell for column in columns for cell in column.cells(review, row))


def api_row(review: Review, row: Row, columns: Sequence[ReviewColumn] = REVIEW_COLUMNS) -> dict:
    """A row as the API gives it: every column's fields."""
    fields: dict[str, Any] = {}
    for column in columns:
        fields.update(column.fields(review, row))
    return fields
