"""The Gradio app: `build_app(settings)` lays out the screens and wires every event in `_wire`.

Layout lives in the `_render_*` functions, behaviour in `handlers` (pure, tested without a
browser) and the public API in `api`. Every event resolves the reviewer on the server from
the login (gr.Request.username); nothing the page sends says who is acting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import gradio as gr

from workbench.config import Settings
from workbench.errors import WorkbenchError
from workbench.records import BEAD_STATUSES
from workbench.store import users
from workbench.store.db import Database, open_database
from workbench.text.languages import LANGUAGES
from workbench.text.readers import SUPPORTED
from workbench.ui import actions, api, handlers, render, transfer
from workbench.ui.handlers import Context, Details, Editor, Shown
from workbench.ui.review import KIND_CHOICES, MAX_COLUMNS, ORDER_CHOICES, STATUS_CHOICES, Sources

log = logging.getLogger(__name__)
UI_CONCURRENCY = 4

KEYS_HELP = (
    "<div class='wb-keys'><kbd>j</kbd>/<kbd>k</kbd> next/previous bead · <kbd>a</kbd> accept · "
    "<kbd>e</kbd> edit, <kbd>Ctrl</kbd>+<kbd>Enter</kbd> save · <kbd>f</kbd> flag · "
    "<kbd>c</kbd> comment · <kbd>m</kbd> merge with next · <kbd>u</kbd> undo · "
    "<kbd>[</kbd>/<kbd>]</kbd> pages · <kbd>Esc</kbd> leave a field</div>"
)


def build_app(
    settings: Settings, db: Database | None = None, *, accounts: bool | None = None
) -> gr.Blocks:
    """The review UI over the store in `settings` (or `db`). Accounts are on when any exist."""
    db = db or open_database(settings.database_path)
    on = users.count_users(db) > 0 if accounts is None else accounts
    ctx = Context(db, settings, on, sources=Sources())
    with gr.Blocks(title="workbench review", fill_width=True) as app:
        header = _render_header()
        with gr.Tabs(selected="reports") as tabs:
            with gr.Tab("Reports", id="reports"):
                reports_tab = _render_reports_tab()
            with gr.Tab("Review", id="review"):
                review_tab = _render_review_tab()
        _wire(app, ctx, header, tabs, reports_tab, review_tab)
        api.register(ctx)
    # Screens of different reviewers run side by side; each handler is a few short reads.
    app.queue(default_concurrency_limit=UI_CONCURRENCY)
    app.workbench_context = ctx  # type: ignore[attr-defined]  # for the server and tests
    return app


def page_assets() -> dict[str, str]:
    """The stylesheet and the keyboard script, for `launch`/`mount_gradio_app` (Gradio 6)."""
    static = resources.files("workbench.ui") / "static"
    css = (static / "workbench.css").read_text(encoding="utf-8")
    script = (static / "keys.js").read_text(encoding="utf-8")
    return {"css": css, "head": f"<script>{script}</script>"}


# --- layout --------------------------------------------------------------------------------


@dataclass
class Header:
    who: gr.HTML


@dataclass
class ReportsTab:
    table: gr.HTML
    refresh: gr.Button
    work_report: gr.Dropdown
    work_langs: gr.CheckboxGroup
    align_button: gr.Button
    files: gr.File
    files_report: gr.Textbox
    files_lang: gr.Dropdown
    files_origin: gr.Radio
    files_button: gr.Button
    upload: gr.File
    import_report: gr.Textbox
    import_button: gr.Button
    message: gr.HTML

    def buttons(self) -> list[gr.Button]:
        """The buttons that change the store (disabled for viewers; the server refuses anyway)."""
        return [self.align_button, self.files_button, self.import_button]


@dataclass
class ReviewTab:
    report: gr.Dropdown
    alignment: gr.Dropdown
    langs: gr.CheckboxGroup
    status: gr.Dropdown
    kind: gr.Dropdown
    order: gr.Dropdown
    flagged: gr.Checkbox
    below_score: gr.Slider
    below_confidence: gr.Slider
    progress: gr.HTML
    prev_page: gr.Button
    page: gr.Number
    next_page: gr.Button
    table: gr.HTML
    bead_pick: gr.Textbox
    page_ids: gr.State
    message: gr.HTML
    panel: gr.HTML
    slots: list[gr.Textbox]
    save: gr.Button
    accept: gr.Button
    undo: gr.Button
    category: gr.Dropdown
    severity: gr.Radio
    flag_comment: gr.Textbox
    flag: gr.Button
    comment_text: gr.Textbox
    comment: gr.Button
    keep: gr.Textbox
    split: gr.Button
    merge: gr.Button
    sentence: gr.Dropdown
    unalign: gr.Button
    export_format: gr.Radio
    export_statuses: gr.CheckboxGroup
    export_button: gr.Button
    export_file: gr.File

    def view_inputs(self) -> list[gr.components.Component]:
        return [
            self.alignment,
            self.langs,
            self.status,
            self.below_score,
            self.below_confidence,
            self.flagged,
            self.kind,
            self.order,
            self.page,
        ]

    def buttons(self) -> dict[str, gr.Button]:
        return {
            "accept": self.accept,
            "edit": self.save,
            "flag": self.flag,
            "comment": self.comment,
            "split": self.split,
            "merge": self.merge,
            "unalign": self.unalign,
            "undo": self.undo,
        }


def _render_header() -> Header:
    with gr.Row():
        gr.HTML("<h2 style='margin:0'>workbench · review</h2>")
        who = gr.HTML(elem_id="wb-who")
    return Header(who)


def _render_reports_tab() -> ReportsTab:
    table = gr.HTML(elem_id="wb-reports")
    refresh = gr.Button("Refresh", size="sm", variant="secondary", scale=0)
    with gr.Row(equal_height=True):
        work_report = gr.Dropdown(label="Report", choices=[], elem_id="wb-work-report")
        work_langs = gr.CheckboxGroup(
            label="Versions (none ticked: all)", choices=list(LANGUAGES), elem_id="wb-work-langs"
        )
        align_button = gr.Button("Align versions", elem_id="wb-align", scale=0)
    message = gr.HTML(elem_id="wb-reports-message")
    versions = "Add language versions of a report (.txt, .md, .html, .docx)"
    with gr.Accordion(versions, open=False), gr.Row():
        files = gr.File(
            label="Files, one per language", file_count="multiple",
            file_types=list(SUPPORTED), elem_id="wb-files",
        )  # fmt: skip
        with gr.Column():
            files_report = gr.Textbox(label="Report name", elem_id="wb-files-report")
            files_lang = gr.Dropdown(
                label="Language (auto: detect each file's)",
                choices=["auto", *LANGUAGES], value="auto",
            )  # fmt: skip
            files_origin = gr.Radio(
                label="Written in this language, or translated by a person?",
                choices=["original", "human"], value="original",
            )  # fmt: skip
            files_button = gr.Button("Add to the report", elem_id="wb-files-add")
    importing = "Import a TMX, XLIFF, TSV or JSONL file as a report"
    with gr.Accordion(importing, open=False), gr.Row():
        upload = gr.File(
            label="File", file_types=list(transfer.IMPORT_SUFFIXES), elem_id="wb-upload"
        )
        with gr.Column():
            import_report = gr.Textbox(label="Report name", elem_id="wb-import-report")
            import_button = gr.Button("Import", elem_id="wb-import")
    return ReportsTab(
        table=table, refresh=refresh, work_report=work_report, work_langs=work_langs,
        align_button=align_button, files=files, files_report=files_report,
        files_lang=files_lang, files_origin=files_origin, files_button=files_button,
        upload=upload, import_report=import_report, import_button=import_button,
        message=message,
    )  # fmt: skip


def _render_review_tab() -> ReviewTab:
    with gr.Row():
        report = gr.Dropdown(label="Report", choices=[], elem_id="wb-report", scale=2)
        alignment = gr.Dropdown(label="Alignment", choices=[], elem_id="wb-alignment", scale=2)
        langs = gr.CheckboxGroup(
            label=f"Languages side by side (2-{MAX_COLUMNS})", choices=[], elem_id="wb-langs"
        )
    with gr.Accordion("Filter and sort", open=False):
        with gr.Row():
            status = gr.Dropdown(label="Status", choices=list(STATUS_CHOICES), value="all")
            kind = gr.Dropdown(label="Bead type", choices=list(KIND_CHOICES), value="all")
            order = gr.Dropdown(label="Order", choices=list(ORDER_CHOICES), value="worst first")
            flagged = gr.Checkbox(label="Flagged only", value=False)
        with gr.Row():
            below_score = gr.Slider(
                0, handlers.ANY_SCORE, value=handlers.ANY_SCORE, step=1,
                label="Score below (100 = any)",
            )  # fmt: skip
            below_confidence = gr.Slider(
                0, handlers.ANY_CONFIDENCE, value=handlers.ANY_CONFIDENCE, step=0.05,
                label="Alignment confidence below (1 = any)",
            )  # fmt: skip
    with gr.Row(elem_classes="wb-pager"):
        progress = gr.HTML(elem_id="wb-progress")
        prev_page = gr.Button("◀ page", size="sm", elem_id="wb-prev-page", scale=0)
        page = gr.Number(value=1, precision=0, minimum=1, label="Page", scale=0, min_width=90)
        next_page = gr.Button("page ▶", size="sm", elem_id="wb-next-page", scale=0)
    with gr.Row():
        with gr.Column(scale=3):
            table = gr.HTML(elem_id="wb-review-table", js_on_load=None)
            gr.HTML(KEYS_HELP)
            exports = _render_export()
        with gr.Column(scale=2, elem_id="wb-side"):
            widgets = _render_editor()
    bead_pick = gr.Textbox(elem_id="wb-bead-pick", visible="hidden")
    page_ids = gr.State([])
    return ReviewTab(
        report, alignment, langs, status, kind, order, flagged, below_score, below_confidence,
        progress, prev_page, page, next_page, table, bead_pick, page_ids, **widgets, **exports,
    )  # fmt: skip


def _render_export() -> dict[str, Any]:
    with gr.Accordion("Export this alignment (shown languages)", open=False):
        with gr.Row():
            export_format = gr.Radio(
                label="Format", choices=list(transfer.EXPORT_FORMATS), value="TMX",
                elem_id="wb-export-format",
            )  # fmt: skip
            export_statuses = gr.CheckboxGroup(
                label="Only beads that are (none ticked: all)", choices=list(BEAD_STATUSES)
            )
        export_button = gr.Button("Export", elem_id="wb-export")
        export_file = gr.File(label="Download", interactive=False, elem_id="wb-export-file")
    return dict(
        export_format=export_format, export_statuses=export_statuses,
        export_button=export_button, export_file=export_file,
    )  # fmt: skip


def _render_editor() -> dict[str, Any]:
    message = gr.HTML(elem_id="wb-message")
    panel = gr.HTML(render.notice("Pick a bead: click a row or press j."), elem_id="wb-panel")
    with gr.Group(elem_id="wb-editor"):
        slots = [
            gr.Textbox(lines=2, visible=False, elem_id=f"wb-edit-{i}", label=f"Column {i + 1}")
            for i in range(MAX_COLUMNS)
        ]
        with gr.Row():
            save = gr.Button("Save edit (Ctrl+Enter)", elem_id="wb-save", variant="primary")
            accept = gr.Button("Accept (a)", elem_id="wb-accept")
            undo = gr.Button("Undo (u)", elem_id="wb-undo")
    with gr.Group(elem_id="wb-flagger"):
        with gr.Row():
            category = gr.Dropdown(
                label="Error", choices=list(actions.MQM_CATEGORIES), value="accuracy/mistranslation"
            )
            severity = gr.Radio(label="Severity", choices=list(actions.SEVERITIES), value="minor")
        flag_comment = gr.Textbox(label="Why (f)", lines=1, elem_id="wb-flag-comment")
        flag = gr.Button("Flag (Ctrl+Enter)", elem_id="wb-flag", variant="stop")
    with gr.Group(elem_id="wb-commenter"):
        comment_text = gr.Textbox(label="Comment (c)", lines=1, elem_id="wb-comment-text")
        comment = gr.Button("Add comment", elem_id="wb-comment")
    with gr.Accordion("Split, merge, unalign", open=False):
        keep = gr.Textbox(label="Sentences kept in the first part", elem_id="wb-keep")
        split = gr.Button("Split", elem_id="wb-split")
        merge = gr.Button("Merge with next (m)", elem_id="wb-merge")
        sentence = gr.Dropdown(label="Sentence to unalign", choices=[], elem_id="wb-sentence")
        unalign = gr.Button("Unalign", elem_id="wb-unalign")
    return dict(
        message=message, panel=panel, slots=slots, save=save, accept=accept, undo=undo,
        category=category, severity=severity, flag_comment=flag_comment, flag=flag,
        comment_text=comment_text, comment=comment, keep=keep, split=split, merge=merge,
        sentence=sentence, unalign=unalign,
    )  # fmt: skip


# --- events (all of them, here) ------------------------------------------------------------


def _wire(
    app: gr.Blocks,
    ctx: Context,
    header: Header,
    tabs: gr.Tabs,
    reports_tab: ReportsTab,
    review: ReviewTab,
) -> None:
    view = review.view_inputs()
    shown = [review.table, review.progress, review.page, review.page_ids, review.message]
    chosen = [review.bead_pick, review.panel, review.keep, review.sentence, *review.slots]
    private: dict[str, Any] = {"api_visibility": "private"}
    ui = _Screen(ctx, review)

    loaded = [header.who, reports_tab.table, tabs, review.report, review.alignment, review.langs]
    loaded += [reports_tab.work_report, *shown, *chosen, *review.buttons().values()]
    loaded += reports_tab.buttons()

    def on_load(request: gr.Request) -> dict:
        return ui.load(header, reports_tab, tabs, request)

    app.load(on_load, outputs=loaded, **private)

    def on_refresh() -> dict:
        names = handlers.report_names(ctx)
        return {
            reports_tab.table: handlers.reports_html(ctx),
            review.report: gr.Dropdown(choices=names),
            reports_tab.work_report: gr.Dropdown(choices=names),
        }

    refreshed = [reports_tab.table, review.report, reports_tab.work_report]
    reports_tab.refresh.click(on_refresh, outputs=refreshed, **private)

    def on_report(values: dict) -> dict:
        return ui.open_report(values[review.report])

    opened = [review.alignment, review.langs, *shown, *chosen]
    review.report.input(on_report, inputs={review.report}, outputs=opened, **private)

    def on_alignment(values: dict) -> dict:
        return ui.open_alignment(values[review.alignment])

    review.alignment.input(
        on_alignment, inputs={review.alignment}, outputs=[review.langs, *shown, *chosen],
        **private,
    )  # fmt: skip

    def on_filter(values: dict) -> dict:
        return ui.refilter(values)

    filter_triggers = [review.langs.input, review.status.input, review.kind.input]
    filter_triggers += [review.order.input, review.flagged.input, review.below_score.release]
    filter_triggers += [review.below_confidence.release]
    gr.on(
        filter_triggers, on_filter, inputs={*view, review.bead_pick}, outputs=[*shown, *chosen],
        **private,
    )  # fmt: skip

    for trigger, step in ((review.prev_page.click, -1), (review.next_page.click, 1)):
        gr.on([trigger], ui.turner(step), inputs={*view}, outputs=shown, **private)
    review.page.submit(ui.turner(0), inputs={*view}, outputs=shown, **private)

    def on_pick(values: dict) -> dict:
        return ui.pick(values)

    # The pick box is the page's, not the server's: answering with its value would undo a
    # newer pick made while this one was on its way (j j pressed quickly).
    review.bead_pick.change(
        on_pick, inputs={*view, review.bead_pick}, outputs=[*chosen[1:], review.message],
        **private,
    )  # fmt: skip

    def on_export(values: dict, request: gr.Request) -> dict:
        return ui.export(values, request)

    review.export_button.click(
        on_export,
        inputs={review.alignment, review.langs, review.export_format, review.export_statuses},
        outputs=[review.export_file, review.message],
        **private,
    )

    def stored(text: str) -> dict:
        names = handlers.report_names(ctx)
        return {
            reports_tab.message: render.notice(text, "ok"),
            reports_tab.table: handlers.reports_html(ctx),
            review.report: gr.Dropdown(choices=names),
            reports_tab.work_report: gr.Dropdown(choices=names),
        }

    def on_import(values: dict, request: gr.Request) -> dict:
        try:
            return stored(
                handlers.import_upload(
                    ctx, _username(request), values[reports_tab.upload],
                    values[reports_tab.import_report] or "",
                )
            )  # fmt: skip
        except Exception as exc:  # shown on screen; unexpected ones are logged in full
            return {reports_tab.message: _problem_notice(exc)}

    def on_files(values: dict, request: gr.Request) -> dict:
        try:
            return stored(
                handlers.ingest_uploads(
                    ctx, _username(request), values[reports_tab.files],
                    values[reports_tab.files_report] or "", values[reports_tab.files_lang],
                    values[reports_tab.files_origin],
                )
            )  # fmt: skip
        except Exception as exc:  # shown on screen; unexpected ones are logged in full
            return {reports_tab.message: _problem_notice(exc)}

    def on_align(values: dict, request: gr.Request) -> dict:
        report = values[reports_tab.work_report]
        try:
            _, text = handlers.align(
                ctx, _username(request), report, values[reports_tab.work_langs] or ()
            )
        except Exception as exc:  # shown on screen; unexpected ones are logged in full
            return {reports_tab.message: _problem_notice(exc)}
        return {
            **stored(text),
            tabs: gr.Tabs(selected="review"),
            review.report: gr.Dropdown(choices=handlers.report_names(ctx), value=report),
            **ui.open_report(report),
        }

    def before_align() -> str:
        return render.notice("Aligning… (seconds for a report of a few hundred sentences)")

    reports_tab.align_button.click(
        before_align, outputs=reports_tab.message, **private
    ).then(
        on_align, inputs={reports_tab.work_report, reports_tab.work_langs},
        outputs=[reports_tab.message, reports_tab.table, tabs, review.report, review.alignment,
                 review.langs, reports_tab.work_report, *shown, *chosen],
        **private,
    )  # fmt: skip

    changed = [reports_tab.message, reports_tab.table, review.report, reports_tab.work_report]
    reports_tab.import_button.click(
        on_import, inputs={reports_tab.upload, reports_tab.import_report}, outputs=changed,
        **private,
    )  # fmt: skip
    files_inputs = {reports_tab.files, reports_tab.files_report, reports_tab.files_lang}
    files_inputs.add(reports_tab.files_origin)
    reports_tab.files_button.click(on_files, inputs=files_inputs, outputs=changed, **private)

    action_inputs = {*view, review.bead_pick, review.page_ids, *review.slots}
    action_inputs |= {review.category, review.severity, review.flag_comment}
    action_inputs |= {review.comment_text, review.keep, review.sentence}
    for action, button in review.buttons().items():
        button.click(
            ui.actor(action), inputs=action_inputs,
            outputs=[*shown, *chosen, review.flag_comment, review.comment_text], **private,
        )  # fmt: skip


class _Screen:
    """Turns the screen's component values into handler calls and handler results into
    component updates; errors become a message on the screen, never a traceback."""

    def __init__(self, ctx: Context, tab: ReviewTab):
        self.ctx, self.tab = ctx, tab

    # -- turning values into a View ---------------------------------------------------------
    def view(self, values: dict, *, page: int | None = None) -> handlers.View:
        t = self.tab
        return handlers.make_view(
            values[t.alignment], values[t.langs], values[t.status], values[t.below_score],
            values[t.below_confidence], values[t.flagged], values[t.kind], values[t.order],
            values[t.page] if page is None else page,
        )  # fmt: skip

    # -- updates ----------------------------------------------------------------------------
    def shown(self, shown: Shown, message: str = "") -> dict:
        t = self.tab
        return {
            t.table: shown.table, t.progress: shown.progress, t.page: shown.page,
            t.page_ids: list(shown.bead_ids), t.message: message,
        }  # fmt: skip

    def chosen(self, editor: Editor) -> dict:
        t = self.tab
        updates: dict = {
            t.bead_pick: "" if editor.bead_id is None else str(editor.bead_id),
            t.panel: editor.panel,
            t.keep: gr.Textbox(value=editor.split_hint, label=editor.split_label),
            t.sentence: gr.Dropdown(
                choices=list(editor.sentences) or [handlers.EVERY_SENTENCE],
                value=handlers.EVERY_SENTENCE,
            ),
        }
        for i, box in enumerate(t.slots):
            if i < len(editor.slots):
                slot = editor.slots[i]
                updates[box] = gr.Textbox(
                    value=slot.text, label=slot.label, rtl=slot.rtl, visible=True
                )
            else:
                updates[box] = gr.Textbox(value="", visible=False)
        return updates

    def problem(self, exc: Exception) -> dict:
        return {self.tab.message: _problem_notice(exc)}

    # -- events -----------------------------------------------------------------------------
    def load(self, header: Header, reports_tab: ReportsTab, tabs: gr.Tabs, request: Any) -> dict:
        t = self.tab
        try:
            user = self.ctx.user(_username(request))
        except WorkbenchError as exc:
            return {header.who: render.notice(str(exc), "problem")}
        names = handlers.report_names(self.ctx)
        asked = dict(getattr(request, "query_params", {}) or {}).get("report")
        report = asked if asked in names else (names[0] if names else None)
        updates: dict = {
            header.who: _who(self.ctx, user),
            reports_tab.table: handlers.reports_html(self.ctx),
            tabs: gr.Tabs(selected="review" if asked in names else "reports"),
            t.report: gr.Dropdown(choices=names, value=report),
            reports_tab.work_report: gr.Dropdown(choices=names, value=report),
        }
        writer = user.role in ("reviewer", "admin")
        for button in [*t.buttons().values(), *reports_tab.buttons()]:
            updates[button] = gr.Button(interactive=writer)
        if report:
            updates.update(self.open_report(report))
        return updates

    def open_report(self, report: str | None) -> dict:
        t = self.tab
        try:
            options = handlers.alignment_options(self.ctx, report)
        except WorkbenchError as exc:
            return self.problem(exc)
        if not options:
            note = render.notice(
                f"{report!r} has no alignment yet: align its language versions first.", "info"
            )
            return {t.alignment: gr.Dropdown(choices=[], value=None), t.message: note}
        return {
            t.alignment: gr.Dropdown(choices=options, value=options[0][1]),
            **self.open_alignment(options[0][1]),
        }

    def open_alignment(self, alignment_id: int | None) -> dict:
        t = self.tab
        try:
            langs = handlers.language_options(self.ctx, alignment_id)
            chosen = langs[:MAX_COLUMNS]
            view = handlers.make_view(alignment_id, chosen)
            shown = handlers.show(self.ctx, view)
        except WorkbenchError as exc:
            return self.problem(exc)
        return {
            t.langs: gr.CheckboxGroup(choices=langs, value=chosen),
            t.page: 1,
            **self.shown(shown),
            **self.chosen(handlers.EMPTY_EDITOR),
        }

    def refilter(self, values: dict) -> dict:
        try:
            view = self.view(values, page=1)
            opened = handlers.load(self.ctx, view)
            shown = handlers.show(self.ctx, view, opened=opened)
            bead = _bead(values[self.tab.bead_pick])
            if bead is not None and bead not in {row.bead_id for row in opened.rows}:
                bead = None
            editor = handlers.editor(self.ctx, view, bead, opened=opened)
        except WorkbenchError as exc:
            return self.problem(exc)
        return {**self.shown(shown), **self.chosen(editor)}

    def turner(self, step: int) -> Callable[[dict], dict]:
        def turn(values: dict) -> dict:
            return self.turn(values, step)

        return turn

    def actor(self, action: str) -> Callable[[dict, gr.Request], dict]:
        # Gradio injects the request by the parameter's annotation: keep a plain signature.
        def run(values: dict, request: gr.Request) -> dict:
            return self.act(action, values, request)

        return run

    def turn(self, values: dict, step: int) -> dict:
        try:
            wanted = int(values[self.tab.page] or 1) + step
            shown = handlers.show(self.ctx, self.view(values, page=max(1, wanted)))
        except WorkbenchError as exc:
            return self.problem(exc)
        return self.shown(shown)

    def pick(self, values: dict) -> dict:
        try:
            view = self.view(values)
            editor = handlers.editor(self.ctx, view, _bead(values[self.tab.bead_pick]))
        except WorkbenchError as exc:
            return self.problem(exc)
        updates = self.chosen(editor)
        del updates[self.tab.bead_pick]
        return {**updates, self.tab.message: ""}

    def export(self, values: dict, request: Any) -> dict:
        t = self.tab
        try:
            path, text = handlers.export(
                self.ctx, _username(request), values[t.alignment],
                values[t.export_format], values[t.langs] or (), values[t.export_statuses] or (),
            )  # fmt: skip
        except Exception as exc:  # shown on screen; unexpected ones are logged in full
            return self.problem(exc)
        return {t.export_file: str(path), t.message: render.notice(text, "ok")}

    def act(self, action: str, values: dict, request: Any) -> dict:
        t = self.tab
        details = Details(
            texts=[values[box] or "" for box in t.slots],
            category=values[t.category] or "",
            severity=values[t.severity] or "",
            comment=values[t.flag_comment if action == "flag" else t.comment_text] or "",
            keep=values[t.keep] or "",
            sentence=values[t.sentence] or "",
        )
        try:
            outcome = handlers.act(
                self.ctx, _username(request), self.view(values),
                values[t.bead_pick], action, details, values[t.page_ids] or [],
            )  # fmt: skip
        except Exception as exc:  # shown on screen; unexpected ones are logged in full
            return self.problem(exc)
        cleared = {t.flag_comment: ""} if action == "flag" else {}
        if action == "comment":
            cleared = {t.comment_text: ""}
        return {
            **self.shown(outcome.shown, render.notice(outcome.message, "ok")),
            **self.chosen(outcome.editor),
            **cleared,
        }


def _problem_notice(exc: Exception) -> str:
    if not isinstance(exc, WorkbenchError):
        log.exception("a screen of the review UI failed")
    return render.notice(handlers.friendly(exc), "problem")


def _username(request: Any) -> str | None:
    return getattr(request, "username", None)


def _bead(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _who(ctx: Context, user: Any) -> str:
    if not ctx.accounts:
        return render.notice(
            f"Working as {user.name} on this computer (no accounts yet, so only this machine "
            "can open the UI; `workbench users add NAME` creates one).",
            "info",
        )
    note = " · you can look but not change anything" if user.role == "viewer" else ""
    signed = render.notice(f"Signed in as {user.name} ({user.role}){note}", "info")
    return f"{signed}<a href='logout' class='wb-logout'>Log out</a>"
