"""The public API of the running UI, for `gradio_client` (each endpoint has an explicit api_name).

    from gradio_client import Client
    client = Client("http://127.0.0.1:7860/", auth=("amina", "password"))
    page = client.predict(report="Erbil water", languages=["en", "ar"], api_name="/review")
    client.predict(alignment_id=page["alignment_id"], bead_id=page["rows"][0]["bead_id"],
                   api_name="/accept")

Every call is made as the logged-in reviewer (or the local user when there are no accounts);
a viewer's change is refused with the reason. Errors reach the client as their message.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict
from functools import wraps
from typing import Any

import gradio as gr

from workbench.errors import InputError, WorkbenchError
from workbench.logs import private_traceback
from workbench.records import ReviewEvent, record_number
from workbench.review import actions, candidates, jobs
from workbench.review.findings import bead_findings, dismiss, findings_json
from workbench.review.machine import column_translations
from workbench.review.matches import bead_matches
from workbench.review.rows import (
    Page,
    Query,
    Review,
    choose_alignment,
    machine_translated,
    open_review,
)
from workbench.review.session import Context
from workbench.store import review
from workbench.ui import handlers
from workbench.ui.arguments import check_arguments
from workbench.ui.columns import api_row

log = logging.getLogger(__name__)

# Writes are short SQLite transactions; a few at once keeps latency low without piling up.
WRITE_CONCURRENCY = 4


def register(ctx: Context) -> None:
    """Add the endpoints to the Blocks being built."""
    for name, fn in ReviewApi(ctx).endpoints().items():
        gr.api(
            _reported(fn),
            api_name=name,
            concurrency_limit=WRITE_CONCURRENCY,
            concurrency_id="review-api",
        )


def _reported(fn: Callable) -> Callable:
    """Arguments are checked against the hints first; errors reach the client as their message
    (a gr.Error), never as a traceback, and the log keeps where it failed, not what it read."""

    @wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            check_arguments(fn, args, kwargs)
            return fn(*args, **kwargs)
        except WorkbenchError as exc:
            raise gr.Error(str(exc), print_exception=False) from None
        except Exception as exc:
            log.error("API call %s failed:\n%s", fn.__name__, private_traceback(exc))
            raise gr.Error(handlers.friendly(RuntimeError()), print_exception=False) from None

    return run


class ReviewApi:
    """The endpoints, one method each; every call acts as the logged-in reviewer."""

    def __init__(self, ctx: Context):
        self.ctx = ctx

    def endpoints(self) -> dict[str, Callable]:
        return {
            "reports": self.reports,
            "review": self.review_page,
            "accept": self.accept,
            "edit": self.edit,
            "confirm": self.confirm,
            "flag": self.flag,
            "mark_span": self.mark_span,
            "comment": self.comment,
            "split": self.split,
            "merge": self.merge,
            "unalign": self.unalign,
            "undo": self.undo,
            "history": self.history,
            "findings": self.findings,
            "dismiss": self.dismiss,
            "matches": self.matches,
            "term_candidates": self.term_candidates,
            "term_find": self.term_find,
            "term_accept": self.term_accept,
            "term_reject": self.term_reject,
            "export": self.export,
            "align": self.align,
            "translate": self.translate,
            "score": self.score,
            "jobs": self.jobs,
            "job_status": self.job_status,
            "job_start": self.job_start,
            "job_cancel": self.job_cancel,
            "job_resume": self.job_resume,
        }

    def reports(self) -> list[dict]:
        """Every report: its language versions, alignments and review progress."""
        return handlers.reports_overview(self.ctx)

    def review_page(
        self,
        report: str,
        languages: list[str] | None = None,
        status: str = "all",
        below_score: float | None = None,
        below_confidence: float | None = None,
        flagged_only: bool = False,
        kind: str = "all",
        order: str = "worst first",
        page: int = 1,
        size: int = 50,
        machine_translation: bool = False,
        qa: str = "all",
        request: gr.Request = None,
    ) -> dict:
        """One page of a report's beads, filtered and sorted (worst first by default); with
        machine_translation, each row's first language machine-translated into the second;
        qa "any check" keeps the beads with QA findings, a check's name those of that check."""
        self.ctx.user(_name(request))
        alignment = choose_alignment(self.ctx.db, report, languages or ())
        opened = open_review(
            self.ctx.db, alignment.id or 0, languages or (), sources=self.ctx.sources, report=report
        )
        query = Query(
            status,
            below_score,
            below_confidence,
            flagged_only,
            kind,
            order,
            page,
            min(size, 500),
            qa,
        )
        shown = opened.page(query)
        if machine_translation:
            opened, shown = machine_translated(
                opened, shown, column_translations(self.ctx.translators)
            )
        return _page(opened, shown)

    def accept(self, alignment_id: int, bead_id: int, request: gr.Request = None) -> dict:
        """Accept a bead as it stands."""
        return _event(
            actions.accept(self.ctx.db, self.ctx.user(_name(request)), alignment_id, bead_id)
        )

    def edit(
        self,
        alignment_id: int,
        bead_id: int,
        texts: dict[str, str],
        bases: dict[str, str] | None = None,
        request: gr.Request = None,
    ) -> dict:
        """Correct a bead's text; `texts` maps a language code (or column number) to the text.
        `bases` maps the same keys to the texts you started from (the review page's): a text
        someone changed since is refused, showing both versions, and a key whose text equals
        its base is left alone. Without `bases` a differing text is saved over whatever is
        there (the older form of this call; pass bases when several people review)."""
        user = self.ctx.user(_name(request))
        columns = _columns_by_key(self.ctx, alignment_id, texts)
        started = _columns_by_key(self.ctx, alignment_id, bases) if bases is not None else None
        cache = self.ctx.sources.segments
        return _event(
            actions.edit(
                self.ctx.db, user, alignment_id, bead_id, columns, bases=started, segments=cache
            )
        )

    def confirm(
        self,
        alignment_id: int,
        bead_id: int,
        texts: dict[str, str] | None = None,
        bases: dict[str, str] | None = None,
        request: gr.Request = None,
    ) -> dict:
        """The Review tab's Ctrl+Enter: the texts you changed (keys and `bases` as in /edit)
        are saved with /edit's checks; when you changed none, the bead is accepted as /accept
        does. The answer is the stored event ("edit" or "accept")."""
        user = self.ctx.user(_name(request))
        columns = _columns_by_key(self.ctx, alignment_id, texts or {})
        started = _columns_by_key(self.ctx, alignment_id, bases) if bases is not None else None
        return _event(
            actions.confirm(
                self.ctx.db, user, alignment_id, bead_id, columns, bases=started,
                segments=self.ctx.sources.segments,
            )
        )  # fmt: skip

    def flag(
        self,
        alignment_id: int,
        bead_id: int,
        category: str,
        severity: str,
        comment: str = "",
        request: gr.Request = None,
    ) -> dict:
        """Flag an error: an MQM category, a severity (minor/major/critical) and a comment."""
        user = self.ctx.user(_name(request))
        return _event(
            actions.flag(self.ctx.db, user, alignment_id, bead_id, category, severity, comment)
        )

    def mark_span(
        self,
        bead_id: int,
        lang: str,
        start: int,
        end: int,
        category: str,
        severity: str,
        note: str = "",
        request: gr.Request = None,
    ) -> dict:
        """Mark characters [start, end) of the bead's `lang` text (a language or a column
        number) as an MQM error span: a category of the MQM typology and a severity
        (neutral/minor/major/critical). Returns the span as stored."""
        from workbench.mqm.spans import add_span

        user = self.ctx.user(_name(request))
        span = add_span(self.ctx.db, bead_id, lang, start, end, category, severity, user, note)
        return span.to_dict()

    def comment(
        self, alignment_id: int, bead_id: int, text: str, request: gr.Request = None
    ) -> dict:
        """Leave a comment on a bead."""
        return _event(
            actions.comment(self.ctx.db, self.ctx.user(_name(request)), alignment_id, bead_id, text)
        )

    def split(
        self, alignment_id: int, bead_id: int, keep: list[int], request: gr.Request = None
    ) -> dict:
        """Split a bead: `keep[c]` sentences of column c stay in the first part."""
        user = self.ctx.user(_name(request))
        return _event(actions.split(self.ctx.db, user, alignment_id, bead_id, keep))

    def merge(self, alignment_id: int, bead_id: int, request: gr.Request = None) -> dict:
        """Merge a bead with the next one."""
        user = self.ctx.user(_name(request))
        return _event(actions.merge_with_next(self.ctx.db, user, alignment_id, bead_id))

    def unalign(
        self,
        alignment_id: int,
        bead_id: int,
        column: int | None = None,
        segment: int | None = None,
        request: gr.Request = None,
    ) -> dict:
        """Take one sentence (column, segment) out of a bead, or every sentence when none."""
        user = self.ctx.user(_name(request))
        return _event(actions.unalign(self.ctx.db, user, alignment_id, bead_id, column, segment))

    def undo(self, alignment_id: int, request: gr.Request = None) -> dict:
        """Take back your latest action in the alignment."""
        return _event(actions.undo_mine(self.ctx.db, self.ctx.user(_name(request)), alignment_id))

    def export(
        self,
        alignment_id: int,
        format: str = "tmx",
        languages: list[str] | None = None,
        statuses: list[str] | None = None,
        request: gr.Request = None,
    ) -> dict:
        """An alignment as TMX, XLIFF 2.0, TSV or JSONL: the file's name and its text."""
        path, _ = handlers.export(
            self.ctx, _name(request), alignment_id, format, languages or (), statuses or ()
        )
        try:
            content = path.read_text(encoding="utf-8")
        finally:
            path.unlink(missing_ok=True)
        return {"filename": path.name, "format": format, "content": content}

    def translate(
        self,
        texts: list[str],
        src: str,
        tgt: str,
        engine: str = "",
        model: str = "",
        profile: str = "",
        request: gr.Request = None,
    ) -> dict:
        """Machine-translate texts (each kept whole, paragraphs and all) from src into tgt,
        the translation memory first. `signature`: the models'; `origins`: per text, per
        sentence, where its translation came from (memory / fill / machine, score, fuzzy
        matches offered). `model`: one of the catalog's models for the direction ("": the
        profile's choice, or the one workbench.toml sets); `profile`: open or best."""
        made = [
            handlers.translate(self.ctx, _name(request), t, src, tgt, engine, model, profile)
            for t in texts
        ]
        return {
            "translations": [m.text for m in made],
            "signature": made[0].model_signature if made else "",
            "path": list(made[0].path) if made else [],
            "origins": [[o.as_dict() for o in m.origins] for m in made],
        }

    def align(
        self,
        report: str,
        languages: list[str] | None = None,
        signals: list[str] | None = None,
        request: gr.Request = None,
    ) -> dict:
        """Align a report's versions around English (all, or `languages`) and store it."""
        made, message = handlers.align(
            self.ctx, _name(request), report, languages or (), signals or handlers.ALIGN_SIGNALS
        )
        return {
            "alignment_id": made.id,
            "languages": [c.lang for c in handlers.columns(self.ctx, made.id or 0)],
            "beads": len(made.beads),
            "method": made.method,
            "signature": made.signature,
            "message": message,
        }

    def score(
        self,
        reports: list[str],
        lang: str = "",
        normalize: str = "none",
        request: gr.Request = None,
    ) -> dict:
        """Score reports' machine translations against their human versions (sacrebleu; the
        scores are kept when you may write) and return the quality report as data."""
        made = handlers.quality(self.ctx, _name(request), reports, lang, normalize)
        report = json.loads(made.files[1].read_text(encoding="utf-8"))
        return {"headline": list(made.headline), "notes": list(made.notes), "report": report}

    def history(
        self, alignment_id: int, bead_id: int | None = None, request: gr.Request = None
    ) -> list:
        """The review events of an alignment (or of one bead), oldest first."""
        self.ctx.user(_name(request))
        active = {e.id for e in review.active_events(review.events(self.ctx.db, alignment_id))}
        return [
            {**_event(e), "active": e.id in active or e.action == "undo"}
            for e in review.events(self.ctx.db, alignment_id, bead_id=bead_id)
        ]

    def findings(
        self, alignment_id: int, bead_id: int | None = None, request: gr.Request = None
    ) -> list[dict]:
        """The QA findings stored for an alignment (or one bead), dismissed ones saying who
        dismissed them, when and why."""
        self.ctx.user(_name(request))
        found = bead_findings(self.ctx.db, alignment_id)
        if bead_id is not None:
            return findings_json(found.get(bead_id, ()))
        return findings_json(f for beads in found.values() for f in beads)

    def dismiss(
        self, alignment_id: int, finding_id: int, why: str, request: gr.Request = None
    ) -> dict:
        """Dismiss a QA finding of the alignment as a false alarm, saying why (a review event)."""
        user = self.ctx.user(_name(request))
        return _event(dismiss(self.ctx.db, user, alignment_id, finding_id, why))

    def matches(
        self, alignment_id: int, bead_id: int, src: str, tgt: str, request: gr.Request = None
    ) -> dict:
        """Translation-memory matches (best 5) for a bead's current `src` text into `tgt`,
        and the termbase's terms in its texts."""
        self.ctx.user(_name(request))
        found = bead_matches(self.ctx.db, alignment_id, bead_id, [src, tgt])
        return {
            "matches": [m.as_dict() for m in found.matches],
            "terms": [asdict(t) for t in found.terms],
        }

    def term_candidates(
        self, report: str | None = None, pair: str | None = None, request: gr.Request = None
    ) -> list[dict]:
        """The pending term candidates seen in a report (every report when none), of one
        language pair ("en-ar") when given, best first."""
        self.ctx.user(_name(request))
        return [asdict(c) for c in candidates.report_candidates(self.ctx.db, report, pair)]

    def term_find(self, report: str, request: gr.Request = None) -> list[dict]:
        """Find term candidates in a report's aligned beads again (writers); its pending ones."""
        user = self.ctx.user(_name(request))
        return [asdict(c) for c in candidates.find_candidates(self.ctx.db, user, report)]

    def term_accept(self, ids: list[int], request: gr.Request = None) -> dict:
        """Accept the term candidates `ids` into the termbase (writers; all still pending)."""
        user = self.ctx.user(_name(request))
        return {"message": candidates.decide(self.ctx.db, user, ids, accept=True)}

    def term_reject(self, ids: list[int], request: gr.Request = None) -> dict:
        """Reject the term candidates `ids`: they are not offered again."""
        user = self.ctx.user(_name(request))
        return {"message": candidates.decide(self.ctx.db, user, ids, accept=False)}

    def jobs(self, request: gr.Request = None) -> list[dict]:
        """Every batch job, newest first, with its counts (and pace, while it runs)."""
        self.ctx.user(_name(request))
        return jobs.jobs_overview(self.ctx)

    def job_status(self, job_id: int, request: gr.Request = None) -> dict:
        """One job: counts overall and per step, its failed items with their errors, its ETA."""
        from workbench.jobs.api import job_status

        self.ctx.user(_name(request))
        return job_status(jobs.job_number(job_id), db=self.ctx.db, settings=self.ctx.settings)

    def job_start(
        self, spec: str, executor: str = "local", workers: int = 0, request: gr.Request = None
    ) -> dict:
        """Check a job spec (TOML or JSON text; relative paths start at <home>/jobs, the first
        job root) and run its job in a process of its own on the server; returns its status and
        a message at once. Its inputs and output must lie inside the job roots (the setting
        job_roots; the sample corpus may be read too), links and `..` resolved."""
        status, message = jobs.start(self.ctx, _name(request), spec, executor, workers)
        return {**status, "message": message}

    def job_cancel(self, job_id: int, request: gr.Request = None) -> dict:
        """Stop a job after the items in hand; Resume continues it."""
        status, message = jobs.cancel(self.ctx, _name(request), job_id)
        return {**status, "message": message}

    def job_resume(self, job_id: int, workers: int = 0, request: gr.Request = None) -> dict:
        """Continue a stopped, failed or interrupted job: only what is not done yet is done."""
        status, message = jobs.resume(self.ctx, _name(request), job_id, workers)
        return {**status, "message": message}


def _name(request: gr.Request | None) -> str | None:
    return getattr(request, "username", None) if request is not None else None


def _columns_by_key(ctx: Context, alignment_id: int, texts: dict[str, str]) -> dict[int, str]:
    columns = handlers.columns(ctx, alignment_id)
    out = {}
    for key, text in texts.items():
        if str(key).isascii() and str(key).isdigit():
            out[record_number(key, "column")] = text
            continue
        found = sorted(
            (c for c in columns if c.lang == key), key=lambda c: (c.origin == "machine", c.index)
        )
        if not found:
            have = ", ".join(c.lang for c in columns)
            raise InputError(f"Alignment {alignment_id} has no {key!r} version; it joins {have}.")
        out[found[0].index] = text
    return out


def _page(opened: Review, page: Page) -> dict:
    return {
        "report": opened.report,
        "alignment_id": opened.alignment.id,
        "signature": opened.alignment.signature,
        "mt_language": opened.mt_target,
        "columns": [
            {"lang": c.lang, "origin": c.origin, "column": c.index} for c in opened.columns
        ],
        "reviewed": opened.reviewed,
        "total": opened.total,
        "page": page.number,
        "pages": page.pages,
        "matching": page.matching,
        "rows": [api_row(opened, row) for row in page.rows],
    }


def _event(event: ReviewEvent) -> dict:
    """As stored: JSON round-trips `before`/`after`, so their keys are strings as in the file."""
    return {
        "event_id": event.id,
        "action": event.action,
        "user": event.user,
        "bead_id": event.bead_id,
        "before": json.loads(json.dumps(event.before, ensure_ascii=False)),
        "after": json.loads(json.dumps(event.after, ensure_ascii=False)),
        "comment": event.comment,
        "undoes": event.undoes,
        "created_at": event.created_at,
    }
