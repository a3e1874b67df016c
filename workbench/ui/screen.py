"""The screens' events: component values in, component updates out.

Each public method of `Screen` is the work of one event (`app._wire` says which): it reads
the values of the components it was given, calls the pure handlers (`handlers.py`), and
answers with updates of the components it writes. Errors become a message on the screen,
never a traceback; unexpected ones are logged in full for the server's operator.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import gradio as gr

from workbench.errors import EditConflict, InputError, WorkbenchError
from workbench.logs import private_traceback
from workbench.records import User
from workbench.ui import handlers, jobs, render
from workbench.ui.arguments import record_number
from workbench.ui.handlers import Context, Details, Editor, Shown
from workbench.ui.review import MAX_COLUMNS

if TYPE_CHECKING:
    from workbench.ui.app import Widgets

log = logging.getLogger(__name__)


def _problems_to(where: str) -> Callable[[Callable[..., dict]], Callable[..., dict]]:
    """Show an event's error in the message box of the "review" or the "reports" tab."""

    def wrap(method: Callable[..., dict]) -> Callable[..., dict]:
        @functools.wraps(method)  # Gradio reads the signature (gr.Request) through this
        def run(self: Screen, *args: Any) -> dict:
            return self._safely(where, lambda: method(self, *args))

        return run

    return wrap


class Screen:
    def __init__(self, ctx: Context, widgets: Widgets):
        self.ctx, self.w = ctx, widgets

    # -- page load ------------------------------------------------------------------------
    def load(self, request: gr.Request) -> dict:
        """Who is here, the reports, and the report named in `?report=` (or the first)."""
        w, v = self.w, self.w.review
        try:
            user = self.ctx.user(_username(request))
        except WorkbenchError as exc:
            return {w.who: render.notice(str(exc), "problem")}
        names = handlers.report_names(self.ctx)
        asked = dict(getattr(request, "query_params", {}) or {}).get("report")
        report = asked if asked in names else (names[0] if names else None)
        updates: dict = {
            w.who: who(self.ctx, user),
            w.reports.table: handlers.reports_html(self.ctx),
            w.tabs: gr.Tabs(selected="review" if asked in names else "reports"),
            v.report: gr.Dropdown(choices=names, value=report),
            w.reports.work_report: gr.Dropdown(choices=names, value=report),
            w.quality.reports: gr.Dropdown(choices=names, value=[report] if report else []),
        }
        updates[w.translate.models] = handlers.models_html(self.ctx)
        updates.update(self._jobs_shown(None, None))
        writer = user.role in ("reviewer", "admin")
        for button in w.writing_buttons():
            updates[button] = gr.Button(interactive=writer)
        if report:
            updates.update(self._open_report(report))
        return updates

    def refresh(self) -> dict:
        names = handlers.report_names(self.ctx)
        return {
            self.w.reports.table: handlers.reports_html(self.ctx),
            self.w.review.report: gr.Dropdown(choices=names),
            self.w.reports.work_report: gr.Dropdown(choices=names),
            self.w.quality.reports: gr.Dropdown(choices=names),
        }

    # -- reports tab ----------------------------------------------------------------------
    @_problems_to("reports")
    def import_file(self, values: dict, request: gr.Request) -> dict:
        r = self.w.reports
        text = handlers.import_upload(
            self.ctx, _username(request), values[r.upload], values[r.import_report] or ""
        )
        return self._stored(text)

    @_problems_to("reports")
    def add_versions(self, values: dict, request: gr.Request) -> dict:
        r = self.w.reports
        text = handlers.ingest_uploads(
            self.ctx, _username(request), values[r.files], values[r.files_report] or "",
            values[r.files_lang], values[r.files_origin],
        )  # fmt: skip
        return self._stored(text)

    def aligning(self) -> dict:
        note = "Aligning… (seconds for a report of a few hundred sentences)"
        return {self.w.reports.message: render.notice(note)}

    @_problems_to("reports")
    def align(self, values: dict, request: gr.Request) -> dict:
        r = self.w.reports
        report = values[r.work_report]
        _, text = handlers.align(self.ctx, _username(request), report, values[r.work_langs] or ())
        return {
            **self._stored(text),
            self.w.tabs: gr.Tabs(selected="review"),
            self.w.review.report: gr.Dropdown(
                choices=handlers.report_names(self.ctx), value=report
            ),
            **self._open_report(report),
        }

    def machine_translating(self) -> dict:
        note = "Translating… (a model's first use loads it; a report takes seconds to minutes)"
        return {self.w.reports.message: render.notice(note)}

    @_problems_to("reports")
    def machine_translate(self, values: dict, request: gr.Request) -> dict:
        r = self.w.reports
        text, complete = handlers.machine_translate(
            self.ctx, _username(request), values[r.work_report], values[r.mt_src],
            values[r.mt_targets] or (),
        )  # fmt: skip
        return self._stored(text, "ok" if complete else "problem")

    def scoring(self) -> dict:
        return {self.w.reports.message: render.notice("Scoring… (seconds for a report)")}

    @_problems_to("reports")
    def score(self, values: dict, request: gr.Request) -> dict:
        text = handlers.score(self.ctx, _username(request), values[self.w.reports.work_report])
        return self._stored(text)

    def _stored(self, text: str, kind: str = "ok") -> dict:
        names = handlers.report_names(self.ctx)
        return {
            self.w.reports.message: render.notice(text, kind),
            self.w.reports.table: handlers.reports_html(self.ctx),
            self.w.review.report: gr.Dropdown(choices=names),
            self.w.reports.work_report: gr.Dropdown(choices=names),
            self.w.quality.reports: gr.Dropdown(choices=names),
        }

    # -- review tab: what is shown ----------------------------------------------------------
    @_problems_to("review")
    def open_report(self, values: dict) -> dict:
        v = self.w.review
        return self._open_report(values[v.report], machine=values[v.machine])

    def _open_report(self, report: str | None, *, machine: bool = False) -> dict:
        v = self.w.review
        options = handlers.alignment_options(self.ctx, report)
        if not options:
            note = f"{report} has no alignment yet: align its versions in the Reports tab."
            return {
                v.alignment: gr.Dropdown(choices=[], value=None),
                v.message: render.notice(note),
            }
        return {
            v.alignment: gr.Dropdown(choices=options, value=options[0][1]),
            **self._open_alignment(options[0][1], machine=machine),
        }

    @_problems_to("review")
    def open_alignment(self, values: dict) -> dict:
        v = self.w.review
        return self._open_alignment(values[v.alignment], machine=values[v.machine])

    def _open_alignment(self, alignment_id: int | None, *, machine: bool = False) -> dict:
        langs = handlers.language_options(self.ctx, alignment_id)
        chosen = langs[:MAX_COLUMNS]
        view = handlers.make_view(alignment_id, chosen, machine=machine)
        shown = handlers.show(self.ctx, view)
        return {
            self.w.review.langs: gr.CheckboxGroup(choices=langs, value=chosen),
            self.w.review.page: 1,
            **self._shown(shown),
            **self._chosen(handlers.EMPTY_EDITOR),
        }

    @_problems_to("review")
    def refilter(self, values: dict) -> dict:
        """New languages, filters or order: page 1, the chosen bead kept while it is shown."""
        view = self._view(values, page=1)
        opened = handlers.load(self.ctx, view)
        bead = _number(values[self.w.review.bead_pick])
        if bead not in {row.bead_id for row in opened.rows}:
            bead = None
        return {
            **self._shown(handlers.show(self.ctx, view, opened=opened)),
            **self._chosen(handlers.editor(self.ctx, view, bead, opened=opened)),
        }

    def turner(self, step: int) -> Callable[[dict], dict]:
        """The event of a page button: `step` pages on (0: the page typed in)."""

        def turn(values: dict) -> dict:
            return self._safely("review", lambda: self._turn(values, step))

        return turn

    def _turn(self, values: dict, step: int) -> dict:
        wanted = max(1, int(values[self.w.review.page] or 1) + step)
        return self._shown(handlers.show(self.ctx, self._view(values, page=wanted)))

    @_problems_to("review")
    def pick(self, values: dict) -> dict:
        """A row was clicked (or j/k pressed): show that bead in the editor."""
        editor = handlers.editor(
            self.ctx, self._view(values), _number(values[self.w.review.bead_pick])
        )
        updates = self._chosen(editor)
        # The pick box is the page's: answering with its value would undo a newer pick made
        # while this one was on its way (j j pressed quickly).
        del updates[self.w.review.bead_pick]
        return {**updates, self.w.review.message: ""}

    @_problems_to("review")
    def export(self, values: dict, request: gr.Request) -> dict:
        v = self.w.review
        path, text = handlers.export(
            self.ctx, _username(request), values[v.alignment], values[v.export_format],
            values[v.langs] or (), values[v.export_statuses] or (),
        )  # fmt: skip
        return {v.export_file: str(path), v.message: render.notice(text, "ok")}

    # -- review tab: actions on the chosen bead ---------------------------------------------
    def actor(self, action: str) -> Callable[[dict, gr.Request], dict]:
        """The event of one action's button."""

        # Gradio injects the request by this parameter's annotation.
        def run(values: dict, request: gr.Request) -> dict:
            return self._safely("review", lambda: self._act(action, values, request))

        return run

    def _act(self, action: str, values: dict, request: gr.Request) -> dict:
        v = self.w.review
        details = Details(
            texts=[values[box] or "" for box in v.slots],
            bases=values[v.bases],
            category=values[v.category] or "",
            severity=values[v.severity] or "",
            comment=values[v.flag_comment if action == "flag" else v.comment_text] or "",
            keep=values[v.keep] or "",
            sentence=values[v.sentence] or "",
        )
        try:
            outcome = handlers.act(
                self.ctx, _username(request), self._view(values), values[v.bead_pick], action,
                details, values[v.page_ids] or [],
            )  # fmt: skip
        except EditConflict as exc:  # the boxes keep the reviewer's text; Save again overwrites
            return {
                v.message: problem_notice(exc),
                v.bases: handlers.rebased(details.bases, exc.current),
            }
        cleared = {"flag": {v.flag_comment: ""}, "comment": {v.comment_text: ""}}
        return {
            **self._shown(outcome.shown, render.notice(outcome.message, "ok")),
            **self._chosen(outcome.editor),
            **cleared.get(action, {}),
        }

    # -- quality tab ------------------------------------------------------------------------
    def scoring_quality(self) -> dict:
        return {self.w.quality.message: render.notice("Scoring and drawing the report…")}

    @_problems_to("quality")
    def quality(self, values: dict, request: gr.Request) -> dict:
        q = self.w.quality
        made = handlers.quality(
            self.ctx, _username(request), values[q.reports], values[q.lang], values[q.normalize]
        )
        notes = render.notice(" ".join(made.notes), "info") if made.notes else ""
        return {
            q.message: notes,
            q.headline: render.notice(" · ".join(made.headline), "ok"),
            q.page: render.embedded(made.page, "Quality report"),
            q.files: [str(path) for path in made.files],
        }

    # -- translate tab ----------------------------------------------------------------------
    def translating(self) -> dict:
        note = "Translating… (the first use of a model loads it: seconds to a minute)"
        return {self.w.translate.message: render.notice(note)}

    @_problems_to("translate")
    def translate(self, values: dict, request: gr.Request) -> dict:
        t = self.w.translate
        made = handlers.translate(
            self.ctx, _username(request), values[t.text] or "", values[t.src], values[t.tgt],
            values[t.engine] or "", values[t.model] or "",
        )  # fmt: skip
        route = " → ".join(render.language_label(lang) for lang in made.path)
        via = " (through a pivot)" if len(made.path) > 2 else ""
        return {
            t.output: gr.Textbox(value=made.text, rtl=render.direction(values[t.tgt]) == "rtl"),
            t.signature: made.signature,
            t.path: render.notice(f"Path: {route}{via}", "info"),
            t.message: "",
        }

    def source_direction(self, values: dict) -> dict:
        """Arabic and Sorani are typed right to left."""
        t = self.w.translate
        return {t.text: gr.Textbox(rtl=render.direction(values[t.src]) == "rtl")}

    # -- jobs tab ---------------------------------------------------------------------------
    @_problems_to("jobs")
    def jobs(self, values: dict) -> dict:
        """Refresh, and the timer while a job runs: the list, the chosen job, polling on/off."""
        j = self.w.jobs
        return self._jobs_shown(values[j.job], values[j.watched])

    @_problems_to("jobs")
    def job_details(self, values: dict) -> dict:
        j = self.w.jobs
        return {j.details: jobs.details_html(self.ctx, values[j.job]), j.message: ""}

    @_problems_to("jobs")
    def job_upload(self, values: dict) -> dict:
        j = self.w.jobs
        note = render.notice("The spec is in the box: check it, then start the job.", "info")
        return {j.spec: jobs.read_upload(values[j.upload]), j.message: note}

    @_problems_to("jobs")
    def job_check(self, values: dict, request: gr.Request) -> dict:
        j = self.w.jobs
        checked = jobs.check_spec(self.ctx, _username(request), values[j.spec] or "")
        return {j.message: render.notice(checked.message, "ok")}

    @_problems_to("jobs")
    def job_start(self, values: dict, request: gr.Request) -> dict:
        j = self.w.jobs
        status, text = jobs.start(
            self.ctx, _username(request), values[j.spec] or "", values[j.executor],
            values[j.workers],
        )  # fmt: skip
        return self._jobs_shown(status["id"], time.time(), render.notice(text, "ok"))

    @_problems_to("jobs")
    def job_cancel(self, values: dict, request: gr.Request) -> dict:
        j = self.w.jobs
        status, text = jobs.cancel(self.ctx, _username(request), values[j.job])
        return self._jobs_shown(status["id"], values[j.watched], render.notice(text, "ok"))

    @_problems_to("jobs")
    def job_resume(self, values: dict, request: gr.Request) -> dict:
        j = self.w.jobs
        status, text = jobs.resume(self.ctx, _username(request), values[j.job], values[j.workers])
        return self._jobs_shown(status["id"], time.time(), render.notice(text, "ok"))

    def _jobs_shown(self, job_id: object, watched: float | None, message: str = "") -> dict:
        """The jobs table, the picker (the chosen job kept, else the newest), its details, and
        the timer: on while a job runs or was just started here."""
        j = self.w.jobs
        rows = jobs.jobs_overview(self.ctx)
        ids = [row["id"] for row in rows]
        chosen = _number(job_id)
        chosen = chosen if chosen in ids else (ids[0] if ids else None)
        polling = jobs.keep_polling(rows, watched, time.time())
        updates = {
            j.table: jobs.jobs_html(rows),
            j.job: gr.Dropdown(choices=jobs.job_choices(rows), value=chosen),
            j.details: jobs.details_html(self.ctx, chosen),
            j.timer: gr.Timer(active=polling),
            j.watched: watched if polling else None,
        }
        if message:
            updates[j.message] = message
        return updates

    # -- values to a View, results to updates -----------------------------------------------
    def _safely(self, where: str, work: Callable[[], dict]) -> dict:
        try:
            return work()
        except Exception as exc:  # shown on screen; unexpected ones are logged in full
            boxes = {
                "review": self.w.review.message,
                "reports": self.w.reports.message,
                "translate": self.w.translate.message,
                "quality": self.w.quality.message,
                "jobs": self.w.jobs.message,
            }
            return {boxes[where]: problem_notice(exc)}

    def _view(self, values: dict, *, page: int | None = None) -> handlers.View:
        v = self.w.review
        return handlers.make_view(
            values[v.alignment], values[v.langs], values[v.status], values[v.below_score],
            values[v.below_confidence], values[v.flagged], values[v.kind], values[v.order],
            values[v.page] if page is None else page, values[v.machine],
        )  # fmt: skip

    def _shown(self, shown: Shown, message: str = "") -> dict:
        v = self.w.review
        if shown.note:
            message = render.notice(shown.note, "problem")
        return {
            v.table: shown.table, v.progress: shown.progress, v.page: shown.page,
            v.page_ids: list(shown.bead_ids), v.message: message,
        }  # fmt: skip

    def _chosen(self, editor: Editor) -> dict:
        v = self.w.review
        updates: dict = {
            v.bead_pick: "" if editor.bead_id is None else str(editor.bead_id),
            v.bases: editor.bases,
            v.panel: editor.panel,
            v.keep: gr.Textbox(value=editor.split_hint, label=editor.split_label),
            v.sentence: gr.Dropdown(
                choices=list(editor.sentences) or [handlers.EVERY_SENTENCE],
                value=handlers.EVERY_SENTENCE,
            ),
        }
        for i, box in enumerate(v.slots):
            if i < len(editor.slots):
                slot = editor.slots[i]
                updates[box] = gr.Textbox(
                    value=slot.text, label=slot.label, rtl=slot.rtl, visible=True
                )
            else:
                updates[box] = gr.Textbox(value="", visible=False)
        return updates


def problem_notice(exc: Exception) -> str:
    if not isinstance(exc, WorkbenchError):
        log.error("a screen of the review UI failed:\n%s", private_traceback(exc))
    return render.notice(handlers.friendly(exc), "problem")


def who(ctx: Context, user: User) -> str:
    """The line that says who is working, and how."""
    if not ctx.accounts:
        return render.notice(
            f"Working as {user.name} on this computer (no accounts yet, so only this machine "
            "can open the UI; `workbench users add NAME` creates one).",
            "info",
        )
    note = " · you can look but not change anything" if user.role == "viewer" else ""
    signed = render.notice(f"Signed in as {user.name} ({user.role}){note}", "info")
    return f"{signed}<a href='logout' class='wb-logout'>Log out</a>"


def _username(request: Any) -> str | None:
    return getattr(request, "username", None)


def _number(value: Any) -> int | None:
    """A bead's or a job's number from a component's value; None when there is none."""
    try:
        return record_number(value, "record") if value not in (None, "") else None
    except InputError:
        return None
