"""The Review tab's QA and Matches panels (beside the editor) and its QA filter.

`ReviewExtras` belongs to the Review tab: it builds its widgets where the tab asks, refreshes
both panels whenever the chosen bead's panel changes, dismisses a finding, and puts a
memory match into the editor box of the second language (Save then stores it, with the
editor's conflict check).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import gradio as gr

from workbench.review.findings import ANY_CHECK, check_names, qa_choices
from workbench.ui import handlers, render
from workbench.ui.panels import qa_matches as panels
from workbench.ui.tabs.base import PRIVATE, Updates, number, shows_problems, username

if TYPE_CHECKING:
    from workbench.ui.tabs.review import ReviewTab


class ReviewExtras:
    """The QA filter, the QA panel and the Matches panel of a Review tab."""

    def __init__(self, tab: ReviewTab):
        self.tab = tab
        self.ctx = tab.ctx

    @property
    def message(self) -> gr.HTML:  # errors show in the Review tab's message box
        return self.tab.message

    def safely(self, work):
        return self.tab.safely(work)

    def render_filter(self) -> None:
        self.qa = gr.Dropdown(
            label="QA findings", choices=list(qa_choices(check_names())), value=ANY_CHECK,
            elem_id="wb-qa-filter",
        )  # fmt: skip

    def render_panels(self) -> None:
        with gr.Accordion("QA findings", open=True, elem_id="wb-qa-box"):
            self.findings = gr.HTML(elem_id="wb-qa-panel")
            self.finding = gr.Dropdown(label="Finding", choices=[], elem_id="wb-finding")
            self.why = gr.Textbox(
                label="Why it is a false alarm", lines=1, elem_id="wb-dismiss-why"
            )
            self.dismiss = gr.Button("Dismiss finding", elem_id="wb-dismiss", size="sm")
        with gr.Accordion("Matches", open=True, elem_id="wb-matches-box"):
            self.matches = gr.HTML(elem_id="wb-matches-panel")
            self.match = gr.Dropdown(label="Match", choices=[], elem_id="wb-match")
            self.use = gr.Button("Use as edit text (i, 1-5)", elem_id="wb-use-match", size="sm")
        # the page's keys i and 1-5 write "place@time" here (keys.js): that match goes in
        self.key = gr.Textbox(elem_id="wb-match-key", visible="hidden")

    def writing_buttons(self) -> list[gr.Button]:
        return [self.dismiss]

    def outputs(self) -> list[gr.components.Component]:
        return [self.findings, self.finding, self.matches, self.match]

    def wire(self) -> None:
        t = self.tab
        where = {t.alignment, t.langs, t.bead_pick}
        t.panel.change(
            self.refresh, inputs=where, outputs=[*self.outputs(), t.message], **PRIVATE
        )  # its problems show in the message box; otherwise the message stays
        self.dismiss.click(
            self.dismissed, inputs={*t.view_inputs(), t.bead_pick, self.finding, self.why},
            outputs=[self.findings, self.finding, self.why, *t.shown()], **PRIVATE,
        )  # fmt: skip
        self.use.click(
            self.used, inputs={*where, self.match}, outputs=[*t.slots, t.message], **PRIVATE
        )
        self.key.change(
            self.keyed, inputs={*where, self.key}, outputs=[*t.slots, t.message], **PRIVATE
        )

    @shows_problems
    def refresh(self, values: dict) -> Updates:
        """The chosen bead's findings and matches (empty panels while none is chosen)."""
        where = self._where(values)
        found = panels.qa(self.ctx, *where)
        offered = panels.matches(self.ctx, *where)
        return {
            self.findings: found.html,
            self.finding: gr.Dropdown(choices=list(found.choices), value=None),
            self.matches: offered.html,
            self.match: gr.Dropdown(choices=list(offered.choices), value=None),
        }

    @shows_problems
    def dismissed(self, values: dict, request: gr.Request) -> Updates:
        note, found = panels.dismissed(
            self.ctx, username(request), *self._where(values), values[self.finding],
            values[self.why],
        )  # fmt: skip
        chosen = number(values[self.tab.bead_pick])  # the row stays chosen, for the keys
        shown = handlers.show(self.ctx, self.tab._view(values), chosen)
        return {
            **self.tab._shown(shown, render.notice(note, "ok")),
            self.findings: found.html,
            self.finding: gr.Dropdown(choices=list(found.choices), value=None),
            self.why: "",
        }

    @shows_problems
    def used(self, values: dict) -> Updates:
        return self._inserted(values, values[self.match])

    @shows_problems
    def keyed(self, values: dict) -> Updates:
        """A key pressed in the table: i for the best match, 1-5 for that one."""
        if not values[self.key]:  # the page clearing the box: nothing asked
            return {self.message: gr.skip()}
        return self._inserted(values, panels.match_key(values[self.key]))

    def _inserted(self, values: dict, choice) -> Updates:
        slot, text = panels.use_match(self.ctx, *self._where(values), choice)
        note = "The match is in the editor box: check it, then Save (Ctrl+Enter)."
        return {self.tab.slots[slot]: text, self.message: render.notice(note, "ok")}

    def _where(self, values: dict) -> tuple:
        t = self.tab
        return values[t.alignment], values[t.langs], values[t.bead_pick]
