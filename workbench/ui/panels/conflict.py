"""The Review tab's edit-conflict dialog (workbench.ui.conflicts): both versions side by side,
and Keep mine / Take theirs / Edit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import gradio as gr

from workbench.errors import EditConflict
from workbench.ui import conflicts, render
from workbench.ui.handlers import Details, View
from workbench.ui.tabs.base import PRIVATE, Updates, username

if TYPE_CHECKING:
    from workbench.ui.tabs.review import ReviewTab

EDITING = "Edit your text and save: it replaces theirs, and theirs stays in the history."


class ConflictPanel:
    def __init__(self, tab: ReviewTab):
        self.tab = tab

    def render(self) -> None:
        with gr.Group(visible=False, elem_id="wb-conflict") as self.box:
            self.sides = gr.HTML(elem_id="wb-conflict-sides")
            with gr.Row():
                self.mine = gr.Button("Keep mine", elem_id="wb-conflict-mine", variant="primary")
                self.theirs = gr.Button("Take theirs", elem_id="wb-conflict-theirs")
                self.edit = gr.Button("Edit", elem_id="wb-conflict-edit")
        self.found = gr.State(None)

    def outputs(self) -> list[Any]:
        return [self.box, self.sides, self.found]

    def writing_buttons(self) -> list[gr.Button]:
        return [self.mine, self.theirs]

    def shown(self, view: View, bead: Any, exc: EditConflict, details: Details) -> Updates:
        found = conflicts.clash(self.tab.ctx, view, bead, exc, details)
        return {
            self.box: gr.Group(visible=True),
            self.sides: conflicts.sides_html(found),
            self.found: found,
        }

    def hidden(self) -> Updates:
        return {self.box: gr.Group(visible=False), self.found: None}

    def wire(self, acting: set, outputs: list) -> None:
        tab = self.tab
        # Keep mine: the boxes hold the reviewer's text and the bases the colleague's, so this
        # is Save again, knowingly.
        self.mine.click(tab.actor("edit"), inputs=acting, outputs=outputs, **PRIVATE)
        self.theirs.click(
            self.take_theirs, inputs={*tab.view_inputs(), self.found},
            outputs=[*tab.shown(), *tab.chosen(), *self.outputs()], **PRIVATE,
        )  # fmt: skip
        self.edit.click(self.close, outputs=[*self.outputs(), tab.message], **PRIVATE)

    def take_theirs(self, values: dict, request: gr.Request) -> Updates:
        return self.tab.safely(lambda: self._take_theirs(values, request))

    def _take_theirs(self, values: dict, request: gr.Request) -> Updates:
        tab = self.tab
        outcome = conflicts.take_theirs(
            tab.ctx, username(request), tab._view(values), values[self.found]
        )
        return {
            **tab._shown(outcome.shown, render.notice(outcome.message, "ok")),
            **tab._chosen(outcome.editor),
            **self.hidden(),
        }

    def close(self) -> Updates:
        return {**self.hidden(), self.sides: "", self.tab.message: render.notice(EDITING)}
