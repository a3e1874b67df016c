"""The Review tab: one alignment's beads side by side, filtered and paged, the chosen bead in the
side panel (edit, accept, flag, comment, split, merge, unalign, undo), and the export."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import gradio as gr

from workbench.errors import EditConflict
from workbench.records import BEAD_STATUSES
from workbench.review.actions import MQM_CATEGORIES, SEVERITIES
from workbench.review.rows import KIND_CHOICES, MAX_COLUMNS, ORDER_CHOICES, STATUS_CHOICES
from workbench.review.transfer import EXPORT_FORMATS
from workbench.ui import handlers, render
from workbench.ui.handlers import Details, Editor, Shown
from workbench.ui.panels.conflict import ConflictPanel
from workbench.ui.panels.path import PathPanel
from workbench.ui.panels.spans import SpanPanel
from workbench.ui.tabs.base import (
    PRIVATE,
    Start,
    Tab,
    Updates,
    number,
    problem_notice,
    shows_problems,
    username,
)
from workbench.ui.tabs.review_qa import ReviewExtras

KEYS_HELP = (
    "<div class='wb-keys'><strong>Keys</strong> <kbd>j</kbd>/<kbd>k</kbd> next/previous bead · "
    "<kbd>n</kbd> next unreviewed · <kbd>q</kbd> next with a QA finding · <kbd>a</kbd> accept · "
    "<kbd>e</kbd> edit, <kbd>Ctrl</kbd>+<kbd>Enter</kbd> confirm and go to the next bead · "
    "<kbd>s</kbd> mark the selected words as an error · "
    "<kbd>d</kbd> dismiss a QA finding (why, then <kbd>Enter</kbd>) · "
    "<kbd>i</kbd> best memory match into the edit box (<kbd>1</kbd>–<kbd>5</kbd>: that match) · "
    "<kbd>f</kbd> flag · <kbd>c</kbd> comment · <kbd>m</kbd> merge with next · <kbd>u</kbd> undo · "
    "<kbd>[</kbd>/<kbd>]</kbd> pages · <kbd>Esc</kbd> leave a field</div>"
)
PICK_A_BEAD = "Pick a bead: click a row or press j."


class ReviewTab(Tab):
    id, label = "review", "Review"

    def render(self) -> None:
        self.spans, self.conflict, self.path = SpanPanel(self), ConflictPanel(self), PathPanel(self)
        self.extras = ReviewExtras(self)  # the QA filter, the QA and Matches panels
        self._render_choice()
        self._render_filters()
        self._render_pager()
        with gr.Row(elem_id="wb-review-body"):
            with gr.Column(scale=3, min_width=560, elem_id="wb-review-main"):
                self.table = gr.HTML(elem_id="wb-review-table")
                self.spans.render_score()
                gr.HTML(KEYS_HELP)
                self.path.render()
                self._render_export()
            with gr.Column(scale=2, min_width=320, elem_id="wb-side"):
                self.message = gr.HTML(elem_id="wb-message")
                self.conflict.render()
                self.panel = gr.HTML(render.notice(PICK_A_BEAD), elem_id="wb-panel")
                self._render_editor()
                self.extras.render_panels()
                self._render_flagger()
                self.spans.render()
                self._render_restructure()
        self.bead_pick = gr.Textbox(elem_id="wb-bead-pick", visible="hidden")
        self.page_ids = gr.State([])
        self.bases = gr.State({})  # what the editor boxes started from (handlers.Editor.bases)

    def _render_choice(self) -> None:
        with gr.Row():
            self.report = gr.Dropdown(label="Report", choices=[], elem_id="wb-report", scale=2)
            self.alignment = gr.Dropdown(
                label="Alignment", choices=[], elem_id="wb-alignment", scale=2
            )
            self.langs = gr.CheckboxGroup(
                label=f"Languages side by side (2-{MAX_COLUMNS})", choices=[], elem_id="wb-langs"
            )
            self.machine = gr.Checkbox(
                label="MT column: the first language machine-translated into the second",
                value=False, elem_id="wb-machine",
            )  # fmt: skip

    def _render_filters(self) -> None:
        with gr.Accordion("Filter and sort", open=False):
            with gr.Row():
                self.status = gr.Dropdown(label="Status", choices=list(STATUS_CHOICES), value="all")
                self.kind = gr.Dropdown(label="Bead type", choices=list(KIND_CHOICES), value="all")
                self.order = gr.Dropdown(
                    label="Order", choices=list(ORDER_CHOICES), value="worst first",
                    elem_id="wb-order",
                )  # fmt: skip
                self.flagged = gr.Checkbox(label="Flagged only", value=False)
                self.extras.render_filter()
            with gr.Row():
                self.below_score = gr.Slider(
                    0, handlers.ANY_SCORE, value=handlers.ANY_SCORE, step=1,
                    label="Score below (100 = any)",
                )  # fmt: skip
                self.below_confidence = gr.Slider(
                    0, handlers.ANY_CONFIDENCE, value=handlers.ANY_CONFIDENCE, step=0.05,
                    label="Alignment confidence below (1 = any)",
                )  # fmt: skip

    def _render_pager(self) -> None:
        with gr.Row(elem_classes="wb-pager"):
            self.progress = gr.HTML(elem_id="wb-progress")
            self.prev_page = gr.Button("◀ page", size="sm", elem_id="wb-prev-page", scale=0)
            self.page_number = gr.Number(
                value=1, precision=0, minimum=1, label="Page", scale=0, min_width=90
            )
            self.next_page = gr.Button("page ▶", size="sm", elem_id="wb-next-page", scale=0)

    def _render_export(self) -> None:
        with gr.Accordion("Export this alignment (shown languages)", open=False):
            with gr.Row():
                self.export_format = gr.Radio(
                    label="Format", choices=list(EXPORT_FORMATS), value="TMX",
                    elem_id="wb-export-format",
                )  # fmt: skip
                self.export_statuses = gr.CheckboxGroup(
                    label="Only beads that are (none ticked: all)", choices=list(BEAD_STATUSES)
                )
            self.export_button = gr.Button("Export", elem_id="wb-export")
            self.export_file = gr.File(
                label="Download", interactive=False, elem_id="wb-export-file"
            )

    def _render_editor(self) -> None:
        with gr.Group(elem_id="wb-editor"):
            self.slots = [
                gr.Textbox(lines=2, visible=False, elem_id=f"wb-edit-{i}", label=f"Column {i + 1}")
                for i in range(MAX_COLUMNS)
            ]
            with gr.Row(elem_classes="wb-buttons"):
                self.confirm = gr.Button(
                    "Confirm, next (Ctrl+Enter)", elem_id="wb-confirm", variant="primary"
                )
                self.save = gr.Button("Save edit", elem_id="wb-save")
                self.accept = gr.Button("Accept (a)", elem_id="wb-accept")
                self.undo = gr.Button("Undo (u)", elem_id="wb-undo")

    def _render_flagger(self) -> None:
        with gr.Group(elem_id="wb-flagger"):
            with gr.Row():
                self.category = gr.Dropdown(
                    label="Error", choices=list(MQM_CATEGORIES), value="accuracy/mistranslation"
                )
                self.severity = gr.Radio(label="Severity", choices=list(SEVERITIES), value="minor")
            self.flag_comment = gr.Textbox(label="Why (f)", lines=1, elem_id="wb-flag-comment")
            self.flag = gr.Button("Flag (Ctrl+Enter)", elem_id="wb-flag", variant="stop")
        with gr.Group(elem_id="wb-commenter"):
            self.comment_text = gr.Textbox(label="Comment (c)", lines=1, elem_id="wb-comment-text")
            self.comment = gr.Button("Add comment", elem_id="wb-comment")

    def _render_restructure(self) -> None:
        with gr.Accordion("Split, merge, unalign", open=False):
            self.keep = gr.Textbox(label="Sentences kept in the first part", elem_id="wb-keep")
            self.split = gr.Button("Split", elem_id="wb-split")
            self.merge = gr.Button("Merge with next (m)", elem_id="wb-merge")
            self.sentence = gr.Dropdown(
                label="Sentence to unalign", choices=[], elem_id="wb-sentence"
            )
            self.unalign = gr.Button("Unalign", elem_id="wb-unalign")

    # -- what the tab is made of ---------------------------------------------------------------
    def actions(self) -> dict[str, gr.Button]:
        return {
            "accept": self.accept, "confirm": self.confirm, "edit": self.save, "flag": self.flag,
            "comment": self.comment, "split": self.split, "merge": self.merge,
            "unalign": self.unalign, "undo": self.undo,
        }  # fmt: skip

    def writing_buttons(self) -> list[gr.Button]:
        panels = (self.spans, self.conflict)
        mine = (b for p in panels for b in p.writing_buttons())
        return [*self.actions().values(), *mine, *self.extras.writing_buttons()]

    def view_inputs(self) -> list[gr.components.Component]:
        return [
            self.alignment, self.langs, self.status, self.below_score, self.below_confidence,
            self.flagged, self.kind, self.order, self.page_number, self.machine, self.extras.qa,
        ]  # fmt: skip

    def shown(self) -> list[gr.components.Component]:
        """What a new page of beads writes."""
        return [self.table, self.progress, self.page_number, self.page_ids, self.message]

    def chosen(self) -> list[Any]:
        """What choosing a bead writes."""
        return [self.bead_pick, self.bases, self.panel, self.keep, self.sentence, *self.slots]

    def opened(self) -> list[Any]:
        """What opening a report writes (from this tab, the Reports tab or the page load)."""
        return [self.report, self.alignment, self.langs, *self.shown(), *self.chosen()]

    def report_lists(self) -> list[gr.components.Component]:
        return [self.report]

    def list_reports(self, names: Sequence[str]) -> Updates:
        return {self.report: gr.Dropdown(choices=list(names))}

    def loaded(self) -> list[gr.components.Component]:
        return self.opened()

    def load(self, start: Start) -> Updates:
        updates: Updates = {self.report: gr.Dropdown(choices=start.names, value=start.report)}
        return {**updates, **self.open(start.report)} if start.report else updates

    # -- events ---------------------------------------------------------------------------------
    def wire(self) -> None:
        view = set(self.view_inputs())
        shown, chosen = self.shown(), self.chosen()
        self.report.input(
            self.open_report, inputs={self.report, self.machine},
            outputs=[self.alignment, self.langs, *shown, *chosen], **PRIVATE,
        )  # fmt: skip
        self.alignment.input(
            self.open_alignment, inputs={self.alignment, self.machine},
            outputs=[self.langs, *shown, *chosen], **PRIVATE,
        )  # fmt: skip
        gr.on(
            [self.langs.input, self.machine.input, self.status.input, self.kind.input,
             self.order.input, self.flagged.input, self.below_score.release,
             self.below_confidence.release, self.extras.qa.input],
            self.refilter, inputs={*view, self.bead_pick}, outputs=[*shown, *chosen], **PRIVATE,
        )  # fmt: skip
        self.prev_page.click(self.turner(-1), inputs=view, outputs=shown, **PRIVATE)
        self.next_page.click(self.turner(1), inputs=view, outputs=shown, **PRIVATE)
        self.page_number.submit(self.turner(0), inputs=view, outputs=shown, **PRIVATE)
        self.bead_pick.change(
            self.pick, inputs={*view, self.bead_pick}, outputs=[*chosen[1:], self.message],
            **PRIVATE,
        )  # fmt: skip
        self.export_button.click(
            self.export,
            inputs={self.alignment, self.langs, self.export_format, self.export_statuses},
            outputs=[self.export_file, self.message], **PRIVATE,
        )  # fmt: skip
        acting = {*view, self.bead_pick, self.page_ids, self.bases, *self.slots, self.category}
        acting |= {self.severity, self.flag_comment, self.comment_text, self.keep, self.sentence}
        acted = [*shown, *chosen, self.flag_comment, self.comment_text, *self.conflict.outputs()]
        for action, button in self.actions().items():
            done = button.click(self.actor(action), inputs=acting, outputs=acted, **PRIVATE)
            self.spans.refresh_after(done)
        self.spans.wire()
        self.conflict.wire(acting, acted)
        self.path.wire()
        self.extras.wire()

    def open(self, report: str, *, machine: bool = False) -> Updates:
        """Open a report: its newest alignment, its first languages, page 1, no bead chosen."""
        names = handlers.report_names(self.ctx)
        return {
            self.report: gr.Dropdown(choices=names, value=report),
            **self.safely(lambda: self._open_report(report, machine=machine)),
        }

    @shows_problems
    def open_report(self, values: dict) -> Updates:
        return self._open_report(values[self.report], machine=values[self.machine])

    def _open_report(self, report: str | None, *, machine: bool = False) -> Updates:
        options = handlers.alignment_options(self.ctx, report)
        if not options:
            note = f"{report} has no alignment yet: align its versions in the Reports tab."
            return {
                self.alignment: gr.Dropdown(choices=[], value=None),
                self.langs: gr.CheckboxGroup(choices=[], value=[]),
                self.table: "",
                self.progress: "",
                self.message: render.notice(note),
                **self._chosen(handlers.EMPTY_EDITOR),
            }
        return {
            self.alignment: gr.Dropdown(choices=options, value=options[0][1]),
            **self._open_alignment(options[0][1], machine=machine),
        }

    @shows_problems
    def open_alignment(self, values: dict) -> Updates:
        return self._open_alignment(values[self.alignment], machine=values[self.machine])

    def _open_alignment(self, alignment_id: int | None, *, machine: bool = False) -> Updates:
        langs = handlers.language_options(self.ctx, alignment_id)
        chosen = langs[:MAX_COLUMNS]
        view = handlers.make_view(alignment_id, chosen, machine=machine)
        return {
            self.langs: gr.CheckboxGroup(choices=langs, value=chosen),
            **self._shown(handlers.show(self.ctx, view)),
            **self._chosen(handlers.EMPTY_EDITOR),
        }

    @shows_problems
    def refilter(self, values: dict) -> Updates:
        """New languages, filters or order: page 1, the chosen bead kept while it is shown."""
        view = self._view(values, page=1)
        opened = handlers.load(self.ctx, view)
        bead = number(values[self.bead_pick])
        if bead not in {row.bead_id for row in opened.rows}:
            bead = None
        return {
            **self._shown(handlers.show(self.ctx, view, opened=opened)),
            **self._chosen(handlers.editor(self.ctx, view, bead, opened=opened)),
        }

    def turner(self, step: int) -> Callable[[dict], Updates]:
        """The event of a page button: `step` pages on (0: the page typed in)."""

        def turn(values: dict) -> Updates:
            return self.safely(lambda: self._turn(values, step))

        return turn

    def _turn(self, values: dict, step: int) -> Updates:
        wanted = max(1, int(values[self.page_number] or 1) + step)
        return self._shown(handlers.show(self.ctx, self._view(values, page=wanted)))

    @shows_problems
    def pick(self, values: dict) -> Updates:
        """A row was clicked (or j/k pressed): show that bead in the editor."""
        bead = number(values[self.bead_pick])
        if bead is None or values[self.alignment] in (None, ""):  # nothing picked (yet)
            editor = handlers.EMPTY_EDITOR
        else:
            editor = handlers.editor(self.ctx, self._view(values), bead)
        updates = self._chosen(editor)
        # The pick box is the page's: answering with its value would undo a newer pick made
        # while this one was on its way (j j pressed quickly).
        del updates[self.bead_pick]
        return {**updates, self.message: ""}

    @shows_problems
    def export(self, values: dict, request: gr.Request) -> Updates:
        path, text = handlers.export(
            self.ctx, username(request), values[self.alignment], values[self.export_format],
            values[self.langs] or (), values[self.export_statuses] or (),
        )  # fmt: skip
        return {self.export_file: str(path), self.message: render.notice(text, "ok")}

    def actor(self, action: str) -> Callable[[dict, gr.Request], Updates]:
        """The event of one action's button."""

        # Gradio injects the request by this parameter's annotation.
        def run(values: dict, request: gr.Request) -> Updates:
            return self.safely(lambda: self._act(action, values, request))

        return run

    def _act(self, action: str, values: dict, request: gr.Request) -> Updates:
        details = Details(
            texts=[values[box] or "" for box in self.slots],
            bases=values[self.bases],
            category=values[self.category] or "",
            severity=values[self.severity] or "",
            comment=values[self.flag_comment if action == "flag" else self.comment_text] or "",
            keep=values[self.keep] or "",
            sentence=values[self.sentence] or "",
        )
        try:
            outcome = handlers.act(
                self.ctx, username(request), self._view(values), values[self.bead_pick],
                action, details, values[self.page_ids] or [],
            )  # fmt: skip
        except EditConflict as exc:  # the boxes keep the reviewer's text; the dialog asks
            return {
                self.message: problem_notice(exc),
                self.bases: handlers.rebased(details.bases, exc.current),
                **self.conflict.shown(self._view(values), values[self.bead_pick], exc, details),
            }
        cleared = {"flag": {self.flag_comment: ""}, "comment": {self.comment_text: ""}}
        return {
            **self._shown(outcome.shown, render.notice(outcome.message, "ok")),
            **self._chosen(outcome.editor),
            **cleared.get(action, {}),
            **self.conflict.hidden(),
        }

    # -- values to a View, results to updates -----------------------------------------------------
    def _view(self, values: dict, *, page: int | None = None) -> handlers.View:
        return handlers.make_view(
            values[self.alignment], values[self.langs], values[self.status],
            values[self.below_score], values[self.below_confidence], values[self.flagged],
            values[self.kind], values[self.order],
            values[self.page_number] if page is None else page, values[self.machine],
            qa=values[self.extras.qa],
        )  # fmt: skip

    def _shown(self, shown: Shown, message: str = "") -> Updates:
        if shown.note:
            message = render.notice(shown.note, "problem")
        return {
            self.table: shown.table, self.progress: shown.progress,
            self.page_number: shown.page, self.page_ids: list(shown.bead_ids),
            self.message: message,
        }  # fmt: skip

    def _chosen(self, editor: Editor) -> Updates:
        updates: Updates = {
            self.bead_pick: "" if editor.bead_id is None else str(editor.bead_id),
            self.bases: editor.bases,
            self.panel: editor.panel,
            self.keep: gr.Textbox(value=editor.split_hint, label=editor.split_label),
            self.sentence: gr.Dropdown(
                choices=list(editor.sentences) or [handlers.EVERY_SENTENCE],
                value=handlers.EVERY_SENTENCE,
            ),
        }
        for i, box in enumerate(self.slots):
            if i < len(editor.slots):
                slot = editor.slots[i]
                updates[box] = gr.Textbox(
                    value=slot.text, label=slot.label, rtl=slot.rtl, visible=True
                )
            else:
                updates[box] = gr.Textbox(value="", visible=False)
        return updates
