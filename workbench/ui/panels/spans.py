"""The Review tab's error-span panel: the words selected in a cell (press s), their MQM category
and severity, Mark; the remove buttons of the bead panel; and the documents' MQM scores."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import gradio as gr

from workbench.mqm.typology import CATEGORIES, SEVERITIES
from workbench.text.languages import LANGUAGES
from workbench.ui import render, spans
from workbench.ui.tabs.base import PRIVATE, Updates, username

if TYPE_CHECKING:
    from workbench.ui.tabs.review import ReviewTab

HOW = "Error spans: select the wrong words in a cell, press s (or Mark), pick what is wrong."


class SpanPanel:
    def __init__(self, tab: ReviewTab):
        self.tab = tab

    def render_score(self) -> None:
        self.score = gr.HTML(elem_id="wb-mqm")

    def render(self) -> None:
        with gr.Group(elem_id="wb-spans"):
            self.chosen = gr.HTML(render.notice(HOW), elem_id="wb-span-chosen")
            with gr.Row(elem_classes="wb-wrap"):
                self.category = gr.Dropdown(
                    label="MQM category", choices=list(CATEGORIES),
                    value="accuracy/mistranslation", elem_id="wb-span-category",
                )  # fmt: skip
                self.severity = gr.Radio(
                    label="Severity", choices=list(SEVERITIES), value="minor",
                    elem_id="wb-span-severity",
                )  # fmt: skip
            with gr.Row(elem_classes="wb-wrap"):
                self.against = gr.Dropdown(
                    label="Counts against (errors on the source's words)",
                    choices=[spans.NO_ONE, *LANGUAGES], value=spans.NO_ONE,
                    elem_id="wb-span-against",
                )  # fmt: skip
                self.note = gr.Textbox(label="Note", lines=1, elem_id="wb-span-note")
            self.add = gr.Button("Mark error span (Ctrl+Enter)", elem_id="wb-span-add")
        self.pick = gr.Textbox(elem_id="wb-span-pick", visible="hidden")
        self.drop = gr.Textbox(elem_id="wb-span-drop", visible="hidden")

    def writing_buttons(self) -> list[gr.Button]:
        return [self.add]

    def wire(self) -> None:
        tab = self.tab
        view = set(tab.view_inputs())
        outputs = [*tab.shown(), *tab.chosen(), self.score, self.pick, self.note]
        self.pick.change(self.describe, inputs=[self.pick], outputs=[self.chosen], **PRIVATE)
        marking = {*view, self.pick, self.category, self.severity, self.note, self.against}
        self.add.click(self.mark, inputs=marking, outputs=outputs, **PRIVATE)
        self.drop.change(
            self.unmark, inputs={*view, tab.bead_pick, self.drop}, outputs=outputs, **PRIVATE
        )
        tab.alignment.change(self.refresh, inputs=[tab.alignment], outputs=[self.score], **PRIVATE)

    def refresh_after(self, event: Any) -> None:
        """After one of the tab's actions: the MQM scores again."""
        event.then(self.refresh, inputs=[self.tab.alignment], outputs=[self.score], **PRIVATE)

    # -- events ---------------------------------------------------------------------------------
    def describe(self, value: str) -> str:
        return spans.describe(value) if value else render.notice(HOW)

    def refresh(self, alignment: Any) -> Any:
        try:
            return spans.mqm_line(self.tab.ctx, alignment)
        except Exception:  # the score line never hides the page; errors show on actions
            return gr.skip()

    def mark(self, values: dict, request: gr.Request) -> Updates:
        return self.tab.safely(lambda: self._mark(values, request))

    def _mark(self, values: dict, request: gr.Request) -> Updates:
        outcome = spans.mark(
            self.tab.ctx, username(request), self.tab._view(values), values[self.pick],
            values[self.category] or "", values[self.severity] or "", values[self.note] or "",
            values[self.against],
        )  # fmt: skip
        return {**self._outcome(outcome, values), self.pick: "", self.note: ""}

    def unmark(self, values: dict, request: gr.Request) -> Updates:
        return self.tab.safely(lambda: self._unmark(values, request))

    def _unmark(self, values: dict, request: gr.Request) -> Updates:
        if not values[self.drop]:  # the box was cleared: nothing to remove
            return {self.tab.message: gr.skip()}
        outcome = spans.unmark(
            self.tab.ctx, username(request), self.tab._view(values),
            values[self.tab.bead_pick], values[self.drop],
        )  # fmt: skip
        return self._outcome(outcome, values)

    def _outcome(self, outcome: spans.Outcome, values: dict) -> Updates:
        tab = self.tab
        return {
            **tab._shown(outcome.shown, render.notice(outcome.message, "ok")),
            **tab._chosen(outcome.editor),
            self.score: spans.mqm_line(tab.ctx, values[tab.alignment]),
        }
