"""The Reports tab: every report, and the work on one (align, machine-translate, score), new
language versions and imported files."""

from __future__ import annotations

from collections.abc import Sequence

import gradio as gr

from workbench.records import UPLOAD_ORIGINS
from workbench.review.transfer import IMPORT_SUFFIXES
from workbench.text.languages import LANGUAGES
from workbench.text.readers import SUPPORTED
from workbench.ui import handlers, render
from workbench.ui.panels.progress import ProgressPanel
from workbench.ui.panels.terms import TermsPanel
from workbench.ui.tabs.base import PRIVATE, Start, Tab, Updates, shows_problems, username
from workbench.ui.tabs.review import ReviewTab


class ReportsTab(Tab):
    id, label = "reports", "Reports"

    def render(self) -> None:
        self.table = gr.HTML(elem_id="wb-reports")
        self.refresh = gr.Button("Refresh", size="sm", variant="secondary", scale=0)
        self._render_work()
        self.message = gr.HTML(elem_id="wb-reports-message")
        self._render_versions()
        self._render_import()
        self.progress = ProgressPanel(self)
        self.progress.render()
        self.terms = TermsPanel(self)
        self.terms.render()

    def _render_work(self) -> None:
        with gr.Row(equal_height=True):
            self.work_report = gr.Dropdown(label="Report", choices=[], elem_id="wb-work-report")
            self.work_langs = gr.CheckboxGroup(
                label="Versions (none ticked: all)", choices=list(LANGUAGES),
                elem_id="wb-work-langs",
            )  # fmt: skip
            self.align_button = gr.Button("Align versions", elem_id="wb-align", scale=0)
        with gr.Row(equal_height=True):
            self.mt_src = gr.Dropdown(
                label="Machine-translate its version in", choices=list(LANGUAGES), value="en",
                elem_id="wb-mt-src",
            )  # fmt: skip
            self.mt_targets = gr.CheckboxGroup(
                label="into", choices=list(LANGUAGES), elem_id="wb-mt-targets"
            )
            self.mt_button = gr.Button("Machine-translate", elem_id="wb-mt", scale=0)
            self.score_button = gr.Button("Score machine translations", elem_id="wb-score", scale=0)

    def _render_versions(self) -> None:
        versions = "Add language versions of a report (.txt, .md, .html, .docx)"
        with gr.Accordion(versions, open=False), gr.Row():
            self.files = gr.File(
                label="Files, one per language", file_count="multiple",
                file_types=list(SUPPORTED), elem_id="wb-files",
            )  # fmt: skip
            with gr.Column():
                self.files_report = gr.Textbox(label="Report name", elem_id="wb-files-report")
                self.files_lang = gr.Dropdown(
                    label="Language (auto: detect each file's)",
                    choices=["auto", *LANGUAGES], value="auto",
                )  # fmt: skip
                self.files_origin = gr.Radio(
                    label="Written in this language, or translated by a person?",
                    choices=list(UPLOAD_ORIGINS), value="original",
                )  # fmt: skip
                self.files_button = gr.Button("Add to the report", elem_id="wb-files-add")

    def _render_import(self) -> None:
        importing = "Import a TMX, XLIFF, TSV or JSONL file as a report"
        with gr.Accordion(importing, open=False), gr.Row():
            self.upload = gr.File(
                label="File", file_types=list(IMPORT_SUFFIXES), elem_id="wb-upload"
            )
            with gr.Column():
                self.import_report = gr.Textbox(label="Report name", elem_id="wb-import-report")
                self.import_button = gr.Button("Import", elem_id="wb-import")

    def writing_buttons(self) -> list[gr.Button]:
        return [
            self.align_button, self.mt_button, self.score_button, self.files_button,
            self.import_button, *self.terms.writing_buttons(),
        ]  # fmt: skip

    def report_lists(self) -> list[gr.components.Component]:
        return [self.table, self.work_report]

    def list_reports(self, names: Sequence[str]) -> Updates:
        return {
            self.table: handlers.reports_html(self.ctx),
            self.work_report: gr.Dropdown(choices=list(names)),
        }

    def loaded(self) -> list[gr.components.Component]:
        return [self.table, self.work_report]

    def load(self, start: Start) -> Updates:
        return {
            self.table: handlers.reports_html(self.ctx),
            self.work_report: gr.Dropdown(choices=start.names, value=start.report),
        }

    # -- events -----------------------------------------------------------------------------
    def wire(self) -> None:
        listed = self.page.report_lists()
        stored = [self.message, *listed]
        review = self.page.tab(ReviewTab)
        self.refresh.click(self.refresh_lists, outputs=listed, **PRIVATE)
        self.align_button.click(self.aligning, outputs=self.message, **PRIVATE).then(
            self.align, inputs={self.work_report, self.work_langs},
            outputs=[*stored, self.page.selector, *review.opened()], **PRIVATE,
        )  # fmt: skip
        self.mt_button.click(self.machine_translating, outputs=self.message, **PRIVATE).then(
            self.machine_translate, inputs={self.work_report, self.mt_src, self.mt_targets},
            outputs=stored, **PRIVATE,
        )  # fmt: skip
        self.score_button.click(self.scoring, outputs=self.message, **PRIVATE).then(
            self.score, inputs={self.work_report}, outputs=stored, **PRIVATE
        )
        self.files_button.click(
            self.add_versions,
            inputs={self.files, self.files_report, self.files_lang, self.files_origin},
            outputs=stored, **PRIVATE,
        )  # fmt: skip
        self.import_button.click(
            self.import_file, inputs={self.upload, self.import_report}, outputs=stored,
            **PRIVATE,
        )  # fmt: skip
        self.progress.wire()
        self.terms.wire()

    def aligning(self) -> Updates:
        note = "Aligning… (seconds for a report of a few hundred sentences)"
        return {self.message: render.notice(note)}

    @shows_problems
    def align(self, values: dict, request: gr.Request) -> Updates:
        report = values[self.work_report]
        _, text = handlers.align(self.ctx, username(request), report, values[self.work_langs] or ())
        return {
            **self._stored(text),
            self.page.selector: gr.Tabs(selected="review"),
            **self.page.tab(ReviewTab).open(report),
        }

    def refresh_lists(self) -> Updates:
        return self.page.listed()

    def machine_translating(self) -> Updates:
        note = "Translating… (a model's first use loads it; a report takes seconds to minutes)"
        return {self.message: render.notice(note)}

    @shows_problems
    def machine_translate(self, values: dict, request: gr.Request) -> Updates:
        text, complete = handlers.machine_translate(
            self.ctx, username(request), values[self.work_report], values[self.mt_src],
            values[self.mt_targets] or (),
        )  # fmt: skip
        return self._stored(text, "ok" if complete else "problem")

    def scoring(self) -> Updates:
        return {self.message: render.notice("Scoring… (seconds for a report)")}

    @shows_problems
    def score(self, values: dict, request: gr.Request) -> Updates:
        return self._stored(handlers.score(self.ctx, username(request), values[self.work_report]))

    @shows_problems
    def add_versions(self, values: dict, request: gr.Request) -> Updates:
        text = handlers.ingest_uploads(
            self.ctx, username(request), values[self.files], values[self.files_report] or "",
            values[self.files_lang], values[self.files_origin],
        )  # fmt: skip
        return self._stored(text)

    @shows_problems
    def import_file(self, values: dict, request: gr.Request) -> Updates:
        text = handlers.import_upload(
            self.ctx, username(request), values[self.upload], values[self.import_report] or ""
        )
        return self._stored(text)

    def _stored(self, text: str, kind: str = "ok") -> Updates:
        return {self.message: render.notice(text, kind), **self.page.listed()}
