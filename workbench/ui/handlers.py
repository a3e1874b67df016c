"""The screens' handlers: plain values in, plain values (and escaped HTML) out.

The tabs (`ui/tabs/`) only map these to Gradio component updates, so everything a screen does is
tested here without a browser. The reviewer is resolved on the server for every call
(`Context.user`): the page never says who is acting, and a viewer's change is refused here,
not only hidden.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from workbench.accounts import CAN_WRITE
from workbench.align.choices import DEFAULT_SIGNALS
from workbench.errors import InputError, ModelNotAvailable, WorkbenchError
from workbench.records import Alignment, User, record_number
from workbench.review import actions, transfer
from workbench.review.findings import ANY_CHECK
from workbench.review.machine import Translated, column_translations, translate_text
from workbench.review.quality import Quality, quality_report
from workbench.review.rows import (
    MAX_COLUMNS,
    Column,
    Query,
    Review,
    Row,
    machine_translated,
    open_review,
)
from workbench.review.session import Context
from workbench.store import alignments, reports, review
from workbench.ui import render
from workbench.ui.uploads import uploaded_file
from workbench.userfiles import Limits

ANY_SCORE = 100.0
ANY_CONFIDENCE = 1.0
EVERY_SENTENCE = "every sentence"


@dataclass(frozen=True)
class View:
    """Which alignment, which languages and which beads the reviewer is looking at."""

    alignment_id: int
    langs: tuple[str, ...] = ()
    query: Query = Query()
    machine: bool = False  # show the MT column


def make_view(
    alignment_id: int | str | None,
    langs: Sequence[str] | None = (),
    status: str = "all",
    below_score: float | None = ANY_SCORE,
    below_confidence: float | None = ANY_CONFIDENCE,
    flagged_only: bool = False,
    kind: str = "all",
    order: str = "worst first",
    page: float | None = 1,
    machine: bool = False,
    *,
    qa: str = ANY_CHECK,
) -> View:
    """A View from the screen's controls; the sliders at their top mean "no filter"."""
    if alignment_id in (None, ""):
        raise InputError("Choose a report (and an alignment of it) first.")
    return View(
        alignment_id=record_number(alignment_id, "alignment"),
        langs=tuple(langs or ()),
        query=Query(
            status=status,
            below_score=None
            if below_score is None or below_score >= ANY_SCORE
            else float(below_score),
            below_confidence=None
            if below_confidence is None or below_confidence >= ANY_CONFIDENCE
            else float(below_confidence),
            flagged_only=bool(flagged_only),
            kind=kind,
            order=order,
            page=int(page or 1),
            qa=str(qa or ANY_CHECK),
        ),
        machine=bool(machine),
    )


# --- reports -------------------------------------------------------------------------------


def report_names(ctx: Context) -> list[str]:
    return [r.name for r in reports.list_reports(ctx.db)]


def reports_overview(ctx: Context) -> list[dict]:
    """Per report: its language versions, its alignments and the review progress of the newest
    (the store's overview, and each newest alignment's beads as reviewers have left them)."""
    rows = []
    for row in reports.report_overview(ctx.db):
        newest = row["newest_alignment"]
        beads = alignments.current_beads(ctx.db, newest) if newest else []
        rows.append(
            {
                "name": row["name"],
                "title": row["title"],
                "date": row["date"],
                "versions": row["versions"],
                "alignments": row["alignments"],
                "reviewed": sum(b.status != "auto" for b in beads),
                "total": len(beads),
            }
        )
    return rows


def reports_html(ctx: Context) -> str:
    return render.reports_table(reports_overview(ctx))


def alignment_options(ctx: Context, report: str | None) -> list[tuple[str, int]]:
    """(label, id) of the report's alignments, newest first."""
    if not report:
        return []
    found = reports.get_report(ctx.db, report)
    options = []
    for alignment in reversed(alignments.alignments_for_report(ctx.db, found.id or 0)):
        langs = "–".join(c.lang for c in columns(ctx, alignment.id or 0))
        when = alignment.created_at[:16].replace("T", " ")
        options.append((f"#{alignment.id} {langs} · {alignment.method} · {when}", alignment.id))
    return options


def language_options(ctx: Context, alignment_id: int | None) -> list[str]:
    """The languages an alignment joins, once each, in its order."""
    if alignment_id is None:
        return []
    seen: list[str] = []
    for column in columns(ctx, int(alignment_id)):
        if column.lang not in seen:
            seen.append(column.lang)
    return seen


def columns(ctx: Context, alignment_id: int) -> list[Column]:
    from workbench.review.rows import columns_of

    return columns_of(ctx.db, alignments.get_alignment(ctx.db, alignment_id, with_beads=False))


# --- the review table ----------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """The rendered page: table, progress line, page numbers and the beads in shown order."""

    table: str
    progress: str
    page: int
    pages: int
    bead_ids: tuple[int, ...]
    note: str = ""  # why the MT column is empty, when it is


def load(ctx: Context, view: View) -> Review:
    return open_review(ctx.db, view.alignment_id, _langs(view), sources=ctx.sources)


def _langs(view: View) -> tuple[str, ...]:
    if len(view.langs) == 1:
        raise InputError("Choose at least two languages to review side by side.")
    if len(view.langs) > MAX_COLUMNS:
        raise InputError(f"Choose at most {MAX_COLUMNS} languages to review side by side.")
    return view.langs


def show(
    ctx: Context, view: View, selected: int | None = None, *, opened: Review | None = None
) -> Shown:
    """The page of beads the view asks for."""
    opened = opened or load(ctx, view)
    page = opened.page(view.query)
    note = ""
    if view.machine:
        try:
            opened, page = machine_translated(opened, page, column_translations(ctx.translators))
        except ModelNotAvailable as exc:  # everything else keeps working without it
            note = f"No machine translation column: {exc}"
    return Shown(
        table=render.review_table(opened, page, selected),
        progress=render.progress(opened, page),
        page=page.number,
        pages=page.pages,
        bead_ids=tuple(row.bead_id for row in page.rows),
        note=note,
    )


# --- the chosen bead -----------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One editor box: the bead's text in one shown language."""

    column: int
    lang: str
    label: str
    text: str
    rtl: bool


@dataclass(frozen=True)
class Editor:
    bead_id: int | None
    slots: tuple[Slot, ...] = ()
    panel: str = ""
    split_hint: str = ""
    split_label: str = "Sentences kept in the first part"
    sentences: tuple[tuple[str, str], ...] = ()  # (label, "column:segment") for unalign

    @property
    def bases(self) -> dict:
        """What the editor boxes started from, kept by the screen until Save: only the boxes
        that differ from it are sent, each with its base, so a colleague's newer text in a box
        the reviewer did not touch is never overwritten, and one in a box they did is noticed."""
        if self.bead_id is None:
            return {}
        return {
            "bead": self.bead_id,
            "columns": [slot.column for slot in self.slots],
            "texts": [slot.text for slot in self.slots],
        }


EMPTY_EDITOR = Editor(None, panel=render.notice("Pick a bead: click a row or press j."))


def editor(
    ctx: Context, view: View, bead_id: int | None, *, opened: Review | None = None
) -> Editor:
    """The chosen bead's texts to edit, its sentences, flags and history."""
    if bead_id is None:
        return EMPTY_EDITOR
    opened = opened or load(ctx, view)
    row = opened.row(int(bead_id))
    slots = tuple(
        Slot(
            c.index, c.lang, render.language_label(c.lang), text, render.direction(c.lang) == "rtl"
        )
        for c, text in zip(opened.columns, row.texts, strict=True)
    )
    sentences = _sentences(ctx, opened, row)
    history = review.events(ctx.db, view.alignment_id, bead_id=row.bead_id)
    undone = ctx.sources.current.get(ctx.db, view.alignment_id).undone
    active = {e.id for e in history if e.id not in undone and e.action != "undo"}
    shown_columns = {c.index for c in opened.columns}
    return Editor(
        bead_id=row.bead_id,
        slots=slots,
        panel=render.bead_panel(
            row, [(c, s) for c, s in sentences if c.index in shown_columns], history, active
        ),
        split_hint=" ".join(str(n) for n in split_hint(row.segments)),
        split_label="Sentences kept in the first part, per language ("
        + " ".join(c.lang for c in opened.all_columns)
        + ")",
        sentences=(
            (EVERY_SENTENCE, EVERY_SENTENCE),
            *(
                (f"{c.lang} {i}: {_short(text)}", f"{c.index}:{i}")
                for c, found in sentences
                for i, text in found
            ),
        ),
    )


def _sentences(
    ctx: Context, opened: Review, row: Row
) -> list[tuple[Column, list[tuple[int, str]]]]:
    out = []
    for column in opened.all_columns:
        segments = ctx.sources.segments.get(ctx.db, column.document_id)
        found = [(i, segments[i].text) for i in row.segments[column.index] if i < len(segments)]
        out.append((column, found))
    return out


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def split_hint(segments: Sequence[Sequence[int]]) -> list[int]:
    """A sensible first cut: about half of each language's sentences stay in the first part."""
    keep = [(len(s) + 1) // 2 for s in segments]
    if all(k == len(s) for k, s in zip(keep, segments, strict=True)):
        last = max((c for c, s in enumerate(segments) if s), default=0)
        keep[last] -= 1
    return keep


# --- actions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What an action leaves on screen: a message, the page, and the bead now chosen."""

    message: str
    shown: Shown
    editor: Editor


ADVANCING = ("accept", "confirm")  # the actions after which the next bead is chosen


@dataclass(frozen=True)
class Details:
    """What an action needs besides the bead: edited texts (per shown column), a flag, ..."""

    texts: Sequence[str] = ()
    bases: Mapping[str, Any] | None = None  # Editor.bases of the bead the boxes were filled for
    category: str = ""
    severity: str = ""
    comment: str = ""
    keep: str = ""
    sentence: str = ""


def act(
    ctx: Context,
    username: str | None,
    view: View,
    bead_id: int | str | None,
    action: str,
    details: Details = Details(),
    page_ids: Sequence[int] = (),
) -> Outcome:
    """Do one review action on the chosen bead and show the result."""
    user = ctx.user(username)
    if action not in _ACTIONS:
        raise InputError(f"Unknown action {action!r}: use one of {', '.join(_ACTIONS)}.")
    bead = _bead_id(bead_id, action)
    message = _ACTIONS[action](ctx, user, view, bead, details)
    opened = load(ctx, view)
    chosen = _next_bead(opened, view, bead, action, page_ids)
    if chosen == bead and action in ADVANCING:  # the last bead of its page: on to the next one
        view, chosen = _next_page(opened, view, chosen)
    shown = show(ctx, view, chosen, opened=opened)
    return Outcome(message, shown, editor(ctx, view, chosen, opened=opened))


def _bead_id(bead_id: int | str | None, action: str) -> int:
    if bead_id in (None, ""):
        if action == "undo":
            return 0
        raise InputError("Pick a bead first: click a row or press j.")
    return record_number(bead_id, "bead")


def _undo(ctx: Context, user: User, view: View, bead: int, details: Details) -> str:
    undone = actions.undo_mine(ctx.db, user, view.alignment_id)
    return f"Took back your {undone.before.get('action', 'last action')}."


def _accept(ctx: Context, user: User, view: View, bead: int, details: Details) -> str:
    actions.accept(ctx.db, user, view.alignment_id, bead)
    return "Accepted."


def _edit(ctx: Context, user: User, view: View, bead: int, details: Details) -> str:
    texts, bases = edited_boxes(ctx, view, bead, details)
    actions.edit(
        ctx.db, user, view.alignment_id, bead, texts, bases=bases, segments=ctx.sources.segments
    )
    return "Saved the corrected text."


def _confirm(ctx: Context, user: User, view: View, bead: int, details: Details) -> str:
    """Ctrl+Enter, as in CAT tools: the changed boxes are saved, an unchanged bead accepted."""
    texts, _ = changed_boxes(ctx, view, bead, details)
    if texts:
        return _edit(ctx, user, view, bead, details)
    return _accept(ctx, user, view, bead, details)


def edited_boxes(
    ctx: Context, view: View, bead: int, details: Details
) -> tuple[dict[int, str], dict[int, str] | None]:
    """(texts, bases) by column: with the bases the boxes were filled from, only the boxes the
    reviewer changed, each with its base; without them (a caller that never had any), every
    box, checked against the current text only."""
    texts, bases = changed_boxes(ctx, view, bead, details)
    if not texts:
        raise InputError("Nothing was changed: type the corrected text first, then save.")
    return texts, bases


def changed_boxes(
    ctx: Context, view: View, bead: int, details: Details
) -> tuple[dict[int, str], dict[int, str] | None]:
    """edited_boxes' (texts, bases), empty when the reviewer changed nothing."""
    started = details.bases
    if started is None:
        columns = load(ctx, view).columns
        return {c.index: t for c, t in zip(columns, details.texts, strict=False)}, None
    if started.get("bead") != bead:  # the boxes still hold another bead's texts
        raise InputError(
            f"The editor does not show bead {bead} yet: pick it again, then type and save."
        )
    texts, bases = {}, {}
    for column, base, text in zip(
        started["columns"], started["texts"], details.texts, strict=False
    ):
        if " ".join(text.split()) != " ".join(base.split()):
            texts[int(column)], bases[int(column)] = text, base
    return texts, bases


def rebased(started: Mapping[str, Any] | None, current: Mapping[int, str]) -> dict:
    """The bases after a refused save: the colleague's texts, so saving again replaces them
    knowingly (the reviewer has seen both versions)."""
    if not started:
        return {}
    texts = [
        current.get(int(column), text)
        for column, text in zip(started["columns"], started["texts"], strict=True)
    ]
    return {**started, "texts": texts}


def _flag(ctx: Context, user: User, view: View, bead: int, details: Details) -> str:
    actions.flag(
        ctx.db, user, view.alignment_id, bead, details.category, details.severity, details.comment
    )
    return f"Flagged: {details.category}, {details.severity}."


def _comment(ctx: Context, user: User, view: View, bead: int, details: Details) -> str:
    actions.comment(ctx.db, user, view.alignment_id, bead, details.comment)
    return "Comment added."


def _split(ctx: Context, user: User, view: View, bead: int, details: Details) -> str:
    actions.split(ctx.db, user, view.alignment_id, bead, parse_counts(details.keep))
    return "Split the bead in two."


def _merge(ctx: Context, user: User, view: View, bead: int, details: Details) -> str:
    actions.merge_with_next(ctx.db, user, view.alignment_id, bead)
    return "Merged the bead with the next one."


def _unalign(ctx: Context, user: User, view: View, bead: int, details: Details) -> str:
    column, segment = parse_sentence(details.sentence)
    actions.unalign(ctx.db, user, view.alignment_id, bead, column, segment)
    return "Unaligned every sentence." if column is None else "Took the sentence out of the bead."


_ACTIONS = {
    "accept": _accept,
    "confirm": _confirm,
    "edit": _edit,
    "flag": _flag,
    "comment": _comment,
    "split": _split,
    "merge": _merge,
    "unalign": _unalign,
    "undo": _undo,
}


def _next_bead(
    opened: Review, view: View, bead: int, action: str, page_ids: Sequence[int]
) -> int | None:
    """After accept, the next bead of the page; otherwise the same bead while it exists."""
    page = opened.page(view.query)
    shown = [row.bead_id for row in page.rows]
    current = {row.bead_id for row in opened.rows}
    if bead not in current:
        return shown[0] if shown else None
    if action not in ADVANCING:
        return bead
    if bead in shown:
        place = shown.index(bead)
        return shown[place + 1] if place + 1 < len(shown) else bead
    # The bead left the filtered page: take the one that came after it before the action.
    if bead in page_ids:
        for later in list(page_ids)[list(page_ids).index(bead) + 1 :]:
            if later in shown:
                return later
    return shown[0] if shown else None


def _next_page(opened: Review, view: View, bead: int) -> tuple[View, int]:
    """The view of the next page and its first bead; the same when there is none."""
    page = opened.page(view.query)
    if page.number >= page.pages:
        return view, bead
    later = replace(view, query=replace(view.query, page=page.number + 1))
    rows = opened.page(later.query).rows
    return (later, rows[0].bead_id) if rows else (view, bead)


def parse_counts(text: str) -> list[int]:
    """'1 0' or '1,0' -> [1, 0]."""
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    if not parts or not all(p.isdigit() for p in parts):
        raise InputError(
            "Write how many sentences of each language stay in the first part, e.g. `1 0`."
        )
    return [int(p) for p in parts]


def parse_sentence(value: str | None) -> tuple[int | None, int | None]:
    """'' (every sentence) or 'column:segment'."""
    if not value or value == EVERY_SENTENCE:
        return None, None
    match = re.fullmatch(r"(\d+):(\d+)", value.strip())
    if not match:
        raise InputError(f"{value!r} is not a sentence of this bead; pick one from the list.")
    return int(match[1]), int(match[2])


def friendly(exc: Exception) -> str:
    """The message a reviewer sees for an error."""
    if isinstance(exc, WorkbenchError):
        return str(exc)
    return "Something went wrong on the server; the log has the details. Please report it."


# --- files ---------------------------------------------------------------------------------


def export(
    ctx: Context,
    username: str | None,
    alignment_id: int | str | None,
    fmt: str,
    langs: Sequence[str] = (),
    statuses: Sequence[str] = (),
) -> tuple[Path, str]:
    """Write the alignment as a file for download: (path, message). Viewers may export."""
    ctx.user(username)
    if alignment_id in (None, ""):
        raise InputError("Open a report (and an alignment of it) first.")
    path = transfer.export_alignment(
        ctx.db,
        record_number(alignment_id, "alignment"),
        fmt,
        ctx.exports,
        languages=langs,
        statuses=statuses,
    )
    return path, f"Exported {path.name}: download it below."


def import_upload(ctx: Context, username: str | None, path: str | None, report: str) -> str:
    """Store an uploaded TMX/XLIFF/TSV/JSONL file as a report; returns what happened."""
    user = ctx.user(username)
    if not path:
        raise InputError("Choose a .tmx, .xlf, .tsv or .jsonl file to import first.")
    name, beads, created = transfer.import_upload(
        ctx.db, user, uploaded_file(path), report,
        max_mb=ctx.settings.max_upload_mb, folder=ctx.exports, limits=Limits.of(ctx.settings),
    )  # fmt: skip
    if not created:
        return f"{name} already holds this file; nothing changed."
    return f"Imported {beads} bead(s) into {name}: open it in the Review tab."


def ingest_uploads(
    ctx: Context,
    username: str | None,
    paths: Sequence[str] | None,
    report: str,
    lang: str = "auto",
    origin: str = "original",
) -> str:
    """Store uploaded files as language versions of a report; returns what happened."""
    user = ctx.user(username)
    uploads = [uploaded_file(path) for path in paths or ()]
    stored = transfer.ingest_uploads(
        ctx.db, user, uploads, report, lang=lang, origin=origin,
        max_mb=ctx.settings.max_upload_mb, folder=ctx.exports, limits=Limits.of(ctx.settings),
    )  # fmt: skip
    parts = [
        f"{name}: {lang}, {count} sentence(s){'' if created else ' (already stored)'}"
        for name, lang, count, created in stored
    ]
    return f"{report.strip()}: " + "; ".join(parts) + ". Align the versions to review them."


# --- other layers' work, started from the UI -------------------------------------------------

ALIGN_SIGNALS = DEFAULT_SIGNALS  # the aligner's own default (workbench.align.choices)


def align(
    ctx: Context,
    username: str | None,
    report: str | None,
    langs: Sequence[str] = (),
    signals: Sequence[str] = ALIGN_SIGNALS,
) -> tuple[Alignment, str]:
    """Align the report's versions (all, or `langs`) as a job and store it: (alignment,
    message). The job runs here, while the reviewer waits, and shows in the Jobs tab."""
    from workbench.accounts import require_writer
    from workbench.jobs.stored import align_stored

    require_writer(ctx.user(username))
    if not report:
        raise InputError("Choose the report to align first.")
    made = align_stored(ctx.db, ctx.settings, [report], langs=langs, signals=signals)[report]
    langs_made = "–".join(c.lang for c in columns(ctx, made.id or 0))
    flagged = sum(b.status == "flagged" for b in made.beads)
    note = f"; {flagged} flagged where the direct pair disagrees with the hub" if flagged else ""
    return made, (
        f"Aligned {report} ({langs_made}): {len(made.beads)} beads{note}. "
        "It is open in the Review tab."
    )


def translate(
    ctx: Context,
    username: str | None,
    text: str,
    src: str,
    tgt: str,
    engine: str = "",
    model: str = "",
    profile: str = "",
) -> Translated:
    """The Translate tab: a text in, its translation with signature, path and each sentence's
    origin out (`model` and `profile` as the page sent them: checked before any use)."""
    ctx.user(username)
    return translate_text(
        ctx.translators, text, src, tgt, engine=engine, model=model, profile=profile
    )


def translation_quality(ctx: Context, src: str, tgt: str, profile: str, model: str) -> str:
    """The Translate tab's note on the model in use: licence, expected quality, and the plain
    warning when the direction is draft-only."""
    from workbench.review.modelchoice import checked_choice
    from workbench.translate.quality import translation_summary

    profile, model = checked_choice(ctx.settings, src, tgt, profile, model)
    summary = translation_summary(src, tgt, ctx.settings, profile=profile, model=model or None)
    return render.expected_quality(summary)


def models_html(ctx: Context) -> str:
    """Which translation models are on this machine, and the command for each one missing."""
    from workbench.review.machine import model_rows

    return render.models_table(model_rows(ctx.settings))


def machine_translate(
    ctx: Context, username: str | None, report: str | None, src: str, targets: Sequence[str]
) -> tuple[str, bool]:
    """Store machine versions of a report (Reports tab), one job per language: what happened
    per language, and whether every language was translated."""
    from workbench.accounts import require_writer
    from workbench.jobs.stored import translate_versions

    require_writer(ctx.user(username))
    if not report:
        raise InputError("Choose the report to translate first.")
    if not targets:
        raise InputError("Tick the languages to translate into.")
    done = translate_versions(ctx.db, ctx.settings, report, src, targets)
    return " ".join(line for _, line in done), all(ok for ok, _ in done)


def quality(
    ctx: Context,
    username: str | None,
    reports: Sequence[str] | None,
    lang: str = "",
    normalize: str = "none",
) -> Quality:
    """The Quality tab: score reports and build their quality report. A viewer gets the report
    but nothing is stored; a reviewer's scoring is kept (and shows in the review table)."""
    user = ctx.user(username)
    return quality_report(
        ctx.db, list(reports or ()), lang="" if lang == "any" else lang, normalize=normalize,
        save=user.role in CAN_WRITE, folder=ctx.exports,
    )  # fmt: skip


def score(ctx: Context, username: str | None, report: str | None) -> str:
    """Score a report's machine translations (Reports tab), as a job, and say how they did."""
    from workbench.accounts import require_writer
    from workbench.jobs.stored import report_scores, score_stored

    require_writer(ctx.user(username))
    if not report:
        raise InputError("Choose the report to score first.")
    scores, notes = report_scores(score_stored(ctx.db, ctx.settings, [report]), report)
    lines = [f"{ref}: {_values(values)}." for ref, values in sorted(scores.items())]
    return " ".join([*lines, *notes]) + " Bead scores now show in the Review tab."


def _values(values: Mapping[str, float]) -> str:
    from workbench.review.quality import METRIC_NAMES

    return ", ".join(f"{METRIC_NAMES.get(m, m)} {v:.1f}" for m, v in values.items())
