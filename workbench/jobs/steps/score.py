"""Score and report: the job's machine translations against the human versions, through the
alignments, and a quality report per report (HTML, JSON, CSV).

`score` stores sacrebleu's numbers at bead, document and report scope; `report` writes
REPORT.quality.html (and .json, .csv) into the report's output folder, dated by the job,
with the report's version-QA findings when there are any (the `qa` step runs before it).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from workbench.jobs.inputs import ReportInput
from workbench.jobs.options import Option
from workbench.jobs.step import Item, JobContext, Output, Step, WorkerState
from workbench.score import REPORT_FORMATS
from workbench.score.metrics import DEFAULT_METRICS, METRICS, OFFLINE_TOKENIZERS, ScoreOptions


class Score(Step):
    name = "score"
    needs = ("translate-doc", "align")
    options = {
        "metrics": Option("texts", list(DEFAULT_METRICS), "sacrebleu metrics", METRICS),
        "normalize": Option(
            "text", ScoreOptions.normalize, "normalization before scoring, e.g. ar-basic"
        ),
        "tokenize": Option(
            "text", ScoreOptions.tokenize, f"BLEU's tokenizer ({', '.join(OFFLINE_TOKENIZERS)})"
        ),
    }

    def plan(self, ctx: JobContext, report: ReportInput) -> list[Item]:
        made = _made_by_job(ctx, report.name)
        if report.stored:  # what is scored is what the store holds: every version of it
            made += _stored_versions(ctx, report.name)
        payload = {"report": report.name, "options": ctx.options(self)}
        return [self.item(report.name, "", payload, made, payload)]

    def prepare(self, ctx: JobContext, item: Item) -> Any:
        from workbench.score.pairs import pairsets_for_report

        pairing = pairsets_for_report(ctx.db, item.report)
        return {**item.payload, "pairsets": pairing.pairsets, "notes": list(pairing.notes)}

    def compute(self, payload: Any, worker: WorkerState) -> Output:
        sheet = score_sheet(payload)
        headline: dict[str, dict[str, float]] = {}
        for score in sheet.scores:
            if score.scope == "report":
                headline.setdefault(score.scope_ref, {})[score.metric] = round(score.value, 4)
        return Output({"scores": headline, "notes": payload["notes"]}, records=sheet.scores)

    def commit(self, ctx: JobContext, item: Item, output: Output) -> dict[str, Any]:
        from workbench.store.scores import save_scores

        save_scores(ctx.db, output.records)
        return output.result


class QualityReport(Step):
    name = "report"
    needs = ("score",)
    options = {
        "formats": Option("texts", ["html", "json"], "report files to write", REPORT_FORMATS),
        "worst": Option("int", 20, "worst beads shown per system", minimum=0),
    }

    def plan(self, ctx: JobContext, report: ReportInput) -> list[Item]:
        [scored] = ctx.done("score", report.name)
        payload = {
            "report": report.name,
            "options": ctx.options(Score()),
            **ctx.options(self),
            "epoch": ctx.epoch,
        }
        checked = [item.input_hash for item in ctx.done("qa", report.name)]
        return [self.item(report.name, "", payload, scored.input_hash, payload, checked)]

    def prepare(self, ctx: JobContext, item: Item) -> Any:
        from workbench.qa.report import findings_for_reports

        return {**Score.prepare(self, ctx, item), "qa": findings_for_reports(ctx.db, [item.report])}

    def compute(self, payload: Any, worker: WorkerState) -> Output:
        from workbench.score.render import render_csv, render_html, render_json
        from workbench.score.report import build_report

        sheet = score_sheet(payload)
        report = build_report(sheet, worst=payload["worst"], qa=payload.get("qa"))
        dated = datetime.fromtimestamp(payload["epoch"], UTC).isoformat(timespec="seconds")
        report = replace(report, created_at=dated)
        render = {"html": render_html, "json": render_json, "csv": render_csv}
        name = payload["report"]
        files = {
            f"{name}/{name}.quality.{fmt}": render[fmt](report).encode("utf-8")
            for fmt in payload["formats"]
        }
        return Output({"files": sorted(files)}, files)


def score_sheet(payload: dict[str, Any]) -> Any:
    from workbench.score.metrics import ScoreOptions
    from workbench.score.scopes import score_pairsets

    opts = payload["options"] or {}
    options = ScoreOptions(
        metrics=tuple(opts.get("metrics", DEFAULT_METRICS)),
        normalize=opts.get("normalize", "none"),
        tokenize=opts.get("tokenize", ScoreOptions.tokenize),
    )
    sheet = score_pairsets(
        payload["pairsets"], options, widest="report", name=payload["report"], jobs=1
    )
    sheet.notes += payload.get("notes", [])
    return sheet


def _made_by_job(ctx: JobContext, report: str) -> list[str]:
    """What the scores depend on: the job's translations and alignments of the report."""
    return [
        item.input_hash for step in ("translate-doc", "align") for item in ctx.done(step, report)
    ]


def _stored_versions(ctx: JobContext, report: str) -> list[str]:
    """A stored report's documents (its machine versions too), as "id:sha256"."""
    from workbench.store.reports import documents

    [ingested] = ctx.done("ingest", report)
    return [f"{d.id}:{d.sha256}" for d in documents(ctx.db, ingested.result["report_id"])]
