"""The Reports tab's "Term candidates" accordion: the term pairs found in the chosen report's
aligned beads, for a terminologist to accept into the termbase or reject (rejected ones are
not offered again). Writers only; the domain is workbench.review.candidates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import gradio as gr

from workbench.records import TermCandidate
from workbench.review import candidates
from workbench.ui import render
from workbench.ui.tabs.base import PRIVATE, Updates, safely_into, username

if TYPE_CHECKING:
    from workbench.ui.tabs.reports import ReportsTab

ISOLATE = "\u2068{}\u2069"  # a term in its own direction inside a label of the other
EVERY_PAIR = ("every pair", "")


class TermsPanel:
    def __init__(self, tab: ReportsTab):
        self.tab = tab

    def render(self) -> None:
        title = "Term candidates: accept into the termbase"
        with gr.Accordion(title, open=False, elem_classes="wb-terms-box"):
            self.summary = gr.HTML(elem_id="wb-terms-summary")
            with gr.Row():
                self.pair = gr.Dropdown(
                    label="Language pair", choices=[EVERY_PAIR], value="",
                    elem_id="wb-terms-pair", scale=0, min_width=220,
                )  # fmt: skip
            self.chosen = gr.CheckboxGroup(
                label="Candidates (source → target · kind · Dice · beads)", choices=[],
                elem_id="wb-term-candidates",
            )  # fmt: skip
            with gr.Row():
                self.find = gr.Button("Find candidates in this report", elem_id="wb-terms-find")
                self.accept = gr.Button(
                    "Accept ticked", elem_id="wb-terms-accept", variant="primary"
                )
                self.reject = gr.Button("Reject ticked", elem_id="wb-terms-reject")
            self.message = gr.HTML(elem_id="wb-terms-message")

    def writing_buttons(self) -> list[gr.Button]:
        return [self.find, self.accept, self.reject]

    def wire(self) -> None:
        report, pair = self.tab.work_report, self.pair
        shown = [self.summary, self.pair, self.chosen, self.message]
        report.change(self.listed, inputs={report}, outputs=shown, **PRIVATE)
        pair.input(self.listed, inputs={report, pair}, outputs=shown, **PRIVATE)
        self.find.click(self.found, inputs={report, pair}, outputs=shown, **PRIVATE)
        for button, accept in ((self.accept, True), (self.reject, False)):
            button.click(
                self.decider(accept), inputs={report, pair, self.chosen}, outputs=shown, **PRIVATE
            )

    # -- events ---------------------------------------------------------------------------------
    def listed(self, values: dict) -> Updates:
        return self._safely(lambda: self._list(values))

    def found(self, values: dict, request: gr.Request) -> Updates:
        def work() -> Updates:
            report = values[self.tab.work_report]
            user = self.tab.ctx.user(username(request))
            found = candidates.find_candidates(self.tab.ctx.db, user, report)
            note = f"{len(found)} term candidate(s) waiting for a decision in {report}."
            return self._list(values, render.notice(note, "ok"))

        return self._safely(work)

    def decider(self, accept: bool) -> Callable[[dict[Any, Any], gr.Request], Updates]:
        def decide(values: dict, request: gr.Request) -> Updates:
            def work() -> Updates:
                user = self.tab.ctx.user(username(request))
                note = candidates.decide(self.tab.ctx.db, user, values[self.chosen], accept)
                return self._list(values, render.notice(note, "ok"))

            return self._safely(work)

        return decide

    # -- values to updates ----------------------------------------------------------------------
    def _list(self, values: dict, message: str = "") -> Updates:
        """The pending candidates of the report, of the pair chosen while the report has any."""
        db, report = self.tab.ctx.db, values[self.tab.work_report] or None
        pairs, waiting = candidates.waiting(db, report)
        pair = values.get(self.pair) or ""
        pair = pair if pair in pairs else ""  # a pair all decided, or another report's
        pending = candidates.best(waiting, pair or None)
        return {
            self.summary: summary(report, pending, pair),
            self.pair: gr.Dropdown(choices=[EVERY_PAIR, *pair_choices(pairs)], value=pair),
            self.chosen: gr.CheckboxGroup(choices=choices(pending), value=[]),
            self.message: message,
        }

    def _safely(self, work: Callable[[], Updates]) -> Updates:
        return safely_into(self.message, work)


def choices(pending: Sequence[TermCandidate]) -> list[tuple[str, str]]:
    """The checkboxes' (label, candidate id): each term kept in its own direction."""
    return [
        (
            f"{c.src_lang}→{c.tgt_lang} {ISOLATE.format(c.source)} → {ISOLATE.format(c.target)}"
            f" · {c.kind} · {c.score:.2f} · {c.count}",
            str(c.id),
        )
        for c in pending
    ]


def pair_choices(pairs: Sequence[str]) -> list[tuple[str, str]]:
    """The pair dropdown's (label, value): "en → ar" for "en-ar"."""
    return [(pair.replace("-", " → "), pair) for pair in pairs]


def summary(report: str | None, pending: Sequence[TermCandidate], pair: str = "") -> str:
    if pending and pair:
        report = f"{report or 'every report'} ({pair.replace('-', ' → ')})"
    if not pending:
        where = f"from {report}" if report else "at all"
        return render.notice(
            f"No term candidate waits for a decision {where}: Find candidates in this report "
            "(or `workbench terms extract --report NAME`)."
        )
    where = f"seen in {report}" if report else "from every report"
    return render.notice(
        f"{len(pending)} term candidate(s) {where}, best first: tick them, then Accept (into "
        "the termbase) or Reject (not offered again)."
    )
