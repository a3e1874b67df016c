"""The jobs as the Jobs tab shows them: escaped HTML, and a spec the browser uploaded."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from workbench.errors import InputError
from workbench.jobs.spec import SPEC_LIMIT_BYTES
from workbench.review.jobs import ERRORS_SHOWN, job_number
from workbench.review.session import Context
from workbench.review.transfer import safe_filename
from workbench.ui import render
from workbench.ui.uploads import uploaded_file
from workbench.userfiles import read_input


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
