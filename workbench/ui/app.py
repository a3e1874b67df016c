"""The Gradio app: `build_app(settings)` lays out the screens and wires every event in `_wire`.

Layout lives in the `_render_*` functions, behaviour in `handlers` (pure, tested without a
browser) and the public API in `api`. Every event resolves the reviewer on the server from
the login (gr.Request.username); nothing the page sends says who is acting.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import gradio as gr

from workbench.config import Settings
from workbench.errors import WorkbenchError
from workbench.jobs.spec import EXECUTORS
from workbench.records import BEAD_STATUSES
from workbench.review import actions, jobs, transfer
from workbench.review.machine import ENGINES
from workbench.review.quality import NORMALIZE_CHOICES
from workbench.review.rows import KIND_CHOICES, MAX_COLUMNS, ORDER_CHOICES, STATUS_CHOICES, Sources
from workbench.review.session import Context
from workbench.store import users
from workbench.store.db import Database, open_store
from workbench.text.languages import LANGUAGES
from workbench.text.readers import SUPPORTED
from workbench.ui import api, handlers, render
from workbench.ui.queue import resting_queue
from workbench.ui.screen import Screen
from workbench.ui.uploads import uploaded_file

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
    db = db or open_store(settings)
    on = users.count_users(db) > 0 if accounts is None else accounts
    ctx = Context(db, settings, on, sources=Sources())
    with UploadsOnly(title="workbench review", fill_width=True) as app:
        who = _render_header()
        with gr.Tabs(selected="reports") as tabs:
            with gr.Tab("Reports", id="reports"):
                reports_tab = _render_reports_tab()
            with gr.Tab("Review", id="review"):
                review_tab = _render_review_tab()
            with gr.Tab("Translate", id="translate"):
                translate_tab = _render_translate_tab()
            with gr.Tab("Quality", id="quality"):
                quality_tab = _render_quality_tab()
            with gr.Tab("Jobs", id="jobs"):
                jobs_tab = _render_jobs_tab()
        widgets = Widgets(who, tabs, reports_tab, review_tab, translate_tab, quality_tab, jobs_tab)
        api.register(ctx)  # first: the public names (/export, /align, ...) are the API's
        _wire(app, Screen(ctx, widgets), widgets)
    # Screens of different reviewers run side by side; each handler is a few short reads.
    app.queue(default_concurrency_limit=UI_CONCURRENCY)
    app.workbench_context = ctx  # type: ignore[attr-defined]  # for the server and tests
    return app


class UploadsOnly(gr.Blocks):
    """Blocks whose events take files only from this server's upload folder.

    A page names each file it sends by its path on the server, so a forged request can name
    any file there, or a URL (which Gradio would download). Every path an event's data names
    is checked (`uploads.uploaded_file`) before Gradio copies anything into its cache,
    whether or not Gradio's own check runs (`mount_gradio_app` leaves it off)."""

    async def preprocess_data(
        self, block_fn: Any, inputs: list[Any], state: Any, explicit_call: bool = False
    ) -> list[Any]:
        for block, value in zip(block_fn.inputs, inputs, strict=False):
            if not getattr(block, "stateful", False):  # a State's value never comes from the page
                for path in _named_paths(value):
                    try:
                        uploaded_file(path)
                    except WorkbenchError as exc:
                        raise gr.Error(str(exc), print_exception=False) from None
        return await super().preprocess_data(block_fn, inputs, state, explicit_call)

    def queue(self, *args: Any, **kwargs: Any) -> UploadsOnly:
        """Gradio's queue, resting while nothing happens (`workbench.ui.queue`)."""
        super().queue(*args, **kwargs)
        self._queue = resting_queue(self._queue)
        return self


def _named_paths(value: Any) -> list[str]:
    """Every "path" of the files in an event's value (Gradio's FileData, at any depth)."""
    paths, left = [], [value]
    while left:  # no recursion: a forged value may be nested thousands deep
        item = left.pop()
        if isinstance(item, dict):
            if item.get("path") is not None:
                paths.append(str(item["path"]))
            left.extend(item.values())
        elif isinstance(item, (list, tuple)):
            left.extend(item)
    return paths


def page_assets() -> dict[str, str]:
    """The stylesheet and the keyboard script, for `launch`/`mount_gradio_app` (Gradio 6)."""
    static = resources.files("workbench.ui") / "static"
    css = (static / "workbench.css").read_text(encoding="utf-8")
    script = (static / "keys.js").read_text(encoding="utf-8")
    return {"css": css, "head": f"<script>{script}</script>"}


# --- layout --------------------------------------------------------------------------------


@dataclass
class ReportsTab:
    table: gr.HTML
    refresh: gr.Button
    work_report: gr.Dropdown
    work_langs: gr.CheckboxGroup
    align_button: gr.Button
    mt_src: gr.Dropdown
    mt_targets: gr.CheckboxGroup
    mt_button: gr.Button
    score_button: gr.Button
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
        return [
            self.align_button, self.mt_button, self.score_button, self.files_button,
            self.import_button,
        ]  # fmt: skip


@dataclass
class ReviewTab:
    report: gr.Dropdown
    alignment: gr.Dropdown
    langs: gr.CheckboxGroup
    machine: gr.Checkbox
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
    bases: gr.State  # what the editor boxes started from (handlers.Editor.bases)
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
            self.machine,
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


@dataclass
class TranslateTab:
    src: gr.Dropdown
    tgt: gr.Dropdown
    engine: gr.Radio
    model: gr.Textbox
    text: gr.Textbox
    button: gr.Button
    output: gr.Textbox
    signature: gr.Textbox
    path: gr.HTML
    message: gr.HTML
    models: gr.HTML


@dataclass
class QualityTab:
    reports: gr.Dropdown
    lang: gr.Dropdown
    normalize: gr.Dropdown
    button: gr.Button
    message: gr.HTML
    headline: gr.HTML
    page: gr.HTML
    files: gr.File


@dataclass
class JobsTab:
    table: gr.HTML
    refresh: gr.Button
    job: gr.Dropdown
    cancel: gr.Button
    resume: gr.Button
    message: gr.HTML
    details: gr.HTML
    spec: gr.Textbox
    upload: gr.File
    executor: gr.Radio
    workers: gr.Number
    check: gr.Button
    start: gr.Button
    timer: gr.Timer
    watched: gr.State

    def buttons(self) -> list[gr.Button]:
        return [self.cancel, self.resume, self.check, self.start]

    def shown(self) -> list[gr.components.Component]:
        """What every look at the jobs writes (the page load, Refresh, the timer, actions)."""
        return [self.table, self.job, self.details, self.timer, self.watched]


@dataclass
class Widgets:
    """Every component an event reads or writes."""

    who: gr.HTML
    tabs: gr.Tabs
    reports: ReportsTab
    review: ReviewTab
    translate: TranslateTab
    quality: QualityTab
    jobs: JobsTab

    def writing_buttons(self) -> list[gr.Button]:
        """Buttons that change the store: disabled for viewers (the server refuses anyway)."""
        return [*self.review.buttons().values(), *self.reports.buttons(), *self.jobs.buttons()]

    def loaded(self) -> list[gr.components.Component]:
        """What the page load fills in."""
        r, v = self.reports, self.review
        return [
            self.who, self.tabs, r.table, r.work_report, v.report, v.alignment, v.langs,
            v.table, v.progress, v.page, v.page_ids, v.message, v.bead_pick, v.bases, v.panel,
            v.keep, v.sentence, *v.slots, *self.writing_buttons(), self.translate.models,
            self.quality.reports, *self.jobs.shown(),
        ]  # fmt: skip


def _render_header() -> gr.HTML:
    with gr.Row():
        gr.HTML("<h2 style='margin:0'>workbench · review</h2>")
        return gr.HTML(elem_id="wb-who")


def _render_reports_tab() -> ReportsTab:
    table = gr.HTML(elem_id="wb-reports")
    refresh = gr.Button("Refresh", size="sm", variant="secondary", scale=0)
    work = _render_work_on_report()
    message = gr.HTML(elem_id="wb-reports-message")
    return ReportsTab(
        table=table, refresh=refresh, message=message, **work, **_render_files(),
    )  # fmt: skip


def _render_work_on_report() -> dict[str, Any]:
    with gr.Row(equal_height=True):
        work_report = gr.Dropdown(label="Report", choices=[], elem_id="wb-work-report")
        work_langs = gr.CheckboxGroup(
            label="Versions (none ticked: all)", choices=list(LANGUAGES), elem_id="wb-work-langs"
        )
        align_button = gr.Button("Align versions", elem_id="wb-align", scale=0)
    with gr.Row(equal_height=True):
        mt_src = gr.Dropdown(
            label="Machine-translate its version in", choices=list(LANGUAGES), value="en",
            elem_id="wb-mt-src",
        )  # fmt: skip
        mt_targets = gr.CheckboxGroup(
            label="into", choices=list(LANGUAGES), elem_id="wb-mt-targets"
        )
        mt_button = gr.Button("Machine-translate", elem_id="wb-mt", scale=0)
        score_button = gr.Button("Score machine translations", elem_id="wb-score", scale=0)
    return dict(
        work_report=work_report, work_langs=work_langs, align_button=align_button,
        mt_src=mt_src, mt_targets=mt_targets, mt_button=mt_button, score_button=score_button,
    )  # fmt: skip


def _render_files() -> dict[str, Any]:
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
    return dict(
        files=files, files_report=files_report, files_lang=files_lang,
        files_origin=files_origin, files_button=files_button, upload=upload,
        import_report=import_report, import_button=import_button,
    )  # fmt: skip


def _render_review_tab() -> ReviewTab:
    with gr.Row():
        report = gr.Dropdown(label="Report", choices=[], elem_id="wb-report", scale=2)
        alignment = gr.Dropdown(label="Alignment", choices=[], elem_id="wb-alignment", scale=2)
        langs = gr.CheckboxGroup(
            label=f"Languages side by side (2-{MAX_COLUMNS})", choices=[], elem_id="wb-langs"
        )
        machine = gr.Checkbox(
            label="MT column: the first language machine-translated into the second",
            value=False, elem_id="wb-machine",
        )  # fmt: skip
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
    bases = gr.State({})
    return ReviewTab(
        report=report, alignment=alignment, langs=langs, machine=machine, status=status,
        kind=kind, order=order, flagged=flagged, below_score=below_score,
        below_confidence=below_confidence, progress=progress, prev_page=prev_page, page=page,
        next_page=next_page, table=table, bead_pick=bead_pick, page_ids=page_ids, bases=bases,
        **widgets,
        **exports,
    )  # fmt: skip


def _render_translate_tab() -> TranslateTab:
    with gr.Row():
        src = gr.Dropdown(label="From", choices=list(LANGUAGES), value="en", elem_id="wb-src")
        tgt = gr.Dropdown(label="To", choices=list(LANGUAGES), value="ar", elem_id="wb-tgt")
        engine = gr.Radio(label="Engine", choices=list(ENGINES), value="auto")
        model = gr.Textbox(
            label="Model (optional: a Hugging Face id or a folder on this machine)",
            elem_id="wb-model",
        )
    with gr.Row():
        text = gr.Textbox(label="Text", lines=8, elem_id="wb-source-text")
        output = gr.Textbox(
            label="Translation", lines=8, interactive=False, rtl=True, elem_id="wb-output"
        )
    button = gr.Button("Translate", variant="primary", elem_id="wb-translate")
    message = gr.HTML(elem_id="wb-translate-message")
    path = gr.HTML(elem_id="wb-path")
    signature = gr.Textbox(label="Signature", interactive=False, elem_id="wb-signature")
    with gr.Accordion("Translation models on this machine", open=False):
        models = gr.HTML(elem_id="wb-models")
    return TranslateTab(
        src=src, tgt=tgt, engine=engine, model=model, text=text, button=button, output=output,
        signature=signature, path=path, message=message, models=models,
    )  # fmt: skip


def _render_quality_tab() -> QualityTab:
    with gr.Row(equal_height=True):
        reports = gr.Dropdown(
            label="Reports (several: a collection)", choices=[], multiselect=True,
            elem_id="wb-quality-reports",
        )  # fmt: skip
        lang = gr.Dropdown(
            label="Translations into", choices=["any", *LANGUAGES], value="any", scale=0
        )
        normalize = gr.Dropdown(
            label="Normalize before scoring", choices=list(NORMALIZE_CHOICES), value="none",
            allow_custom_value=True, scale=0,
        )  # fmt: skip
        button = gr.Button("Score and build the report", elem_id="wb-quality", scale=0)
    message = gr.HTML(elem_id="wb-quality-message")
    headline = gr.HTML(elem_id="wb-quality-headline")
    files = gr.File(
        label="Download (HTML, JSON, CSV)", file_count="multiple", interactive=False,
        elem_id="wb-quality-files",
    )  # fmt: skip
    page = gr.HTML(elem_id="wb-quality-page")
    return QualityTab(reports, lang, normalize, button, message, headline, page, files)


def _render_jobs_tab() -> JobsTab:
    table = gr.HTML(elem_id="wb-jobs")
    with gr.Row(equal_height=True):
        job = gr.Dropdown(label="Job", choices=[], elem_id="wb-job", scale=2)
        refresh = gr.Button("Refresh", variant="secondary", scale=0, elem_id="wb-jobs-refresh")
        cancel = gr.Button("Cancel", variant="stop", scale=0, elem_id="wb-job-cancel")
        resume = gr.Button("Resume", scale=0, elem_id="wb-job-resume")
    message = gr.HTML(elem_id="wb-jobs-message")
    details = gr.HTML(elem_id="wb-job-details")
    with gr.Accordion("Start a job over folders of reports", open=True), gr.Row():
        spec = gr.Textbox(
            label="Job spec (TOML or JSON; the README's *Batch jobs* section lists every field)",
            value=jobs.example_spec(), lines=18, max_lines=40, elem_id="wb-job-spec", scale=3,
        )  # fmt: skip
        with gr.Column(scale=1):
            upload = gr.File(
                label="Or upload a spec", file_types=[".toml", ".json"], elem_id="wb-job-upload"
            )
            executor = gr.Radio(label="Run on", choices=list(EXECUTORS), value="local")
            workers = gr.Number(
                label="Workers (0: from the settings and cores)", value=0, precision=0,
                minimum=0, elem_id="wb-job-workers",
            )  # fmt: skip
            check = gr.Button("Check the spec", elem_id="wb-job-check")
            start = gr.Button("Start the job", variant="primary", elem_id="wb-job-start")
    timer = gr.Timer(jobs.POLL_S, active=False)
    watched = gr.State(None)
    return JobsTab(
        table=table, refresh=refresh, job=job, cancel=cancel, resume=resume, message=message,
        details=details, spec=spec, upload=upload, executor=executor, workers=workers,
        check=check, start=start, timer=timer, watched=watched,
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


def _wire(app: gr.Blocks, screen: Screen, w: Widgets) -> None:
    r, v = w.reports, w.review
    view = set(v.view_inputs())
    shown = [v.table, v.progress, v.page, v.page_ids, v.message]
    chosen = [v.bead_pick, v.bases, v.panel, v.keep, v.sentence, *v.slots]
    listed = [r.table, v.report, r.work_report, w.quality.reports]
    private: dict[str, Any] = {"api_visibility": "private"}  # the public API is api.py's

    app.load(screen.load, outputs=w.loaded(), **private)
    r.refresh.click(screen.refresh, outputs=listed, **private)
    r.align_button.click(screen.aligning, outputs=r.message, **private).then(
        screen.align, inputs={r.work_report, r.work_langs},
        outputs=[r.message, *listed, w.tabs, v.alignment, v.langs, *shown, *chosen], **private,
    )  # fmt: skip
    r.mt_button.click(screen.machine_translating, outputs=r.message, **private).then(
        screen.machine_translate, inputs={r.work_report, r.mt_src, r.mt_targets},
        outputs=[r.message, *listed], **private,
    )  # fmt: skip
    r.files_button.click(
        screen.add_versions, inputs={r.files, r.files_report, r.files_lang, r.files_origin},
        outputs=[r.message, *listed], **private,
    )  # fmt: skip
    r.import_button.click(
        screen.import_file, inputs={r.upload, r.import_report}, outputs=[r.message, *listed],
        **private,
    )  # fmt: skip

    v.report.input(
        screen.open_report, inputs={v.report, v.machine},
        outputs=[v.alignment, v.langs, *shown, *chosen],
        **private,
    )  # fmt: skip
    v.alignment.input(
        screen.open_alignment, inputs={v.alignment, v.machine},
        outputs=[v.langs, *shown, *chosen],
        **private,
    )  # fmt: skip
    gr.on(
        [v.langs.input, v.machine.input, v.status.input, v.kind.input, v.order.input,
         v.flagged.input, v.below_score.release, v.below_confidence.release],
        screen.refilter, inputs={*view, v.bead_pick}, outputs=[*shown, *chosen], **private,
    )  # fmt: skip
    v.prev_page.click(screen.turner(-1), inputs=view, outputs=shown, **private)
    v.next_page.click(screen.turner(1), inputs=view, outputs=shown, **private)
    v.page.submit(screen.turner(0), inputs=view, outputs=shown, **private)
    v.bead_pick.change(
        screen.pick, inputs={*view, v.bead_pick}, outputs=[*chosen[1:], v.message], **private
    )
    v.export_button.click(
        screen.export, inputs={v.alignment, v.langs, v.export_format, v.export_statuses},
        outputs=[v.export_file, v.message], **private,
    )  # fmt: skip
    r.score_button.click(screen.scoring, outputs=r.message, **private).then(
        screen.score, inputs={r.work_report}, outputs=[r.message, *listed], **private
    )
    q = w.quality
    q.button.click(screen.scoring_quality, outputs=q.message, **private).then(
        screen.quality, inputs={q.reports, q.lang, q.normalize},
        outputs=[q.message, q.headline, q.page, q.files], **private,
    )  # fmt: skip

    t = w.translate
    t.button.click(
        screen.translating, outputs=t.message, **private
    ).then(
        screen.translate, inputs={t.text, t.src, t.tgt, t.engine, t.model},
        outputs=[t.output, t.signature, t.path, t.message], **private,
    )  # fmt: skip
    t.src.change(screen.source_direction, inputs={t.src}, outputs=t.text, **private)

    j = w.jobs
    looked = {j.job, j.watched}
    gr.on([j.refresh.click, j.timer.tick], screen.jobs, inputs=looked, outputs=j.shown(), **private)
    j.job.input(screen.job_details, inputs={j.job}, outputs=[j.details, j.message], **private)
    j.upload.upload(screen.job_upload, inputs={j.upload}, outputs=[j.spec, j.message], **private)
    j.check.click(screen.job_check, inputs={j.spec}, outputs=j.message, **private)
    acted = [j.message, *j.shown()]
    j.start.click(
        screen.job_start, inputs={j.spec, j.executor, j.workers}, outputs=acted, **private
    )
    j.cancel.click(screen.job_cancel, inputs=looked, outputs=acted, **private)
    j.resume.click(screen.job_resume, inputs={j.job, j.workers}, outputs=acted, **private)

    acting = {*view, v.bead_pick, v.page_ids, v.bases, *v.slots, v.category, v.severity}
    acting |= {v.flag_comment, v.comment_text, v.keep, v.sentence}
    for action, button in v.buttons().items():
        button.click(
            screen.actor(action), inputs=acting,
            outputs=[*shown, *chosen, v.flag_comment, v.comment_text], **private,
        )  # fmt: skip
