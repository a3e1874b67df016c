"""The Reports tab's "Review progress" accordion: per reviewer of the chosen report (every
report's when none is chosen) what they reviewed, accepted, edited, flagged and marked, and the
time they spent, with the same rows as CSV to download (`workbench review progress --csv`).
Anyone signed in may look; the domain is workbench.mqm.progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import gradio as gr

from workbench.mqm.progress import IDLE_SECONDS, review_progress
from workbench.review.transfer import export_progress
from workbench.ui import render
from workbench.ui.tabs.base import PRIVATE, Updates, safely_into, username

if TYPE_CHECKING:
    from workbench.ui.tabs.reports import ReportsTab


class ProgressPanel:
    def __init__(self, tab: ReportsTab):
        self.tab = tab

    def render(self) -> None:
        with gr.Accordion("Review progress per reviewer", open=False, elem_id="wb-progress-box"):
            self.table = gr.HTML(elem_id="wb-reviewer-progress")
            with gr.Row():
                self.show = gr.Button(
                    "Refresh", elem_id="wb-progress-show", scale=0, min_width=160
                )
                self.csv = gr.Button(
                    "Download as CSV", elem_id="wb-progress-csv", scale=0, min_width=200
                )
            self.message = gr.HTML(elem_id="wb-progress-message")
            self.file = gr.File(  # shown once there is a file to download
                label="CSV", interactive=False, visible=False, elem_id="wb-progress-file"
            )

    def wire(self) -> None:
        report = self.tab.work_report
        shown = [self.table, self.message]
        report.change(self.listed, inputs={report}, outputs=shown, **PRIVATE)
        self.show.click(self.listed, inputs={report}, outputs=shown, **PRIVATE)
        self.csv.click(self.written, inputs={report}, outputs=[self.file, self.message], **PRIVATE)

    def listed(self, values: dict, request: gr.Request) -> Updates:
        def work() -> Updates:
            self.tab.ctx.user(username(request))
            chosen = values[self.tab.work_report] or None
            rows = review_progress(self.tab.ctx.db, [chosen] if chosen else None)
            table = render.reviewer_progress(rows, bool(chosen), IDLE_SECONDS / 60)
            return {self.table: table, self.message: ""}

        return self._safely(work)

    def written(self, values: dict, request: gr.Request) -> Updates:
        def work() -> Updates:
            self.tab.ctx.user(username(request))
            path = export_progress(
                self.tab.ctx.db, values[self.tab.work_report] or None, self.tab.ctx.exports
            )
            note = render.notice(f"Wrote {path.name}: download it below.", "ok")
            return {self.file: gr.File(value=str(path), visible=True), self.message: note}

        return self._safely(work)

    def _safely(self, work: Callable[[], Updates]) -> Updates:
        return safely_into(self.message, work)
