"""The Quality tab: score reports (one, or several as a collection) and show their quality
report, with its files to download."""

from __future__ import annotations

from collections.abc import Sequence

import gradio as gr

from workbench.review.quality import NORMALIZE_CHOICES
from workbench.text.languages import LANGUAGES
from workbench.ui import handlers, render
from workbench.ui.tabs.base import PRIVATE, Start, Tab, Updates, shows_problems, username


class QualityTab(Tab):
    id, label = "quality", "Quality"

    def render(self) -> None:
        with gr.Row(equal_height=True):
            self.reports = gr.Dropdown(
                label="Reports (several: a collection)", choices=[], multiselect=True,
                elem_id="wb-quality-reports",
            )  # fmt: skip
            self.lang = gr.Dropdown(
                label="Translations into", choices=["any", *LANGUAGES], value="any", scale=0
            )
            self.normalize = gr.Dropdown(
                label="Normalize before scoring", choices=list(NORMALIZE_CHOICES),
                value="none", allow_custom_value=True, scale=0,
            )  # fmt: skip
            self.button = gr.Button("Score and build the report", elem_id="wb-quality", scale=0)
        self.message = gr.HTML(elem_id="wb-quality-message")
        self.headline = gr.HTML(elem_id="wb-quality-headline")
        self.files = gr.File(
            label="Download (HTML, JSON, CSV)", file_count="multiple", interactive=False,
            elem_id="wb-quality-files",
        )  # fmt: skip
        self.report_page = gr.HTML(elem_id="wb-quality-page")

    def report_lists(self) -> list[gr.components.Component]:
        return [self.reports]

    def list_reports(self, names: Sequence[str]) -> Updates:
        return {self.reports: gr.Dropdown(choices=list(names))}

    def loaded(self) -> list[gr.components.Component]:
        return [self.reports]

    def load(self, start: Start) -> Updates:
        chosen = [start.report] if start.report else []
        return {self.reports: gr.Dropdown(choices=start.names, value=chosen)}

    def wire(self) -> None:
        self.button.click(self.scoring_quality, outputs=self.message, **PRIVATE).then(
            self.quality, inputs={self.reports, self.lang, self.normalize},
            outputs=[self.message, self.headline, self.report_page, self.files], **PRIVATE,
        )  # fmt: skip

    def scoring_quality(self) -> Updates:
        return {self.message: render.notice("Scoring and drawing the report…")}

    @shows_problems
    def quality(self, values: dict, request: gr.Request) -> Updates:
        made = handlers.quality(
            self.ctx, username(request), values[self.reports], values[self.lang],
            values[self.normalize],
        )  # fmt: skip
        notes = render.notice(" ".join(made.notes), "info") if made.notes else ""
        return {
            self.message: notes,
            self.headline: render.notice(" · ".join(made.headline), "ok"),
            self.report_page: render.embedded(made.page, "Quality report"),
            self.files: [str(path) for path in made.files],
        }
