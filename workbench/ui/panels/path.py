"""The Review tab's alignment path picture (workbench.ui.glance): drawn when the reviewer opens
it, cleared when another alignment is chosen; a click on a point opens that bead."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import gradio as gr

from workbench.ui import glance, render
from workbench.ui.tabs.base import PRIVATE, Updates

if TYPE_CHECKING:
    from workbench.ui.tabs.review import ReviewTab

HOW = "Each point is a bead (click it to open it): colour is the aligner's confidence, × a gap."


class PathPanel:
    def __init__(self, tab: ReviewTab):
        self.tab = tab

    def render(self) -> None:
        with gr.Accordion("The alignment at a glance", open=False, elem_id="wb-path-box") as box:
            self.box = box
            gr.HTML(render.notice(HOW))
            self.picture = gr.HTML(elem_id="wb-path")
        self.pick = gr.Textbox(elem_id="wb-path-pick", visible="hidden")

    def wire(self) -> None:
        tab = self.tab
        self.box.expand(self.draw, inputs=[tab.alignment], outputs=[self.picture], **PRIVATE)
        tab.alignment.change(
            lambda: (gr.Accordion(open=False), ""), outputs=[self.box, self.picture], **PRIVATE
        )
        self.pick.change(
            self.open_point, inputs={*tab.view_inputs(), self.pick},
            outputs=[*tab.shown(), *tab.chosen()], **PRIVATE,
        )  # fmt: skip

    def draw(self, alignment: Any) -> str:
        try:
            return glance.picture(self.tab.ctx, alignment)
        except Exception as exc:  # shown in place of the picture
            from workbench.ui.tabs.base import problem_notice

            return problem_notice(exc)

    def open_point(self, values: dict) -> Updates:
        return self.tab.safely(lambda: self._open_point(values))

    def _open_point(self, values: dict) -> Updates:
        if not values[self.pick]:
            return {self.tab.message: gr.skip()}
        view = self.tab._view(values)
        _, shown, editor = glance.open_point(self.tab.ctx, view, values[self.pick])
        return {**self.tab._shown(shown), **self.tab._chosen(editor)}
