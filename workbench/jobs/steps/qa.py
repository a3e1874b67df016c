"""QA: each alignment the job made, checked pair by pair (see `workbench.qa`).

One item per alignment. The runner reads each pair's beads (reviewers' corrections applied)
and any machine translation of the source the report holds; a worker runs the checks; the
runner stores the findings (replacing what the same checks found before, while reviewers'
dismissals stay) and writes REPORT.LANGS.qa.json, the findings as `workbench qa --json`
prints them. The terms check keeps to the store's termbase (its concepts travel with the
item, and a changed termbase redoes it).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from workbench.jobs.inputs import ReportInput
from workbench.jobs.options import Option
from workbench.jobs.step import Item, JobContext, Output, Step, WorkerState
from workbench.qa.checks import CHECKS


class QA(Step):
    name = "qa"
    needs = ("align",)
    options = {"checks": Option("texts", list(CHECKS), "QA checks to run", CHECKS)}

    def plan(self, ctx: JobContext, report: ReportInput) -> list[Item]:
        opts = ctx.options(self)
        concepts = _concepts(ctx) if "terms" in opts["checks"] else []
        termbase = [asdict(c) for c in concepts]
        items = []
        for aligned in ctx.done("align", report.name):
            langs = aligned.key.split("/")[-1]
            payload = {
                "report": report.name,
                "alignment": aligned.result["alignment"],
                "langs": langs,
                "checks": opts["checks"],
                "concepts": concepts,
            }
            hashed = [aligned.input_hash, opts] + ([termbase] if termbase else [])
            items.append(self.item(report.name, langs, payload, *hashed))
        return items

    def prepare(self, ctx: JobContext, item: Item) -> Any:
        from workbench.qa.report import pair_input
        from workbench.store.alignments import get_alignment
        from workbench.store.reports import get_document

        alignment = get_alignment(ctx.db, item.payload["alignment"])
        docs = [get_document(ctx.db, i, with_segments=False) for i in alignment.document_ids]
        pairs = [pair_input(ctx.db, item.report, alignment, docs[0], d) for d in docs[1:]]
        return {**item.payload, "pairs": [asdict(p) for p in pairs]}

    def compute(self, payload: Any, worker: WorkerState) -> Output:
        from workbench.qa.report import PairInput, check_beads
        from workbench.qa.run import finding_json

        glossary = None
        if payload.get("concepts"):
            from workbench.memory.termbase import Termbase

            glossary = Termbase(payload["concepts"])
        checked = []
        for given in payload["pairs"]:
            pair = PairInput(**{**given, "beads": tuple(tuple(b) for b in given["beads"])})
            checked.append((pair, check_beads(pair, payload["checks"], glossary)))
        name = f"{payload['report']}/{payload['report']}.{payload['langs']}.qa.json"
        listed = [
            {"src_lang": p.src_lang, "tgt_lang": p.tgt_lang, **finding_json(f)}
            for p, found in checked
            for f in found
        ]
        counts = {f"{p.src_lang}-{p.tgt_lang}": len(found) for p, found in checked}
        data = json.dumps(listed, ensure_ascii=False, indent=1).encode("utf-8")
        return Output({"findings": counts, "file": name}, {name: data}, records=checked)

    def commit(self, ctx: JobContext, item: Item, output: Output) -> dict[str, Any]:
        from workbench.qa.report import save_pair

        for pair, found in output.records:
            save_pair(ctx.db, pair, found, item.payload["checks"])
        return output.result


def _concepts(ctx: JobContext) -> list[Any]:
    from workbench.store.terms import all_concepts

    return all_concepts(ctx.db)
