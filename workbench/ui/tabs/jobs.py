"""The Jobs tab: batch jobs checked, started, watched, cancelled and resumed from the page.

What the jobs are and who may do what is `workbench.review.jobs`; this module shows them
(escaped HTML), reads a spec the browser uploaded, and polls while a job runs.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

import gradio as gr

from workbench.errors import InputError
from workbench.jobs.executor import EXECUTORS
from workbench.jobs.spec import SPEC_LIMIT_BYTES
from workbench.review import jobs
from workbench.review.jobs import ERRORS_SHOWN, job_number
from workbench.review.session import Context
from workbench.review.transfer import safe_filename
from workbench.ui import render
from workbench.ui.tabs.base import PRIVATE, Start, Tab, Updates, number, shows_problems, username
from workbench.ui.uploads import uploaded_file
from workbench.userfiles import read_input

SPEC_LABEL = "Job spec (TOML or JSON; the README's *Batch jobs* section lists every field)"


class JobsTab(Tab):
    id, label = "jobs", "Jobs"

    def render(self) -> None:
        self.table = gr.HTML(elem_id="wb-jobs")
        with gr.Row(equal_height=True):
            self.job = gr.Dropdown(label="Job", choices=[], elem_id="wb-job", scale=2)
            self.refresh = gr.Button(
                "Refresh", variant="secondary", scale=0, elem_id="wb-jobs-refresh"
            )
            self.cancel = gr.Button("Cancel", variant="stop", scale=0, elem_id="wb-job-cancel")
            self.resume = gr.Button("Resume", scale=0, elem_id="wb-job-resume")
        self.message = gr.HTML(elem_id="wb-jobs-message")
        self.details = gr.HTML(elem_id="wb-job-details")
        self._render_start()
        self.timer = gr.Timer(jobs.POLL_S, active=False)
        self.watched = gr.State(None)

    def _render_start(self) -> None:
        with gr.Accordion("Start a job over folders of reports", open=True), gr.Row():
            self.spec = gr.Textbox(
                label=SPEC_LABEL,
                value=jobs.example_spec(), lines=18, max_lines=40, elem_id="wb-job-spec",
                scale=3,
            )  # fmt: skip
            with gr.Column(scale=1):
                self.upload = gr.File(
                    label="Or upload a spec", file_types=[".toml", ".json"],
                    elem_id="wb-job-upload",
                )  # fmt: skip
                self.executor = gr.Radio(label="Run on", choices=list(EXECUTORS), value="local")
                self.workers = gr.Number(
                    label="Workers (0: from the settings and cores)", value=0, precision=0,
                    minimum=0, elem_id="wb-job-workers",
                )  # fmt: skip
                self.check = gr.Button("Check the spec", elem_id="wb-job-check")
                self.start = gr.Button("Start the job", variant="primary", elem_id="wb-job-start")

    def writing_buttons(self) -> list[gr.Button]:
        return [self.cancel, self.resume, self.check, self.start]

    def shown(self) -> list[gr.components.Component]:
        """What every look at the jobs writes (the page load, Refresh, the timer, actions)."""
        return [self.table, self.job, self.details, self.timer, self.watched]

    def loaded(self) -> list[gr.components.Component]:
        return self.shown()

    def load(self, start: Start) -> Updates:
        return self._shown(None, None)

    def wire(self) -> None:
        looked = {self.job, self.watched}
        acted = [self.message, *self.shown()]
        gr.on(
            [self.refresh.click, self.timer.tick], self.jobs, inputs=looked,
            outputs=self.shown(), **PRIVATE,
        )  # fmt: skip
        self.job.input(
            self.job_details, inputs={self.job}, outputs=[self.details, self.message], **PRIVATE
        )
        self.upload.upload(
            self.job_upload, inputs={self.upload}, outputs=[self.spec, self.message], **PRIVATE
        )
        self.check.click(self.job_check, inputs={self.spec}, outputs=self.message, **PRIVATE)
        self.start.click(
            self.job_start, inputs={self.spec, self.executor, self.workers}, outputs=acted,
            **PRIVATE,
        )  # fmt: skip
        self.cancel.click(self.job_cancel, inputs=looked, outputs=acted, **PRIVATE)
        self.resume.click(
            self.job_resume, inputs={self.job, self.workers}, outputs=acted, **PRIVATE
        )

    @shows_problems
    def jobs(self, values: dict) -> Updates:
        """Refresh, and the timer while a job runs: the list, the chosen job, polling on/off."""
        return self._shown(values[self.job], values[self.watched])

    @shows_problems
    def job_details(self, values: dict) -> Updates:
        return {self.details: details_html(self.ctx, values[self.job]), self.message: ""}

    @shows_problems
    def job_upload(self, values: dict) -> Updates:
        note = render.notice("The spec is in the box: check it, then start the job.", "info")
        return {self.spec: read_upload(values[self.upload]), self.message: note}

    @shows_problems
    def job_check(self, values: dict, request: gr.Request) -> Updates:
        checked = jobs.check_spec(self.ctx, username(request), values[self.spec] or "")
        return {self.message: render.notice(checked.message, "ok")}

    @shows_problems
    def job_start(self, values: dict, request: gr.Request) -> Updates:
        status, text = jobs.start(
            self.ctx, username(request), values[self.spec] or "", values[self.executor],
            values[self.workers],
        )  # fmt: skip
        return self._shown(status["id"], time.time(), render.notice(text, "ok"))

    @shows_problems
    def job_cancel(self, values: dict, request: gr.Request) -> Updates:
        status, text = jobs.cancel(self.ctx, username(request), values[self.job])
        return self._shown(status["id"], values[self.watched], render.notice(text, "ok"))

    @shows_problems
    def job_resume(self, values: dict, request: gr.Request) -> Updates:
        status, text = jobs.resume(
            self.ctx, username(request), values[self.job], values[self.workers]
        )
        return self._shown(status["id"], time.time(), render.notice(text, "ok"))

    def _shown(self, job_id: object, watched: float | None, message: str = "") -> Updates:
        """The jobs table, the picker (the chosen job kept, else the newest), its details, and
        the timer: on while a job runs or was just started here."""
        rows = jobs.jobs_overview(self.ctx)
        ids = [row["id"] for row in rows]
        chosen = number(job_id)
        chosen = chosen if chosen in ids else (ids[0] if ids else None)
        polling = jobs.keep_polling(rows, watched, time.time())
        updates: Updates = {
            self.table: jobs_html(rows),
            self.job: gr.Dropdown(choices=jobs.job_choices(rows), value=chosen),
            self.details: details_html(self.ctx, chosen),
            self.timer: gr.Timer(active=polling),
            self.watched: watched if polling else None,
        }
        if message:
            updates[self.message] = message
        return updates


def read_upload(path: str | None) -> str:
    """The text of an uploaded .toml or .json spec, to edit in the box before starting."""
    if not path:
        raise InputError("Choose a .toml or .json job spec to upload.")
    file = uploaded_file(path)
    name = safe_filename(file.name, fallback="spec")
    if file.suffix.lower() not in (".toml", ".json"):
        raise InputError(f"{name} is not a job spec: upload a .toml or .json file.")
    data = read_input(file, limit_mb=1, name=name)  # regular files only, never a link
    if len(data) > SPEC_LIMIT_BYTES:
        raise InputError(f"{name} is over {SPEC_LIMIT_BYTES // 1024} kB: not a job spec.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{name} is not UTF-8 text; save it as UTF-8.") from None


def jobs_html(rows: Sequence[Mapping[str, Any]]) -> str:
    return render.jobs_table(rows)


def details_html(ctx: Context, job_id: Any) -> str:
    """One job: counts per step, every error (the first hundred), where its log is."""
    from workbench.jobs.api import job_status

    if job_id in (None, ""):
        return render.notice("Choose a job to see its steps and errors.")
    status = job_status(job_number(job_id), db=ctx.db, settings=ctx.settings)
    log = ctx.settings.home / "logs" / f"job-{status['id']}.log"
    return render.job_details(status, ERRORS_SHOWN, str(log) if log.exists() else "")
