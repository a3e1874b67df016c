"""HTML for the screens, from autoescaping Jinja templates: every text a user wrote is escaped.

Arabic and Sorani cells are `dir="rtl"` with `lang` set, so the browser runs the Unicode
bidirectional algorithm (numbers and Latin names inside them keep their order) and picks a
font that joins Arabic letters (ui/static/workbench.css).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from workbench.records import ReviewEvent
from workbench.review.rows import Column, Page, Review, Row
from workbench.ui.diff import word_diff

# Short names for column heads (the text layer's NAMES are the long ones).
LANGUAGE_NAMES = {"en": "English", "ar": "Arabic", "ckb": "Sorani", "kmr": "Kurmanji"}


def direction(lang: str) -> str:
    """ "rtl" for Arabic and Sorani, "ltr" for the rest (and for a code the text layer lacks)."""
    from workbench.errors import LanguageError
    from workbench.text.languages import is_rtl

    try:
        return "rtl" if is_rtl(lang) else "ltr"
    except LanguageError:
        return "ltr"


def language_label(lang: str) -> str:
    name = LANGUAGE_NAMES.get(lang)
    return f"{name} ({lang})" if name else lang


@functools.cache
def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("workbench.ui", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        dir=direction, label=language_label, diff=word_diff, number=number, duration=duration
    )
    return env


def _render(template: str, **values: Any) -> str:
    return _environment().get_template(template).render(**values)


def duration(seconds: float) -> str:
    """'about 40 s', '3 min', '2 h 5 min': a time left as people say it."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"


def number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def review_table(review: Review, page: Page, selected: int | None = None) -> str:
    """The page of beads, one row each, in the columns of `columns.REVIEW_COLUMNS`."""
    from workbench.ui.columns import cells, headers

    return _render(
        "review_table.html", review=review, page=page, selected=selected, headers=headers,
        cells=cells,
    )  # fmt: skip


def progress(review: Review, page: Page) -> str:
    """`Reviewed 12 / 2,000` and where the reviewer is."""
    return _render("progress.html", review=review, page=page)


def bead_panel(
    row: Row,
    sentences: Sequence[tuple[Column, Sequence[tuple[int, str]]]],
    history: Sequence[ReviewEvent],
    active: set[int],
) -> str:
    """The chosen bead: its sentences (numbered, for unalign), flags and history."""
    return _render("bead_panel.html", row=row, sentences=sentences, history=history, active=active)


# MQM evaluations usually score samples of 500 words or more (themqm.org, "The MQM Scoring
# Models"): on fewer, one critical error takes the score far below 0 (25 points over 7 words is
# 100 - 3571), so the line says the sample is small instead of leaving the number alone.
STEADY_WORDS = 500


def mqm_scores(rows: Sequence[Any], per_words: int) -> str:
    """The MQM score of each translated document on screen (workbench.mqm.scoring's rows)."""
    return _render("mqm_scores.html", rows=rows, per_words=per_words, steady_words=STEADY_WORDS)


def conflict(found: Mapping[str, Any]) -> str:
    """Both versions of each clashing text, side by side (workbench.ui.conflicts)."""
    return _render("conflict.html", found=found)


def reports_table(rows: Sequence[Mapping[str, Any]]) -> str:
    """Every report with its language versions, alignments and review progress."""
    return _render("reports_table.html", rows=rows)


def reviewer_progress(rows: Sequence[Any], one_report: bool, idle_minutes: float) -> str:
    """Review progress per reviewer and report (workbench.mqm.progress's rows)."""
    return _render(
        "reviewer_progress.html", rows=rows, one_report=one_report, idle_minutes=idle_minutes
    )


def notice(text: str, kind: str = "info") -> str:
    """A one-line message: info, ok, or problem."""
    return _render("notice.html", text=text, kind=kind)


def expected_quality(summary: Any) -> str:
    """The model in use, its licence and expected quality, and the draft-only warning (a
    workbench.translate.quality.TranslationSummary)."""
    return _render("expected_quality.html", summary=summary)


def origins_table(origins: Sequence[Any], src: str, tgt: str) -> str:
    """Per sentence: its translation, where it came from, and the memory's fuzzy offers."""
    return _render("origins_table.html", origins=origins, src=src, tgt=tgt,
                   origin_label=origin_label)  # fmt: skip


def origin_label(origin: Any) -> str:
    """ "memory, exact (100)", "memory, fuzzy (87)" or "machine"."""
    if origin.origin == "memory":
        return f"memory, exact{' in context' if origin.score > 100 else ''} ({origin.score})"
    if origin.origin == "fill":
        return f"memory, fuzzy ({origin.score})"
    return "machine" + (f" ({len(origin.offers)} offered)" if origin.offers else "")


def models_table(rows: Sequence[Mapping[str, Any]]) -> str:
    """Every translation direction, whether its models are here, and the command if not."""
    return _render("models_table.html", rows=rows)


def embedded(page: str, title: str) -> str:
    """A whole HTML page shown inside this one, in a sandboxed frame (escaped as srcdoc)."""
    return _render("embedded.html", page=page, title=title)


def jobs_table(rows: Sequence[Mapping[str, Any]]) -> str:
    """Every job: status, items done, failures, a progress bar and the time left."""
    return _render("jobs_table.html", rows=rows)


def job_details(job: Mapping[str, Any], shown: int, log: str) -> str:
    """One job: its steps' counts and its failed items (the first `shown`) with their errors."""
    return _render("job_details.html", job=job, shown=shown, log=log)
